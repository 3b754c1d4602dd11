package orcid_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/orcid-tui/orcid-tui/internal/explain"
	"github.com/orcid-tui/orcid-tui/orcid"
)

const (
	echoToken = "1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901"
	// otherToken is a token the request did not carry, quoted after
	// "Bearer": masked all the same.
	otherToken = "9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0"
)

// echoReply is how a broken or hostile server quotes the token it got.
type echoReply struct {
	name   string
	status int
	ctype  string
	body   func(tok string) string
}

var echoReplies = []echoReply{
	{"400 JSON developer-message with Bearer", 400, "application/json", func(tok string) string {
		return `{"response-code":400,"developer-message":"bad token Bearer ` + tok + `","user-message":"Bad request","error-code":9006}`
	}},
	{"404 JSON user-message with the raw token", 404, "application/vnd.orcid+json", func(tok string) string {
		return `{"response-code":404,"developer-message":"not found","user-message":"token ` + tok + ` has no record","error-code":9016,"more-info":"https://x.example/?access_token=` + tok + `"}`
	}},
	{"409 JSON with the token JSON-escaped", 409, "application/json", func(tok string) string {
		return `{"response-code":409,"developer-message":"locked for ` + tok[:1] + `\u0062` + tok[2:] + `","error-code":9018}`
	}},
	{"500 JSON with the token split by an escape sequence", 500, "application/json", func(tok string) string {
		return `{"response-code":500,"developer-message":"oops ` + tok[:10] + `\u001b[0m` + tok[10:] + `","error-code":9008}`
	}},
	{"400 JSON with another token after Bearer", 400, "application/json", func(string) string {
		return `{"response-code":400,"developer-message":"Authorization: Bearer ` + otherToken + `","error-code":9006}`
	}},
	{"403 XML error document", 403, "application/vnd.orcid+xml", func(tok string) string {
		return `<?xml version="1.0"?><error:error xmlns:error="http://www.orcid.org/ns/error"><error:response-code>403</error:response-code>` +
			`<error:developer-message>token ` + tok + ` lacks a scope</error:developer-message><error:user-message>Bearer ` + tok + `</error:user-message>` +
			`<error:error-code>9039</error:error-code></error:error>`
	}},
	{"500 unprefixed XML error document", 500, "application/xml", func(tok string) string {
		return `<error xmlns="http://www.orcid.org/ns/error"><response-code>500</response-code><developer-message>Bearer ` + tok +
			`</developer-message><error-code>9008</error-code></error>`
	}},
	{"401 OAuth invalid_token", 401, "application/json;charset=UTF-8", func(tok string) string {
		return `{"error":"invalid_token","error_description":"Invalid access token: ` + tok + `"}`
	}},
	{"403 OAuth with Bearer in the code", 403, "application/json", func(tok string) string {
		return `{"error":"Bearer ` + tok + `","error_description":"x"}`
	}},
	{"429 text", 429, "text/plain;charset=UTF-8", func(tok string) string {
		return "Too Many Requests. You have exceeded the daily quota for token " + tok + " (Bearer " + tok + ")."
	}},
	{"503 text", 503, "text/plain", func(tok string) string {
		return "Service Unavailable for Bearer " + tok
	}},
	{"502 HTML page", 502, "text/html", func(tok string) string {
		return "<html><title>" + tok + "</title><body>Authorization: Bearer " + tok + "</body></html>"
	}},
	{"400 HTML page with the token at the snippet's end", 400, "text/html", func(tok string) string {
		return strings.Repeat("x", 100) + " " + tok + strings.Repeat(" tail", 40)
	}},
	{"410 garbage JSON", 410, "application/json", func(tok string) string {
		return `{"developer-message": "` + tok
	}},
}

// echoServer answers every request with reply, quoting the bearer token the
// request carried.
func echoServer(t *testing.T, reply echoReply) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		if tok == "" {
			http.Error(w, "no token", http.StatusTeapot)
			return
		}
		if r.Body != nil {
			_, _ = r.Body.Read(make([]byte, 1)) // take the write's body: ORCID read it
		}
		w.Header().Set("Content-Type", reply.ctype)
		w.WriteHeader(reply.status)
		_, _ = fmt.Fprint(w, reply.body(tok))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func echoClient(t *testing.T, srv *httptest.Server) *orcid.Client {
	t.Helper()
	env, err := orcid.CustomEnvironment("echo", srv.URL, srv.URL, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return orcid.New(env, orcid.WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: echoToken}), orcid.MemberAPI),
		orcid.WithRateLimit(1000, 100), orcid.WithMaxRetries(1), orcid.WithBackoff(time.Millisecond, time.Millisecond), orcid.WithMaxRetryAfter(time.Millisecond))
}

// shownTexts is every text an error offers to whoever shows it: its
// message, the server's words in the fields of the errors in its chain
// (explain quotes them as they are), explain's own words, and the body.
func shownTexts(err error, body *orcid.Body) map[string]string {
	out := map[string]string{"Error()": err.Error()}
	x := explain.Of(err)
	out["explain.What"], out["explain.Message"], out["explain.Title"], out["explain.Code"] = x.What, x.Message, x.Title, x.Code
	var api *orcid.APIError
	if errors.As(err, &api) {
		out["DeveloperMessage"], out["UserMessage"], out["MoreInfo"] = api.DeveloperMessage, api.UserMessage, api.MoreInfo
	}
	var oe *orcid.OAuthError
	if errors.As(err, &oe) {
		out["OAuth.Code"], out["OAuth.Description"] = oe.Code, oe.Description
	}
	var unsure *orcid.WriteUncertainError
	if errors.As(err, &unsure) && unsure.Err != nil {
		err = unsure.Err
		out["cause"] = err.Error()
	}
	var bad *orcid.BadResponseError
	if errors.As(err, &bad) {
		out["Snippet"] = bad.Snippet
		if bad.Err != nil {
			out["BadResponse.Err"] = bad.Err.Error()
		}
	}
	var rate *orcid.RateLimitError
	if errors.As(err, &rate) {
		out["RateLimit.Message"] = rate.Message
	}
	if body != nil {
		out["Body.Data"] = string(body.Data)
	}
	return out
}

