package config

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"runtime"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// File is the config file as written: every field is optional, empty means
// "not set here". Load turns it into a Config; Save writes it back.
type File struct {
	DefaultEnvironment string                      `toml:"default_environment,omitempty"`
	Theme              string                      `toml:"theme,omitempty"`
	TokenStorage       string                      `toml:"token_storage,omitempty"`
	CitationFormat     string                      `toml:"citation_format,omitempty"`
	RateLimits         *RateLimitsFile             `toml:"rate_limits,omitempty"`
	Environments       map[string]*EnvironmentFile `toml:"environments,omitempty"`
}

// RateLimitsFile is the [rate_limits] table.
type RateLimitsFile struct {
	Public *LimitFile `toml:"public,omitempty"`
	Member *LimitFile `toml:"member,omitempty"`
}

// LimitFile is [rate_limits.public] or [rate_limits.member]; zero means not set.
type LimitFile struct {
	PerSecond float64 `toml:"per_second,omitempty"`
	Burst     int     `toml:"burst,omitempty"`
}

// EnvironmentFile is one [environments.NAME] table. URLs are only allowed
// for environments the file defines (not production, sandbox or demo).
type EnvironmentFile struct {
	RegistryURL  string   `toml:"registry_url,omitempty"`
	PubURL       string   `toml:"pub_url,omitempty"`
	APIURL       string   `toml:"api_url,omitempty"`
	ClientID     string   `toml:"client_id,omitempty"`
	ClientSecret string   `toml:"client_secret,omitempty"`
	RedirectURI  string   `toml:"redirect_uri,omitempty"`
	Scopes       []string `toml:"scopes,omitempty"`
}

// parsed is a decoded and checked file with what Load needs besides the
// values: where each key is written and the order environments appear in.
type parsed struct {
	file     *File
	pos      positions
	envOrder []string
}

// readFile reads and checks the config file at path. A missing file is
// reported with errors.Is(err, fs.ErrNotExist). checkMode refuses a client
// secret in a file others can read.
func readFile(path string, checkMode bool) (*parsed, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, &Error{Kind: ErrFile, Source: SourceFile, File: path, Msg: "cannot read the config file: " + err.Error(), Err: err}
	}
	var mode fs.FileMode
	if checkMode {
		st, err := os.Stat(path)
		if err != nil {
			return nil, &Error{Kind: ErrFile, Source: SourceFile, File: path, Msg: "cannot read the config file: " + err.Error(), Err: err}
		}
		mode = st.Mode().Perm()
	}
	return parseFile(path, data, checkMode, mode)
}

// ReadFile reads, parses and checks the config file at path without the
// file-mode check on secrets (Save writes mode 0600 anyway). Use it to change
// a setting and Save the result. A missing file gives an empty File.
func ReadFile(path string) (*File, error) {
	p, err := readFile(path, false)
	if errors.Is(err, fs.ErrNotExist) {
		return &File{}, nil
	}
	if err != nil {
		return nil, err
	}
	return p.file, nil
}

func parseFile(path string, data []byte, checkMode bool, mode fs.FileMode) (*parsed, error) {
	src := string(data)
	var raw map[string]any
	if _, err := toml.Decode(src, &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{Kind: ErrSyntax, Source: SourceFile, File: path, Line: pe.Position.Line, Col: pe.Position.Col,
				Key: pe.LastKey, Msg: "not valid TOML: " + pe.Message, Err: err}
		}
		return nil, &Error{Kind: ErrSyntax, Source: SourceFile, File: path, Msg: "not valid TOML: " + err.Error(), Err: err}
	}
	d := &decoder{path: path, pos: locateKeys(src)}
	f := d.file(raw)
	d.check(f, checkMode, mode)
	if err := d.errs.err(); err != nil {
		return nil, err
	}
	return &parsed{file: f, pos: d.pos, envOrder: d.envOrder(f)}, nil
}

// decoder turns the generic TOML tree into a File, collecting every problem
// with its position instead of stopping at the first.
type decoder struct {
	path string
	pos  positions // nil when checking a File built in memory (Save)
	errs Errors
}

