package main

import (
	"context"
	"fmt"
)

// runTUI starts the interactive program. Placeholder until package tui
// lands: it says so and points at the script commands.
func (c *cli) runTUI(ctx context.Context, g *globals) error {
	s, err := c.openSession(ctx, g)
	if err != nil {
		return err
	}
	defer s.close()
	fmt.Fprintf(c.stdout, "orcid-tui %s — environment %s (%s)\n", version, s.env.Name, s.env.PublicAPIURL)
	fmt.Fprintln(c.stdout, "The interactive explorer is not built yet. Try: orcid-tui search carberry, orcid-tui show 0000-0002-1825-0097, orcid-tui help")
	return nil
}