// checkNoToken fails when a text holds a token, whole or its masked part.
func checkNoToken(t *testing.T, texts map[string]string) {
	t.Helper()
	for where, s := range texts {
		for _, tok := range []string{echoToken, otherToken} {
			// The mask keeps 4 characters; 8 more would be a leak.
			for i := 4; i+8 <= len(tok); i++ {
				if strings.Contains(s, tok[i:i+8]) {
					t.Errorf("%s shows part of token %s…: %q", where, tok[:4], s)
					break
				}
			}
		}
	}
}

// TestEchoedTokenMaskedOnReads: whatever a server quotes of the token a read
// carried, in an error document, an OAuth body, a 429 or 503 text or a
// page, no text of the error or of the body returned with it shows it.
func TestEchoedTokenMaskedOnReads(t *testing.T) {
	for _, reply := range echoReplies {
		t.Run(reply.name, func(t *testing.T) {
			c := echoClient(t, echoServer(t, reply))
			ctx := context.Background()
			body, err := c.Get(ctx, orcid.RecordPath("0000-0002-1825-0097"), orcid.JSON, nil)
			if err == nil {
				t.Fatal("no error")
			}
			checkNoToken(t, shownTexts(err, body))
			_, err = c.Record(ctx, "0000-0002-1825-0097") // the streamed typed read
			if err == nil {
				t.Fatal("typed read: no error")
			}
			checkNoToken(t, shownTexts(err, nil))
		})
	}
}

// TestEchoedTokenMaskedOnWrites: the same on the write path, an add and a
// delete (no body).
func TestEchoedTokenMaskedOnWrites(t *testing.T) {
	w := &orcid.WorkDraft{Title: &orcid.DraftTitle{Title: &orcid.Value{Value: "T"}}, Type: "other"}
	for _, reply := range echoReplies {
		t.Run(reply.name, func(t *testing.T) {
			c := echoClient(t, echoServer(t, reply))
			ctx := context.Background()
			_, err := c.Add(ctx, "0000-0002-1825-0097", w)
			if err == nil {
				t.Fatal("add: no error")
			}
			checkNoToken(t, shownTexts(err, nil))
			_, err = c.Delete(ctx, "0000-0002-1825-0097", orcid.KindWork, 5)
			if err == nil {
				t.Fatal("delete: no error")
			}
			checkNoToken(t, shownTexts(err, nil))
		})
	}
}

// TestEchoedTokenMaskedInBulkAnswers: error elements inside a successful
// bulk answer, read or write, are masked too.
func TestEchoedTokenMaskedInBulkAnswers(t *testing.T) {
	srv := echoServer(t, echoReply{"bulk", 200, "application/json", func(tok string) string {
		return `{"bulk":[{"error":{"response-code":404,"developer-message":"no work for Bearer ` + tok + `","user-message":"` + tok + `","error-code":9016}}]}`
	}})
	c := echoClient(t, srv)
	ctx := context.Background()
	fw, err := c.AllFullWorks(ctx, "0000-0002-1825-0097", []int64{7})
	if err != nil {
		t.Fatal(err)
	}
	if len(fw.Failed) != 1 || fw.Failed[0].Err == nil {
		t.Fatalf("failed = %+v", fw.Failed)
	}
	checkNoToken(t, shownTexts(fw.Failed[0].Err, nil))
	checkNoToken(t, map[string]string{"BulkFailure": fw.Failed[0].Error()})

	res, err := c.AddWorks(ctx, "0000-0002-1825-0097", []*orcid.WorkDraft{{Title: &orcid.DraftTitle{Title: &orcid.Value{Value: "T"}}, Type: "other"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0].Err == nil {
		t.Fatalf("results = %+v", res)
	}
	checkNoToken(t, shownTexts(res[0].Err, nil))
}

// failingSource is a token source whose endpoint refused, quoting the
// refresh token it was sent, as oauth2.RetrieveError shows a body.
type failingSource struct{}

func (failingSource) Token() (*oauth2.Token, error) {
	return nil, &oauth2.RetrieveError{Response: &http.Response{Status: "400 Bad Request"}, Body: []byte(`{"error":"invalid_grant","refresh_token":"` + otherToken + `","error_description":"` + "\x1b[2Jgone" + `"}`)}
}

// TestTokenSourceErrorMasked: a token source's error quoting a token is
// masked in the read's error, and its escape sequences removed; errors.As
// still finds the source's error.
func TestTokenSourceErrorMasked(t *testing.T) {
	srv := echoServer(t, echoReplies[0])
	env, err := orcid.CustomEnvironment("echo", srv.URL, srv.URL, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	c := orcid.New(env, orcid.WithTokenSource(failingSource{}, orcid.MemberAPI))
	_, err = c.Record(context.Background(), "0000-0002-1825-0097")
	var re *oauth2.RetrieveError
	if err == nil || !errors.As(err, &re) || !strings.Contains(err.Error(), "invalid_grant") {
		t.Fatalf("err = %v, want the source's RetrieveError", err)
	}
	checkNoToken(t, map[string]string{"Error()": err.Error(), "explain.What": explain.Of(err).What})
	if strings.Contains(err.Error(), "\x1b") {
		t.Errorf("escape sequence in %q", err)
	}
}
