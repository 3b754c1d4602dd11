package auth

import (
	"errors"
	"strings"
	"testing"
)

// auth masks with the rule package orcid uses (internal/redact): the
// secrets of the request, and any token-looking value a registry quotes
// after "Bearer" or access_token=, even one it was not sent.
func TestRedactSharesTheTokenRule(t *testing.T) {
	const other = "9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0"
	err := redactErr(errors.New("refused: Bearer "+other+" and access_token="+other+" and SECRET-1234567"), []string{"SECRET-1234567"})
	msg := err.Error()
	if strings.Contains(msg, other[4:]) || strings.Contains(msg, "SECRET-1234567") || !strings.Contains(msg, "Bearer 9f8e…") {
		t.Errorf("message %q", msg)
	}
	var r Redactor
	if !errors.As(err, &r) || strings.Contains(r.Redact("token Bearer "+other), other) {
		t.Error("the Redactor does not mask a token after Bearer")
	}
}
