package main

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
}

// startDemo starts the in-process ORCID registry on 127.0.0.1 (a free
// port); its demo client's id and secret are prefilled.
func startDemo(ctx context.Context) (*demo, error) {
	srv := orcidtest.NewServer()
	return &demo{
		env:          srv.Environment(),
		clientID:     orcidtest.DemoClientID,
		clientSecret: orcidtest.DemoClientSecret,
		redirectURI:  orcidtest.DemoRedirectURI,
		close:        srv.Close,
	}, nil
}
