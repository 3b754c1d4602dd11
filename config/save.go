package config

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/BurntSushi/toml"

	"github.com/orcid-tui/orcid-tui/internal/atomicfile"
	"github.com/orcid-tui/orcid-tui/internal/filelock"
)

// Save writes f to path atomically (atomicfile.Write): a temporary file in
// the same directory, mode 0600, synced, then renamed over path (a symlink
// at path is followed, so a config kept in a dotfiles repository stays
// there). A missing directory is created with mode 0700. Comments in an existing file are not
// kept. An invalid File is not written.
func Save(path string, f *File) error {
	if err := f.validate(path); err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString("# orcid-tui configuration (https://github.com/orcid-tui/orcid-tui).\n# Written by orcid-tui; comments are not kept.\n\n")
	if err := toml.NewEncoder(&buf).Encode(f); err != nil {
		return &Error{Kind: ErrFile, Source: SourceFile, File: path, Msg: "cannot encode the configuration: " + err.Error(), Err: err}
	}
	if err := atomicfile.Write(path, buf.Bytes(), 0o600); err != nil {
		return &Error{Kind: ErrFile, Source: SourceFile, File: path, Msg: "cannot write the config file: " + err.Error(), Err: err}
	}
	return nil
}

// update reads the file at c.Path, changes one environment and saves it.
func (c *Config) update(env string, change func(*EnvironmentFile)) error {
	switch {
	case env == Custom:
		return fmt.Errorf("the %s environment comes from --registry-url/ORCID_REGISTRY_URL and is not saved; define [environments.NAME] in %s to keep it", Custom, c.Path)
	case env == Demo:
		return errors.New("the demo environment registers its own client each time it starts; nothing to save")
	}
	if _, ok := c.Lookup(env); !ok {
		return fmt.Errorf("unknown environment %q", env)
	}
	return c.updateFile(func(f *File) {
		if f.Environments == nil {
			f.Environments = map[string]*EnvironmentFile{}
		}
		e := f.Environments[env]
		if e == nil {
			e = &EnvironmentFile{}
			f.Environments[env] = e
		}
		change(e)
	})
}

// updateFile reads the file at c.Path, changes it and saves it.
func (c *Config) updateFile(change func(*File)) error {
	// Another program may be saving too: hold the file's lock from reading
	// to renaming, so each changes only its own setting on the latest file
	// and neither loses the other's.
	unlock, err := filelock.Lock(c.Path)
	if err != nil {
		return &Error{Kind: ErrFile, Source: SourceFile, File: c.Path, Msg: "cannot lock the config file for writing: " + err.Error(), Err: err}
	}
	defer unlock()
	f, err := ReadFile(c.Path)
	if err != nil {
		return err
	}
	change(f)
	if err := Save(c.Path, f); err != nil {
		return err
	}
	c.FileFound = true
	return nil
}

// SetClientID saves the client id of environment env in the config file and
// uses it from now on (this session's edit wins over a flag or variable).
func (c *Config) SetClientID(env, id string) error {
	if err := c.update(env, func(e *EnvironmentFile) { e.ClientID = id }); err != nil {
		return err
	}
	e, _ := c.Lookup(env)
	e.ClientID = Setting[string]{id, SourceFile, c.Path}
	return nil
}

// SetRedirectURI saves the redirect URI of environment env (checked like a
// configured one) and uses it from now on. An empty uri removes it.
func (c *Config) SetRedirectURI(env, uri string) error {
	e, ok := c.Lookup(env)
	if uri != "" && ok {
		if msg := checkRedirectURI(uri, e.AnyLoopbackPort); msg != "" {
			return &Error{Kind: ErrValue, Source: SourceFile, File: c.Path, Key: "environments." + env + ".redirect_uri", Msg: msg}
		}
	}
	if err := c.update(env, func(e *EnvironmentFile) { e.RedirectURI = uri }); err != nil {
		return err
	}
	if uri == "" {
		e.RedirectURI = Setting[string]{DefaultRedirectURI, SourceDefault, "built-in"}
	} else {
		e.RedirectURI = Setting[string]{uri, SourceFile, c.Path}
	}
	return nil
}

// SetClientSecretInFile saves a client secret in the config file (mode 0600).
// Only for a user who explicitly asks: the keyring (package auth) is the
// place for secrets.
func (c *Config) SetClientSecretInFile(env, secret string) error {
	if err := c.update(env, func(e *EnvironmentFile) { e.ClientSecret = secret }); err != nil {
		return err
	}
	e, _ := c.Lookup(env)
	e.ClientSecret = Setting[string]{secret, SourceFile, c.Path}
	return nil
}
