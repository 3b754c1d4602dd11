package orcid

import (
	"bytes"
	"strings"

	"github.com/orcid-tui/orcid-tui/internal/sanitize"
)

// pageNotItem reports whether a 2xx answer to an update or a delete is a
// page instead of ORCID's answer: ORCID sends the item back (JSON or XML)
// for an update and nothing (204) for a delete. A proxy's maintenance or
// sign-in page answers 200 too, without the request having reached ORCID,
// so taking it for success would say "deleted" of an item still there.
func pageNotItem(b *Body) bool {
	if len(bytes.TrimSpace(b.Data)) == 0 {
		return false
	}
	kind := classify(b.ContentType)
	if kind == kindUnknown {
		kind = sniff(b.Data)
	}
	return kind != kindJSON && kind != kindXML
}

// pageAnswerError is the error for an update or delete answered by a page.
func pageAnswerError(method string, k ItemKind, b *Body) error {
	return &WriteUncertainError{Method: method, Kind: k, URL: b.URL, StatusCode: b.StatusCode,
		Err: &BadResponseError{StatusCode: b.StatusCode, URL: b.URL, ContentType: b.ContentType,
			Snippet: sanitize.Snippet(b.Data, errorSnippetRunes)}}
}

// isPage reports whether b is a page for people (HTML, or plain text)
// rather than a document: JSON, XML, the CSV of /csv-search, RDF.
func isPage(b *Body) bool {
	switch classify(b.ContentType) {
	case kindHTML:
		return true
	case kindText:
		mt, _, _ := strings.Cut(strings.ToLower(b.ContentType), ";")
		return strings.TrimSpace(mt) == "text/plain"
	case kindUnknown:
		return sniff(b.Data) == kindHTML
	}
	return false
}

// readAdvice is what transportError (client.go) advises after a failed
// read; for a write that may have been applied it is the wrong advice.
var readAdvice = []string{"; try again later", "; check the network and the API URL"}

// withoutReadAdvice is a transport error's message without readAdvice.
func withoutReadAdvice(msg string) string {
	for _, a := range readAdvice {
		msg = strings.ReplaceAll(msg, a, "")
	}
	return msg
}
