package config

import "fmt"

// KeyringOrigin is the Origin of a client secret found in the OS keyring.
const KeyringOrigin = "keyring"

// WantsKeyringSecret reports whether e's client secret should be looked up
// in the OS keyring: e has a client id and no secret from a flag, a
// variable, the config file or the demo registry (a flag or variable that
// is given but empty counts as given: --client-secret= hides every stored
// secret). The demo environment registers its own client each run and the
// custom one is never saved, so neither is looked up.
func (e *EnvConfig) WantsKeyringSecret() bool {
	return e != nil && e.Name != Demo && e.Name != Custom &&
		e.ClientID.Value != "" && !e.ClientSecret.IsSet()
}

// SetClientSecret uses secret as environment env's client secret from now
// on, with its source and origin (SourceKeyring and KeyringOrigin for a
// secret found in the OS keyring). Nothing is written: the config file
// keeps a secret only through SetClientSecretInFile. An empty secret
// clears it (source default).
func (c *Config) SetClientSecret(env, secret string, src Source, origin string) error {
	e, ok := c.Lookup(env)
	if !ok {
		return fmt.Errorf("unknown environment %q", env)
	}
	if secret == "" {
		e.ClientSecret = Setting[string]{"", SourceDefault, "built-in"}
		return nil
	}
	e.ClientSecret = Setting[string]{secret, src, origin}
	return nil
}
