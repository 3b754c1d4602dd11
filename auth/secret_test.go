package auth

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

func TestClientSecretInKeyring(t *testing.T) {
	keyring.MockInit()
	const id, secret = "APP-674MCQQR985VZZQ2", "0c4f3a9e-5b1d-4c8e-9f7a-2d6b8e1c3a5f"
	if _, err := ClientSecret("sandbox", id); !errors.Is(err, ErrNotStored) {
		t.Fatalf("ClientSecret before Save: %v, want ErrNotStored", err)
	}
	if err := SaveClientSecret("sandbox", id, secret); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		env, id string
		want    string
		err     error
	}{
		{"sandbox", id, secret, nil},
		{"production", id, "", ErrNotStored},                  // per environment
		{"sandbox", "APP-0000000000000001", "", ErrNotStored}, // per client id
	}
	for _, tt := range tests {
		got, err := ClientSecret(tt.env, tt.id)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("ClientSecret(%s, %s) = %q, %v; want %q, %v", tt.env, tt.id, got, err, tt.want, tt.err)
		}
	}
	if err := SaveClientSecret("sandbox", id, "second"); err != nil {
		t.Fatal(err)
	}
	if got, _ := ClientSecret("sandbox", id); got != "second" {
		t.Errorf("after a second Save: %q", got)
	}
	// The secret entry is not a token: the token store does not list it.
	if keys, err := NewKeyringStore().List(); err != nil || len(keys) != 0 {
		t.Errorf("token List = %v, %v; want no tokens", keys, err)
	}
	if err := DeleteClientSecret("sandbox", id); err != nil {
		t.Fatal(err)
	}
	if err := DeleteClientSecret("sandbox", id); !errors.Is(err, ErrNotStored) {
		t.Errorf("second Delete: %v", err)
	}
	if _, err := ClientSecret("sandbox", id); !errors.Is(err, ErrNotStored) {
		t.Errorf("after Delete: %v", err)
	}
	if err := SaveClientSecret("sandbox", id, ""); err == nil {
		t.Error("an empty secret was saved")
	}
	if err := SaveClientSecret("", id, secret); err == nil {
		t.Error("a secret without an environment was saved")
	}
}

func TestClientSecretNoKeyring(t *testing.T) {
	keyring.MockInitWithError(errors.New("dbus-launch: executable file not found in $PATH"))
	t.Cleanup(keyring.MockInit)
	const id = "APP-674MCQQR985VZZQ2"
	calls := []struct {
		name string
		fn   func() error
	}{
		{"save", func() error { return SaveClientSecret("sandbox", id, "s3cret-value-123") }},
		{"get", func() error { _, err := ClientSecret("sandbox", id); return err }},
		{"delete", func() error { return DeleteClientSecret("sandbox", id) }},
	}
	for _, c := range calls {
		err := c.fn()
		if !errors.Is(err, ErrNoKeyring) || errors.Is(err, ErrNotStored) {
			t.Errorf("%s: %v, want ErrNoKeyring", c.name, err)
			continue
		}
		if !strings.Contains(err.Error(), "dbus-launch") {
			t.Errorf("%s: %q does not carry the reason", c.name, err)
		}
		if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%s: the error shows the secret: %q", c.name, err)
		}
	}
}

func TestClientSecretTimeout(t *testing.T) {
	ks := &KeyringStore{Service: KeyringService, Timeout: 10 * time.Millisecond}
	block := make(chan struct{})
	defer close(block)
	_, err := ks.secretCall(func() (string, error) { <-block; return "", nil })
	if !errors.Is(err, ErrNoKeyring) || !errors.Is(err, ErrKeyringTimeout) {
		t.Errorf("err = %v, want ErrNoKeyring and ErrKeyringTimeout", err)
	}
}

func TestSecretKeyIsNotATokenKey(t *testing.T) {
	if _, ok := parseKey(SecretKey("sandbox", "APP-1")); ok {
		t.Error("a secret key parses as a token key")
	}
}
