package auth

import (
	"errors"
	"fmt"

	"github.com/zalando/go-keyring"
)

// Client secrets live in the OS keyring next to the tokens (service
// KeyringService), one entry per environment and client id. They are never
// written to a file by this package: where there is no keyring the calls
// fail with ErrNoKeyring and the caller tells the user the other ways to
// give a secret (ORCID_CLIENT_SECRET, or the config file with mode 0600).

// ErrNoKeyring: the OS keyring is missing, refused the call or did not
// answer in time (errors.Is(err, ErrKeyringTimeout) tells the last apart).
// The error's text carries the technical reason; callers word the advice.
var ErrNoKeyring = errors.New("no OS keyring")

// keyringError is a keyring failure that means "no keyring here".
type keyringError struct{ cause error }

func (e *keyringError) Error() string        { return "no OS keyring here: " + e.cause.Error() }
func (e *keyringError) Unwrap() error        { return e.cause }
func (e *keyringError) Is(target error) bool { return target == ErrNoKeyring }

// SecretKey is the keyring user name of a client secret:
// "client-secret:ENV|CLIENT-ID". It has one "|" where token keys have two,
// so it can never be mistaken for a token entry.
func SecretKey(env, clientID string) string {
	return "client-secret:" + env + "|" + clientID
}

// secretCall runs fn under the store's timeout and turns every failure but
// "not there" and "too big" into ErrNoKeyring.
func (k *KeyringStore) secretCall(fn func() (string, error)) (string, error) {
	v, err := k.call(fn)
	switch {
	case err == nil, errors.Is(err, ErrNotStored):
		return v, err
	case errors.Is(err, keyring.ErrSetDataTooBig):
		return "", fmt.Errorf("the OS keyring refused the secret: %w", err)
	}
	return "", &keyringError{cause: err}
}

func checkSecretKey(env, clientID string) error {
	if env == "" || clientID == "" {
		return errors.New("a client secret is kept under an environment and a client id: both are needed")
	}
	return nil
}

// ClientSecret returns the secret kept for env and clientID: ErrNotStored
// when there is none, ErrNoKeyring when there is no keyring to ask.
func (k *KeyringStore) ClientSecret(env, clientID string) (string, error) {
	if err := checkSecretKey(env, clientID); err != nil {
		return "", err
	}
	return k.secretCall(func() (string, error) { return k.backend().Get(k.Service, SecretKey(env, clientID)) })
}

// SaveClientSecret keeps secret for env and clientID in the keyring,
// replacing an earlier one. An empty secret is refused (use
// DeleteClientSecret).
func (k *KeyringStore) SaveClientSecret(env, clientID, secret string) error {
	if err := checkSecretKey(env, clientID); err != nil {
		return err
	}
	if secret == "" {
		return errors.New("an empty client secret is not saved")
	}
	_, err := k.secretCall(func() (string, error) { return "", k.backend().Set(k.Service, SecretKey(env, clientID), secret) })
	return err
}

// DeleteClientSecret forgets the secret kept for env and clientID
// (ErrNotStored when there was none).
func (k *KeyringStore) DeleteClientSecret(env, clientID string) error {
	if err := checkSecretKey(env, clientID); err != nil {
		return err
	}
	_, err := k.secretCall(func() (string, error) { return "", k.backend().Delete(k.Service, SecretKey(env, clientID)) })
	return err
}

// ClientSecret returns the client secret kept in the OS keyring for env and
// clientID (DefaultKeyringTimeout): ErrNotStored when absent, ErrNoKeyring
// when there is no keyring.
func ClientSecret(env, clientID string) (string, error) {
	return NewKeyringStore().ClientSecret(env, clientID)
}

// SaveClientSecret keeps a client secret in the OS keyring; with no keyring
// it fails with ErrNoKeyring and nothing is written anywhere.
func SaveClientSecret(env, clientID, secret string) error {
	return NewKeyringStore().SaveClientSecret(env, clientID, secret)
}

// DeleteClientSecret forgets a client secret kept in the OS keyring.
func DeleteClientSecret(env, clientID string) error {
	return NewKeyringStore().DeleteClientSecret(env, clientID)
}
