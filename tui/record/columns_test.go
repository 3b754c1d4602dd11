package record

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestShortTypeLabels(t *testing.T) {
	for k, v := range typeShort {
		if w := ansi.StringWidth(v); w > typeW {
			t.Errorf("label of %s is %q, %d cells: more than typeW %d", k, v, w, typeW)
		}
	}
	tests := []struct{ in, want string }{
		{"journal-article", "article"},
		{"lecture-speech", "lecture"},
		{"working-paper", "work paper"},
		{"magazine-article", "magazine"},
		{"JOURNAL_ARTICLE", "article"}, // the 2.x spelling
		{"some-new-type", "some new type"},
	}
	for _, tt := range tests {
		if got := shortType(tt.in); got != tt.want {
			t.Errorf("shortType(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWorkColumns(t *testing.T) {
	// Widest cells of a typical record: labels, a long title, journal, DOI.
	const typ, title, journal, doi = 10, 160, 40, 21
	tests := []struct {
		name       string
		w          int
		minTitle   int
		journal    bool
		doiAtLeast int
	}{
		{"80 columns", 76, 35, false, 21}, // the DOI whole: it is cut last
		{"120 columns with the env pane", 86, 45, false, 21},
		{"160 columns", 156, 75, true, 21},
		{"200 columns with the env pane", 166, 80, true, 21},
		{"narrow", 45, 20, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := workColumns(tt.w, typ, title, journal, doi)
			if c.typ < typ {
				t.Errorf("type column %d cells, labels need %d", c.typ, typ)
			}
			if c.title < tt.minTitle {
				t.Errorf("title column %d cells, want at least %d (%+v)", c.title, tt.minTitle, c)
			}
			if (c.journal > 0) != tt.journal {
				t.Errorf("journal column %d cells, want shown=%v", c.journal, tt.journal)
			}
			if c.doi < tt.doiAtLeast {
				t.Errorf("DOI column %d cells, want at least %d", c.doi, tt.doiAtLeast)
			}
			row := c.format([]string{"2021", "conf paper", longTitle, "Journal of Psychoceramics and Related Studies", "10.5555/psy.2012.0001"})
			if got := ansi.StringWidth(row); got > tt.w {
				t.Errorf("row is %d cells, wider than %d", got, tt.w)
			}
		})
	}
	// A long DOI is cut in the middle, and only down to what leaves the
	// title its minimum; two that differ at the end still look different.
	c := workColumns(60, 10, 160, 0, 40)
	if c.title < minTitleW || c.doi == 0 {
		t.Errorf("long DOI at 60: %+v", c)
	}
	a := c.format([]string{"2021", "article", longTitle, "", "10.5555/helix.2025.0000000000000000055"})
	b := c.format([]string{"2021", "article", longTitle, "", "10.5555/helix.2025.0000000000000000081"})
	if a == b || !strings.HasSuffix(a, "055") || !strings.HasSuffix(b, "081") {
		t.Errorf("DOIs that differ at the end look alike:\n%s\n%s", a, b)
	}
	// Short titles leave their room to the DOI.
	c = workColumns(86, 7, 20, 30, 30)
	if c.doi < 30 {
		t.Errorf("short titles: DOI column %d cells, want 30 (%+v)", c.doi, c)
	}
}

const longTitle = "Why do pots crack? A preprint on spontaneous crazing in stoneware glazes subjected to prolonged exposure to departmental faculty meetings"
