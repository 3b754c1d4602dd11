package atomicfile

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// names lists dir's entries.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var n []string
	for _, e := range entries {
		n = append(n, e.Name())
	}
	return n
}

func TestWriteCreatesAndReplaces(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state", "orcid-tui")
	path := filepath.Join(dir, "file.json")
	for _, data := range []string{"first\n", "second, longer than the first\n", "3\n"} { // create, then replace
		if err := Write(path, []byte(data), 0o600); err != nil {
			t.Fatalf("Write: %v", err)
		}
		if got, err := os.ReadFile(path); err != nil || string(got) != data {
			t.Fatalf("read back %q, %v; want %q", got, err, data)
		}
	}
	if n := names(t, dir); len(n) != 1 || n[0] != "file.json" {
		t.Errorf("directory holds %v, want only file.json (no temporary files)", n)
	}
	if runtime.GOOS == "windows" {
		return
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode = %v, %v; want 0600", fi.Mode().Perm(), err)
	}
	for _, d := range []string{dir, filepath.Dir(dir)} {
		if di, err := os.Stat(d); err != nil || di.Mode().Perm() != DirPerm {
			t.Errorf("%s mode = %v, %v; want %v", d, di.Mode().Perm(), err, DirPerm)
		}
	}
}

// The new file gets perm whatever the old file's mode and the umask.
func TestWriteSetsPerm(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix modes")
	}
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, perm := range []os.FileMode{0o600, 0o640} {
		if err := Write(path, []byte("new"), perm); err != nil {
			t.Fatal(err)
		}
		if fi, _ := os.Stat(path); fi.Mode().Perm() != perm {
			t.Errorf("mode %v, want %v", fi.Mode().Perm(), perm)
		}
	}
}

func TestWriteFollowsSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "dotfiles", "real.toml")
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "config.toml")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, []byte("new"), 0o600); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("symlink replaced by a file")
	}
	if got, err := os.ReadFile(target); err != nil || string(got) != "new" {
		t.Errorf("target = %q, %v", got, err)
	}
	if n := names(t, filepath.Dir(target)); len(n) != 1 {
		t.Errorf("target directory holds %v, want only real.toml", n)
	}
}

// A failed write leaves the old contents and no temporary file.
func TestWriteFailureKeepsOld(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f")
	if err := Write(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	// The rename cannot replace a directory with a file.
	blocked := filepath.Join(dir, "sub")
	if err := os.MkdirAll(filepath.Join(blocked, "child"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := Write(blocked, []byte("new"), 0o600); err == nil {
		t.Fatal("Write over a non-empty directory succeeded")
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("old file = %q", got)
	}
	if n := names(t, dir); len(n) != 2 {
		t.Errorf("directory holds %v, want f and sub only", n)
	}
}
