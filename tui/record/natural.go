package record

import "strings"

// naturalCompare orders strings as people read numbers in them: "Part 2"
// before "Part 10". Runs of ASCII digits compare by value (leading zeros
// ignored, then fewer zeros first); everything else compares byte-wise.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := isDigit(a[0]), isDigit(b[0])
		switch {
		case da && db:
			na, ra := digitRun(a)
			nb, rb := digitRun(b)
			ta, tb := strings.TrimLeft(na, "0"), strings.TrimLeft(nb, "0")
			if len(ta) != len(tb) {
				return cmpInt(len(ta), len(tb))
			}
			if c := strings.Compare(ta, tb); c != 0 {
				return c
			}
			if len(na) != len(nb) {
				return cmpInt(len(na), len(nb))
			}
			a, b = ra, rb
		case da != db || a[0] != b[0]:
			// Up to the next digit, plain order.
			ia, ib := nextDigit(a), nextDigit(b)
			if c := strings.Compare(a[:ia], b[:ib]); c != 0 {
				return c
			}
			a, b = a[ia:], b[ib:]
		default:
			a, b = a[1:], b[1:]
		}
	}
	return cmpInt(len(a), len(b))
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func digitRun(s string) (run, rest string) {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return s[:i], s[i:]
}

func nextDigit(s string) int {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return i
		}
	}
	return len(s)
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
