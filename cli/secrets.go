package cli

import (
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/config"
)

// secretKeyring is where client secrets are kept: the OS keyring
// (*auth.KeyringStore); tests give a map.
type secretKeyring interface {
	ClientSecret(env, clientID string) (string, error)
	SaveClientSecret(env, clientID, secret string) error
	DeleteClientSecret(env, clientID string) error
}

// noKeyringAdvice is what the user is told when a secret cannot go to the
// OS keyring.
const noKeyringAdvice = "give it with ORCID_CLIENT_SECRET, or put it in the config file (mode 0600)"

// keyringOff reports whether the config keeps the OS keyring out of use
// (token_storage = "file": it is missing or hangs here).
func keyringOff(cfg *config.Config) bool { return cfg.TokenStorage.Value == "file" }

// fillKeyringSecrets fills in the client secrets kept in the OS keyring for
// those of envs that want one (config.EnvConfig.WantsKeyringSecret:
// precedence flag > variable > file > keyring). The lookups run one after
// another off this goroutine under one budget (c.keyringBudget, by default
// auth.DefaultKeyringTimeout, for all of them together); the first answer
// that there is no keyring ends them, and so does the budget. Nothing is
// asked when no environment wants a secret.
func (c *cli) fillKeyringSecrets(cfg *config.Config, envs ...*config.EnvConfig) {
	if c.secrets == nil || keyringOff(cfg) {
		return
	}
	type want struct{ env, id string }
	var wants []want
	for _, e := range envs {
		if e.WantsKeyringSecret() {
			wants = append(wants, want{e.Name, e.ClientID.Value})
		}
	}
	if len(wants) == 0 {
		return
	}
	type found struct{ env, secret string }
	ch := make(chan found, len(wants))
	kr := c.secrets
	go func() {
		defer close(ch)
		for _, w := range wants {
			s, err := kr.ClientSecret(w.env, w.id)
			if errors.Is(err, auth.ErrNoKeyring) {
				return
			}
			if err == nil && s != "" {
				ch <- found{w.env, s}
			}
		}
	}()
	budget := c.keyringBudget
	if budget <= 0 {
		budget = auth.DefaultKeyringTimeout
	}
	timer := time.NewTimer(budget)
	defer timer.Stop()
	for {
		select {
		case f, ok := <-ch:
			if !ok {
				return
			}
			_ = cfg.SetClientSecret(f.env, f.secret, config.SourceKeyring, config.KeyringOrigin)
		case <-timer.C:
			return
		}
	}
}

// credentialSaver returns what the TUI calls when the user confirms new
// credentials for an environment: the client id goes to the config file
// (atomic, 0600), the secret to the OS keyring, never to a file unasked.
// The sentence says in plain words where each went, or why not; the error
// is set when something could not be saved (the sentence still says what
// was). Calls are serialised: the TUI runs them as commands.
func (c *cli) credentialSaver(cfg *config.Config) func(env, clientID, secret string) (string, error) {
	var mu sync.Mutex
	return func(env, clientID, secret string) (string, error) {
		mu.Lock()
		defer mu.Unlock()
		return c.saveCredentials(cfg, env, clientID, secret)
	}
}

func (c *cli) saveCredentials(cfg *config.Config, env, clientID, secret string) (string, error) {
	e, ok := cfg.Lookup(env)
	if !ok {
		return "", userErrorf("unknown environment %q", env)
	}
	switch env {
	case config.Demo:
		return "the demo registry registers its own client each run: nothing saved", nil
	case config.Custom:
		return "kept for this run only: the custom environment comes from --registry-url or ORCID_REGISTRY_URL; define [environments.NAME] in " + c.tilde(cfg.Path) + " to keep it", nil
	}
	path := c.tilde(cfg.Path)
	var said []string
	var failed error

	// The client id, in the config file (rewritten only when it changes:
	// writing drops the file's comments).
	f, err := config.ReadFile(cfg.Path)
	if err != nil {
		return "nothing saved: " + err.Error(), err
	}
	var fileID, fileSecret string
	if fe := f.Environments[env]; fe != nil {
		fileID, fileSecret = fe.ClientID, fe.ClientSecret
	}
	switch {
	case clientID == fileID && clientID == "":
	case clientID == fileID:
		said = append(said, "client id already in "+path)
	default:
		if err := cfg.SetClientID(env, clientID); err != nil {
			said = append(said, "client id not saved ("+err.Error()+")")
			failed = err
		} else if clientID == "" {
			said = append(said, "client id removed from "+path)
		} else {
			said = append(said, "client id saved in "+path)
		}
	}

	// The secret, in the OS keyring.
	wasSource := e.ClientSecret.Source
	switch {
	case secret == "":
		if clientID != "" && c.secrets != nil && !keyringOff(cfg) {
			_ = c.secrets.DeleteClientSecret(env, clientID)
		}
		_ = cfg.SetClientSecret(env, "", config.SourceDefault, "")
		if fileSecret != "" {
			said = append(said, "no secret: the one in "+path+" is still used next time")
		}
	case clientID == "":
		said = append(said, "the secret is kept for this run only: it is saved with a client id")
	case c.secrets == nil || keyringOff(cfg):
		said = append(said, `the secret is kept for this run only (token_storage = "file" keeps the OS keyring out of use) — `+noKeyringAdvice)
		failed = errors.Join(failed, auth.ErrNoKeyring)
	default:
		err := c.secrets.SaveClientSecret(env, clientID, secret)
		switch {
		case errors.Is(err, auth.ErrNoKeyring):
			said = append(said, "no OS keyring here: the secret is kept for this run only — "+noKeyringAdvice)
			failed = errors.Join(failed, err)
		case err != nil:
			said = append(said, "the secret is kept for this run only: the OS keyring refused it ("+err.Error()+")")
			failed = errors.Join(failed, err)
		default:
			s := "secret saved in the OS keyring"
			if fileSecret != "" {
				// The file would win over the keyring next time.
				if err := cfg.SetClientSecretInFile(env, ""); err != nil {
					s += ", but the old one in " + path + " could not be removed and is used next time (" + err.Error() + ")"
					failed = errors.Join(failed, err)
				} else {
					s += " (the old one in " + path + " was removed)"
				}
			}
			switch wasSource {
			case config.SourceFlag:
				s += "; --client-secret still wins when given"
			case config.SourceEnv:
				s += "; ORCID_CLIENT_SECRET still wins while it is set"
			}
			said = append(said, s)
			_ = cfg.SetClientSecret(env, secret, config.SourceKeyring, config.KeyringOrigin)
		}
	}
	if len(said) == 0 {
		return "no client id or secret to save", failed
	}
	return strings.Join(said, "; "), failed
}

// tilde shortens a path under the home directory to ~/….
func (c *cli) tilde(path string) string {
	home := c.getenv("HOME")
	if home == "" || !filepath.IsAbs(home) {
		return path
	}
	if rel, err := filepath.Rel(home, path); err == nil && rel != "." && !strings.HasPrefix(rel, "..") {
		return "~" + string(filepath.Separator) + rel
	}
	return path
}
