package config

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/orcid-tui/orcid-tui/orcid"
)

// Source says where an effective value came from.
type Source string

const (
	SourceFlag    Source = "flag"
	SourceEnv     Source = "env"
	SourceFile    Source = "file"
	SourceDefault Source = "default"
	SourceDemo    Source = "demo" // filled in by SetDemo when the in-process registry starts
	// SourceKeyring: a client secret main found in the OS keyring (package
	// auth) and filled in with SetClientSecret; Load never reads the keyring.
	SourceKeyring Source = "keyring"
)

// Setting is an effective value with its source. Origin names the exact
// place: "--client-id", "ORCID_CLIENT_ID", "config.toml:7", or "built-in".
type Setting[T any] struct {
	Value  T
	Source Source
	Origin string
}

// IsSet reports whether the value came from anywhere but the built-in default.
func (s Setting[T]) IsSet() bool { return s.Source != SourceDefault && s.Source != "" }

// EnvConfig is one environment with its effective credentials and sign-in
// settings. Flags and environment variables apply to the selected
// environment only; the others take their values from the file.
type EnvConfig struct {
	orcid.Environment
	Source       Source // where the environment is defined (default for built-ins)
	Origin       string
	ClientID     Setting[string]
	ClientSecret Setting[string] // never print unmasked: use Mask
	RedirectURI  Setting[string]
	Scopes       Setting[[]string]
}

// Limit is a rate limit for one API.
type Limit struct {
	PerSecond Setting[float64]
	Burst     Setting[int]
}

// Config is the effective configuration: built-in defaults, overridden by the
// config file, environment variables and flags, in that order.
type Config struct {
	Path      string // the config file (it may not exist)
	FileFound bool

	// Environment is the name of the selected environment (see Selected).
	Environment Setting[string]
	// Environments in display order: production, sandbox, the file's own in
	// file order, "custom" when given by URLs, demo.
	Environments []*EnvConfig

	PublicLimit  Limit // public API, anonymous or with public credentials
	MemberLimit  Limit // member API
	Theme        Setting[string]
	TokenStorage Setting[string]
	// CitationFormat is the format the TUI's Y copies citations in; ""
	// until the user picks one (see SetCitationFormat).
	CitationFormat Setting[string]

	// Warnings are problems that did not stop the load (ignored settings,
	// a secret kept in the file); show them once.
	Warnings []string
}

// Selected returns the selected environment. Before SetDemo runs, the demo
// environment has empty URLs.
func (c *Config) Selected() *EnvConfig {
	e, _ := c.Lookup(c.Environment.Value)
	return e
}

// Lookup returns the environment with that name.
func (c *Config) Lookup(name string) (*EnvConfig, bool) {
	for _, e := range c.Environments {
		if e.Name == name {
			return e, true
		}
	}
	return nil, false
}

// Names returns the environment names in display order.
func (c *Config) Names() []string {
	names := make([]string, len(c.Environments))
	for i, e := range c.Environments {
		names[i] = e.Name
	}
	return names
}

// SetDemo fills in the demo environment once main has started the in-process
// registry: its URLs and the client it registered. A client id or secret
// given by flag or environment variable is kept.
func (c *Config) SetDemo(env orcid.Environment, clientID, secret string) {
	e, ok := c.Lookup(Demo)
	if !ok {
		e = &EnvConfig{Source: SourceDefault, Origin: "built-in"}
		c.Environments = append(c.Environments, e)
	}
	env.Name = Demo
	e.Environment = env
	if !fromCommandLine(e.ClientID.Source) {
		e.ClientID = Setting[string]{clientID, SourceDemo, "demo registry"}
	}
	if !fromCommandLine(e.ClientSecret.Source) {
		e.ClientSecret = Setting[string]{secret, SourceDemo, "demo registry"}
	}
}

func fromCommandLine(s Source) bool { return s == SourceFlag || s == SourceEnv }

// Flag is one command-line value and whether it was given.
type Flag struct {
	Value string
	Set   bool
}

func (f Flag) given() bool { return f.Set }

