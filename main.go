// Command orcid-tui is a terminal explorer for the ORCID registry.
//
// Without a subcommand it starts the interactive program; the subcommands
// are meant for scripts. Everything lives in package cli.
package main

import (
	"os"

	"github.com/orcid-tui/orcid-tui/cli"
)

// version is set at build time: go build -ldflags "-X main.version=v1.2.3".
var version = "dev"

func main() {
	os.Exit(cli.Main(version))
}
