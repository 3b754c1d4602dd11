package cli

import (
	"context"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// demo is the in-process registry started by --demo.
type demo struct {
	env          orcid.Environment
	clientID     string
	clientSecret string
	redirectURI  string
	close        func()
	// srv is the registry itself, for --demo-faults (nil: faults cannot be
	// switched on).
	srv *orcidtest.Server
}

// startDemo starts the in-process ORCID registry on 127.0.0.1 (a free
// port); its demo client's id and secret are prefilled. Faults can be
// switched at run time at <registry>/_faults (orcidtest.EnableFaultControl).
func startDemo(ctx context.Context) (*demo, error) {
	srv := orcidtest.NewServer()
	srv.EnableFaultControl()
	return &demo{
		env:          srv.Environment(),
		clientID:     orcidtest.DemoClientID,
		clientSecret: orcidtest.DemoClientSecret,
		redirectURI:  orcidtest.DemoRedirectURI,
		close:        srv.Close,
		srv:          srv,
	}, nil
}
