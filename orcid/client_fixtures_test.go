package orcid

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// clFixtureDir holds real ORCID bodies; tests skip when it is absent.
const clFixtureDir = "../../shared/fixtures/orcid"

func clReadFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(clFixtureDir, name))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("fixtures not present (%s)", clFixtureDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPrettyFixtures(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(clFixtureDir, "*"))
	if len(files) == 0 {
		t.Skipf("fixtures not present (%s)", clFixtureDir)
	}
	for _, f := range files {
		name := filepath.Base(f)
		var ct string
		switch {
		case strings.HasSuffix(name, ".xml"):
			ct = "application/vnd.orcid+xml"
		case strings.HasSuffix(name, ".json"):
			ct = "application/json"
		default:
			continue
		}
		data := clReadFixture(t, name)
		b := &Body{ContentType: ct, Data: data}
		out := b.Pretty()
		if len(out) == 0 {
			t.Errorf("%s: empty", name)
		}
		if ct == "application/vnd.orcid+xml" {
			if got, want := clTokens(t, string(out)), clTokens(t, string(data)); got != want {
				t.Errorf("%s: pretty XML is not the same document", name)
			}
			if strings.Contains(string(data), "work:title") && !strings.Contains(string(out), "<work:title>") {
				t.Errorf("%s: prefixes lost", name)
			}
		}
	}
}

func TestErrorFixtures(t *testing.T) {
	tests := []struct {
		file   string
		status int
		kind   mediaKind
		check  func(t *testing.T, a *APIError, o *OAuthError)
	}{
		{"error-404-orcid-not-found.json", 404, kindJSON, func(t *testing.T, a *APIError, o *OAuthError) {
			if a == nil || !errors.Is(a, ErrNotFound) {
				t.Errorf("got %v %v", a, o)
			}
		}},
		{"error-409-locked-0000-0003-1315-5960.json", 409, kindJSON, func(t *testing.T, a *APIError, o *OAuthError) {
			if a == nil || !errors.Is(a, ErrLocked) {
				t.Errorf("got %v %v", a, o)
			}
		}},
		{"error-401-invalid-token.json", 401, kindJSON, func(t *testing.T, a *APIError, o *OAuthError) {
			if o == nil || o.Code != "invalid_token" || !strings.Contains(o.Description, "Invalid access token") {
				t.Errorf("got %v %v", a, o)
			}
		}},
		{"error-401-9017-token-for-different-record.json", 401, kindJSON, func(t *testing.T, a *APIError, o *OAuthError) {
			if a == nil || a.ErrorCode != 9017 {
				t.Errorf("got %v %v", a, o)
			}
		}},
		{"error-400-rows-not-integer.json", 400, kindJSON, func(t *testing.T, a *APIError, o *OAuthError) {
			if a == nil || !strings.Contains(a.Error(), "rows") {
				t.Errorf("got %v %v", a, o)
			}
		}},
		{"error-3.0.xml", 400, kindXML, func(t *testing.T, a *APIError, o *OAuthError) {
			if a == nil || a.UserMessage != "error:user-message" || a.MoreInfo != "http://tempuri.org" {
				t.Errorf("got %+v %v", a, o)
			}
		}},
	}
	for _, tt := range tests {
		data := clReadFixture(t, tt.file)
		a, o, ok := parseErrorBody(tt.status, tt.kind, data)
		if !ok {
			t.Errorf("%s: not recognised", tt.file)
			continue
		}
		tt.check(t, a, o)
	}
}
