package filelock

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// The lock excludes another holder (here another open of the lock file, as
// another program's would be) until it is released, and lives beside the
// file with mode 0600.
func TestLockExcludesUntilReleased(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "tokens.json")
	unlock, err := Lock(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "linux" || runtime.GOOS == "darwin" {
		if _, err := LockWait(path, 20*time.Millisecond); !errors.Is(err, ErrBusy) {
			t.Errorf("second lock while held: %v, want ErrBusy", err)
		}
	}
	unlock()
	unlock2, err := LockWait(path, 20*time.Millisecond)
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	unlock2()
	st, err := os.Stat(filepath.Join(filepath.Dir(path), ".tokens.json.lock"))
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("lock file mode %04o", st.Mode().Perm())
	}
}

// A symlinked file is locked where its target is (the file that is
// replaced), so every writer agrees on one lock.
func TestLockPathFollowsSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges")
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "dotfiles", "config.toml")
	os.MkdirAll(filepath.Dir(target), 0o700)
	os.WriteFile(target, nil, 0o600)
	link := filepath.Join(dir, "config.toml")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	real, _ := filepath.EvalSymlinks(target) // the temporary directory may be a symlink itself
	if got, want := LockPath(link), filepath.Join(filepath.Dir(real), ".config.toml.lock"); got != want {
		t.Errorf("LockPath = %s, want %s", got, want)
	}
}