// Flags are the global flags that feed the configuration. main fills them
// from its flag.FlagSet (see FlagsFromSet). A flag that is Set wins even when
// its value is empty (--client-secret= hides a secret from the file; an
// empty --env or URL is an error).
type Flags struct {
	Env          Flag // --env
	Demo         bool // --demo (= --env demo)
	RegistryURL  Flag // --registry-url
	PubURL       Flag // --pub-url
	APIURL       Flag // --api-url
	ClientID     Flag // --client-id
	ClientSecret Flag // --client-secret
	RedirectURI  Flag // --redirect-uri
	Scopes       Flag // --scopes, space- or comma-separated (login)
}

// Flag names FlagsFromSet looks for.
const (
	FlagEnv          = "env"
	FlagDemo         = "demo"
	FlagRegistryURL  = "registry-url"
	FlagPubURL       = "pub-url"
	FlagAPIURL       = "api-url"
	FlagClientID     = "client-id"
	FlagClientSecret = "client-secret"
	FlagRedirectURI  = "redirect-uri"
	FlagScopes       = "scopes"
)

// FlagsFromSet reads the flags above from a parsed FlagSet; flags the set
// does not define are left unset.
func FlagsFromSet(fs *flag.FlagSet) Flags {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	get := func(name string) Flag {
		f := fs.Lookup(name)
		if f == nil {
			return Flag{}
		}
		return Flag{Value: f.Value.String(), Set: set[name]}
	}
	var fl Flags
	fl.Env = get(FlagEnv)
	if d := get(FlagDemo); d.Set {
		fl.Demo, _ = strconv.ParseBool(d.Value)
	}
	fl.RegistryURL = get(FlagRegistryURL)
	fl.PubURL = get(FlagPubURL)
	fl.APIURL = get(FlagAPIURL)
	fl.ClientID = get(FlagClientID)
	fl.ClientSecret = get(FlagClientSecret)
	fl.RedirectURI = get(FlagRedirectURI)
	fl.Scopes = get(FlagScopes)
	return fl
}

// Environment variables read by Load.
const (
	EnvEnv          = "ORCID_ENV"
	EnvRegistryURL  = "ORCID_REGISTRY_URL"
	EnvPubURL       = "ORCID_PUB_URL"
	EnvAPIURL       = "ORCID_API_URL"
	EnvClientID     = "ORCID_CLIENT_ID"
	EnvClientSecret = "ORCID_CLIENT_SECRET"
	EnvRedirectURI  = "ORCID_REDIRECT_URI"
	EnvConfigPath   = "ORCID_TUI_CONFIG" // the config file, when --config is not given
)

// LoadOptions says where Load looks.
type LoadOptions struct {
	// Path is the config file from --config. Empty means $ORCID_TUI_CONFIG,
	// else DefaultPath. A missing default file is fine (built-in defaults),
	// a missing file named by --config or $ORCID_TUI_CONFIG is an error.
	Path  string
	Flags Flags
	// Getenv reads environment variables (default os.Getenv); tests inject
	// a map. It is also used to find the user config directory.
	Getenv func(string) string
	// ConfigDir replaces the user config directory (what os.UserConfigDir
	// returns) when Path is empty; for tests.
	ConfigDir string
}

// DefaultPath is the config file in the platform's user config directory:
// $XDG_CONFIG_HOME/orcid-tui/config.toml (or ~/.config/...) on Linux.
func DefaultPath() (string, error) { return defaultPath(os.Getenv) }

func defaultPath(getenv func(string) string) (string, error) {
	dir, err := userConfigDir(getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "orcid-tui", "config.toml"), nil
}

// userConfigDir is os.UserConfigDir reading the environment through getenv.
func userConfigDir(getenv func(string) string) (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := getenv("AppData"); d != "" {
			return d, nil
		}
		return "", errors.New("cannot find the user config directory: %AppData% is not set; use --config PATH")
	case "darwin", "ios":
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, "Library", "Application Support"), nil
		}
	case "plan9":
		if h := getenv("home"); h != "" {
			return filepath.Join(h, "lib"), nil
		}
	default:
		if d := getenv("XDG_CONFIG_HOME"); d != "" {
			if !filepath.IsAbs(d) {
				return "", fmt.Errorf("cannot find the user config directory: $XDG_CONFIG_HOME %q is not an absolute path; fix it or use --config PATH", d)
			}
			return d, nil
		}
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, ".config"), nil
		}
	}
	return "", errors.New("cannot find the user config directory: $HOME is not set; use --config PATH")
}

