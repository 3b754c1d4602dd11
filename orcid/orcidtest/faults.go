package orcidtest

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Named fault modes: how a real registry (or what stands in front of it)
// misbehaves. Tests switch them on a Server with SetFault; --demo-faults
// and the /_faults control address switch them on the demo registry.
const (
	FaultSlow      = "slow"      // answers only after Delay (the request's context is respected)
	FaultReset     = "reset"     // the connection is reset in the middle of the body
	FaultTruncated = "truncated" // valid status and Content-Type, the body cut in half
	FaultHTML200   = "html200"   // an HTML maintenance page with status 200
	FaultHTML500   = "html500"   // an HTML error page with status 500
	FaultStorm     = "storm"     // 503 to every request (longer than any retry budget)
	FaultQuota     = "quota"     // 429 with ORCID's daily quota text
	FaultRevoke    = "revoke"    // every issued token is revoked, now and on each use
	FaultMerged    = "merged"    // a record answers 301 + 9007, merged into Primary
	FaultBadKey    = "badkey"    // id_tokens are signed with a key not in the JWKS
)

// DefaultFaultDelay is how long a slow answer takes unless Fault.Delay says.
const DefaultFaultDelay = 3 * time.Second

// FaultControlPath is where EnableFaultControl listens on the registry.
const FaultControlPath = "/_faults"

var faultHelp = []struct{ name, doc string }{
	{FaultSlow, "answer after a delay (slow:5s; default 3s)"},
	{FaultReset, "reset the connection in the middle of the body"},
	{FaultTruncated, "send valid headers and half of the body"},
	{FaultHTML200, "answer an HTML maintenance page with status 200"},
	{FaultHTML500, "answer an HTML error page with status 500"},
	{FaultStorm, "answer 503 to everything (storm:30s for 30 seconds, storm:20 for 20 requests)"},
	{FaultQuota, "answer 429, the anonymous daily quota is used up"},
	{FaultRevoke, "revoke every issued token now and each token used while on"},
	{FaultMerged, "records answer 301, merged into " + PrimaryID + " (merged:ID for one record)"},
	{FaultBadKey, "sign id_tokens with a key that is not in the JWKS"},
}

// FaultNames lists the known fault names.
func FaultNames() []string {
	out := make([]string, len(faultHelp))
	for i, f := range faultHelp {
		out[i] = f.name
	}
	return out
}

// FaultHelp is one line per fault: its name and what it does.
func FaultHelp() string {
	var b strings.Builder
	for _, f := range faultHelp {
		fmt.Fprintf(&b, "  %-10s %s\n", f.name, f.doc)
	}
	return b.String()
}

func knownFault(name string) bool {
	for _, f := range faultHelp {
		if f.name == name {
			return true
		}
	}
	return false
}

// UnknownFaultError names a fault that does not exist.
type UnknownFaultError struct{ Name string }

func (e *UnknownFaultError) Error() string {
	return fmt.Sprintf("unknown fault %q (known faults: %s)", e.Name, strings.Join(FaultNames(), ", "))
}

// Fault is one fault mode and its options.
type Fault struct {
	Name string
	// Delay is how long a slow answer waits (DefaultFaultDelay when 0).
	Delay time.Duration
	// Paths limits the fault to requests whose URL path starts with one of
	// these prefixes; empty means the APIs (/pub and /api). Not used by
	// badkey, which acts on the OAuth side.
	Paths []string
	// Count switches the fault off after it has acted on Count requests
	// (0: until cleared).
	Count int
	// For switches the fault off this long after it was set (0: until
	// cleared).
	For time.Duration
	// ID is the record a merged fault acts on ("" means every record but
	// Primary); Primary is where it points (PrimaryID when "").
	ID      string
	Primary string
}

// String is the fault in ParseFaults syntax.
func (f Fault) String() string {
	s := f.Name
	switch {
	case f.Name == FaultSlow && f.Delay > 0:
		s += ":" + f.Delay.String()
	case f.Name == FaultMerged && f.ID != "":
		s += ":" + f.ID
	case f.Count > 0:
		s += ":" + strconv.Itoa(f.Count)
	case f.For > 0:
		s += ":" + f.For.String()
	}
	for _, p := range f.Paths {
		s += "@" + p
	}
	return s
}

