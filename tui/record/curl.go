package record

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// tokenPlaceholder stands for the access token in a copied curl command:
// the real token never leaves the program.
const tokenPlaceholder = "$ORCID_TOKEN"

// shownResource is the API resource behind what is shown, as the raw view
// names it: the opened work, the works list, the raw view's resource, else
// the record.
func shownResource(p *page) string {
	switch {
	case p.data == nil:
		return resRecord
	case p.tab == tabRaw:
		return p.rawRes
	case p.tab == tabWorks && p.detail != 0:
		return "work/" + strconv.FormatInt(p.detail, 10)
	case p.tab == tabWorks:
		return "works"
	case p.items.open[p.tab] != 0:
		return itemKindPath(p.tab) + "/" + strconv.FormatInt(p.items.open[p.tab], 10)
	}
	return resRecord
}

// curlCommand is a shell command that sends the request c sends for path in
// format f: the same URL (c.URL) and Accept header, and, when c sends a
// token, an Authorization header that takes it from $ORCID_TOKEN.
func curlCommand(c *orcid.Client, path string, f orcid.Format) string {
	var b strings.Builder
	b.WriteString("curl -H ")
	b.WriteString(shellQuote("Accept: " + f.MediaType()))
	if c.Authenticated() {
		b.WriteString(` -H "Authorization: Bearer ` + tokenPlaceholder + `"`)
	}
	b.WriteByte(' ')
	b.WriteString(shellQuote(c.URL(path)))
	return b.String()
}

// shellQuote quotes s for a POSIX shell with single quotes.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// Curl is the curl command reproducing the request behind what is shown,
// in the current format (the raw view's, which x switches), or "" when no
// record is open or there is no session.
func (m *Model) Curl() string {
	p := m.cur
	if p == nil {
		return ""
	}
	c := m.client(p.id)
	if c == nil {
		return ""
	}
	return curlCommand(c, resPath(p.id, shownResource(p)), p.rawFmt)
}

// copyCurl is C: the curl command to the clipboard through the root.
func (m *Model) copyCurl() tea.Cmd {
	s := m.Curl()
	if s == "" {
		m.notice = "nothing to copy here"
		return nil
	}
	return common.Cmd(common.CopyMsg{Text: s, What: "curl command"})
}