// Load builds the effective configuration: flags > environment variables >
// config file > built-in defaults. Any invalid setting makes it fail with an
// *Error (or Errors, several of them) and no Config.
func Load(opts LoadOptions) (*Config, error) {
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	path := opts.Path
	if path == "" {
		path = strings.TrimSpace(getenv(EnvConfigPath))
	}
	explicit := path != ""
	if !explicit {
		var err error
		if opts.ConfigDir != "" {
			path = filepath.Join(opts.ConfigDir, "orcid-tui", "config.toml")
		} else if path, err = defaultPath(getenv); err != nil {
			return nil, &Error{Kind: ErrFile, Msg: err.Error(), Err: err}
		}
	}
	c := &Config{Path: path}
	p, err := readFile(path, true)
	switch {
	case err == nil:
		c.FileFound = true
	case errors.Is(err, fs.ErrNotExist) && !explicit:
		p = &parsed{file: &File{}, pos: positions{}}
	case errors.Is(err, fs.ErrNotExist):
		return nil, &Error{Kind: ErrFile, Source: SourceFile, File: path, Msg: "no such config file (given by --config or " + EnvConfigPath + "); create it, or drop the setting to use " + defaultHint(getenv), Err: err}
	default:
		return nil, err
	}
	r := &resolver{c: c, p: p, fl: opts.Flags, getenv: getenv}
	r.resolve()
	if err := r.errs.err(); err != nil {
		return nil, err
	}
	return c, nil
}

func defaultHint(getenv func(string) string) string {
	if p, err := defaultPath(getenv); err == nil {
		return p
	}
	return "the default file"
}

// resolver applies the precedence rules to one Config.
type resolver struct {
	c      *Config
	p      *parsed
	fl     Flags
	getenv func(string) string
	errs   Errors
}

func (r *resolver) fileOrigin(key ...string) string {
	if pos := r.p.pos.at(toml.Key(key)); pos.Line > 0 {
		return fmt.Sprintf("%s:%d", r.c.Path, pos.Line)
	}
	return r.c.Path
}

func (r *resolver) env(name string) string { return strings.TrimSpace(r.getenv(name)) }

func (r *resolver) fail(kind ErrorKind, src Source, key, format string, args ...any) {
	r.errs = append(r.errs, &Error{Kind: kind, Source: src, Key: key, Msg: fmt.Sprintf(format, args...)})
}

// layer picks the highest-precedence value among flag, variable and file.
func (r *resolver) layer(f Flag, flagName, envName string, file string, fileKey []string, def string) Setting[string] {
	switch {
	case f.given():
		return Setting[string]{strings.TrimSpace(f.Value), SourceFlag, "--" + flagName}
	case envName != "" && r.env(envName) != "":
		return Setting[string]{r.env(envName), SourceEnv, envName}
	case file != "":
		return Setting[string]{file, SourceFile, r.fileOrigin(fileKey...)}
	}
	return Setting[string]{def, SourceDefault, "built-in"}
}