// ParseFaults reads a comma-separated list of faults, each
// NAME[:ARG][@PATH-PREFIX]: "slow,html500", "slow:10s", "storm:20" (20
// requests), "storm:30s" (30 seconds), "merged:0000-0002-1825-0097",
// "html500@/pub/v3.0/expanded-search". An unknown name is an
// *UnknownFaultError listing the known ones.
func ParseFaults(list string) ([]Fault, error) {
	var out []Fault
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		parts := strings.Split(item, "@")
		head, paths := parts[0], parts[1:]
		name, arg, hasArg := strings.Cut(head, ":")
		name = strings.ToLower(strings.TrimSpace(name))
		if !knownFault(name) {
			return nil, &UnknownFaultError{Name: name}
		}
		f := Fault{Name: name}
		for _, p := range paths {
			if !strings.HasPrefix(p, "/") {
				return nil, fmt.Errorf("fault %s: the path after @ must start with /, not %q", name, p)
			}
			f.Paths = append(f.Paths, p)
		}
		if hasArg {
			arg = strings.TrimSpace(arg)
			switch {
			case name == FaultMerged:
				if !validID(arg) {
					return nil, fmt.Errorf("fault merged: %q is not a valid ORCID iD", arg)
				}
				f.ID = arg
			case name == FaultSlow:
				d, err := time.ParseDuration(arg)
				if err != nil || d <= 0 {
					return nil, fmt.Errorf("fault slow: %q is not a duration such as 5s", arg)
				}
				f.Delay = d
			default:
				if n, err := strconv.Atoi(arg); err == nil && n > 0 {
					f.Count = n
				} else if d, err := time.ParseDuration(arg); err == nil && d > 0 {
					f.For = d
				} else {
					return nil, fmt.Errorf("fault %s: %q is neither a number of requests nor a duration such as 30s", name, arg)
				}
			}
		}
		out = append(out, f)
	}
	return out, nil
}

// ---- state ------------------------------------------------------------------

type faultsKey struct{}

type activeFault struct {
	Fault
	left  int       // requests left when Count > 0
	until time.Time // zero: no end
}

type faultState struct {
	mu        sync.Mutex
	active    []*activeFault
	release   chan struct{} // closed when slow faults are cleared: waiting requests go on
	installed bool
	control   bool
}

func (s *Server) faults() *faultState {
	return s.ext(faultsKey{}, func() any { return &faultState{release: make(chan struct{})} }).(*faultState)
}

// install puts the one fault injector in front of the registry; fs.mu is held.
func (s *Server) installFaults(fs *faultState) {
	if fs.installed {
		return
	}
	fs.installed = true
	s.Inject(s.faultInjector)
}

// SetFault switches fault f on, replacing a fault of the same name. Faults
// act on requests in the order set, a slow one first.
func (s *Server) SetFault(f Fault) error {
	if !knownFault(f.Name) {
		return &UnknownFaultError{Name: f.Name}
	}
	fs := s.faults()
	fs.mu.Lock()
	s.installFaults(fs)
	s.removeFaultLocked(fs, f.Name)
	a := &activeFault{Fault: f, left: f.Count}
	if f.For > 0 {
		a.until = time.Now().Add(f.For)
	}
	fs.active = append(fs.active, a)
	fs.mu.Unlock()

	switch f.Name {
	case FaultRevoke:
		s.revokeAllTokens()
	case FaultBadKey:
		s.setUnknownKey(true)
	}
	return nil
}

// SetFaults switches every fault of list on (see SetFault).
func (s *Server) SetFaults(list []Fault) error {
	for _, f := range list {
		if err := s.SetFault(f); err != nil {
			return err
		}
	}
	return nil
}

// ClearFault switches the fault named name off.
func (s *Server) ClearFault(name string) {
	fs := s.faults()
	fs.mu.Lock()
	had := s.removeFaultLocked(fs, name)
	fs.mu.Unlock()
	if had && name == FaultBadKey {
		s.setUnknownKey(false)
	}
}

// ClearFaults switches every fault off: the registry answers normally
// again, and requests waiting in a slow fault go on at once.
func (s *Server) ClearFaults() {
	fs := s.faults()
	fs.mu.Lock()
	names := make([]string, 0, len(fs.active))
	for _, a := range fs.active {
		names = append(names, a.Name)
	}
	fs.mu.Unlock()
	for _, n := range names {
		s.ClearFault(n)
	}
}

// Faults returns the faults switched on, in the order set.
func (s *Server) Faults() []Fault {
	fs := s.faults()
	fs.mu.Lock()
	defer fs.mu.Unlock()
	s.expireLocked(fs)
	out := make([]Fault, 0, len(fs.active))
	for _, a := range fs.active {
		out = append(out, a.Fault)
	}
	return out
}

// removeFaultLocked drops the fault named name; fs.mu is held.
func (s *Server) removeFaultLocked(fs *faultState, name string) bool {
	for i, a := range fs.active {
		if a.Name == name {
			fs.active = append(fs.active[:i:i], fs.active[i+1:]...)
			if name == FaultSlow {
				close(fs.release)
				fs.release = make(chan struct{})
			}
			return true
		}
	}
	return false
}

