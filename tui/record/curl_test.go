package record

import (
	"net/http"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"golang.org/x/oauth2"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// copied is the text of the one CopyMsg among msgs.
func copied(t *testing.T, msgs []tea.Msg) common.CopyMsg {
	t.Helper()
	var out []common.CopyMsg
	for _, msg := range msgs {
		if c, ok := msg.(common.CopyMsg); ok {
			out = append(out, c)
		}
	}
	if len(out) != 1 {
		t.Fatalf("%d CopyMsg in %v, want 1", len(out), msgs)
	}
	return out[0]
}

const (
	acceptJSON = `curl -H 'Accept: application/vnd.orcid+json' `
	acceptXML  = `curl -H 'Accept: application/vnd.orcid+xml' `
)

// C copies the curl command of the request behind what is shown, with the
// URL and Accept header the client sends.
func TestCopyCurl(t *testing.T) {
	m, tr := newTestModel(t, 120, 30)
	open(t, m, orcidtest.CarberryID)
	id := orcidtest.CarberryID
	pub := testBase + "/pub/v3.0/" + id
	check := func(state, want string) {
		t.Helper()
		c := copied(t, press(m, "C"))
		if c.Text != want {
			t.Errorf("%s: copied\n%s\nwant\n%s", state, c.Text, want)
		}
		if c.What != "curl command" {
			t.Errorf("%s: What %q", state, c.What)
		}
	}
	check("person", acceptJSON+"'"+pub+"/record'")
	press(m, "3") // employment: the record too
	check("employment", acceptJSON+"'"+pub+"/record'")
	press(m, "2")
	check("works list", acceptJSON+"'"+pub+"/works'")
	press(m, "enter")
	pc := m.cur.detail
	work := pub + "/work/" + itoa64(pc)
	check("opened work", acceptJSON+"'"+work+"'")
	press(m, "r")
	check("raw work JSON", acceptJSON+"'"+work+"'")
	press(m, "x")
	check("raw work XML", acceptXML+"'"+work+"'")
	press(m, "esc", "esc") // leave raw, back to the list: still XML
	check("works list after x", acceptXML+"'"+pub+"/works'")
	press(m, "0")
	check("raw record XML", acceptXML+"'"+pub+"/record'")

	// The command is the request the program sends: same URL and Accept.
	before := len(tr.log())
	press(m, "R")
	press(m, "0") // the raw XML again, loaded afresh after R
	paths := tr.log()[before:]
	found := false
	for _, p := range paths {
		found = found || p == "/pub/v3.0/"+id+"/record"
	}
	if !found {
		t.Fatalf("no request for the record's path in %v", paths)
	}
	c := m.client(m.cur.id)
	if got := m.Curl(); got != curlCommand(c, orcid.RecordPath(orcid.ID(id)), orcid.XML) || !strings.Contains(got, c.URL(orcid.RecordPath(orcid.ID(id)))) {
		t.Fatalf("Curl %q does not use the client's URL", got)
	}
}

func itoa64(n int64) string {
	var b []byte
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// Reading with a token (the member API for the signed-in user's record):
// the member URL and an Authorization header that takes the token from
// $ORCID_TOKEN; the token itself is never copied.
func TestCopyCurlMemberAPIHidesToken(t *testing.T) {
	const secret = "s3cr3t-access-token-9f8e7d"
	m, _ := newTestModel(t, 120, 30)
	tr := &handlerTransport{h: registry()}
	env := testEnv()
	hc := &http.Client{Transport: tr}
	pub := orcid.New(env, orcid.WithHTTPClient(hc), orcid.WithRateLimit(1e6, 1000))
	member := orcid.New(env, orcid.WithHTTPClient(hc), orcid.WithRateLimit(1e6, 1000),
		orcid.WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: secret, TokenType: "Bearer"}), orcid.MemberAPI))
	m.SetSession(&common.Session{Env: env, Client: pub, Member: member, SignedIn: orcidtest.CarberryID, Who: "signed in"})
	open(t, m, orcidtest.CarberryID)
	c := copied(t, press(m, "C"))
	want := acceptJSON + `-H "Authorization: Bearer $ORCID_TOKEN" '` + testBase + "/api/v3.0/" + orcidtest.CarberryID + "/record'"
	if c.Text != want {
		t.Fatalf("copied\n%s\nwant\n%s", c.Text, want)
	}
	press(m, "2", "x", "C")
	for _, msg := range press(m, "C") {
		if c, ok := msg.(common.CopyMsg); ok && (strings.Contains(c.Text, secret) || !strings.Contains(c.Text, "$ORCID_TOKEN")) {
			t.Fatalf("copied %q", c.Text)
		}
	}
	// Another record is read with the public client: no token at all.
	open(t, m, orcidtest.TanakaID)
	if c := copied(t, press(m, "C")); strings.Contains(c.Text, "Authorization") || !strings.Contains(c.Text, "/pub/v3.0/") {
		t.Fatalf("public record copied %q", c.Text)
	}
}

