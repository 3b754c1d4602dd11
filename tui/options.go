// Package tui is the interactive ORCID explorer: one Bubble Tea v2 program
// with an environment & credentials pane, a search pane and a record pane,
// a status bar with live request figures, and key help.
//
// Start it with Run; tests build the model with New.
package tui

import (
	"net/http"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui/envpane"
)

// Env is one environment offered in the environment pane, with its client
// credentials, registered redirect URI and preselected sign-in scopes.
type Env = envpane.Env

// Options configure the program. Only Environments is required.
type Options struct {
	// Environments in display order (production, sandbox, configured
	// ones, demo). Each carries its credentials; ClientSecret is never drawn.
	Environments []Env
	// Initial is the name of the environment in use at start; "" means
	// the first.
	Initial string

	// Store keeps tokens across runs (auth.OpenStore); nil keeps them in
	// memory for this run only. StoreNotice, when set, is shown in the
	// environment pane ("tokens are kept in …").
	Store       auth.Store
	StoreNotice string

	// PublicOptions and MemberOptions are passed to every orcid.Client for
	// the public and the member API (rate limits, user agent, HTTP client).
	PublicOptions []orcid.Option
	MemberOptions []orcid.Option
	// HTTPClient makes auth's requests (token, revoke, OIDC); nil means the
	// environment's rate-limited client, so OAuth calls share the limiter.
	HTTPClient *http.Client

	// Theme is "auto" (ask the terminal for its background; the default),
	// "dark" or "light".
	Theme string
	// NoColor draws without colour. Run also sets it when the NO_COLOR
	// environment variable is non-empty (any value, as no-color.org says).
	NoColor bool

	// Query is searched for at start; a pasted iD opens that record.
	Query string

	// Demo says the environments include the offline in-process registry;
	// it only changes wording.
	Demo bool

	// OpenBrowser opens a URL; nil means auth.OpenBrowser (launcher output
	// discarded, $BROWSER honoured, nothing opened over SSH).
	OpenBrowser func(url string) error

	// SaveCredentials keeps the client id and secret the user confirms in
	// the environment pane (e) beyond this run: the program saves the id in
	// the config file and the secret in the OS keyring, and answers in plain
	// words where each went or why not (the answer never holds the secret;
	// err is set when something was not saved). It runs off the UI
	// goroutine, one call at a time, never for the demo environment. Nil
	// keeps edited credentials for this run only; tui writes no file itself.
	SaveCredentials func(env, clientID, secret string) (said string, err error)

	// CitationFormat is the format Y copies a work's citation in (bibtex,
	// ris, csl-json, csv: config's citation_format); "" asks the first time.
	CitationFormat string
	// SaveCitationFormat keeps the format chosen when CitationFormat was ""
	// beyond this run (config.Config.SetCitationFormat). It runs off the UI
	// goroutine; nil keeps the choice for this run only.
	SaveCitationFormat func(format string) error
	// HistoryFile keeps the search history between runs (DefaultHistoryFile
	// gives the usual place); "" keeps it for this run only.
	HistoryFile string

	// CacheBytes bounds the in-memory cache of records, works, raw bodies
	// and search pages; 0 means cache.DefaultBytes (64 MB).
	CacheBytes int64

	// ProgramOptions are added to tea.NewProgram's options by Run (tests).
	ProgramOptions []tea.ProgramOption
}