// expireLocked drops faults past their For; fs.mu is held.
func (s *Server) expireLocked(fs *faultState) {
	now := time.Now()
	for i := 0; i < len(fs.active); {
		if a := fs.active[i]; !a.until.IsZero() && now.After(a.until) {
			s.removeFaultLocked(fs, a.Name)
			continue
		}
		i++
	}
}

// EnableFaultControl lets anyone who can reach the registry switch faults
// at run time (the demo registry, on 127.0.0.1 only):
//
//	GET /_faults                   the faults on, and the known ones
//	GET /_faults?set=slow,html500  switch exactly these on (ParseFaults syntax)
//	GET /_faults?add=quota         switch these on too
//	GET /_faults?clear=            switch everything off
func (s *Server) EnableFaultControl() {
	fs := s.faults()
	fs.mu.Lock()
	defer fs.mu.Unlock()
	s.installFaults(fs)
	fs.control = true
}

func (s *Server) serveFaultControl(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	apply := func(list string, replace bool) bool {
		fl, err := ParseFaults(list)
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintln(w, err)
			return false
		}
		if replace {
			s.ClearFaults()
		}
		_ = s.SetFaults(fl) // names were checked by ParseFaults
		return true
	}
	switch {
	case q.Has("clear"):
		s.ClearFaults()
	case q.Has("set"):
		if !apply(q.Get("set"), true) {
			return
		}
	case q.Has("add"):
		if !apply(q.Get("add"), false) {
			return
		}
	}
	var on []string
	for _, f := range s.Faults() {
		on = append(on, f.String())
	}
	if len(on) == 0 {
		on = []string{"none"}
	}
	fmt.Fprintf(w, "faults on: %s\n\nknown faults (?set=a,b  ?add=a  ?clear=):\n%s", strings.Join(on, ", "), FaultHelp())
}

// ---- the injector -------------------------------------------------------------

// faultInjector is the one Injector behind every fault.
func (s *Server) faultInjector(w http.ResponseWriter, r *http.Request) bool {
	fs := s.faults()
	fs.mu.Lock()
	if fs.control && r.URL.Path == FaultControlPath {
		fs.mu.Unlock()
		s.serveFaultControl(w, r)
		return true
	}
	s.expireLocked(fs)
	// Take this request's share of each fault that applies (slow first).
	var slow *Fault
	var act []Fault
	for i := 0; i < len(fs.active); {
		a := fs.active[i]
		if a.Name == FaultBadKey || !faultPathMatches(a.Fault, r.URL.Path) || !s.faultApplies(a.Fault, r) {
			i++
			continue
		}
		f := a.Fault
		if f.Name == FaultSlow {
			slow = &f
		} else {
			act = append(act, f)
		}
		if a.Count > 0 {
			a.left--
			if a.left <= 0 {
				s.removeFaultLocked(fs, a.Name)
				continue
			}
		}
		i++
	}
	release := fs.release
	fs.mu.Unlock()

	if slow != nil {
		d := slow.Delay
		if d <= 0 {
			d = DefaultFaultDelay
		}
		t := time.NewTimer(d)
		select {
		case <-r.Context().Done():
			t.Stop()
			return true // the client gave up: nobody to answer
		case <-release:
			t.Stop()
		case <-t.C:
		}
	}
	for _, f := range act {
		if s.applyFault(f, w, r) {
			return true
		}
	}
	return false
}

