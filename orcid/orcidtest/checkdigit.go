package orcidtest

// checkDigit computes the ISO 7064 MOD 11-2 check character of the 15 base
// digits of an ORCID iD. ORCID's own generator (OrcidCheckDigitGenerator)
// uses the same loop.
func checkDigit(base string) byte {
	total := 0
	for i := 0; i < len(base); i++ {
		total = (total + int(base[i]-'0')) * 2
	}
	r := (12 - total%11) % 11
	if r == 10 {
		return 'X'
	}
	return byte('0' + r)
}

// validID reports whether s is a hyphenated iD ("0000-0002-1825-0097")
// with a correct check character.
func validID(s string) bool {
	if len(s) != 19 {
		return false
	}
	digits := make([]byte, 0, 16)
	for i := 0; i < 19; i++ {
		c := s[i]
		switch {
		case i == 4 || i == 9 || i == 14:
			if c != '-' {
				return false
			}
		case i == 18 && c == 'X':
			digits = append(digits, c)
		case c >= '0' && c <= '9':
			digits = append(digits, c)
		default:
			return false
		}
	}
	return checkDigit(string(digits[:15])) == digits[15]
}

// makeID turns a number below 10^15 into a hyphenated iD with its check
// character.
func makeID(n int64) string {
	var base [15]byte
	for i := 14; i >= 0; i-- {
		base[i] = byte('0' + n%10)
		n /= 10
	}
	full := string(base[:]) + string(checkDigit(string(base[:])))
	return full[0:4] + "-" + full[4:8] + "-" + full[8:12] + "-" + full[12:16]
}
