package cli

import (
	"context"
	"testing"

	"github.com/orcid-tui/orcid-tui/config"
	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// TestDemoRegistryBuiltWhenChosen: the TUI's demo environment builds the
// registry only when the pane first chooses it, once, with the demo
// client's credentials.
func TestDemoRegistryBuiltWhenChosen(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	starts := 0
	demos := &lazyDemo{start: func(context.Context) (*demo, error) {
		starts++
		return &demo{env: srv.Environment(), clientID: orcidtest.DemoClientID, clientSecret: orcidtest.DemoClientSecret, close: func() {}, srv: srv}, nil
	}}
	cfg := &config.Config{Environments: []*config.EnvConfig{{Environment: orcid.Sandbox}}}
	envs := lazyDemoEnv(context.Background(), cfg, tuiEnvironments(cfg), demos)
	if starts != 0 || len(envs) != 2 || envs[1].Name != config.Demo || envs[1].Start == nil || envs[1].Label != "demo (offline)" {
		t.Fatalf("%d starts, envs %+v", starts, envs)
	}
	for range 2 {
		e, err := envs[1].Start()
		if err != nil || e.PublicAPIURL != srv.Environment().PublicAPIURL || e.ClientID != orcidtest.DemoClientID || !e.Ephemeral {
			t.Fatalf("started env %+v, %v", e, err)
		}
	}
	if starts != 1 {
		t.Errorf("registry built %d times, want once", starts)
	}
}
