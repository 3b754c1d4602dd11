package orcidtest

import "fmt"

// Works that exports must handle and the hand-written records lacked: a
// work with 50 contributors and a work with no publication date (both on
// SokolovaID).

// consortiumSize is the number of contributors of the consortium report.
const consortiumSize = 50

// consortiumAuthors are the 50 contributors of the consortium report:
// names in several scripts, two linked to records of this registry.
func consortiumAuthors() []contrib {
	given := []string{"Ирина", "Zoë", "José María", "Hanako", "Kwame", "Siobhán", "Björn", "Ngozi", "Łucja", "Mateo"}
	family := []string{"Соколова", "Ångström-Łukasiewicz", "Núñez", "Tanaka", "Mensah", "Ó Súilleabháin", "Björk", "Okafor", "Kowalska", "van der Berg"}
	out := make([]contrib, 0, consortiumSize)
	for i := 0; i < consortiumSize; i++ {
		c := contrib{Name: fmt.Sprintf("%s %s", given[i%len(given)], family[(i*3)%len(family)]), Seq: "additional", Role: "author"}
		switch i {
		case 0:
			c = contrib{Name: "Ирина Соколова", ORCID: SokolovaID, Seq: "first", Role: "author"}
		case 1:
			c = contrib{Name: "Zoë Ångström-Łukasiewicz", ORCID: AngstromID, Seq: "additional", Role: "author"}
		case consortiumSize - 1:
			c = contrib{Name: "Impossible Materials Consortium", Seq: "additional", Role: "author"}
		}
		if i > 1 && i%10 == 0 {
			c.Name = fmt.Sprintf("%s, %s", family[(i/10)%len(family)], given[(i/10)%len(given)])
		}
		out = append(out, c)
	}
	return out
}
