package envpane

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// View implements common.Pane.
func (m *Model) View() string {
	if m.w < 4 || m.h < 3 {
		return ""
	}
	ih := m.h - 2
	title, lines := m.content()
	maxScroll := max(0, len(lines)-ih)
	scroll := min(m.scroll, maxScroll)
	info := ""
	if maxScroll > 0 {
		info = fmt.Sprintf("%d/%d", scroll+1, maxScroll+1)
	}
	body := strings.Join(lines[scroll:min(len(lines), scroll+ih)], "\n")
	return m.st.Box(title, info, body, m.w, m.h, m.focused)
}

// content is the pane's title and its lines (one screen line each).
func (m *Model) content() (string, []string) {
	iw := max(1, m.w-2)
	var lines []string
	title := "Environment"
	switch m.mode {
	case modeEdit:
		title = "Credentials · " + m.cur().spec.label()
		lines = m.editLines(iw)
	case modeScopes:
		title = "Sign in · " + m.cur().spec.label()
		lines = m.scopeLines(iw)
	case modeFlow:
		title = "Sign in · " + m.cur().spec.label()
		lines = m.flowLines(iw)
	default:
		lines = m.browseLines(iw)
	}
	flat := lines[:0:0]
	for _, l := range lines {
		flat = append(flat, strings.Split(l, "\n")...)
	}
	return sanitize.Line(title), flat
}

// clampScroll keeps the scroll offset within the content.
func (m *Model) clampScroll() {
	_, lines := m.content()
	m.scroll = max(0, min(m.scroll, len(lines)-(m.h-2)))
}

func (m *Model) section(s string) string { return m.st.Header.Render(s) }

// kv is one "label value" line with the label dimmed.
func (m *Model) kv(label, value string, width int) string {
	return " " + m.st.Label.Render(fmt.Sprintf("%-*s", width, label)) + " " + value
}

// kvURL is a "label value" line whose value is a URL: when it does not fit
// it wraps under itself at its slashes and separators, never cut, so it can
// be read and copied whole (the box would cut it silently).
func (m *Model) kvURL(label, u string, width, iw int) []string {
	return m.kvWrap(label, u, width, iw, func(s string, w int) []string {
		return strings.Split(ansi.Wrap(s, w, "/?&"), "\n")
	})
}

// kvWrap is a "label value" line whose value, when it does not fit, wraps
// under itself (under the label when the pane is too narrow beside it).
func (m *Model) kvWrap(label, v string, width, iw int, wrap func(string, int) []string) []string {
	width = max(width, ansi.StringWidth(label))
	vw := iw - width - 2
	if ansi.StringWidth(v) <= vw {
		return []string{m.kv(label, v, width)}
	}
	indent := strings.Repeat(" ", width+2)
	if vw < 16 {
		// Too narrow beside the label: under it, a cell in.
		vw, indent = iw-1, " "
	}
	lines := wrap(v, vw)
	var out []string
	if indent == " " {
		out = append(out, " "+m.st.Label.Render(label))
	} else {
		out = append(out, m.kv(label, lines[0], width))
		lines = lines[1:]
	}
	for _, l := range lines {
		out = append(out, indent+l)
	}
	return out
}

