package auth

import (
	"context"
	"sync"

	"github.com/orcid-tui/orcid-tui/internal/filelock"
)

// refreshLocker is a Store that can serialise read-refresh-save with other
// programs using it. With revoke_old=true a refresh token works once: two
// programs refreshing one expired token at once would leave one of them
// with invalid_grant ("sign in again") although the other just saved a
// good pair.
type refreshLocker interface {
	lockRefresh() (unlock func(), err error)
}

// lockRefresh takes the refresh lock: a lock file of its own beside the
// token file, since Put takes the file's lock itself (flock locks are per
// open file, so holding it here would block our own Put).
func (f *FileStore) lockRefresh() (func(), error) {
	return filelock.Lock(f.path + ".refresh")
}

// lockRefresh takes the refresh lock beside the index lock file (within
// this program only without one).
func (k *KeyringStore) lockRefresh() (func(), error) {
	if k.LockFile == "" {
		return lockMutex(&k.refreshMu), nil
	}
	return filelock.Lock(k.LockFile + ".refresh")
}

// lockRefresh serialises refreshes within this program (a MemoryStore is
// not shared with others).
func (m *MemoryStore) lockRefresh() (func(), error) { return lockMutex(&m.refreshMu), nil }

func lockMutex(mu *sync.Mutex) func() {
	mu.Lock()
	return mu.Unlock
}

// refreshSaved refreshes s and saves the new pair, holding the store's
// refresh lock from reading to saving. It first looks at what is saved
// under the lock: a newer valid token saved by another program is adopted
// (adopted true) instead of spending s's refresh token, which that program
// may have retired. A refresh refused with invalid_grant looks again, for
// a store whose lock another program did not take. saveErr is the save's
// failure: the new pair works all the same. Once saved, the superseded
// pair is retired, after the lock is released.
func (a *Authenticator) refreshSaved(ctx context.Context, s *Session) (n *Session, adopted bool, saveErr, err error) {
	unlock := func() {}
	if rl, ok := a.cfg.Store.(refreshLocker); ok {
		// A lock that cannot be had (another program stuck for
		// filelock.DefaultWait) is no reason to fail: refresh as without
		// one; the invalid_grant re-read still applies.
		if u, lerr := rl.lockRefresh(); lerr == nil {
			unlock = u
		}
	}
	n, adopted, saveErr, err = a.refreshLocked(ctx, s)
	unlock()
	if err == nil && !adopted && saveErr == nil {
		a.retire(ctx, s, n)
	}
	return n, adopted, saveErr, err
}

// refreshLocked is refreshSaved's work under the lock.
func (a *Authenticator) refreshLocked(ctx context.Context, s *Session) (*Session, bool, error, error) {
	if newer := a.savedNewer(s); newer != nil {
		return newer, true, nil, nil
	}
	if s.RefreshToken == "" {
		return nil, false, nil, ErrNoRefreshToken
	}
	tok, err := a.refreshToken(ctx, s.RefreshToken)
	if err != nil {
		err = a.tokenError("refresh token", err, s.RefreshToken)
		if newer := a.savedNewer(s); newer != nil && TokenForgotten(err) {
			return newer, true, nil, nil
		}
		return nil, false, nil, err
	}
	n := s.update(tok)
	var saveErr error
	if a.cfg.Store != nil {
		saveErr = a.cfg.Store.Put(n)
	}
	return n, false, saveErr, nil
}
