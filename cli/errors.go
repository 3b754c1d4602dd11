package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/orcid-tui/orcid-tui/internal/explain"
)

// describeError turns any error into ONE plain line: what failed and what to
// do. Never a Go error dump: package explain classifies the error and words
// what failed (sanitised); this adds the CLI's advice (flags and commands).
func describeError(ctx context.Context, err error) string {
	if err == nil {
		return ""
	}
	if ctx.Err() != nil {
		// Whatever failed after Ctrl-C (a request, the limiter, a sign-in)
		// failed because of it.
		return "interrupted"
	}
	var ue *userError
	if errors.As(err, &ue) {
		return ue.msg
	}
	return cliLine(explain.Of(err))
}

// cliLine is x's words and the CLI's remedy for it.
func cliLine(x explain.Explanation) string {
	if r := cliRemedy(x); r != "" {
		if strings.Contains(x.What, " — ") {
			return x.What + "; " + r // one dash a line
		}
		return x.What + " — " + r
	}
	return x.What
}

// cliRemedy words x's remedy for the command line.
func cliRemedy(x explain.Explanation) string {
	switch x.Remedy {
	case explain.TryAgain:
		return "try again"
	case explain.TryLater:
		return "try again later"
	case explain.WaitAndRetry:
		return "wait a little and try again"
	case explain.TryTomorrow:
		return "try again tomorrow, or use a client id and secret (--client-id, --client-secret)"
	case explain.OpenPrimary:
		return "run: orcid-tui show " + string(x.Primary)
	case explain.SearchByName:
		return "search for the person's name"
	case explain.FixID:
		return "an ORCID iD looks like 0000-0002-1825-0097"
	case explain.CheckIDAndEnv:
		return "check the iD and the environment (production and sandbox are separate registries)"
	case explain.SignIn, explain.NewToken:
		return "run: orcid-tui login"
	case explain.SignInAgain, explain.CheckRegistry:
		r := "run orcid-tui login again"
		if x.Remedy == explain.CheckRegistry {
			r += ", and check --registry-url if it keeps failing"
		}
		return r
	case explain.SignInWithScope:
		return "sign in with the scope it needs: orcid-tui login --scopes LIST"
	case explain.ReadLimited:
		return "reading it needs a member token with /read-limited: run orcid-tui login"
	case explain.CheckClient:
		return "check --client-id and --client-secret"
	case explain.CheckCredentials:
		return "check the client id and secret, or run: orcid-tui login"
	case explain.SetCredentials:
		return "set --client-id and --client-secret (or ORCID_CLIENT_ID and ORCID_CLIENT_SECRET)"
	case explain.CheckQuery:
		return "check the query and flags"
	case explain.CheckAPIURL:
		return "is this an ORCID API? check --pub-url / --api-url"
	case explain.CheckAPIURLOrLater:
		return "is this an ORCID API? check --pub-url / --api-url, or try again later"
	case explain.CheckNetwork:
		return "check your network or " + flagForHost(x.Host)
	case explain.MoreTime:
		return "run orcid-tui login again (or use --timeout)"
	case explain.Authorize:
		return "run orcid-tui login again and press Authorize"
	case explain.CheckRedirect:
		return "check the client's registered redirect URI and scopes"
	case explain.CheckClock:
		return "check this computer's clock, then run orcid-tui login again"
	case explain.OpenElsewhere:
		return "run orcid-tui login --no-browser and open the printed URL on your computer"
	case explain.Chmod:
		return "run: chmod 600 " + x.Path
	case explain.CheckRecord:
		return "check the record (orcid-tui show) before trying again, or it may be written twice"
	case explain.UpdateExisting:
		if x.PutCode != 0 && x.Item != "" {
			return fmt.Sprintf("update it instead: orcid-tui update %s %d --file FILE", x.Item, x.PutCode)
		}
		return "update the existing item instead (orcid-tui update)"
	case explain.SignInAsHolder:
		return "run orcid-tui login as that record's holder"
	}
	return ""
}

// userError is an error whose message is already a complete line for the
// user (what failed and what to do).
type userError struct{ msg string }

func (e *userError) Error() string { return e.msg }

func userErrorf(format string, a ...any) error {
	return &userError{msg: fmt.Sprintf(format, a...)}
}

// flagForHost is a guess at the flag that sets host; precise enough for a
// hint.
func flagForHost(host string) string {
	switch {
	case strings.Contains(host, "://pub."):
		return "--pub-url"
	case strings.Contains(host, "://api."):
		return "--api-url"
	}
	return "--pub-url / --registry-url"
}
