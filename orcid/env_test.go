package orcid

import (
	"strings"
	"testing"
)

func TestCustomEnvironment(t *testing.T) {
	tests := []struct {
		reg, pub, api    string
		wantPub, wantErr string
	}{
		{reg: "http://127.0.0.1:8080", pub: "http://127.0.0.1:8080/pub", api: "http://127.0.0.1:8080/api", wantPub: "http://127.0.0.1:8080/pub"},
		{reg: "https://orcid.org/", pub: "https://pub.orcid.org/v3.0/", api: "https://api.orcid.org/v3.0", wantPub: "https://pub.orcid.org"},
		{reg: "https://orcid.org", pub: " https://pub.orcid.org ", api: "https://api.orcid.org", wantPub: "https://pub.orcid.org"},
		{reg: "https://orcid.org", pub: "https://pub.orcid.org/v2.1", api: "https://api.orcid.org", wantErr: "names API version v2.1"},
		{reg: "", pub: "https://pub.orcid.org", api: "https://api.orcid.org", wantErr: "registry URL is empty"},
		{reg: "orcid.org", pub: "https://pub.orcid.org", api: "https://api.orcid.org", wantErr: "must start with https://"},
		{reg: "https://orcid.org", pub: "https://pub.orcid.org?x=1", api: "https://api.orcid.org", wantErr: "must not have a query"},
		{reg: "https://orcid.org", pub: "https://pub.orcid.org", api: "ftp://api.orcid.org", wantErr: "member API URL"},
		{reg: "https://", pub: "https://pub.orcid.org", api: "https://api.orcid.org", wantErr: "no host"},
		{reg: "http://localhost:8080", pub: "http://[::1]:8080/pub", api: "http://127.9.8.7/api", wantPub: "http://[::1]:8080/pub"},
		{reg: "http://LOCALHOST", pub: "http://[::ffff:127.0.0.1]/pub", api: "http://127.0.0.1/api", wantPub: "http://[::ffff:127.0.0.1]/pub"},
		// Plain http elsewhere would carry the token in clear text.
		{reg: "http://orcid.example.org", pub: "https://pub.orcid.org", api: "https://api.orcid.org", wantErr: `the registry URL "http://orcid.example.org": http:// is only allowed for this computer`},
		{reg: "https://orcid.org", pub: "http://10.0.0.5:8080", api: "https://api.orcid.org", wantErr: `the public API URL "http://10.0.0.5:8080": http://`},
		{reg: "https://orcid.org", pub: "https://pub.orcid.org", api: "http://localhost.example.org", wantErr: `the member API URL "http://localhost.example.org": http://`},
		{reg: "https://orcid.org", pub: "https://pub.orcid.org", api: "http://[::ffff:10.0.0.5]", wantErr: "clear text; use https://"},
		{reg: "https://orcid.org", pub: "http://0.0.0.0:80", api: "https://api.orcid.org", wantErr: "clear text"},
	}
	for _, tt := range tests {
		env, err := CustomEnvironment("local", tt.reg, tt.pub, tt.api)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("CustomEnvironment(%q, %q, %q) err = %v, want %q", tt.reg, tt.pub, tt.api, err, tt.wantErr)
			}
			continue
		}
		if err != nil || env.PublicAPIURL != tt.wantPub || env.Name != "local" {
			t.Errorf("CustomEnvironment(%q, %q, %q) = %+v, %v", tt.reg, tt.pub, tt.api, env, err)
		}
	}
}

func TestEnvironmentHelpers(t *testing.T) {
	if got := Production.APIBase(PublicAPI); got != "https://pub.orcid.org/v3.0" {
		t.Errorf("APIBase = %q", got)
	}
	if got := Sandbox.APIBase(MemberAPI); got != "https://api.sandbox.orcid.org/v3.0" {
		t.Errorf("APIBase member = %q", got)
	}
	if got := Sandbox.IDURI("0000-0002-1825-0097"); got != "https://sandbox.orcid.org/0000-0002-1825-0097" {
		t.Errorf("IDURI = %q", got)
	}
	if got := New(Production).URL(WorkPath("0000-0002-1825-0097", 42)); got != "https://pub.orcid.org/v3.0/0000-0002-1825-0097/work/42" {
		t.Errorf("URL = %q", got)
	}
	if got := WorksBulkPath("0000-0002-1825-0097", []int64{1, 22, 333}); got != "0000-0002-1825-0097/works/1,22,333" {
		t.Errorf("WorksBulkPath = %q", got)
	}
	if got := SectionPath("0000-0002-1825-0097", "/invited-positions/"); got != "0000-0002-1825-0097/invited-positions" {
		t.Errorf("SectionPath = %q", got)
	}
}
