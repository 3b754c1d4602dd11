package cli

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/config"
)

// result is what one in-process run of the program produced.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs the program in-process with the given environment variables
// (nothing from the real environment leaks in) and stdin.
func runCLI(t *testing.T, env map[string]string, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	getenv := func(k string) string { return env[k] }
	c := newCLI(strings.NewReader(stdin), &out, &errOut, getenv)
	c.isTerminal = func() bool { return false }
	c.configDir = t.TempDir() // no config file unless a test writes one
	c.openStore = func(*config.Config) (auth.Store, string, error) { return auth.NewMemoryStore(), "", nil }
	c.secrets = newFakeKeyring() // never the machine's keyring
	code := c.run(context.Background(), args)
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // on stderr
	}{
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"unknown global flag", []string{"--frob", "search", "x"}, "flag provided but not defined: -frob"},
		{"search without query", []string{"search"}, "search needs a QUERY"},
		{"search rows too big", []string{"search", "--rows", "1001", "x"}, "--rows must be between 1 and 1000"},
		{"search rows not a number", []string{"search", "--rows", "many", "x"}, `invalid value "many" for flag -rows`},
		{"search negative start", []string{"search", "--start", "-1", "x"}, "--start must be 0 or more"},
		{"search bad output", []string{"search", "--output", "yaml", "x"}, "--output must be one of text, json"},
		{"show without id", []string{"show"}, "show needs an ORCID iD"},
		{"show two ids", []string{"show", "a", "b"}, "show takes one ORCID iD"},
		{"show bad section", []string{"show", "--section", "hobbies", "0000-0002-1825-0097"}, `unknown section "hobbies"`},
		{"show format without raw", []string{"show", "--format", "xml", "0000-0002-1825-0097"}, "--format and --pretty go with --raw"},
		{"show bad format", []string{"show", "--raw", "--format", "yaml", "0000-0002-1825-0097"}, "--format must be one of json, xml"},
		{"show raw full works", []string{"show", "--raw", "--full-works", "0000-0002-1825-0097"}, "cannot be combined with --raw"},
		{"config without verb", []string{"config"}, "config needs one of: path, show"},
		{"config bad verb", []string{"config", "edit"}, `unknown config command "edit"`},
		{"version with args", []string{"version", "x"}, "version takes no arguments"},
		{"bad pub url flag", []string{"--pub-url", "ftp://example.org", "config", "show"}, "--pub-url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", tt.args...)
			if r.code != exitUsage {
				t.Fatalf("exit %d, want %d; stderr:\n%s", r.code, exitUsage, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.want) {
				t.Errorf("stderr %q does not contain %q", r.stderr, tt.want)
			}
			if !strings.Contains(r.stderr, "usage: orcid-tui") {
				t.Errorf("stderr has no usage line:\n%s", r.stderr)
			}
			if strings.Contains(r.stderr, "goroutine") || strings.Contains(r.stderr, "panic") {
				t.Errorf("stderr looks like a Go dump:\n%s", r.stderr)
			}
		})
	}
}

func TestVersionAndHelp(t *testing.T) {
	old := version
	version = "v9.8.7-test"
	defer func() { version = old }()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--version"}, "orcid-tui v9.8.7-test\n"},
		{[]string{"version"}, "orcid-tui v9.8.7-test\n"},
		{[]string{"search", "--version"}, "orcid-tui v9.8.7-test\n"},
		{[]string{"--help"}, "exit status:"},
		{[]string{"-h"}, "--registry-url URL"},
		{[]string{"help"}, "commands:"},
		{[]string{"help", "show"}, "--full-works"},
		{[]string{"show", "--help"}, "--section NAME"},
		{[]string{"search", "--help"}, "iD<TAB>name<TAB>institutions"},
		{[]string{"login", "--help"}, "--no-browser"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runCLI(t, nil, "", tt.args...)
			if r.code != exitOK {
				t.Fatalf("exit %d; stderr %s", r.code, r.stderr)
			}
			if !strings.Contains(r.stdout, tt.want) {
				t.Errorf("stdout %q does not contain %q", r.stdout, tt.want)
			}
		})
	}
}

func TestDescribeNetworkErrors(t *testing.T) {
	refused := &url.Error{Op: "Get", URL: "https://pub.orcid.org/v3.0/expanded-search?q=x",
		Err: &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}}
	noHost := &url.Error{Op: "Get", URL: "https://pub.example.invalid/v3.0/x",
		Err: &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "pub.example.invalid", IsNotFound: true}}}
	tests := []struct {
		name string
		ctx  func() context.Context
		err  error
		want string
	}{
		{"refused", context.Background, refused, "cannot reach https://pub.orcid.org: connection refused — check your network or --pub-url"},
		{"no such host", context.Background, noHost, "cannot reach https://pub.example.invalid: no such host"},
		{"interrupted", func() context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx
		}, &url.Error{Op: "Get", URL: "https://pub.orcid.org/", Err: context.Canceled}, "interrupted"},
		{"escape sequences removed", context.Background, errors.New("bad \x1b]52;c;AAAA\x07thing"), "bad thing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := describeError(tt.ctx(), tt.err)
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want it to contain %q", got, tt.want)
			}
			if strings.ContainsAny(got, "\n\x1b") {
				t.Errorf("not one plain line: %q", got)
			}
		})
	}
}

func TestTotalLine(t *testing.T) {
	tests := []struct {
		found        int64
		start, shown int
		want         string
	}{
		{1234, 0, 50, "1 234 found, showing 1–50"},
		{0, 0, 0, "0 found"},
		{1234567, 1000, 2, "1 234 567 found, showing 1 001–1 002"},
		{10, 20, 0, "10 found, none from 21 on"},
	}
	for _, tt := range tests {
		if got := totalLine(tt.found, tt.start, tt.shown); got != tt.want {
			t.Errorf("totalLine(%d,%d,%d) = %q, want %q", tt.found, tt.start, tt.shown, got, tt.want)
		}
	}
}

// TestExitCodeRule: the rule --help states. A value typed that can never
// work exits 2; every other failure exits 1. Nothing is sent for the 2s
// (the URL answers nothing: a request would fail with exit 1).
func TestExitCodeRule(t *testing.T) {
	nowhere := []string{"--registry-url", "http://127.0.0.1:9", "--pub-url", "http://127.0.0.1:9/pub", "--api-url", "http://127.0.0.1:9/api"}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"rows above 1000", []string{"search", "--rows", "1001", "x"}, exitUsage, "--rows must be between 1 and 1000"},
		{"anonymous start above 10000", append(nowhere, "search", "--start", "10001", "smith"), exitUsage, "only up to result 10,000"},
		{"bad check digit", append(nowhere, "show", "0000-0002-1825-0098"), exitUsage, "bad check digit"},
		{"unreachable", append(nowhere, "show", "0000-0002-1825-0097"), exitError, "connection refused"},
		{"not found", []string{"--demo", "show", "0000-0001-5109-3700"}, exitError, "was not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", tt.args...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, want %d; stderr %q lacks %q", r.code, tt.code, r.stderr, tt.want)
			}
		})
	}
	help := runCLI(t, nil, "", "--help").stdout
	for _, s := range []string{"2  a value you typed that can never work", "--rows above 1000", "--start above 10000", "wrong check\n     digit", "1  a failure"} {
		if !strings.Contains(help, s) {
			t.Errorf("--help lacks %q", s)
		}
	}
}
