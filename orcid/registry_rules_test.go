package orcid_test

import (
	"context"
	"errors"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// TestMergedFaultRefusesWrites: with the merged fault on, a write to the
// merged record is refused with 409 and error 9007, as ORCID answers every
// method but GET (a 301 would have the client report an unexpected
// redirect); a read still gets the 301.
func TestMergedFaultRefusesWrites(t *testing.T) {
	srv, c := newWriteRegistry(t)
	if err := srv.SetFault(orcidtest.Fault{Name: orcidtest.FaultMerged, ID: orcidtest.CarberryID}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	id := orcid.ID(orcidtest.CarberryID)
	writes := map[string]func() error{
		"add": func() error { _, err := c.Add(ctx, id, newWork("T", "10.5555/merged")); return err },
		"update": func() error {
			w := newWork("T", "10.5555/merged")
			w.PutCode = 5
			_, err := c.Update(ctx, id, w)
			return err
		},
		"delete": func() error { _, err := c.Delete(ctx, id, orcid.KindWork, 5); return err },
	}
	for name, write := range writes {
		err := write()
		var api *orcid.APIError
		if !errors.Is(err, orcid.ErrMerged) || !errors.As(err, &api) || api.StatusCode != 409 || api.ErrorCode != orcid.CodeDeprecated ||
			errors.Is(err, orcid.ErrMaybeApplied) {
			t.Errorf("%s: %v, want 409 / 9007", name, err)
		}
	}
	_, err := c.Record(ctx, id)
	var merged *orcid.MergedError
	if !errors.As(err, &merged) || merged.Primary != orcidtest.PrimaryID {
		t.Errorf("read: %v, want the merge into %s", err, orcidtest.PrimaryID)
	}
}
