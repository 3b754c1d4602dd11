// Package export turns full ORCID works into files other tools read:
// BibTeX, RIS, CSL-JSON (the citeproc JSON of Zotero, Pandoc and
// citeproc-js) and CSV (one row per work).
//
// Load reads a record's works the cheap way (one /works request, then full
// works through the bulk endpoint, 100 per request); Write renders them.
// By default one entry is written per work group: the group's preferred
// summary, as the Works tab shows it (orcid.WorkGroup.Preferred). With
// Options.AllVersions every summary of every group is written.
//
// Keys (BibTeX keys, RIS ID, CSL id) are family name of the first author +
// year + first significant word of the title, folded to lower-case ASCII
// ("carberry2012psychoceramics"); a key used earlier in the same output gets
// a, b, … appended in record order, so the same record exports to the same
// keys every time. A work without authors takes Options.Owner's family name,
// or "anon".
//
// A work that carries its own citation of type bibtex keeps it as given in
// BibTeX output: its text is written unchanged (only sanitised) except for
// its key, which is always replaced by the generated one. Keys that member
// integrations write are neither unique within a record nor stable, and one
// key per work across BibTeX, RIS and CSL-JSON lets a reader match them up. A
// citation that is not exactly one well-formed entry is ignored and the entry
// is built from the work's fields.
//
// ORCID's work types map to each format's types as listed in TYPES.md beside
// this file. Every string from the network is stripped of control and escape
// sequences (internal/sanitize) before it is written.
package export
