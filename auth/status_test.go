package auth

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// TestOpenStoreNoticeTellsTheTruth: the notice OpenStore gives (and the
// env pane shows) says "readable by you only" only of a token file that
// works; a file that is refused — readable by others, unreadable, not
// JSON — is named with the reason.
func TestOpenStoreNoticeTellsTheTruth(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, path string)
		ok    bool
		want  string
	}{
		{"no file yet", func(*testing.T, string) {}, true, "readable by you only"},
		{"good file", func(t *testing.T, p string) { write(t, p, `{"version":1,"tokens":{}}`, 0o600) }, true, "readable by you only"},
		{"readable by others", func(t *testing.T, p string) { write(t, p, `{"version":1,"tokens":{}}`, 0o644) }, false, "chmod 600"},
		{"not JSON", func(t *testing.T, p string) { write(t, p, `{"version":`, 0o600) }, false, "not valid JSON"},
		{"a directory", func(t *testing.T, p string) { os.MkdirAll(p, 0o700) }, false, "cannot be used"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if runtime.GOOS == "windows" && c.name == "readable by others" {
				t.Skip("no Unix modes")
			}
			path := filepath.Join(t.TempDir(), "state", "tokens.json")
			os.MkdirAll(filepath.Dir(path), 0o700)
			c.setup(t, path)
			st, notice, err := OpenStore(StoreOptions{File: path, NoKeyring: true})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(notice, "(readable by you only)"); got != c.ok {
				t.Errorf("notice %q claims a private file: %v, want %v", notice, got, c.ok)
			}
			if !strings.Contains(notice, c.want) || !strings.Contains(notice, path) {
				t.Errorf("notice %q lacks %q or the path", notice, c.want)
			}
			status := StatusOf(st)
			if (status.Err == nil) != c.ok {
				t.Errorf("StatusOf = %+v", status)
			}
		})
	}
	// No keyring and a refused file: both causes are told.
	keyring.MockInitWithError(errors.New("org.freedesktop.secrets was not provided"))
	t.Cleanup(keyring.MockInit)
	path := filepath.Join(t.TempDir(), "tokens.json")
	write(t, path, `{}`, 0o644)
	_, notice, _ := OpenStore(StoreOptions{File: path})
	if strings.Contains(notice, "(readable by you only)") || !strings.Contains(notice, "OS keyring unavailable") {
		t.Errorf("notice %q", notice)
	}
}

func write(t *testing.T, path, body string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

// TestTokenForgotten: the registry's "I do not know this token" answers
// are told apart from other failures.
func TestTokenForgotten(t *testing.T) {
	for err, want := range map[error]bool{
		&orcid.OAuthError{Code: "invalid_grant", StatusCode: 400}:                    true,
		&orcid.OAuthError{Code: "invalid_token", StatusCode: 401}:                    true,
		errors.Join(errors.New("refresh"), &orcid.OAuthError{Code: "invalid_grant"}): true,
		&orcid.OAuthError{Code: "invalid_client", StatusCode: 401}:                   false,
		errors.New("network down"):                                                   false,
		nil:                                                                          false,
	} {
		if got := TokenForgotten(err); got != want {
			t.Errorf("TokenForgotten(%v) = %v", err, got)
		}
	}
}
