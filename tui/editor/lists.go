package editor

import (
	"strings"

	"charm.land/huh/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// IdentifierTypes are ORCID's external identifier types (the names its
// /v3.0/identifiers list gives; a work's identifiers must use one).
var IdentifierTypes = []string{
	"agr", "ark", "arxiv", "asin", "asin-tld", "authenticusid", "bibcode", "cba", "cienciaiul", "cit", "ctx",
	"dnb", "doi", "eid", "emdb", "empiar", "ethos", "grant_number", "hal", "handle", "hir", "isbn", "ismn",
	"issn", "jfm", "jstor", "k10plus", "kuid", "lccn", "lensid", "mr", "oclc", "ol", "osti", "other-id", "pat",
	"pdb", "pmc", "pmid", "ppr", "proposal-id", "rfc", "rrid", "source-work-id", "ssrn", "uri", "urn",
	"wosuid", "zbl",
}

// PersonIDRelationships are the relationships a person identifier can
// have: the person's own (self, the default), or an identifier of
// something the person is part of or a version of.
var PersonIDRelationships = []string{"self", "part-of", "version-of"}

// personIDRelationship is the relationship sent for a person identifier:
// self unless the form says otherwise (an item read without one gets
// self, which ORCID requires).
func personIDRelationship(rel string) string {
	if rel = strings.TrimSpace(rel); rel != "" {
		return rel
	}
	return "self"
}

// visibilityOptions: empty takes the record holder's default visibility.
func visibilityOptions() []huh.Option[string] {
	return []huh.Option[string]{
		huh.NewOption("record default", ""),
		huh.NewOption("public", orcid.VisibilityPublic),
		huh.NewOption("limited (trusted parties)", orcid.VisibilityLimited),
		huh.NewOption("private (only me)", orcid.VisibilityPrivate),
	}
}

// options lists names as options, with an empty "none" first when
// optional.
func options(names []string, optional bool) []huh.Option[string] {
	var out []huh.Option[string]
	if optional {
		out = append(out, huh.NewOption("(none)", ""))
	}
	for _, n := range names {
		out = append(out, huh.NewOption(n, n))
	}
	return out
}

// withCurrent adds v to opts when a record holds a value ORCID's lists no
// longer have, so editing shows it instead of silently changing it.
func withCurrent(opts []huh.Option[string], v string) []huh.Option[string] {
	if v == "" {
		return opts
	}
	for _, o := range opts {
		if o.Value == v {
			return opts
		}
	}
	return append(opts, huh.NewOption(v, v))
}
