//go:build tools

// Package main pins dependencies that the packages being written in parallel
// will use, so go.mod/go.sum stay stable while they land. Removed once every
// dependency is imported for real.
package main

import (
	_ "charm.land/bubbles/v2/key"
	_ "charm.land/bubbletea/v2"
	_ "charm.land/lipgloss/v2"
	_ "github.com/BurntSushi/toml"
	_ "github.com/charmbracelet/x/exp/golden"
	_ "github.com/charmbracelet/x/exp/teatest/v2"
	_ "github.com/coreos/go-oidc/v3/oidc"
	_ "github.com/pkg/browser"
	_ "github.com/zalando/go-keyring"
	_ "golang.org/x/oauth2"
	_ "golang.org/x/time/rate"
)
