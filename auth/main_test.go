package auth

import (
	"os"
	"testing"
)

// TestMain keeps every test's state — the keyring index lock beside
// DefaultTokenFile — out of the user's own state directory.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "auth-test-state-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_STATE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
