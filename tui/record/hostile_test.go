package record

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/internal/termcheck"
	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// TestHostileRawDoc: the raw view of the hostile record (escapes, C1 and
// bidi controls, zero-width characters, invalid UTF-8, and raw escapes in
// the XML) is safe to draw, keeps every line of the pretty-printed body
// (none added or lost), keeps safe lines byte for byte, and keeps JSON
// escapes such as \u001b as the text they are. The sanitised JSON is still
// valid JSON.
func TestHostileRawDoc(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	c := orcid.New(srv.Environment(), orcid.WithHTTPClient(srv.HTTPClient()))
	for _, f := range []orcid.Format{orcid.JSON, orcid.XML} {
		t.Run(f.String(), func(t *testing.T) {
			body, err := c.Get(context.Background(), orcidtest.HostileID+"/record", f, nil)
			if err != nil {
				t.Fatal(err)
			}
			d := newRawDoc(body, f)
			texts := make([]string, len(d.lines))
			for i, l := range d.lines {
				texts[i] = l.text
			}
			joined := strings.Join(texts, "\n")
			if p := termcheck.Problem(joined, false); p != "" {
				t.Fatalf("raw view: %s", p)
			}
			pretty := strings.Split(strings.TrimRight(string(body.Pretty()), "\n"), "\n")
			if len(pretty) != len(d.lines) {
				t.Fatalf("%d lines drawn, the body has %d", len(d.lines), len(pretty))
			}
			unsafe := 0
			for i, p := range pretty {
				if termcheck.Problem(p, false) != "" {
					unsafe++
					continue
				}
				if texts[i] != p {
					t.Errorf("line %d changed:\n got %q\nwant %q", i+1, texts[i], p)
				}
			}
			if unsafe < 20 {
				t.Errorf("only %d unsafe lines in the hostile body: the record lost its teeth", unsafe)
			}
			switch f {
			case orcid.JSON:
				if !json.Valid([]byte(joined)) {
					t.Error("the sanitised JSON is no longer JSON")
				}
				if !strings.Contains(joined, `\u001b[2J`) || !strings.Contains(joined, `\u001b]52;c;`) {
					t.Error("JSON escapes (text) were removed")
				}
			case orcid.XML:
				if !strings.Contains(joined, "<personal-details:family-name>Hostile") {
					t.Error("family name element lost")
				}
			}
		})
	}
}
