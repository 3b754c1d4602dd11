package cli

import (
	"strings"

	"github.com/orcid-tui/orcid-tui/config"
	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// envDemoFaults names faults for the demo registry, like --demo-faults.
const envDemoFaults = "ORCID_DEMO_FAULTS"

// demoFaults resolves --demo-faults (or $ORCID_DEMO_FAULTS): the faults to
// switch on in the in-process registry. An unknown name given by the flag is
// bad usage (exit 2); the message lists the known faults. demoSelected says
// whether the command runs against the demo registry: the flag without it
// is bad usage, the variable without it is ignored.
func (c *cli) demoFaults(g *globals, demoSelected bool) ([]orcidtest.Fault, error) {
	list, byFlag := g.demoFaults, g.set["demo-faults"]
	if !byFlag {
		list = strings.TrimSpace(c.getenv(envDemoFaults))
	}
	if strings.TrimSpace(list) == "" {
		return nil, nil
	}
	if !demoSelected {
		if byFlag {
			return nil, usagef(mainUsage, "--demo-faults works on the demo registry only: add --demo")
		}
		return nil, nil
	}
	faults, err := orcidtest.ParseFaults(list)
	if err != nil {
		if byFlag {
			return nil, usagef(mainUsage, "--demo-faults: %v", err)
		}
		return nil, userErrorf("environment variable %s: %v", envDemoFaults, err)
	}
	return faults, nil
}

// applyDemoFaults switches faults on in the demo registry d.
func applyDemoFaults(d *demo, faults []orcidtest.Fault) error {
	if len(faults) == 0 || d.srv == nil {
		return nil
	}
	return d.srv.SetFaults(faults)
}

// isDemo says whether cfg selects the in-process registry.
func isDemo(cfg *config.Config) bool { return cfg.Environment.Value == config.Demo }

// timeoutOptions are the client options of the hidden --request-timeout
// flag and the tests' clientOptions.
func (c *cli) timeoutOptions(g *globals) []orcid.Option {
	var opts []orcid.Option
	if g.requestTimeout > 0 {
		opts = append(opts, orcid.WithTimeout(g.requestTimeout))
	}
	return append(opts, c.clientOptions...)
}