func (m *Model) browseLines(iw int) []string {
	st := m.st
	wide := m.Wide()
	var out []string
	for i, e := range m.envs {
		dot := "  "
		if i == m.active {
			dot = "● "
		}
		line := dot + sanitize.Line(e.spec.label())
		if i == m.cursor && m.focused {
			out = append(out, st.Selected.Render(common.Fit(st.Marker+line, iw)))
		} else if i == m.cursor {
			out = append(out, st.Marker+line)
		} else {
			out = append(out, st.NoMarker+line)
		}
	}
	e := m.cur()
	if e == nil {
		return append(out, st.Dim.Render("no environments configured"))
	}
	if m.cursor != m.active && m.cursor < len(m.envs) {
		// What follows, and what e, c and l act on, is the environment in
		// use, not the one under the cursor.
		n := "Below: " + e.spec.label() + ", in use. enter switches to " + m.envs[m.cursor].spec.label() + "."
		out = append(out, "", st.Dim.Render(wrapIndent(sanitize.Line(n), iw, "")))
	}
	if m.storeNotice != "" && wide {
		n := sanitize.Line(m.storeNotice)
		switch {
		case m.storeWhy != "" && m.showWhy:
			n += " · keyring: " + sanitize.Line(m.storeWhy)
		case m.storeWhy != "":
			n += " (! why)"
		}
		out = append(out, "", st.Dim.Render(ansi.Wrap(n, iw, "")))
	}

	out = append(out, "", m.section("URLs"))
	urlOf := func(u string) string {
		if wide {
			return sanitize.Line(u)
		}
		if p, err := url.Parse(u); err == nil && p.Host != "" {
			return sanitize.Line(p.Host)
		}
		return sanitize.Line(u)
	}
	out = append(out, m.kvURL("registry", urlOf(e.spec.RegistryURL), 8, iw)...)
	out = append(out, m.kvURL("public", urlOf(e.spec.PublicAPIURL), 8, iw)...)
	out = append(out, m.kvURL("member", urlOf(e.spec.MemberAPIURL), 8, iw)...)

	out = append(out, m.section("Credentials"))
	if e.spec.ClientID == "" {
		out = append(out, m.kv("client", st.Dim.Render("none (e to enter)"), 6))
	} else {
		out = append(out, m.kv("client", maskClientID(sanitize.Line(e.spec.ClientID)), 6))
	}
	if e.spec.ClientSecret == "" {
		out = append(out, m.kv("secret", st.Dim.Render("none"), 6))
	} else {
		out = append(out, m.kv("secret", secretMask, 6))
	}
	if wide {
		ru := e.spec.RedirectURI
		if ru == "" {
			ru = auth.DefaultRedirectURI
			if e.spec.AnyLoopbackPort {
				ru = "http://127.0.0.1:<any port>/callback"
			}
		}
		out = append(out, m.kvURL("redirect", sanitize.Line(ru), 6, iw)...)
	}

	out = append(out, m.section("Client token"))
	if e.clientTok == nil {
		out = append(out, " "+st.Dim.Render("none: reads are anonymous"))
	} else {
		sum := e.clientSum
		out = append(out, " "+sanitize.Line(sum.Scopes))
		if wide {
			out = append(out, m.kv("token", sanitize.Line(sum.AccessToken), 7))
		}
		out = append(out, m.kv("expires", m.expiry(sum.Expiry), 7))
	}

	out = append(out, m.section("Signed in"))
	if e.user == nil {
		out = append(out, " "+st.Dim.Render("nobody (l to sign in)"))
	} else {
		out = append(out, m.userLines(e, wide, iw)...)
	}

	if e.busy != "" {
		out = append(out, "", m.spin.View()+" "+e.busy+"…")
	}
	if e.errMsg != "" {
		out = append(out, "", st.Error.Render("✗ ")+wrapIndent(e.errMsg, iw-2, "  "))
	} else if e.note != "" {
		out = append(out, "", st.OK.Render("✓ ")+wrapIndent(sanitize.Line(e.note), iw-2, "  "))
	}
	if !wide {
		out = append(out, "",
			st.HelpKey.Render("[e]")+" credentials",
			st.HelpKey.Render("[c]")+" client token",
			st.HelpKey.Render("[l]")+" sign in (browser)")
	}
	return out
}