func faultPathMatches(f Fault, path string) bool {
	if len(f.Paths) == 0 {
		return isAPIPath(path)
	}
	for _, p := range f.Paths {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// faultApplies filters by what a fault needs: a token to revoke, a record
// to redirect.
func (s *Server) faultApplies(f Fault, r *http.Request) bool {
	switch f.Name {
	case FaultRevoke:
		return bearerToken(r) != ""
	case FaultMerged:
		_, _, ok := mergedTarget(f, r.URL.Path)
		return ok
	}
	return true
}

// applyFault answers r as fault f does; false lets the registry answer
// (revoke only revokes).
func (s *Server) applyFault(f Fault, w http.ResponseWriter, r *http.Request) bool {
	switch f.Name {
	case FaultHTML200:
		writeRaw(w, http.StatusOK, "text/html;charset=UTF-8", maintenancePage)
	case FaultHTML500:
		writeRaw(w, http.StatusInternalServerError, "text/html;charset=UTF-8", serverErrorPage)
	case FaultStorm:
		writeRaw(w, http.StatusServiceUnavailable, "text/html", burstBody)
	case FaultQuota:
		writeRaw(w, http.StatusTooManyRequests, "text/plain;charset=UTF-8", quotaMessage)
	case FaultTruncated:
		rec := s.answer(r)
		for k, v := range rec.Header() {
			if k != "Content-Length" {
				w.Header()[k] = v
			}
		}
		body := rec.Body.Bytes()
		w.WriteHeader(rec.Code)
		_, _ = w.Write(body[:len(body)/2])
	case FaultReset:
		s.resetMidBody(w, r)
	case FaultMerged:
		id, primary, _ := mergedTarget(f, r.URL.Path)
		fm, ok := negotiate(r.Header.Get("Accept"))
		if !ok {
			fm = format{ctype: "application/json;charset=UTF-8"}
		}
		base := s.siteFor(r).base
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			// A write to a merged record is refused, not redirected
			// (reference §5.1: 301 for GET, 409 for other methods).
			writeError(w, fm, errDeprecated(http.StatusConflict, base, id, primary))
			return true
		}
		w.Header().Set("Location", base+strings.Replace(r.URL.Path, id, primary, 1)+query(r))
		writeError(w, fm, errDeprecated(http.StatusMovedPermanently, base, id, primary))
	case FaultRevoke:
		s.RevokeToken(bearerToken(r))
		return false // the registry now refuses the token (401 invalid_token)
	default:
		return false
	}
	return true
}

func writeRaw(w http.ResponseWriter, status int, contentType, body string) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// answer is what the registry itself would answer to r.
func (s *Server) answer(r *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	s.mux.ServeHTTP(rec, r)
	return rec
}

// resetMidBody sends the registry's status and headers and half of its
// body, then resets the TCP connection (RST, not a clean close).
func (s *Server) resetMidBody(w http.ResponseWriter, r *http.Request) {
	rec := s.answer(r)
	body := rec.Body.Bytes()
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		// HTTP/2 or a recorder: the nearest thing is an aborted handler.
		panic(http.ErrAbortHandler)
	}
	defer conn.Close()
	fmt.Fprintf(buf, "HTTP/1.1 %d %s\r\n", rec.Code, http.StatusText(rec.Code))
	for k, vs := range rec.Header() {
		if k == "Content-Length" || k == "Connection" {
			continue
		}
		for _, v := range vs {
			fmt.Fprintf(buf, "%s: %s\r\n", k, v)
		}
	}
	fmt.Fprintf(buf, "Content-Length: %d\r\n\r\n", len(body)+1)
	_, _ = buf.Write(body[:len(body)/2])
	_ = buf.Flush()
	// Let the client read the headers before the reset arrives.
	time.Sleep(20 * time.Millisecond)
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
}

// mergedTarget is the record a merged fault redirects on this API path and
// where to: /pub/v3.0/{iD}/... or /api/v3.0/{iD}/....
func mergedTarget(f Fault, path string) (id, primary string, ok bool) {
	segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
	if len(segs) < 3 || segs[1] != "v3.0" || !validID(segs[2]) {
		return "", "", false
	}
	id, primary = segs[2], f.Primary
	if primary == "" {
		primary = PrimaryID
	}
	if id == primary || (f.ID != "" && id != f.ID) {
		return "", "", false
	}
	return id, primary, true
}

// revokeAllTokens revokes every access token issued so far (a token revoked
// in the middle of a session).
func (s *Server) revokeAllTokens() {
	o := s.oauth()
	o.mu.Lock()
	defer o.mu.Unlock()
	for tok := range o.access {
		o.revoke(tok, "")
	}
}

// setUnknownKey turns the SignWithUnknownKey OAuth hook on or off, keeping
// the other hooks.
func (s *Server) setUnknownKey(on bool) {
	o := s.oauth()
	o.mu.Lock()
	h := o.hooks
	o.mu.Unlock()
	h.SignWithUnknownKey = on
	s.SetOAuthHooks(h)
}

// maintenancePage is what a proxy or a captive portal answers with 200.
const maintenancePage = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>ORCID is down for maintenance</title></head>\n" +
	"<body>\n<h1>We'll be back soon</h1>\n<p>ORCID is undergoing scheduled maintenance. Please try again later.</p>\n</body>\n</html>\n"

// serverErrorPage is an application server's HTML error page.
const serverErrorPage = "<!doctype html><html lang=\"en\"><head><title>HTTP Status 500 – Internal Server Error</title></head>" +
	"<body><h1>HTTP Status 500 – Internal Server Error</h1><hr class=\"line\" /><p><b>Type</b> Exception Report</p>" +
	"<p><b>Description</b> The server encountered an unexpected condition that prevented it from fulfilling the request.</p></body></html>\n"
