package orcid

import "testing"

// TestDisplayNameOneRule: the record's name and a search hit's name follow
// the same rule (credit name, else given and family names).
func TestDisplayNameOneRule(t *testing.T) {
	s := func(v string) *string { return &v }
	tests := []struct{ credit, given, family, want string }{
		{"Josiah S. Carberry", "Josiah", "Carberry", "Josiah S. Carberry"},
		{"  ", "Josiah", "Carberry", "Josiah Carberry"},
		{"", "", "Carberry", "Carberry"},
		{"", "", "", ""},
	}
	for _, tt := range tests {
		n := &Name{CreditName: &Value{Value: tt.credit}, GivenNames: &Value{Value: tt.given}, FamilyName: &Value{Value: tt.family}}
		h := &ExpandedResult{CreditName: s(tt.credit), GivenNames: s(tt.given), FamilyNames: s(tt.family)}
		if got := DisplayName(tt.credit, tt.given, tt.family); got != tt.want || n.Display() != tt.want || h.DisplayName() != tt.want {
			t.Errorf("%q/%q/%q: %q, record %q, hit %q; want %q", tt.credit, tt.given, tt.family, got, n.Display(), h.DisplayName(), tt.want)
		}
	}
}
