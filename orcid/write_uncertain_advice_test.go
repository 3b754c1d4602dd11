package orcid_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// TestUncertainWriteGivesNoRetryAdvice: a write that got no answer in
// time says "may or may not have been added: check the record"; the
// timeout's own words for reads ("try again later") must not appear in it,
// or the one sentence would say both "check first" and "send it again".
func TestUncertainWriteGivesNoRetryAdvice(t *testing.T) {
	srv, _ := newWriteRegistry(t)
	c := memberClient(t, srv, orcidtest.DemoClientID, orcidtest.CarberryID, allScopes, orcid.WithTimeout(20*time.Millisecond))
	// The body is read, then no answer comes (until Close releases it).
	srv.Inject(func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method != "POST" {
			return false
		}
		_, _ = r.Body.Read(make([]byte, 1))
		return false
	})
	if err := srv.SetFault(orcidtest.Fault{Name: orcidtest.FaultSlow, Delay: time.Hour}); err != nil {
		t.Fatal(err)
	}
	_, err := c.Add(context.Background(), orcidtest.CarberryID, newWork("Slow", "10.5555/slow"))
	if !errors.Is(err, orcid.ErrMaybeApplied) {
		t.Fatalf("err = %v, want a write that may have been applied", err)
	}
	if msg := strings.ToLower(err.Error()); strings.Contains(msg, "try again later") || !strings.Contains(msg, "check the record") {
		t.Errorf("message %q: want only the advice to check the record", err.Error())
	}
}
