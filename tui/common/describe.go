package common

import (
	"fmt"
	"strings"

	"github.com/orcid-tui/orcid-tui/internal/explain"
	"github.com/orcid-tui/orcid-tui/internal/sanitize"
)

// Describe turns an error into plain words for the status line (short, one
// line, says what failed and what to do) and a longer, sanitised detail shown
// one key away. Both are safe to draw. Package explain classifies the error
// and says what failed; this adds the TUI's advice (keys and panes).
func Describe(err error) (short, detail string) {
	if err == nil {
		return "", ""
	}
	detail = sanitize.Text(err.Error())
	return describe(err), detail
}

func describe(err error) string {
	x := explain.Of(err)
	what := x.What
	if x.Kind == explain.Unknown {
		what = firstLine(err.Error(), 120)
	}
	if r := remedy(x); r != "" {
		what += "; " + r
	}
	return sanitize.Line(what)
}

// remedy words x's remedy for the TUI.
func remedy(x explain.Explanation) string {
	switch x.Remedy {
	case explain.TryAgain:
		return "press R to try again"
	case explain.TryLater:
		return "try again later (R)"
	case explain.WaitAndRetry:
		return "wait a little and press R"
	case explain.TryTomorrow:
		return "try again tomorrow, or get a client token (c) for a larger quota"
	case explain.OpenPrimary:
		return "" // the record pane offers it: "enter opens …"
	case explain.SearchByName:
		return "search for the person's name (/)"
	case explain.FixID:
		return "an ORCID iD looks like 0000-0002-1825-0097"
	case explain.CheckIDAndEnv:
		return "check the iD and the environment (production and sandbox are separate registries)"
	case explain.SignIn:
		return "get a token in the environment pane (c) or sign in (l)"
	case explain.NewToken:
		return "get a new one in the environment pane (c) or sign in again (l)"
	case explain.SignInAgain, explain.CheckRegistry:
		return "press l to sign in again"
	case explain.SignInWithScope:
		return "sign in with the scope it needs (l)"
	case explain.ReadLimited:
		return "reading it needs a member token with /read-limited: sign in (l)"
	case explain.CheckClient:
		return "check the credentials (e)"
	case explain.CheckCredentials:
		return "check the credentials (e) or sign in again (l)"
	case explain.SetCredentials:
		return "press e in the environment pane"
	case explain.CheckQuery:
		return "check the query"
	case explain.CheckAPIURL:
		return "is the URL of the API right? check the environment pane"
	case explain.CheckAPIURLOrLater:
		return "is the URL of the API right? else try again later (R)"
	case explain.CheckNetwork:
		if x.Local {
			return "is the local ORCID instance running?"
		}
		return "are you online? else check the environment pane"
	case explain.MoreTime:
		return "press l to try again"
	case explain.Authorize:
		return "press l to try again, and authorize"
	case explain.CheckRedirect:
		return "check the client's registered redirect URI and scopes"
	case explain.CheckClock:
		return "check this computer's clock, then press l to sign in again"
	case explain.OpenElsewhere:
		return "copy the URL with y and open it on your computer"
	case explain.Chmod:
		return "run chmod 600 on it"
	case explain.CheckRecord:
		return "reload the record (R) before trying again, or it may be written twice"
	case explain.UpdateExisting:
		if x.PutCode != 0 {
			return fmt.Sprintf("edit put-code %d instead (e)", x.PutCode)
		}
		return "edit the existing item instead (e)"
	case explain.SignInAsHolder:
		return "sign in as the record's holder (l)"
	}
	// FixItem: the words already say what to change.
	return ""
}

// firstLine returns s's first line, cut to n runes.
func firstLine(s string, n int) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return sanitize.Truncate(sanitize.Line(s), n)
}
