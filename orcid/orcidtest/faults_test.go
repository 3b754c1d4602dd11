package orcidtest

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestParseFaults(t *testing.T) {
	tests := []struct {
		in      string
		want    []Fault
		wantErr string
	}{
		{"slow,html500", []Fault{{Name: "slow"}, {Name: "html500"}}, ""},
		{" slow:250ms , storm:20 ", []Fault{{Name: "slow", Delay: 250 * time.Millisecond}, {Name: "storm", Count: 20}}, ""},
		{"storm:30s", []Fault{{Name: "storm", For: 30 * time.Second}}, ""},
		{"merged:" + CarberryID, []Fault{{Name: "merged", ID: CarberryID}}, ""},
		{"html200@/pub/v3.0/expanded-search", []Fault{{Name: "html200", Paths: []string{"/pub/v3.0/expanded-search"}}}, ""},
		{"", nil, ""},
		{"slow,frob", nil, `unknown fault "frob" (known faults: slow, reset, truncated, html200, html500, storm, quota, revoke, merged, badkey)`},
		{"slow:soon", nil, "not a duration"},
		{"merged:0000-0002-1825-0098", nil, "not a valid ORCID iD"},
		{"storm:-3", nil, "neither a number"},
		{"reset@pub", nil, "must start with /"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseFaults(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i].String() != tt.want[i].String() {
					t.Errorf("%d: got %s, want %s", i, got[i], tt.want[i])
				}
			}
		})
	}
	var unknown *UnknownFaultError
	if _, err := ParseFaults("nope"); !errors.As(err, &unknown) || unknown.Name != "nope" {
		t.Fatalf("err %v", err)
	}
}

// faultGet reads path from srv as a JSON client would; the transport error, if
// any, is returned with whatever was read.
func faultGet(t *testing.T, srv *Server, path, token string) (*http.Response, string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL()+path, nil)
	req.Header.Set("Accept", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, string(b), err
}

