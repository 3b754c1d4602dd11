package main

import (
	"context"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// demo is the in-process registry started by --demo.
type demo struct {
	env          orcid.Environment
	clientID     string
	clientSecret string
	close        func()
}

// startDemo starts the in-process ORCID registry on 127.0.0.1.
func startDemo(ctx context.Context) (*demo, error) {
	// Placeholder until orcid/orcidtest lands.
	return nil, userErrorf("the demo registry is not available in this build — use --env sandbox")
}
