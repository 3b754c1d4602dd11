package orcidtest

import (
	"sort"
	"strings"
	"sync"
)

// dataset is every person of the registry, shared (read-only) by all
// Servers of the process.
type dataset struct {
	hand   []*personSpec
	byHand map[string]int // iD -> index in hand
}

var theData = sync.OnceValue(func() *dataset {
	d := &dataset{hand: append(handWritten(), hostileSpec()), byHand: map[string]int{}}
	for i, p := range d.hand {
		d.byHand[p.ID] = i
	}
	return d
})

// synthIndex maps synthetic iDs to indexes; iDs are dense, so it is computed.
func synthIndex(id string) (int, bool) {
	if !strings.HasPrefix(id, "0009-0008-") || !validID(id) {
		return 0, false
	}
	digits := strings.ReplaceAll(id[:18], "-", "")
	var n int64
	for _, c := range digits {
		n = n*10 + int64(c-'0')
	}
	off := n - 900_080_001_000
	if off < 0 || off%7 != 0 || off/7 >= SyntheticPeople {
		return 0, false
	}
	return int(off / 7), true
}

// lookup returns the spec for id and its put-code base.
func (d *dataset) lookup(id string) (*personSpec, int64, bool) {
	if i, ok := d.byHand[id]; ok {
		return d.hand[i], 1_000_000 + int64(i)*100_000, true
	}
	if i, ok := synthIndex(id); ok {
		return synthetic(i), 50_000_000 + int64(i)*100, true
	}
	return nil, 0, false
}

// PersonInfo describes one person of the registry, for tests and the demo.
type PersonInfo struct {
	ID          string
	Name        string // "given family", "" when the name is not public
	Works       int
	Status      string // "active", "deprecated", "locked", "deactivated"
	Primary     string // for deprecated records, the primary iD
	Synthetic   bool
	Institution string // current employment, if any
}

func info(p *personSpec) PersonInfo {
	pi := PersonInfo{ID: p.ID, Synthetic: p.synthetic, Primary: p.Primary}
	if !p.NamePrivate {
		pi.Name = p.fullName()
	}
	pi.Status = [...]string{"active", "deprecated", "locked", "deactivated"}[p.Status]
	if p.lazyWorks != nil {
		pi.Works = BigRecordWorks
	} else {
		pi.Works = len(p.Works)
	}
	for _, a := range p.Employments {
		if a.End == "" {
			pi.Institution = a.Org.Name
			break
		}
	}
	return pi
}

// People lists the hand-written people (merged, locked and deactivated
// records included), in a fixed order.
func (s *Server) People() []PersonInfo {
	d := theData()
	out := make([]PersonInfo, 0, len(d.hand))
	for _, p := range d.hand {
		out = append(out, info(p))
	}
	return out
}

// AllIDs lists every iD the registry knows: hand-written first, then the
// synthetic population.
func (s *Server) AllIDs() []string {
	d := theData()
	out := make([]string, 0, len(d.hand)+SyntheticPeople)
	for _, p := range d.hand {
		out = append(out, p.ID)
	}
	for i := 0; i < SyntheticPeople; i++ {
		out = append(out, syntheticID(i))
	}
	return out
}

// Person describes the person with iD id.
func (s *Server) Person(id string) (PersonInfo, bool) {
	p, _, ok := theData().lookup(id)
	if !ok {
		return PersonInfo{}, false
	}
	return info(p), true
}

// institutionsOf returns current and past institution names of p
// (employments, educations, ... ), de-duplicated.
func institutionsOf(p *personSpec) (current, past []string) {
	seenC, seenP := map[string]bool{}, map[string]bool{}
	for _, s := range affSections {
		for _, a := range p.affs(s.Section) {
			if a.End == "" {
				if !seenC[a.Org.Name] {
					seenC[a.Org.Name] = true
					current = append(current, a.Org.Name)
				}
			} else if !seenP[a.Org.Name] {
				seenP[a.Org.Name] = true
				past = append(past, a.Org.Name)
			}
		}
	}
	return current, past
}

func sortedUnion(a, b []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, l := range [][]string{a, b} {
		for _, s := range l {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	sort.Strings(out)
	return out
}