func TestFaultsOnTheWire(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	rec := "/pub/v3.0/" + CarberryID + "/record"
	_, whole, err := faultGet(t, srv, rec, "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		fault   Fault
		path    string
		status  int
		ctype   string
		body    string // contained
		readErr bool
	}{
		{Fault{Name: FaultHTML200}, rec, 200, "text/html", "down for maintenance", false},
		{Fault{Name: FaultHTML500}, rec, 500, "text/html", "Internal Server Error", false},
		{Fault{Name: FaultStorm}, rec, 503, "text/html", "503 Service Temporarily Unavailable", false},
		{Fault{Name: FaultQuota}, rec, 429, "text/plain", "daily quota", false},
		{Fault{Name: FaultTruncated}, rec, 200, "application/json", `{"orcid-identifier"`, false},
		{Fault{Name: FaultMerged}, rec, 301, "application/json", `"error-code":9007`, false},
		{Fault{Name: FaultReset}, rec, 200, "application/json", "", true},
		// Path filter: the search is untouched by a fault on records.
		{Fault{Name: FaultHTML500, Paths: []string{"/pub/v3.0/" + CarberryID}}, "/pub/v3.0/expanded-search?q=carberry", 200, "application/json", `"num-found"`, false},
		// merged spares the primary record itself.
		{Fault{Name: FaultMerged}, "/pub/v3.0/" + PrimaryID + "/record", 200, "application/json", `"orcid-identifier"`, false},
	}
	for _, tt := range tests {
		t.Run(tt.fault.String()+" "+tt.path, func(t *testing.T) {
			srv.ClearFaults()
			if err := srv.SetFault(tt.fault); err != nil {
				t.Fatal(err)
			}
			defer srv.ClearFaults()
			resp, body, err := faultGet(t, srv, tt.path, "")
			if tt.readErr {
				if err == nil {
					t.Fatalf("no error reading the body (%d bytes)", len(body))
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if resp == nil {
				return // reset before the headers arrived: also a reset
			}
			if resp.StatusCode != tt.status || !strings.Contains(resp.Header.Get("Content-Type"), tt.ctype) || !strings.Contains(body, tt.body) {
				t.Fatalf("%d %q %.200q", resp.StatusCode, resp.Header.Get("Content-Type"), body)
			}
			if tt.fault.Name == FaultTruncated && len(body) != len(whole)/2 {
				t.Errorf("truncated body %d bytes, whole %d", len(body), len(whole))
			}
			if tt.fault.Name == FaultMerged && tt.status == 301 && !strings.Contains(resp.Header.Get("Location"), PrimaryID) {
				t.Errorf("Location %q", resp.Header.Get("Location"))
			}
		})
	}
	// Everything cleared: the registry answers normally.
	if resp, _, err := faultGet(t, srv, rec, ""); err != nil || resp.StatusCode != 200 {
		t.Fatalf("after ClearFaults: %v %v", resp, err)
	}
}

func TestFaultCountAndDuration(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	rec := "/pub/v3.0/" + CarberryID + "/person"
	_ = srv.SetFault(Fault{Name: FaultStorm, Count: 2})
	var got []int
	for range 3 {
		resp, _, err := faultGet(t, srv, rec, "")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, resp.StatusCode)
	}
	if got[0] != 503 || got[1] != 503 || got[2] != 200 {
		t.Fatalf("statuses %v, want 503 503 200", got)
	}
	if len(srv.Faults()) != 0 {
		t.Fatalf("faults still on: %v", srv.Faults())
	}
	_ = srv.SetFault(Fault{Name: FaultQuota, For: time.Nanosecond})
	time.Sleep(time.Millisecond)
	if resp, _, _ := faultGet(t, srv, rec, ""); resp.StatusCode != 200 {
		t.Fatalf("quota past its time: %d", resp.StatusCode)
	}
}

func TestSlowFaultRespectsContextAndClear(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	_ = srv.SetFault(Fault{Name: FaultSlow, Delay: time.Hour})
	// A client that gives up is let go.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL()+"/pub/v3.0/"+CarberryID+"/person", nil)
	if _, err := http.DefaultClient.Do(req); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v", err)
	}
	// A waiting request goes on when the fault is cleared.
	done := make(chan int, 1)
	go func() {
		resp, _, err := faultGet(t, srv, "/pub/v3.0/"+CarberryID+"/person", "")
		if err != nil {
			done <- 0
			return
		}
		done <- resp.StatusCode
	}()
	for srv.CountPath("/pub/") < 1 && len(srv.Requests()) == 0 {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(10 * time.Millisecond)
	srv.ClearFaults()
	if st := <-done; st != 200 {
		t.Fatalf("status %d after clearing", st)
	}
}

func TestRevokeFault(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	before, _ := srv.IssueToken(DemoClientID, "", "/read-public")
	_ = srv.SetFault(Fault{Name: FaultRevoke})
	after, _ := srv.IssueToken(DemoClientID, "", "/read-public")
	for name, tok := range map[string]string{"issued before": before, "issued after, revoked on use": after} {
		resp, body, err := faultGet(t, srv, "/pub/v3.0/"+CarberryID+"/person", tok)
		if err != nil || resp.StatusCode != 401 || !strings.Contains(body, "invalid_token") {
			t.Errorf("%s: %v %v %s", name, resp, err, body)
		}
	}
	srv.ClearFaults()
	fresh, _ := srv.IssueToken(DemoClientID, "", "/read-public")
	if resp, _, _ := faultGet(t, srv, "/pub/v3.0/"+CarberryID+"/person", fresh); resp.StatusCode != 200 {
		t.Fatalf("fresh token after clearing: %d", resp.StatusCode)
	}
}

func TestBadKeyFaultKeepsOtherHooks(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	srv.SetOAuthHooks(OAuthHooks{TokenLifetime: time.Hour})
	_ = srv.SetFault(Fault{Name: FaultBadKey})
	o := srv.oauth()
	o.mu.Lock()
	h := o.hooks
	o.mu.Unlock()
	if !h.SignWithUnknownKey || h.TokenLifetime != time.Hour {
		t.Fatalf("hooks %+v", h)
	}
	srv.ClearFaults()
	o.mu.Lock()
	h = o.hooks
	o.mu.Unlock()
	if h.SignWithUnknownKey || h.TokenLifetime != time.Hour {
		t.Fatalf("hooks after clear %+v", h)
	}
}

func TestFaultControl(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	srv.EnableFaultControl()
	tests := []struct {
		query  string
		status int
		want   string
	}{
		{"", 200, "faults on: none"},
		{"?set=slow:5s,html500", 200, "faults on: slow:5s, html500"},
		{"?add=quota", 200, "faults on: slow:5s, html500, quota"},
		{"?set=frob", 400, `unknown fault "frob"`},
		{"?clear=", 200, "faults on: none"},
	}
	for _, tt := range tests {
		resp, body, err := faultGet(t, srv, FaultControlPath+tt.query, "")
		if err != nil || resp.StatusCode != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("%s: %v %v %q", tt.query, resp, err, body)
		}
	}
	if resp, _, _ := faultGet(t, srv, FaultControlPath, ""); !strings.Contains(resp.Header.Get("Content-Type"), "text/plain") {
		t.Error("control page is not plain text")
	}
	// Without EnableFaultControl the address is an ordinary (unknown) page.
	plain := NewServer()
	defer plain.Close()
	if resp, body, _ := faultGet(t, plain, FaultControlPath+"?set=slow", ""); resp.StatusCode == 200 && strings.Contains(body, "faults on") {
		t.Fatal("control answered without EnableFaultControl")
	}
	if len(plain.Faults()) != 0 {
		t.Fatal("fault set without EnableFaultControl")
	}
}
