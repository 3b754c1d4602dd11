// Package orcidtest is an in-process ORCID registry: one http.Handler that
// serves the registry (OAuth/OIDC, added in oauth*.go), the public API under
// /pub and the member API under /api, with ORCID's v3.0 document shapes,
// content negotiation, error documents, search, merged/locked/deactivated
// records and ORCID-like rate limiting. Member clients can add, update and
// delete works, fundings, affiliations and person items with ORCID's rules
// (writes.go); what they write shows in every read, as its visibility allows.
//
// It is used by the tests of every package and by `orcid-tui --demo`, so its
// data is deterministic, generated here (never copied from real records), and
// cheap to build: large records and the synthetic population are built
// lazily, once per process.
//
//	srv := orcidtest.NewServer()
//	defer srv.Close()
//	c := orcid.New(srv.Environment())
package orcidtest
