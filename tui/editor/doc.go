// Package editor is the form a signed-in user fills to add or change one
// item of their ORCID record: a work, an affiliation (any of the seven
// kinds), a funding, or a person item (other name, keyword, website,
// person identifier, country).
//
// A Form is built empty (add) or from the item as ORCID holds it (edit),
// lets huh draw and navigate the fields, and turns what was typed into an
// orcid draft. orcid.Validate checks the draft while the user types: each
// message is drawn under the field it names. The form never sends
// anything: the record pane does, and keeps the Form (and so the draft)
// until ORCID accepted the write.
package editor
