package cli

import (
	"sync"

	"github.com/orcid-tui/orcid-tui/config"
)

// configSavers are the TUI's two ways of writing the config file: the
// credentials of the environment pane and the citation format of Y. They
// share one lock: both change cfg (and its FileFound), from the TUI's
// commands, which may run at the same time.
func (c *cli) configSavers(cfg *config.Config) (creds func(env, clientID, secret string) (string, error), citation func(format string) error) {
	var mu sync.Mutex
	save := c.credentialSaver(cfg)
	creds = func(env, clientID, secret string) (string, error) {
		mu.Lock()
		defer mu.Unlock()
		return save(env, clientID, secret)
	}
	citation = func(format string) error {
		mu.Lock()
		defer mu.Unlock()
		return cfg.SetCitationFormat(format)
	}
	return creds, citation
}
