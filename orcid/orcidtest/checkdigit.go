package orcidtest

import "github.com/orcid-tui/orcid-tui/orcid"

// validID reports whether s is an iD in its canonical hyphenated form
// ("0000-0002-1825-0097") with a correct check character. Pasted forms
// (URIs, no hyphens, lower-case x) are not paths ORCID serves.
func validID(s string) bool {
	id, err := orcid.ParseID(s)
	return err == nil && string(id) == s
}

// makeID turns a number below 10^15 into a hyphenated iD with its check
// character.
func makeID(n int64) string {
	var base [15]byte
	for i := 14; i >= 0; i-- {
		base[i] = byte('0' + n%10)
		n /= 10
	}
	full := string(base[:]) + string(orcid.CheckDigit(base[:]))
	return full[0:4] + "-" + full[4:8] + "-" + full[8:12] + "-" + full[12:16]
}
