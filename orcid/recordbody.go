package orcid

import (
	"context"
	"io"
)

// RecordCopy reads a record as compact JSON, decoded from the stream as it
// arrives (as show does), and copies the bytes to a writer as they are
// read: a raw view of the record then needs no second request, and the
// caller keeps the bytes as it likes (the TUI deflates them) instead of
// holding the whole body. Compact JSON is the same document as ORCID's
// pretty vnd.orcid+json at about half the bytes.
//
// sink is called at the start of each attempt, so a retried read starts
// on a fresh writer; nil copies nothing. A write error stops the read.
// The copy has the access token the request carried masked (redact.Mask,
// in any letter case), as Record's and Get's bodies do: a server echoing
// it in the record must not get it shown. The copy is whole only when
// RecordCopy has returned (the masker holds back a token's length). The
// Body returned says where the answer came from and its type; its Data is
// set only for an answer that was not decoded (an error document, a body
// that is not JSON). Errors are as for Record; on a body that did not
// decode, what decoded is returned with the error.
func (c *Client) RecordCopy(ctx context.Context, id ID, sink func() io.Writer) (*Record, *Body, error) {
	canon, err := ParseID(string(id))
	if err != nil {
		return nil, nil, err
	}
	var rec *Record
	body, _, err := c.fetch(ctx, RecordPath(canon), readSpec{accept: mediaTypeJSON, stream: true, copy: sink, decode: func(r io.Reader) error {
		rec = new(Record)
		return decodeRecord(r, rec, func(*WorkGroup) {})
	}}, nil)
	rec, err = partial(rec, err)
	return rec, body, err
}
