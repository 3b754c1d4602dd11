package export

import (
	"io"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// BenchmarkWrite renders the 2,500 works of the big record (every version)
// in each format: the cost of an export once the works are loaded.
func BenchmarkWrite(b *testing.B) {
	_, c := newClient(b)
	opt := Options{AllVersions: true, Owner: "Amara Okonkwo"}
	works := load(b, c, orcidtest.BigRecordID, opt)
	for _, f := range Formats {
		b.Run(string(f), func(b *testing.B) {
			for b.Loop() {
				if err := Write(io.Discard, f, works, opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
