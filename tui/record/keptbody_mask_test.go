package record

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"golang.org/x/oauth2"

	"github.com/orcid-tui/orcid-tui/internal/redact"
	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// TestRawViewMasksEchoedToken: a server that echoes the member session's
// token inside the 200 record gets it masked in the raw view (r), which
// is made from the kept copy with no second request — whole, split over
// two network writes, upper-cased. The raw view is line for line the
// masked record, and its size and the kept size are the masked length.
func TestRawViewMasksEchoedToken(t *testing.T) {
	const tok = "1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901"
	m0, _ := newTestModel(t, 160, 48)
	compact := served(t, m0.sess.Client, orcidtest.CarberryID, "application/json")
	withEcho := func(s string) []byte {
		return append([]byte(`{"echo":"`+s+`",`), compact[1:]...)
	}
	for _, tt := range []struct {
		name    string
		echo    string // what the server quotes
		split   bool
		overCap bool // the body, sent with no length, is a byte over the client's cap
	}{
		{"the token whole", tok, false, false},
		{"the token split over two writes", tok, true, false},
		{"the token upper-cased", strings.ToUpper(tok), true, false},
		{"over the cap", tok, true, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := withEcho(tt.echo)
			want := withEcho(redact.Mask(tt.echo))
			var requests atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				requests.Add(1)
				if r.Header.Get("Authorization") != "Bearer "+tok || !strings.HasSuffix(r.URL.Path, "/record") {
					http.Error(w, "unexpected", http.StatusTeapot)
					return
				}
				w.Header().Set("Content-Type", "application/json;charset=UTF-8")
				if !tt.overCap {
					w.Header().Set("Content-Length", strconv.Itoa(len(body)))
				}
				at := bytes.Index(body, []byte(tt.echo)) + len(tt.echo)/2
				if !tt.split {
					at = len(body)
				}
				w.Write(body[:at])
				w.(http.Flusher).Flush()
				w.Write(body[at:])
			}))
			t.Cleanup(srv.Close)
			env := orcid.Environment{Name: "echo", RegistryURL: srv.URL, PublicAPIURL: srv.URL + "/pub", MemberAPIURL: srv.URL + "/api", AnyLoopbackPort: true}
			pub := orcid.New(env, orcid.WithRateLimit(1e6, 1000))
			opts := []orcid.Option{orcid.WithRateLimit(1e6, 1000), orcid.WithMaxRetries(0)}
			if tt.overCap {
				opts = append(opts, orcid.WithMaxBodySize(int64(len(body)-1)))
			}
			member := orcid.New(env, append(opts,
				orcid.WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tok, TokenType: "Bearer"}), orcid.MemberAPI))...)
			m, _ := newTestModel(t, 160, 48)
			m.SetSession(&common.Session{Env: env, Client: pub, Member: member, SignedIn: orcidtest.CarberryID, Who: "signed in"})
			open(t, m, orcidtest.CarberryID)
			if tt.overCap {
				if !errors.Is(m.cur.err, orcid.ErrBodyTooLarge) || m.cur.body != nil {
					t.Fatalf("err %v, kept %v: want ErrBodyTooLarge and nothing kept", m.cur.err, m.cur.body)
				}
				return
			}
			if m.cur.err != nil || m.cur.body == nil {
				t.Fatalf("record not read: %v", m.cur.err)
			}
			if m.cur.body.size != len(want) {
				t.Errorf("kept %d bytes, want the %d of the masked record", m.cur.body.size, len(want))
			}
			press(m, "r")
			if n := requests.Load(); n != 1 {
				t.Errorf("%d requests, want the record's one", n)
			}
			got := m.cur.raws[rawKey{resRecord, orcid.JSON}]
			wantDoc := newRawDoc(&orcid.Body{URL: member.URL(orcid.RecordPath(orcidtest.CarberryID)), Data: want}, orcid.JSON)
			if got == nil || len(got.lines) != len(wantDoc.lines) || got.size != len(want) {
				t.Fatalf("raw view missing or not the masked record's size and lines")
			}
			for i := range got.lines {
				if !reflect.DeepEqual(got.lines[i], wantDoc.lines[i]) {
					t.Fatalf("raw view line %d is %q, want %q", i, got.lines[i].text, wantDoc.lines[i].text)
				}
			}
			screen := plain(m)
			if !strings.Contains(screen, `"echo"`) || !strings.Contains(screen, redact.Mask(tt.echo)) {
				t.Errorf("the raw view does not show the masked echo:\n%s", screen)
			}
			if strings.Contains(strings.ToLower(screen), tok[8:]) {
				t.Errorf("the token is on screen:\n%s", screen)
			}
		})
	}
}