func (r *resolver) resolve() {
	f := r.p.file
	c := r.c

	c.Theme = r.layer(Flag{}, "", "", f.Theme, []string{"theme"}, Themes[0])
	c.TokenStorage = r.layer(Flag{}, "", "", f.TokenStorage, []string{"token_storage"}, TokenStorages[0])
	c.CitationFormat = r.layer(Flag{}, "", "", f.CitationFormat, []string{"citation_format"}, "")
	var pub, mem *LimitFile
	if f.RateLimits != nil {
		pub, mem = f.RateLimits.Public, f.RateLimits.Member
	}
	c.PublicLimit = r.limit(pub, "public", 12, 40)
	c.MemberLimit = r.limit(mem, "member", 24, 40)

	// The environments: built-ins, the file's own, then demo.
	c.Environments = []*EnvConfig{r.fileEnv(orcid.Production), r.fileEnv(orcid.Sandbox)}
	if e := f.Environments[Local]; e == nil || e.RegistryURL+e.PubURL+e.APIURL == "" {
		c.Environments = append(c.Environments, r.fileEnv(LocalDefault))
	}
	for _, name := range r.p.envOrder {
		e := f.Environments[name]
		if e.RegistryURL+e.PubURL+e.APIURL == "" {
			continue // credentials for local, added above with its default URLs
		}
		env := orcid.Environment{Name: name, RegistryURL: e.RegistryURL, PublicAPIURL: e.PubURL, MemberAPIURL: e.APIURL}
		env.RegistryURL, env.PublicAPIURL, env.MemberAPIURL = fillURLs(env.RegistryURL, env.PublicAPIURL, env.MemberAPIURL)
		ec := r.fileEnv(env)
		ec.Source, ec.Origin = SourceFile, r.fileOrigin("environments", name)
		c.Environments = append(c.Environments, ec)
	}

	custom := r.customEnv()
	if custom != nil {
		c.Environments = append(c.Environments, custom)
	}
	c.Environments = append(c.Environments, r.fileEnv(orcid.Environment{Name: Demo, AnyLoopbackPort: true}))

	c.Environment = r.selectEnv(custom != nil)
	sel, ok := c.Lookup(c.Environment.Value)
	if !ok {
		if len(r.errs) == 0 {
			r.unknownEnv(c.Environment)
		}
		return
	}
	r.overlay(sel)
}

// fillURLs applies the one-or-three rule: a single URL serves all three.
func fillURLs(reg, pub, api string) (string, string, string) {
	n := 0
	for _, u := range []string{reg, pub, api} {
		if u != "" {
			n++
		}
	}
	if n == 1 {
		one := reg + pub + api
		reg, pub, api = one, one, one
	}
	clean := func(u string) string {
		c, msg := cleanURL(u)
		if msg != "" {
			return u // reported by the checks
		}
		return c
	}
	return clean(reg), clean(pub), clean(api)
}

func (r *resolver) limit(l *LimitFile, name string, perSecond float64, burst int) Limit {
	out := Limit{
		PerSecond: Setting[float64]{perSecond, SourceDefault, "built-in"},
		Burst:     Setting[int]{burst, SourceDefault, "built-in"},
	}
	if l != nil && l.PerSecond > 0 {
		out.PerSecond = Setting[float64]{l.PerSecond, SourceFile, r.fileOrigin("rate_limits", name, "per_second")}
	}
	if l != nil && l.Burst > 0 {
		out.Burst = Setting[int]{l.Burst, SourceFile, r.fileOrigin("rate_limits", name, "burst")}
	}
	return out
}

// fileEnv gives an environment its settings from the file and the defaults.
func (r *resolver) fileEnv(env orcid.Environment) *EnvConfig {
	fe := r.p.file.Environments[env.Name]
	if fe == nil {
		fe = &EnvironmentFile{}
	}
	key := func(k string) []string { return []string{"environments", env.Name, k} }
	ec := &EnvConfig{Environment: env, Source: SourceDefault, Origin: "built-in"}
	ec.ClientID = r.layer(Flag{}, "", "", fe.ClientID, key("client_id"), "")
	ec.ClientSecret = r.layer(Flag{}, "", "", fe.ClientSecret, key("client_secret"), "")
	if fe.ClientSecret != "" {
		r.c.Warnings = append(r.c.Warnings, fmt.Sprintf("%s: the client secret for %s is kept in the config file; the keyring is safer", ec.ClientSecret.Origin, env.Name))
	}
	ec.RedirectURI = r.layer(Flag{}, "", "", fe.RedirectURI, key("redirect_uri"), DefaultRedirectURI)
	ec.Scopes = Setting[[]string]{append([]string(nil), DefaultScopes...), SourceDefault, "built-in"}
	if len(fe.Scopes) > 0 {
		ec.Scopes = Setting[[]string]{append([]string(nil), fe.Scopes...), SourceFile, r.fileOrigin(key("scopes")...)}
	}
	return ec
}

