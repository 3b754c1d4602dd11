package orcidtest

import (
	"net/http"
	"testing"
	"time"
)

// TestCloseReleasesSlowAnswers: Close does not wait out a slow fault. A
// client that gave up on a write whose body the server never read (Expect:
// 100-continue) leaves no sign the server can see, so the demo registry
// would otherwise hold the program open, after its answer, for the whole
// delay (an hour here: before the fix this test hangs until go test's
// timeout).
func TestCloseReleasesSlowAnswers(t *testing.T) {
	srv := NewServer()
	arrived := make(chan struct{})
	srv.Inject(func(http.ResponseWriter, *http.Request) bool {
		close(arrived)
		return false
	})
	if err := srv.SetFault(Fault{Name: FaultSlow, Delay: time.Hour}); err != nil {
		t.Fatal(err)
	}
	go func() {
		resp, err := http.Get(srv.Environment().PublicAPIURL + "/v3.0/" + CarberryID + "/record")
		if err == nil {
			resp.Body.Close()
		}
	}()
	<-arrived
	srv.Close()
}