func (d *decoder) add(kind ErrorKind, key toml.Key, format string, args ...any) {
	p := d.pos.at(key)
	d.errs = append(d.errs, &Error{Kind: kind, Source: SourceFile, File: d.path, Line: p.Line, Col: p.Col,
		Key: key.String(), Msg: fmt.Sprintf(format, args...)})
}

func (d *decoder) unknown(key toml.Key, known ...string) {
	d.add(ErrUnknownKey, key, "unknown key %q (known here: %s)", key[len(key)-1], strings.Join(known, ", "))
}

func tomlType(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case map[string]any:
		return "a table"
	case []map[string]any:
		return "an array of tables"
	case []any:
		return "an array"
	}
	return "a date/time"
}

func (d *decoder) str(key toml.Key, v any) string {
	s, ok := v.(string)
	if !ok {
		d.add(ErrType, key, "want a string, got %s", tomlType(v))
		return ""
	}
	if bad := badText(s); bad != "" {
		d.add(ErrValue, key, "%s", bad)
		return ""
	}
	return s
}

func (d *decoder) table(key toml.Key, v any) map[string]any {
	m, ok := v.(map[string]any)
	if !ok {
		d.add(ErrType, key, "want a table ([%s]), got %s", key, tomlType(v))
	}
	return m
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (d *decoder) file(raw map[string]any) *File {
	f := &File{}
	for _, k := range sortedKeys(raw) {
		v, key := raw[k], toml.Key{k}
		switch k {
		case "default_environment":
			f.DefaultEnvironment = d.str(key, v)
		case "theme":
			f.Theme = d.str(key, v)
		case "token_storage":
			f.TokenStorage = d.str(key, v)
		case "citation_format":
			f.CitationFormat = d.str(key, v)
		case "rate_limits":
			f.RateLimits = d.rateLimits(key, d.table(key, v))
		case "environments":
			envs := d.table(key, v)
			if envs == nil {
				continue
			}
			f.Environments = map[string]*EnvironmentFile{}
			for _, name := range sortedKeys(envs) {
				ekey := toml.Key{k, name}
				if e := d.environment(ekey, d.table(ekey, envs[name])); e != nil {
					f.Environments[name] = e
				}
			}
		default:
			d.unknown(key, "default_environment", "theme", "token_storage", "citation_format", "rate_limits", "environments")
		}
	}
	return f
}

func (d *decoder) rateLimits(key toml.Key, m map[string]any) *RateLimitsFile {
	if m == nil {
		return nil
	}
	rl := &RateLimitsFile{}
	for _, k := range sortedKeys(m) {
		sub := append(append(toml.Key{}, key...), k)
		switch k {
		case "public":
			rl.Public = d.limit(sub, d.table(sub, m[k]))
		case "member":
			rl.Member = d.limit(sub, d.table(sub, m[k]))
		default:
			d.unknown(sub, "public", "member")
		}
	}
	return rl
}

// Bounds on configured limits: generous enough for a private instance, small
// enough to catch a typo (ORCID itself allows 12-24 req/s, burst 40).
const (
	maxPerSecond = 1000
	maxBurst     = 10000
)

func (d *decoder) limit(key toml.Key, m map[string]any) *LimitFile {
	if m == nil {
		return nil
	}
	l := &LimitFile{}
	for _, k := range sortedKeys(m) {
		sub := append(append(toml.Key{}, key...), k)
		v := m[k]
		switch k {
		case "per_second":
			var x float64
			switch n := v.(type) {
			case int64:
				x = float64(n)
			case float64:
				x = n
			default:
				d.add(ErrType, sub, "want a number of requests per second, got %s", tomlType(v))
				continue
			}
			if math.IsNaN(x) || x <= 0 || x > maxPerSecond {
				d.add(ErrValue, sub, "must be more than 0 and at most %d requests per second, got %v", maxPerSecond, x)
				continue
			}
			l.PerSecond = x
		case "burst":
			n, ok := v.(int64)
			if !ok {
				d.add(ErrType, sub, "want a whole number of requests, got %s", tomlType(v))
				continue
			}
			if n < 1 || n > maxBurst {
				d.add(ErrValue, sub, "must be between 1 and %d requests, got %d", maxBurst, n)
				continue
			}
			l.Burst = int(n)
		default:
			d.unknown(sub, "per_second", "burst")
		}
	}
	return l
}

func (d *decoder) environment(key toml.Key, m map[string]any) *EnvironmentFile {
	if m == nil {
		return nil
	}
	e := &EnvironmentFile{}
	for _, k := range sortedKeys(m) {
		sub := append(append(toml.Key{}, key...), k)
		v := m[k]
		switch k {
		case "registry_url":
			e.RegistryURL = d.str(sub, v)
		case "pub_url":
			e.PubURL = d.str(sub, v)
		case "api_url":
			e.APIURL = d.str(sub, v)
		case "client_id":
			e.ClientID = d.str(sub, v)
		case "client_secret":
			e.ClientSecret = d.str(sub, v)
		case "redirect_uri":
			e.RedirectURI = d.str(sub, v)
		case "scopes":
			switch s := v.(type) {
			case string: // "openid /read-limited", as ORCID's scope parameter
				e.Scopes = strings.Fields(d.str(sub, s))
			case []any:
				for _, x := range s {
					e.Scopes = append(e.Scopes, d.str(sub, x))
				}
			default:
				d.add(ErrType, sub, "want an array of strings such as [\"openid\", \"/read-limited\"], got %s", tomlType(v))
			}
		default:
			d.unknown(sub, "registry_url", "pub_url", "api_url", "client_id", "client_secret", "redirect_uri", "scopes")
		}
	}
	return e
}

// check validates values whose type is right. It is also run by Save on a
// File built in memory (d.pos nil: errors then name only the key).
func (d *decoder) check(f *File, checkMode bool, mode fs.FileMode) {
	if f.Theme != "" && !oneOf(f.Theme, Themes...) {
		d.add(ErrValue, toml.Key{"theme"}, "must be one of %s, got %q", strings.Join(Themes, ", "), f.Theme)
	}
	if f.TokenStorage != "" && !oneOf(f.TokenStorage, TokenStorages...) {
		d.add(ErrValue, toml.Key{"token_storage"}, "must be one of %s, got %q", strings.Join(TokenStorages, ", "), f.TokenStorage)
	}
	if f.CitationFormat != "" && !oneOf(f.CitationFormat, CitationFormats...) {
		d.add(ErrValue, toml.Key{"citation_format"}, "must be one of %s, got %q", strings.Join(CitationFormats, ", "), f.CitationFormat)
	}
	if rl := f.RateLimits; rl != nil && d.pos == nil {
		for name, l := range map[string]*LimitFile{"public": rl.Public, "member": rl.Member} {
			if l == nil {
				continue
			}
			if math.IsNaN(l.PerSecond) || l.PerSecond < 0 || l.PerSecond > maxPerSecond {
				d.add(ErrValue, toml.Key{"rate_limits", name, "per_second"}, "must be more than 0 and at most %d", maxPerSecond)
			}
			if l.Burst < 0 || l.Burst > maxBurst {
				d.add(ErrValue, toml.Key{"rate_limits", name, "burst"}, "must be between 1 and %d", maxBurst)
			}
		}
	}
	for _, name := range sortedEnvNames(f.Environments) {
		d.checkEnvironment(name, f.Environments[name], checkMode, mode)
	}
	if de := f.DefaultEnvironment; de != "" {
		_, defined := f.Environments[de]
		switch {
		case de == Custom:
			d.add(ErrValue, toml.Key{"default_environment"}, "%q is chosen only by giving URLs (--registry-url or ORCID_REGISTRY_URL ...); define [environments.NAME] and name that instead", Custom)
		case !isBuiltin(de) && de != Local && !defined:
			d.add(ErrValue, toml.Key{"default_environment"}, "unknown environment %q: use production, sandbox, local, demo, or define [environments.%s] with registry_url, pub_url and api_url", de, de)
		}
	}
}

func sortedEnvNames(m map[string]*EnvironmentFile) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func (d *decoder) checkEnvironment(name string, e *EnvironmentFile, checkMode bool, mode fs.FileMode) {
	key := func(k string) toml.Key { return toml.Key{"environments", name, k} }
	if e == nil {
		return
	}
	if msg := checkEnvName(name); msg != "" {
		d.add(ErrValue, toml.Key{"environments", name}, "%s", msg)
		return
	}
	urls := []struct {
		key, val string
	}{{"registry_url", e.RegistryURL}, {"pub_url", e.PubURL}, {"api_url", e.APIURL}}
	if isBuiltin(name) {
		for _, u := range urls {
			if u.val != "" {
				what := "ORCID's own URLs"
				if name == Demo {
					what = "the URLs of the in-process registry, set when it starts"
				}
				d.add(ErrValue, key(u.key), "the %s environment always uses %s; to use other URLs define a new environment such as [environments.local]", name, what)
			}
		}
		if name == Demo {
			for k, v := range map[string]string{"client_id": e.ClientID, "client_secret": e.ClientSecret} {
				if v != "" {
					d.add(ErrValue, key(k), "the demo environment registers its own client when it starts; remove this key")
				}
			}
		}
	} else {
		given := 0
		for _, u := range urls {
			if u.val == "" {
				continue
			}
			given++
			if _, msg := cleanURL(u.val); msg != "" {
				d.add(ErrValue, key(u.key), "%s", msg)
			}
		}
		if given != 1 && given != 3 && !(name == Local && given == 0) {
			var missing []string
			for _, u := range urls {
				if u.val == "" {
					missing = append(missing, u.key)
				}
			}
			d.add(ErrValue, toml.Key{"environments", name}, "environment %q needs registry_url, pub_url and api_url (or exactly one of them when one server serves all three); missing %s", name, strings.Join(missing, ", "))
		}
	}
	if e.ClientID != "" && strings.ContainsAny(e.ClientID, " \t") {
		d.add(ErrValue, key("client_id"), "a client id has no blanks, got %q", e.ClientID)
	}
	if e.ClientSecret != "" && checkMode && runtime.GOOS != "windows" && mode&0o077 != 0 {
		d.errs = append(d.errs, insecureSecret(d.path, d.pos.at(key("client_secret")), key("client_secret"), mode))
	}
	if e.RedirectURI != "" {
		if msg := checkRedirectURI(e.RedirectURI, name == Demo); msg != "" {
			d.add(ErrValue, key("redirect_uri"), "%s", msg)
		}
	}
	if msg := checkScopes(e.Scopes); msg != "" {
		d.add(ErrValue, key("scopes"), "%s", msg)
	}
}

func insecureSecret(path string, p position, key toml.Key, mode fs.FileMode) *Error {
	return &Error{Kind: ErrInsecure, Source: SourceFile, File: path, Line: p.Line, Col: p.Col, Key: key.String(),
		Msg: fmt.Sprintf("client secret refused: the file has mode %04o, so other users can read it; "+
			"run `chmod 600 %s`, or remove the secret and give it with ORCID_CLIENT_SECRET or sign in to keep it in the keyring", uint32(mode), path)}
}

// envOrder returns the file's own environments in the order they are written.
func (d *decoder) envOrder(f *File) []string {
	var names []string
	for n := range f.Environments {
		if !isBuiltin(n) {
			names = append(names, n)
		}
	}
	sort.Slice(names, func(i, j int) bool {
		pi, pj := d.pos.at(toml.Key{"environments", names[i]}), d.pos.at(toml.Key{"environments", names[j]})
		if pi.Line != pj.Line {
			return pi.Line < pj.Line
		}
		return names[i] < names[j]
	})
	return names
}

// validate checks a File built in memory before Save writes it.
func (f *File) validate(path string) error {
	d := &decoder{path: path}
	d.check(f, false, 0)
	for _, name := range sortedEnvNames(f.Environments) {
		e := f.Environments[name]
		if e == nil {
			continue
		}
		for k, v := range map[string]string{"registry_url": e.RegistryURL, "pub_url": e.PubURL, "api_url": e.APIURL,
			"client_id": e.ClientID, "client_secret": e.ClientSecret, "redirect_uri": e.RedirectURI} {
			if bad := badText(v); bad != "" {
				d.add(ErrValue, toml.Key{"environments", name, k}, "%s", bad)
			}
		}
	}
	return d.errs.err()
}
