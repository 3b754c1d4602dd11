package orcid

import (
	"bytes"
	"errors"
	"io"

	"github.com/orcid-tui/orcid-tui/internal/redact"
	"github.com/orcid-tui/orcid-tui/internal/sanitize"
)

// A server's answer is untrusted text: a broken or hostile one may quote
// the access token the request carried ("Invalid access token: 1b2c…",
// "bad token Bearer 1b2c…") in its error document, its 429 text or an
// HTML page. masker collects the tokens one call sent (a retry after a
// refresh sends another) and masks them, and any token-looking value, in
// everything the call returns: the errors' fields (which package explain
// and the TUI quote as they are), their messages, and the raw body.

// masker masks the access tokens sent by one call.
type masker struct {
	tokens []string
}

// add records a token the call sent.
func (m *masker) add(tok string) {
	if tok == "" {
		return
	}
	for _, t := range m.tokens {
		if t == tok {
			return
		}
	}
	m.tokens = append(m.tokens, tok)
}

// text masks s. When the tokens show only once s is sanitised (a server
// splitting one with control characters, which sanitising removes), the
// sanitised text, masked, replaces s: it is what would be shown.
func (m *masker) text(s string) string {
	if s == "" {
		return s
	}
	s = redact.String(s, m.tokens...)
	if clean := sanitize.Line(s); clean != s && redact.Contains(clean, m.tokens...) {
		return redact.String(clean, m.tokens...)
	}
	return s
}

// data masks the tokens in a raw body. An error answer (small, at most
// errorBodyLimit, and only ever shown) is masked with the token-looking
// rule too, and so are pieces of the tokens (a token cut up by JSON
// escapes shows no whole copy). Data without a token is returned as it
// is, not copied.
func (m *masker) data(b []byte, isError bool) []byte {
	if isError {
		if s := string(b); redact.Fragments(s, m.tokens...) != s {
			return []byte(redact.Fragments(s, m.tokens...))
		}
		return b
	}
	for _, t := range m.tokens {
		if len(t) >= 4 && bytes.Contains(b, []byte(t)) {
			b = bytes.ReplaceAll(b, []byte(t), []byte(redact.Mask(t)))
		}
	}
	return b
}

// body masks a returned body in place. A page that came with a success
// status (a proxy's maintenance or sign-in page) is no document either: it
// is only ever quoted, as an error answer is.
func (m *masker) body(b *Body) {
	if b == nil {
		return
	}
	b.Data = m.data(b.Data, b.StatusCode < 200 || b.StatusCode >= 300 || isPage(b))
}

// doc masks an ORCID error document in place.
func (m *masker) doc(d *ErrorDocument) {
	if d == nil {
		return
	}
	d.DeveloperMessage, d.UserMessage, d.MoreInfo = m.text(d.DeveloperMessage), m.text(d.UserMessage), m.text(d.MoreInfo)
}

// err masks, in place, the server's words in the errors of err's chain
// that this package built for the call, and returns err. Messages wrapped
// around them with fmt.Errorf are made after this, in the callers.
func (m *masker) err(err error) error {
	if err == nil {
		return nil
	}
	var api *APIError
	if errors.As(err, &api) {
		m.doc(&api.ErrorDocument)
		api.URL = m.text(api.URL)
	}
	var oauth *OAuthError
	if errors.As(err, &oauth) {
		oauth.Code, oauth.Description = m.text(oauth.Code), m.text(oauth.Description)
	}
	var bad *BadResponseError
	if errors.As(err, &bad) {
		bad.Snippet, bad.URL, bad.ContentType = m.text(bad.Snippet), m.text(bad.URL), m.text(bad.ContentType)
		if bad.Err != nil {
			// A decode error may quote the body ("element <…> closed by").
			if msg := bad.Err.Error(); m.text(msg) != msg {
				bad.Err = &maskedError{msg: m.text(msg), err: bad.Err}
			}
		}
	}
	var rate *RateLimitError
	if errors.As(err, &rate) {
		rate.Message = m.text(rate.Message)
	}
	var merged *MergedError
	if errors.As(err, &merged) {
		merged.Location = m.text(merged.Location)
	}
	var unsure *WriteUncertainError
	if errors.As(err, &unsure) {
		// It has no Unwrap (see its Is), so its cause is reached here.
		unsure.URL = m.text(unsure.URL)
		m.err(unsure.Err)
	}
	return err
}

// value masks the error elements a bulk answer decoded into v carries.
func (m *masker) value(v any) {
	if b, ok := v.(*WorkBulk); ok && b != nil {
		for i := range b.Bulk {
			m.doc(b.Bulk[i].Error)
		}
	}
}

// maskedError is err with a masked message; errors.Is and errors.As still
// reach err (ErrBodyTooLarge, a *DecodeError).
type maskedError struct {
	msg string
	err error
}

func (e *maskedError) Error() string { return e.msg }
func (e *maskedError) Unwrap() error { return e.err }

// shown is server text as one safe line of at most n characters, any
// token-looking value in it masked: the last guard of every message built
// from an answer, whatever path built the error.
func shown(s string, n int) string {
	return sanitize.Truncate(redact.Tokens(sanitize.Line(s)), n)
}

// copyTo tees r into the writer sink gives. decodeStream hands it the
// stream already masked (redact.Reader), so the copy (the TUI's raw view of
// a record) shows no token a server echoed either; both decoders read to
// the end on success, so the copy is then whole.
func (m *masker) copyTo(sink func() io.Writer, r io.Reader) io.Reader {
	if sink == nil {
		return r
	}
	if w := sink(); w != nil {
		return io.TeeReader(r, w)
	}
	return r
}