// customEnv builds the "custom" environment from URL flags and variables
// (each URL: flag over variable). Nil when no URL is given.
func (r *resolver) customEnv() *EnvConfig {
	type src struct {
		flag            Flag
		flagName, vName string
	}
	srcs := []src{{r.fl.RegistryURL, FlagRegistryURL, EnvRegistryURL}, {r.fl.PubURL, FlagPubURL, EnvPubURL}, {r.fl.APIURL, FlagAPIURL, EnvAPIURL}}
	var vals [3]Setting[string]
	given := 0
	for i, s := range srcs {
		vals[i] = r.layer(s.flag, s.flagName, s.vName, "", nil, "")
		if vals[i].Value == "" {
			continue
		}
		given++
		clean, msg := cleanURL(vals[i].Value)
		if msg != "" {
			r.fail(ErrValue, vals[i].Source, vals[i].Origin, "%s", msg)
		}
		vals[i].Value = clean
	}
	if given == 0 {
		return nil
	}
	if given == 2 {
		var missing []string
		for i, s := range srcs {
			if vals[i].Value == "" {
				missing = append(missing, "--"+s.flagName+" (or "+s.vName+")")
			}
		}
		r.fail(ErrValue, SourceFlag, "--"+srcs[0].flagName+"/--"+srcs[1].flagName+"/--"+srcs[2].flagName,
			"give all three base URLs, or exactly one when one server serves the registry, public and member API; missing %s", strings.Join(missing, ", "))
	}
	reg, pub, api := vals[0].Value, vals[1].Value, vals[2].Value
	if given == 1 {
		reg, pub, api = fillURLs(reg, pub, api)
	}
	var origins []string
	defSrc := SourceEnv
	for _, v := range vals {
		if v.Value != "" {
			origins = append(origins, v.Origin)
			if v.Source == SourceFlag {
				defSrc = SourceFlag
			}
		}
	}
	ec := r.fileEnv(orcid.Environment{Name: Custom, RegistryURL: reg, PublicAPIURL: pub, MemberAPIURL: api})
	ec.Source, ec.Origin = defSrc, strings.Join(origins, ", ")
	return ec
}

// selectEnv picks the environment: at each level (flags, then variables) a
// name wins; URLs alone choose "custom"; a name and URLs at the same level
// must agree. Lower levels are ignored with a warning.
func (r *resolver) selectEnv(haveCustom bool) Setting[string] {
	flagURLs := r.fl.RegistryURL.given() || r.fl.PubURL.given() || r.fl.APIURL.given()
	envURLs := r.env(EnvRegistryURL) != "" || r.env(EnvPubURL) != "" || r.env(EnvAPIURL) != ""

	var byFlag Setting[string]
	switch {
	case r.fl.Demo && r.fl.Env.given() && strings.ToLower(strings.TrimSpace(r.fl.Env.Value)) != Demo:
		r.fail(ErrConflict, SourceFlag, "--demo", "--demo means --env demo, but --env %s is given too; drop one", r.fl.Env.Value)
	case r.fl.Demo:
		byFlag = Setting[string]{Demo, SourceFlag, "--demo"}
	case r.fl.Env.given():
		byFlag = Setting[string]{strings.ToLower(strings.TrimSpace(r.fl.Env.Value)), SourceFlag, "--env"}
	}
	if byFlag.Source != "" {
		if flagURLs && byFlag.Value != Custom {
			r.fail(ErrConflict, SourceFlag, byFlag.Origin, "%s selects %s, but --registry-url/--pub-url/--api-url select a custom environment; drop one", byFlag.Origin, byFlag.Value)
		}
		if envURLs && !flagURLs && byFlag.Value != Custom {
			r.c.Warnings = append(r.c.Warnings, fmt.Sprintf("ORCID_REGISTRY_URL/ORCID_PUB_URL/ORCID_API_URL ignored: %s selects %s", byFlag.Origin, byFlag.Value))
		}
		return byFlag
	}
	if flagURLs {
		return Setting[string]{Custom, SourceFlag, "--registry-url/--pub-url/--api-url"}
	}
	if v := strings.ToLower(r.env(EnvEnv)); v != "" {
		if envURLs && v != Custom {
			r.fail(ErrConflict, SourceEnv, EnvEnv, "ORCID_ENV=%s, but ORCID_REGISTRY_URL/ORCID_PUB_URL/ORCID_API_URL select a custom environment; unset one", v)
		}
		return Setting[string]{v, SourceEnv, EnvEnv}
	}
	if envURLs {
		return Setting[string]{Custom, SourceEnv, "ORCID_REGISTRY_URL/ORCID_PUB_URL/ORCID_API_URL"}
	}
	if de := r.p.file.DefaultEnvironment; de != "" {
		return Setting[string]{de, SourceFile, r.fileOrigin("default_environment")}
	}
	return Setting[string]{Production, SourceDefault, "built-in"}
}

