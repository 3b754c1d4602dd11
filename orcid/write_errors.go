package orcid

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"

	"github.com/orcid-tui/orcid-tui/internal/sanitize"
)

// Errors of the write methods returned before anything is sent.
var (
	// ErrNeedsMemberToken: writes go to the member API with a 3-legged
	// token (/activities/update or /person/update).
	ErrNeedsMemberToken = errors.New("writing to ORCID needs a member-API client signed in as the record holder " +
		"(a token with /activities/update or /person/update)")
	// ErrNotSent marks items of a bulk add that were never sent because an
	// earlier batch failed.
	ErrNotSent = errors.New("not sent")
	// ErrInsufficientScope matches an *OAuthError refusing a token that
	// lacks the scope asked for: sign in again asking for it.
	ErrInsufficientScope = errors.New("the ORCID token lacks the scope needed")
	// ErrMaybeApplied matches *WriteUncertainError.
	ErrMaybeApplied = errors.New("the write may have been applied")
)

// writeMessage says in plain words why ORCID refused a write; "" leaves
// the generic message.
func (e *APIError) writeMessage(what, tag string) string {
	switch {
	case e.Is(ErrNotSource):
		return fmt.Sprintf("ORCID refused (%s): this client is not the source of that item, and only its source may change or delete it.", tag)
	case e.Is(ErrWrongRecord):
		return fmt.Sprintf("ORCID refused (%s): the access token was given for another record, not %s; sign in as that record's holder.", tag, what)
	case e.Is(ErrPutCodeMismatch):
		return fmt.Sprintf("ORCID refused (%s): the put-code in the item differs from the one being updated. %s", tag, e.message())
	case e.Is(ErrTitleRequired):
		return fmt.Sprintf("ORCID refused (%s): the item needs a title.", tag)
	case e.Is(ErrExternalIDRequired):
		return fmt.Sprintf("ORCID refused (%s): the item needs an external identifier of its own (relationship self), such as its DOI.", tag)
	case e.Is(ErrPutCodeNotAllowed):
		return fmt.Sprintf("ORCID refused (%s): a new item must not carry a put-code; remove it, or update the existing item instead.", tag)
	}
	return ""
}

// DuplicateError: ORCID refused an add (409, error 9021) because this
// client already added an item with the same external identifier; PutCode
// is that item's, so it can be updated instead. It matches ErrDuplicate.
type DuplicateError struct {
	Kind    ItemKind
	PutCode int64 // 0 when ORCID's message did not name it
	Doc     *APIError
}

func (e *DuplicateError) Error() string {
	kind := string(e.Kind)
	if kind == "" {
		kind = "item"
	}
	if e.PutCode == 0 {
		return fmt.Sprintf("ORCID already has this %s from this client (409, error 9021): the same external identifier was added before. Update that %s instead.", kind, kind)
	}
	return fmt.Sprintf("ORCID already has this %s from this client as put-code %d (409, error 9021): the same external identifier was added before. Update put-code %d instead.", kind, e.PutCode, e.PutCode)
}

// Is matches ErrDuplicate.
func (e *DuplicateError) Is(target error) bool { return target == ErrDuplicate }

// Unwrap returns ORCID's error document.
func (e *DuplicateError) Unwrap() error {
	if e.Doc == nil {
		return nil
	}
	return e.Doc
}

// existingPutCodeRE finds the put-code in ORCID's 9021 message ("...please
// see element with put-code 1236624. If you are trying to edit ...").
var existingPutCodeRE = regexp.MustCompile(`(?i)put-code\s+(\d+)`)

// duplicateOf turns a 9021 document into a DuplicateError.
func duplicateOf(kind ItemKind, doc *APIError) *DuplicateError {
	e := &DuplicateError{Kind: kind, Doc: doc}
	for _, m := range []string{doc.DeveloperMessage, doc.UserMessage} {
		if s := existingPutCodeRE.FindStringSubmatch(m); s != nil {
			if pc, err := strconv.ParseInt(s[1], 10, 64); err == nil {
				e.PutCode = pc
				break
			}
		}
	}
	return e
}

// WriteUncertainError: a write reached ORCID (its body was sent, or for a
// DELETE the request was) but no clear answer came back — a 503 or other
// gateway error after the body was read, a timeout, a dropped connection.
// ORCID may have applied it, so it is not retried: check the record before
// trying again, or the item could be added twice. It matches
// ErrMaybeApplied.
type WriteUncertainError struct {
	Method     string
	Kind       ItemKind
	URL        string
	StatusCode int   // 0 when no answer came
	Err        error // the transport error or the server's refusal, if any
}

func (e *WriteUncertainError) Error() string {
	verb := map[string]string{"POST": "added", "PUT": "updated", "DELETE": "deleted"}[e.Method]
	if verb == "" {
		verb = "changed"
	}
	why := "the connection failed before ORCID answered"
	switch {
	case e.StatusCode != 0:
		why = fmt.Sprintf("ORCID answered %d after receiving the request", e.StatusCode)
	case e.Err != nil:
		why = "no answer came (" + sanitize.Truncate(sanitize.Line(withoutReadAdvice(e.Err.Error())), 160) + ")"
	}
	return fmt.Sprintf("the %s may or may not have been %s: %s. Check the record before trying again.", kindName(e.Kind), verb, why)
}

// Is matches ErrMaybeApplied. There is deliberately no Unwrap: the cause
// (a 503, a timeout) must not let a caller classify this as a busy or slow
// server worth retrying — retrying could add the item twice.
func (e *WriteUncertainError) Is(target error) bool { return target == ErrMaybeApplied }

func kindName(k ItemKind) string {
	if k == "" {
		return "item"
	}
	return string(k)
}
