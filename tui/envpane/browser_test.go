package envpane

import (
	"context"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

func orcidtestAuthorize(ctx context.Context, t *testing.T, srv *orcidtest.Server, authURL string) string {
	t.Helper()
	loc, err := orcidtest.Consent(ctx, authURL, "authorize", orcidtest.CarberryID)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