func (r *resolver) unknownEnv(s Setting[string]) {
	names := strings.Join(r.c.Names(), ", ")
	if s.Value == Custom {
		r.fail(ErrValue, s.Source, s.Origin, "the custom environment needs its URLs: give --registry-url, --pub-url and --api-url (or ORCID_REGISTRY_URL, ORCID_PUB_URL, ORCID_API_URL)")
		return
	}
	r.fail(ErrValue, s.Source, s.Origin, "unknown environment %q: known are %s; define others as [environments.%s] in %s", s.Value, names, s.Value, r.c.Path)
}

// keepCredentialsHome applies the rule that keeps a client secret at the
// server it belongs to: for a custom environment whose URLs were given by
// flags, only --client-id and --client-secret count. ORCID_CLIENT_ID and
// ORCID_CLIENT_SECRET usually hold another server's credentials (a shell
// profile's production client), and a one-off --registry-url must not
// receive them: they are dropped, with a warning. URLs given by variables
// take the client variables as well (both set up the same way).
func (r *resolver) keepCredentialsHome(e *EnvConfig, id, secret Setting[string]) {
	var dropped []string
	if e.ClientID.Source == SourceEnv {
		e.ClientID, dropped = id, append(dropped, EnvClientID)
	}
	if e.ClientSecret.Source == SourceEnv {
		e.ClientSecret, dropped = secret, append(dropped, EnvClientSecret)
	}
	if len(dropped) > 0 {
		r.c.Warnings = append(r.c.Warnings, fmt.Sprintf("%s not used for %s: the URLs come from flags, so the client id and secret must too (--client-id, --client-secret or --client-secret-file); the variables may hold another server's credentials", strings.Join(dropped, " and "), e.RegistryURL))
	}
}

// overlay applies flags and variables to the selected environment.
func (r *resolver) overlay(e *EnvConfig) {
	pick := func(cur Setting[string], f Flag, flagName, envName string) Setting[string] {
		switch {
		case f.given():
			return Setting[string]{strings.TrimSpace(f.Value), SourceFlag, "--" + flagName}
		case r.env(envName) != "":
			return Setting[string]{r.env(envName), SourceEnv, envName}
		}
		return cur
	}
	fileID, fileSecret := e.ClientID, e.ClientSecret
	e.ClientID = pick(e.ClientID, r.fl.ClientID, FlagClientID, EnvClientID)
	e.ClientSecret = pick(e.ClientSecret, r.fl.ClientSecret, FlagClientSecret, EnvClientSecret)
	if e.Name == Custom && e.Source == SourceFlag {
		r.keepCredentialsHome(e, fileID, fileSecret)
	}
	e.RedirectURI = pick(e.RedirectURI, r.fl.RedirectURI, FlagRedirectURI, EnvRedirectURI)
	for _, s := range []Setting[string]{e.ClientID, e.ClientSecret} {
		if fromCommandLine(s.Source) {
			if bad := badText(s.Value); bad != "" {
				r.fail(ErrValue, s.Source, s.Origin, "%s", bad)
			} else if strings.ContainsAny(s.Value, " \t") {
				r.fail(ErrValue, s.Source, s.Origin, "must not contain blanks")
			}
		}
	}
	if fromCommandLine(e.RedirectURI.Source) {
		if msg := checkRedirectURI(e.RedirectURI.Value, e.AnyLoopbackPort); msg != "" {
			r.fail(ErrValue, e.RedirectURI.Source, e.RedirectURI.Origin, "%s", msg)
		}
	}
	if r.fl.Scopes.given() {
		scopes := strings.Fields(strings.ReplaceAll(r.fl.Scopes.Value, ",", " "))
		if msg := checkScopes(scopes); msg != "" {
			r.fail(ErrValue, SourceFlag, "--"+FlagScopes, "%s", msg)
		}
		e.Scopes = Setting[[]string]{scopes, SourceFlag, "--" + FlagScopes}
	}
}
