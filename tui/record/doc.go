// Package record is the record pane: one ORCID record with its person
// section, works, affiliations, fundings, peer reviews and research
// resources in tabs, a work's full detail, the raw JSON/XML body as ORCID
// sent it, and back/forward history between records.
//
// Everything slow happens in tea.Cmds: the record is fetched and decoded
// once, raw bodies are pretty-printed and tokenised there too, and full works
// come in bulk requests of at most 100 put-codes. Update only stores results
// and precomputes the rows the view draws; View only slices and styles the
// visible lines.
package record