func (m *Model) userLines(e *envState, wide bool, iw int) []string {
	st := m.st
	sum := e.userSum
	out := []string{" " + string(sum.ORCID)}
	if sum.Name != "" {
		out = append(out, " "+sanitize.Line(sum.Name))
	}
	out = append(out, m.kvWrap("scopes", sanitize.Line(sum.Scopes), 7, iw, wrapWords)...)
	if wide {
		tok := sanitize.Line(sum.AccessToken)
		if sum.RefreshToken != "" {
			tok += " · refresh " + sanitize.Line(sum.RefreshToken)
		}
		out = append(out, m.kv("token", tok, 7))
	}
	out = append(out, m.kv("expires", m.expiry(sum.Expiry), 7))
	switch {
	case e.member != nil:
		out = append(out, " "+st.OK.Render("member API")+" for this record")
	case e.memberErr != "" && wide:
		out = append(out, " "+st.Dim.Render(wrapIndent(e.memberErr, iw-1, " ")))
	}
	if !wide {
		return out
	}
	if c := sum.Claims; c != nil {
		verified := "id_token claims (decoded from the stored token)"
		if e.user.Claims != nil {
			verified = "id_token claims (verified: RS256, issuer, audience, nonce, expiry)"
		}
		out = append(out, m.section(verified))
		add := func(k, v string) {
			if v != "" {
				out = append(out, m.kv(k, sanitize.Line(v), 9))
			}
		}
		add("iss", c.Issuer)
		add("sub", c.Subject)
		add("aud", strings.Join(c.Audience, " "))
		add("name", c.Name)
		add("given", c.GivenName)
		add("family", c.FamilyName)
		add("amr", c.AMR)
		add("issued", fmtTime(c.IssuedAt))
		add("auth_time", fmtTime(c.AuthTime))
		add("expires", fmtTime(c.Expiry))
	}
	if u := e.user.UserInfo; u != nil {
		out = append(out, m.section("userinfo"))
		add := func(k string, v *string) {
			if v != nil && *v != "" {
				out = append(out, m.kv(k, sanitize.Line(*v), 9))
			}
		}
		add("id", &u.ID)
		add("sub", &u.Sub)
		add("name", u.Name)
		add("given", u.GivenName)
		add("family", u.FamilyName)
	}
	out = append(out, " "+st.Dim.Render("f refresh · v revoke · F forget · o open my record"))
	return out
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

func (m *Model) expiry(t time.Time) string {
	if t.IsZero() {
		return m.st.Dim.Render("unknown")
	}
	s := t.Local().Format(time.DateOnly)
	if !m.now().Before(t) {
		return m.st.Error.Render(s + " (expired)")
	}
	return s
}

func maskClientID(id string) string {
	// Eight cells and an ellipsis; never a byte cut through a character.
	if ansi.StringWidth(id) > 8 {
		return common.Truncate(id, 9, "…")
	}
	return id
}

func (m *Model) editLines(iw int) []string {
	st := m.st
	e := m.cur()
	out := []string{
		st.Dim.Render(ansi.Wrap("The client id and secret of an application registered with "+sanitize.Line(e.spec.label())+". "+m.keptWhere(e)+"; the secret is never shown.", iw, "")),
		"",
		m.idInput.View(),
		m.secretView(),
		"",
		st.Dim.Render("tab next field · enter save · esc cancel"),
	}
	return out
}

func (m *Model) scopeLines(iw int) []string {
	st := m.st
	e := m.cur()
	out := []string{st.Dim.Render("Choose what to ask for:"), ""}
	nameW := 0
	for _, s := range auth.SignInScopes {
		nameW = max(nameW, len(s))
	}
	for i, s := range auth.SignInScopes {
		box := "[ ]"
		if slices.Contains(e.scopes, s) {
			box = "[x]"
		}
		// The description wraps under itself: cut, it no longer said
		// what the scope grants.
		head := fmt.Sprintf("%s %-*s  ", box, nameW, s)
		indent := ansi.StringWidth(st.NoMarker) + ansi.StringWidth(head)
		desc := strings.Split(ansi.Wrap(auth.ScopeDescription(s), max(iw-indent, 12), ""), "\n")
		for j, d := range desc {
			line := head + d
			if j > 0 {
				line = strings.Repeat(" ", ansi.StringWidth(head)) + d
			}
			if i == m.scopeCursor && j == 0 {
				out = append(out, st.Selected.Render(common.Fit(st.Marker+line, iw)))
			} else {
				out = append(out, st.NoMarker+line)
			}
		}
	}
	ru := e.spec.RedirectURI
	if ru == "" {
		ru = auth.DefaultRedirectURI
		if e.spec.AnyLoopbackPort {
			ru = "http://127.0.0.1:<any free port>/callback"
		}
	}
	out = append(out, "")
	out = append(out, m.kvURL("redirect", sanitize.Line(ru), 8, iw)...)
	out = append(out, "", st.Dim.Render("space toggle · enter sign in · esc cancel"))
	return out
}

func (m *Model) flowLines(iw int) []string {
	st := m.st
	e := m.cur()
	f := e.flow
	if f == nil {
		return []string{st.Dim.Render("no sign-in under way")}
	}
	var out []string
	if f.flow == nil && !f.done {
		out = append(out, m.spin.View()+" starting the listener…")
	}
	for _, ev := range f.events {
		if ev.Step == auth.URLToCopy {
			// The URL itself is drawn below; only say whether the browser opened.
			if ev.Err != nil {
				short := sanitize.Line(ev.Err.Error())
				out = append(out, st.Warning.Render("! ")+wrapIndent("no browser opened: "+short+" — open the URL below yourself", iw-2, "  "))
			}
			continue
		}
		icon := st.OK.Render("✓ ")
		if ev.Err != nil || ev.Step == auth.Failed {
			icon = st.Error.Render("✗ ")
		}
		// The step's name, then its detail, unless the detail already
		// starts with the same words.
		text := ev.Step.String()
		if d := sanitize.Line(ev.Detail); d != "" && ev.Step != auth.Failed {
			first, _, _ := strings.Cut(text, " ")
			if strings.HasPrefix(strings.ToLower(d), strings.ToLower(first)) {
				text = d
			} else {
				text += ": " + d
			}
		}
		if ev.Err != nil {
			text += " — " + sanitize.Line(ev.Err.Error())
		}
		out = append(out, icon+wrapIndent(text, iw-2, "  "))
	}
	switch {
	case !f.done && f.flow != nil:
		out = append(out, m.spin.View()+" waiting for the browser (esc cancels)")
	case f.done && f.err != "":
		out = append(out, st.Error.Render("✗ "+f.err), st.Dim.Render("l try again · esc close"))
	case f.done:
		out = append(out, st.Dim.Render("esc close"))
	}
	if f.url != "" && !f.done {
		out = append(out, "", m.section("Authorize URL")+st.Dim.Render("  o open · y copy"))
		// Hard-wrap so the whole URL can be selected with the mouse.
		for _, l := range strings.Split(ansi.Hardwrap(f.url, iw, false), "\n") {
			out = append(out, st.Link.Render(l))
		}
		out = append(out, "")
		if f.input {
			out = append(out, f.paste.View())
		} else {
			out = append(out, st.Dim.Render("p paste the redirected URL or the code (no browser here?)"))
		}
		if f.pasted != "" {
			out = append(out, st.Dim.Render(wrapIndent(f.pasted, iw, "")))
		}
	}
	return out
}

// secretMask stands for any secret: one bullet per character would show
// anyone looking at the screen how long it is.
const secretMask = "••••••••"

// secretView is the secret field as a fixed mask, with the cursor after
// it while the field has the keyboard (typing and backspace still edit the
// value the input holds).
func (m *Model) secretView() string {
	st := m.st
	v := st.Dim.Render("(empty)")
	if m.secretInput.Value() != "" {
		v = secretMask
	}
	if m.secretInput.Focused() {
		v += lipgloss.NewStyle().Reverse(true).Render(" ")
	}
	return m.secretInput.Prompt + v
}
