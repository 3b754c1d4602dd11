package orcidtest

import "sync"

// HugeRecordID is a record with as many works as WithHugeRecord says, for
// tests at and beyond ORCID's ceiling of 10,000 works a record. It exists
// only on a Server made with WithHugeRecord, is in no search, and is built
// on its first request, so no other test pays for it.
const HugeRecordID = "0000-0003-0013-0000"

// hugePutCodeBase keeps its put-codes apart from every other record's.
const hugePutCodeBase = 90_000_000

// WithHugeRecord makes HugeRecordID a record of works works (collaboration
// papers like BigRecordID's: two contributors each, every ninth a second
// source's copy of the one before).
func WithHugeRecord(works int) Option {
	return func(s *Server) {
		s.huge = &hugeRecord{works: works}
	}
}

type hugeRecord struct {
	works int
	once  sync.Once
	spec  *personSpec
}

// person is the huge record's spec, made on first use.
func (h *hugeRecord) person() *personSpec {
	h.once.Do(func() {
		ws := helixWorks(h.works)
		h.spec = &personSpec{
			ID: HugeRecordID, Given: "Kofi", Family: "Asante-Lindqvist",
			Bio:         "Spokesperson of the HELIX collaboration: every paper since 2008.",
			Keywords:    []string{"particle physics"},
			Employments: []aff{{Org: cern, Dept: "Experimental Physics Department", Role: "Senior Research Physicist", Start: "2008-01-01"}},
			lazyWorks:   func() []work { return ws },
			Created:     day("2013-07-04 09:00"), Modified: day("2025-03-01 12:00"), CreatedBy: "MEMBER_REFERRED",
		}
	})
	return h.spec
}

// specFor is the spec of id on s: the huge record when s has one, else
// the shared dataset's.
func (s *Server) specFor(id string) (*personSpec, int64, bool) {
	if s.huge != nil && id == HugeRecordID {
		return s.huge.person(), hugePutCodeBase, true
	}
	return theData().lookup(id)
}
