package orcid_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// TestPageAnsweringUpdateOrDeleteIsUncertain: ORCID answers an update
// with the item (JSON or XML) and a delete with 204. A 200 HTML or text
// page (a proxy's maintenance or login page) is not ORCID's answer: the
// write may never have reached ORCID, so it is reported as "may or may not
// have been applied", never as done, and it is sent once.
func TestPageAnsweringUpdateOrDeleteIsUncertain(t *testing.T) {
	pages := []struct {
		name, contentType, body string
	}{
		{"HTML page", "text/html;charset=UTF-8", "<!DOCTYPE html><html><body>Down for maintenance</body></html>"},
		{"HTML page without a type", "", "<html><body>Sign in to the proxy</body></html>"},
		{"text page", "text/plain", "Service is being updated"},
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			srv, c := newWriteRegistry(t)
			ctx := context.Background()
			added, err := c.Add(ctx, orcidtest.CarberryID, newWork("Kept", "10.5555/kept-page"))
			if err != nil {
				t.Fatal(err)
			}
			srv.ResetRequests()
			remove := srv.Inject(func(w http.ResponseWriter, r *http.Request) bool {
				if r.Method == http.MethodGet {
					return false
				}
				if p.contentType != "" {
					w.Header().Set("Content-Type", p.contentType)
				} else {
					w.Header()["Content-Type"] = nil // no sniffed type either
				}
				w.WriteHeader(http.StatusOK)
				_, _ = w.Write([]byte(p.body))
				return true
			})
			defer remove()
			changed := newWork("Changed", "10.5555/kept-page")
			setPutCode(changed, added.PutCode)
			_, err = c.Update(ctx, orcidtest.CarberryID, changed)
			var unsure *orcid.WriteUncertainError
			if !errors.Is(err, orcid.ErrMaybeApplied) || !errors.As(err, &unsure) || unsure.Method != http.MethodPut {
				t.Errorf("PUT answered by a page: %v, want a WriteUncertainError", err)
			}
			_, err = c.Delete(ctx, orcidtest.CarberryID, orcid.KindWork, added.PutCode)
			if !errors.Is(err, orcid.ErrMaybeApplied) || !errors.As(err, &unsure) || unsure.Method != http.MethodDelete {
				t.Errorf("DELETE answered by a page: %v, want a WriteUncertainError", err)
			}
			if n := len(srv.Requests()); n != 2 {
				t.Errorf("%d requests, want 2: each write sent once", n)
			}
		})
	}
}
