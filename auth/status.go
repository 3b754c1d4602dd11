package auth

import (
	"errors"
	"fmt"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// StoreStatus says where a Store keeps tokens and whether it works now, for
// a front end to tell the user the truth (a token file others can read is
// refused: nothing is kept there, whatever the file's name promises).
type StoreStatus struct {
	// Where is "the OS keyring", the token file's path, or "memory".
	Where string
	// File is true for the token file (readable by you only when it works).
	File bool
	// Err is why the store refuses to work; nil when it works.
	Err error
}

// Notice is the status in one sentence: where tokens are kept, or that
// they cannot be kept and why.
func (s StoreStatus) Notice() string {
	switch {
	case s.Err != nil && s.File:
		return fmt.Sprintf("the token file %s cannot be used, so sign-ins are not kept: %v", s.Where, s.Err)
	case s.Err != nil:
		return fmt.Sprintf("tokens cannot be kept in %s: %v", s.Where, s.Err)
	case s.File:
		return fmt.Sprintf("tokens are kept in %s (readable by you only)", s.Where)
	}
	return "tokens are kept in " + s.Where
}

// storeChecker is a Store that can say whether it works.
type storeChecker interface{ Check() error }

// StatusOf checks st now (it reads the token file, or asks the keyring:
// not for View).
func StatusOf(st Store) StoreStatus {
	var s StoreStatus
	switch st := st.(type) {
	case nil:
		return StoreStatus{Where: "memory"}
	case *FileStore:
		s = StoreStatus{Where: st.Path(), File: true}
	case *KeyringStore:
		s = StoreStatus{Where: "the OS keyring"}
	case *MemoryStore:
		s = StoreStatus{Where: "memory"}
	default:
		s = StoreStatus{Where: fmt.Sprintf("%T", st)}
	}
	if c, ok := st.(storeChecker); ok {
		s.Err = c.Check()
	}
	return s
}

// Check reads the token file as every call does: nil when it is absent or
// usable, the refusal otherwise (*InsecureFileError, unreadable, not JSON).
func (f *FileStore) Check() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, err := f.load()
	return err
}

// Check asks the keyring whether it answers (Probe).
func (k *KeyringStore) Check() error { return k.Probe() }

// TokenForgotten reports whether err is the registry saying it no longer
// knows a token (invalid_grant for a refresh token, invalid_token for an
// access token): revoked on the registry, or forgotten there. The sign-in
// is over; a front end stops showing it and offers to sign in again.
func TokenForgotten(err error) bool {
	var oe *orcid.OAuthError
	return errors.As(err, &oe) && (oe.Code == "invalid_grant" || oe.Code == "invalid_token")
}
