// Package redact masks secrets — client secrets, access, refresh and ID
// tokens — in text that is shown, logged or put into an error. Packages
// auth and orcid share it so that both apply one rule: a registry's error
// body is untrusted and may quote what it was sent (a careless server) or
// any token it likes (a hostile one).
package redact

import (
	"net/url"
	"regexp"
	"strings"
)

// Mask shows only the start of a secret: "3f2a…" for long values, fewer
// characters for short ones (a quarter of them, so at most a quarter is
// given away), "" for "".
func Mask(s string) string {
	if s == "" {
		return ""
	}
	n := 4
	if len(s) < 12 {
		n = len(s) / 4
	}
	return s[:n] + "…"
}

// minSecret is the shortest secret masked where it appears: shorter ones
// would match ordinary words and say little about the secret anyway.
const minSecret = 4

// Secrets masks each secret in s, as it is and as it appears form- or
// query-encoded (a server echoing its request body quotes it so), in any
// letter case: a token echoed upper-cased (a UUID's hex digits) gives it
// away as well.
func Secrets(s string, secrets ...string) string {
	for _, sec := range secrets {
		if len(sec) < minSecret {
			continue
		}
		s = replaceFold(s, sec, Mask)
		if enc := url.QueryEscape(sec); enc != sec {
			s = replaceFold(s, enc, func(string) string { return Mask(sec) })
		}
	}
	return s
}

// replaceFold replaces each copy of sub in s, ASCII letters matched in
// either case, with repl of the copy found.
func replaceFold(s, sub string, repl func(string) string) string {
	ls, lsub := lowerASCII(s), lowerASCII(sub)
	if !strings.Contains(ls, lsub) {
		return s
	}
	var b strings.Builder
	for {
		j := strings.Index(ls, lsub)
		if j < 0 {
			break
		}
		b.WriteString(s[:j])
		b.WriteString(repl(s[j : j+len(sub)]))
		s, ls = s[j+len(sub):], ls[j+len(sub):]
	}
	b.WriteString(s)
	return b.String()
}

// lowerASCII lower-cases only A-Z, so every byte keeps its offset (unlike
// strings.ToLower, which may change the length of non-ASCII text) and an
// index found in the result is an index into s.
func lowerASCII(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, s)
}

// tokenPattern finds values that are tokens by what precedes them: an
// Authorization scheme ("Bearer 1b2c…", also URL- or form-encoded) or a
// token parameter or field ("access_token=…", "refresh_token": "…"). The
// value is at least 8 characters of RFC 6750's token68 alphabet, so a
// value masked before ("1b2c…") is not masked again; Tokens also wants a
// digit in it, so words ("Bearer authentication failed") stay.
var tokenPattern = regexp.MustCompile(`(?i)(\bbearer(?:\s+|%20|\+)|\b(?:access|refresh|id)_token["']?\s*[:=]\s*["']?)([A-Za-z0-9\-._~+/]{8,}=*)`)

// Tokens masks every token-looking value in s, whoever it belongs to:
// those after "Bearer" and after access_token, refresh_token or id_token.
func Tokens(s string) string {
	if !containsFold(s, "bearer") && !containsFold(s, "_token") {
		return s // the common case: no regexp work
	}
	return tokenPattern.ReplaceAllStringFunc(s, func(m string) string {
		sub := tokenPattern.FindStringSubmatch(m)
		if !strings.ContainsAny(sub[2], "0123456789") {
			return m
		}
		return sub[1] + Mask(sub[2])
	})
}

// String masks the given secrets and any token-looking value in s.
func String(s string, secrets ...string) string {
	return Tokens(Secrets(s, secrets...))
}

// Contains reports whether s holds one of secrets (as String would mask
// it) or a token-looking value.
func Contains(s string, secrets ...string) bool {
	return String(s, secrets...) != s
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), sub)
}

// minFragment is the shortest piece of a secret Fragments masks.
const minFragment = 8

// Fragments masks, besides what String masks, every piece of a secret at
// least 8 characters long: a server can quote a token cut up by escapes
// ("1b2c3d4e-5\u001b[0mf60-…" in JSON), which leaves no whole copy to
// find but most of it to read. Each piece becomes "…". It is for text
// shown as it was sent (a raw error body); it does a search per piece,
// so it is meant for small texts.
func Fragments(s string, secrets ...string) string {
	s = String(s, secrets...)
	for _, sec := range secrets {
		if len(sec) < minFragment {
			continue
		}
		lsec := lowerASCII(sec)
		for i := 0; i+minFragment <= len(lsec); i++ {
			piece := lsec[i : i+minFragment]
			for {
				ls := lowerASCII(s) // in any case, as Secrets
				j := strings.Index(ls, piece)
				if j < 0 {
					break
				}
				// Extend the match as far as the secret and s agree.
				n := minFragment
				for i+n < len(lsec) && j+n < len(ls) && ls[j+n] == lsec[i+n] {
					n++
				}
				s = s[:j] + "…" + s[j+n:]
			}
		}
	}
	return s
}