// C works where the record could not be shown (it is the request to try by
// hand) and says so when nothing is open.
func TestCopyCurlErrorAndEmpty(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	if msgs := press(m, "C"); len(msgs) != 0 {
		t.Fatalf("no record: %v", msgs)
	}
	open(t, m, orcidtest.LockedID)
	c := copied(t, press(m, "C"))
	if !strings.HasSuffix(c.Text, "/"+orcidtest.LockedID+"/record'") {
		t.Fatalf("locked record copied %q", c.Text)
	}
}

func TestShellQuote(t *testing.T) {
	if got := shellQuote("it's"); got != `'it'\''s'` {
		t.Fatalf("%s", got)
	}
}

// x outside the raw view switches the format and opens the raw view of
// what is shown, as r does; x again switches back without leaving it.
func TestFormatKeyOutsideRaw(t *testing.T) {
	m, _ := newTestModel(t, 120, 30)
	open(t, m, orcidtest.CarberryID)
	press(m, "2", "x")
	if m.cur.tab != tabRaw || m.cur.rawRes != "works" || m.cur.rawFmt != orcid.XML {
		t.Fatalf("x on works: tab %v res %q fmt %v", tabNames[m.cur.tab], m.cur.rawRes, m.cur.rawFmt)
	}
	v := plain(m)
	mustContain(t, v, "works · XML")
	mustContain(t, v, "<activities:works")
	mustContain(t, v, "x JSON")
	press(m, "x")
	if m.cur.tab != tabRaw || m.cur.rawFmt != orcid.JSON {
		t.Fatalf("x in raw: tab %v fmt %v", tabNames[m.cur.tab], m.cur.rawFmt)
	}
	mustContain(t, plain(m), "works · JSON")
	press(m, "esc")
	if m.cur.tab != tabWorks {
		t.Fatalf("esc: tab %v, want the works list", tabNames[m.cur.tab])
	}
	// From the person tab: the record in XML; esc comes back.
	press(m, "1", "x")
	if m.cur.tab != tabRaw || m.cur.rawRes != resRecord || m.cur.rawFmt != orcid.XML {
		t.Fatalf("x on person: tab %v res %q fmt %v", tabNames[m.cur.tab], m.cur.rawRes, m.cur.rawFmt)
	}
	mustContain(t, plain(m), "record · XML")
	press(m, "esc")
	if m.cur.tab != tabPerson {
		t.Fatalf("esc: tab %v", tabNames[m.cur.tab])
	}
	// From an opened work: that work.
	press(m, "2", "enter", "x")
	if !strings.HasPrefix(m.cur.rawRes, "work/") || m.cur.rawFmt != orcid.JSON {
		t.Fatalf("x on a work: res %q fmt %v", m.cur.rawRes, m.cur.rawFmt)
	}
	// The key's help says so.
	h := helpText(m.FullHelp()[2])
	if !strings.Contains(h, "x json/xml (opens raw)") {
		t.Fatalf("full help %q", h)
	}
}
