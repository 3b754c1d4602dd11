// Package filelock serialises read-modify-write of a file between
// goroutines and programs: an exclusive advisory lock on a lock file beside
// it. Readers that only read need no lock (the file itself is replaced
// atomically, see internal/atomicfile); writers take the lock, read the file
// afresh, change what they change and write it back, so two programs saving
// at once merge instead of one overwriting the other.
package filelock

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/orcid-tui/orcid-tui/internal/atomicfile"
)

// DefaultWait is how long Lock waits for another holder.
const DefaultWait = 10 * time.Second

// ErrBusy: another program held the lock longer than the wait.
var ErrBusy = errors.New("another program is saving this file")

// LockPath is the lock file of path: ".NAME.lock" in the same directory (of
// the symlink's target when path is a symlink, the file that is replaced).
func LockPath(path string) string {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	}
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".lock")
}

// Lock takes the exclusive lock of path (creating the directory, mode 0700,
// and the lock file, mode 0600, when missing), waiting up to DefaultWait.
// unlock releases it. The lock is advisory: it binds the programs that
// take it, which are all writers of these files.
func Lock(path string) (unlock func(), err error) {
	return LockWait(path, DefaultWait)
}

// LockWait is Lock with another wait.
func LockWait(path string, wait time.Duration) (unlock func(), err error) {
	lp := LockPath(path)
	if err := os.MkdirAll(filepath.Dir(lp), atomicfile.DirPerm); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(lp, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", lp, err)
	}
	deadline := time.Now().Add(wait)
	for delay := time.Millisecond; ; delay = min(2*delay, 50*time.Millisecond) {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", lp, err)
		}
		if ok {
			return func() { unlockFile(f); f.Close() }, nil
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, &fs.PathError{Op: "lock", Path: lp, Err: ErrBusy}
		}
		time.Sleep(delay)
	}
}
