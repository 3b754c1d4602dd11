package search

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// Columns give room to what is there: no other names, no column; the name
// is cut last.
func TestColumnsFollowTheRows(t *testing.T) {
	long := "Maria Fernanda de los Ángeles Gutiérrez-Villanueva"
	for _, tc := range []struct {
		name      string
		rows      []row
		iw        int
		wantOther bool
		wholeName string // shown whole
	}{
		{"no other names", []row{{id: "0000-0002-1825-0097", name: "Josiah Carberry", inst: "Brown University"}}, 78, false, "Josiah Carberry"},
		{"other names", []row{{id: "0000-0002-1825-0097", name: "Josiah Carberry", other: "J. S. Carberry", inst: "Brown University"}}, 78, true, "Josiah Carberry"},
		{"long name at 80", []row{{id: "0000-0002-1825-0097", name: long, other: "M. Gutiérrez", inst: "Universidad Nacional Autónoma de México"}}, 78, false, ""},
		{"long name at 120", []row{{id: "0000-0002-1825-0097", name: long, other: "M. Gutiérrez", inst: "Universidad Nacional Autónoma de México"}}, 118, true, long},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newPane(t, nil)
			m.onResults(resultsMsg{req: m.fetchReq(t), rows: tc.rows, total: int64(len(tc.rows))})
			c := m.columns(tc.iw)
			if (c.other > 0) != tc.wantOther {
				t.Errorf("other names column %d cells, want shown=%v (%+v)", c.other, tc.wantOther, c)
			}
			header, line := c.header(), c.row(tc.rows[0])
			if strings.Contains(header, "Other") != tc.wantOther {
				t.Errorf("header %q", header)
			}
			if tc.wholeName != "" && !strings.Contains(line, tc.wholeName) {
				t.Errorf("name cut: %q", line)
			}
			if w := ansi.StringWidth("  " + line); w > tc.iw {
				t.Errorf("row %d cells, wider than %d: %q", w, tc.iw, line)
			}
			if c.inst > 0 && c.inst < minInstW {
				t.Errorf("institutions %d cells", c.inst)
			}
		})
	}
}

// fetchReq makes m wait for an answer, as a search would, and returns the
// request id the answer must carry.
func (m *Model) fetchReq(t *testing.T) uint64 {
	t.Helper()
	m.resultSet = resultSet{q: orcid.ParseQuery("x"), searched: true}
	m.req, m.loading = 42, true
	return 42
}
