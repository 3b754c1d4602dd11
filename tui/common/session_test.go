package common

import (
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid"
)

func TestSessionCanWrite(t *testing.T) {
	const me, other = orcid.ID("0000-0002-1825-0097"), orcid.ID("0000-0001-5109-3700")
	member := orcid.New(orcid.Sandbox)
	signed := func(scopes ...string) *Session {
		return &Session{Member: member, SignedIn: me, Scopes: scopes, ClientID: "APP-X"}
	}
	tests := []struct {
		name  string
		s     *Session
		id    orcid.ID
		scope string
		want  bool
	}{
		{"no session", nil, me, "/activities/update", false},
		{"anonymous", &Session{}, me, "/activities/update", false},
		{"own record with the scope", signed("/read-limited", "/activities/update"), me, "/activities/update", true},
		{"another record", signed("/activities/update"), other, "/activities/update", false},
		{"activities scope for a person item", signed("/activities/update"), me, "/person/update", false},
		{"person scope", signed("/person/update"), me, "/person/update", true},
		{"no member client", &Session{SignedIn: me, Scopes: []string{"/activities/update"}}, me, "/activities/update", false},
	}
	for _, tt := range tests {
		if got := tt.s.CanWrite(tt.id, tt.scope); got != tt.want {
			t.Errorf("%s: CanWrite = %v, want %v", tt.name, got, tt.want)
		}
	}
}
