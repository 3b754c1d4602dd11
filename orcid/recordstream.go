package orcid

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// RecordWithFullWorks reads a record and the full work of each work group
// (its preferred version), the way show --full-works does. The bulk reads
// start as soon as the record's first 100 groups are decoded, not after the
// whole record: on a 10,000-work record the record's own transfer and
// decoding then overlap the bulk reads instead of delaying them. Errors are
// as for Record and AllFullWorks; a *BulkError comes with the record and
// every full work that did load.
func (c *Client) RecordWithFullWorks(ctx context.Context, id ID, progress func(BulkProgress)) (*Record, *FullWorks, error) {
	canon, err := ParseID(string(id))
	if err != nil {
		return nil, nil, err
	}
	l := c.startBulk(ctx, canon, progress)
	var rec *Record
	handed := 0 // groups handed to the load; a retried read skips them
	_, _, err = c.fetch(ctx, RecordPath(canon), readSpec{accept: mediaTypeJSON, stream: true, decode: func(r io.Reader) error {
		rec = new(Record)
		seen := 0
		return decodeRecord(r, rec, func(g *WorkGroup) {
			seen++
			if seen <= handed {
				return
			}
			handed++
			if s := g.Preferred(); s != nil {
				l.add(s.PutCode)
			}
		})
	}}, nil)
	if err != nil {
		l.abort()
		return nil, nil, err
	}
	fw, err := l.finish()
	return rec, fw, err
}

// decodeRecord decodes a /record document from r into rec, token by token
// down to the work groups, each decoded on its own and handed to onGroup as
// soon as it is read. A value of the wrong type is skipped and reported
// with its field, the rest still decoded; a syntax error stops decoding,
// keeping what came before it.
func decodeRecord(r io.Reader, rec *Record, onGroup func(*WorkGroup)) error {
	d := &streamDecoder{dec: json.NewDecoder(r)}
	err := d.object("", func(key string) error {
		if key != "activities-summary" {
			return d.rest(key, &d.recRest)
		}
		return d.object(key, func(k string) error {
			if rec.ActivitiesSummary == nil {
				rec.ActivitiesSummary = new(ActivitiesSummary)
			}
			if k != "works" {
				return d.rest(k, &d.actRest)
			}
			return d.object(key+".works", func(wk string) error {
				if rec.ActivitiesSummary.Works == nil {
					rec.ActivitiesSummary.Works = new(Works)
				}
				if wk != "group" {
					return d.rest(wk, &d.worksRest)
				}
				return d.groups(key+".works.group", rec.ActivitiesSummary.Works, onGroup)
			})
		})
	})
	d.fill("", d.recRest, rec)
	if a := rec.ActivitiesSummary; a != nil {
		d.fill("activities-summary", d.actRest, a)
		if a.Works != nil {
			d.fill("activities-summary.works", d.worksRest, a.Works)
		}
	}
	if err != nil {
		return err
	}
	if _, err := d.dec.Token(); !errors.Is(err, io.EOF) {
		if err == nil {
			err = errors.New("more than one JSON document")
		}
		return decodeError("", err)
	}
	return d.typeErr
}

type streamDecoder struct {
	dec                         *json.Decoder
	recRest, actRest, worksRest map[string]json.RawMessage
	typeErr                     error // the first value of a wrong type
}

// object reads one JSON object (or null) and calls field for each key,
// with the decoder positioned at the key's value.
func (d *streamDecoder) object(path string, field func(key string) error) error {
	tok, err := d.dec.Token()
	if err != nil {
		return decodeError(path, err)
	}
	if tok == nil {
		return nil
	}
	if tok != json.Delim('{') {
		return &DecodeError{Field: path, Err: fmt.Errorf("expected an object, found %s", tokenText(tok))}
	}
	for d.dec.More() {
		tok, err := d.dec.Token()
		if err != nil {
			return decodeError(path, err)
		}
		key, _ := tok.(string)
		if err := field(key); err != nil {
			return err
		}
	}
	if _, err := d.dec.Token(); err != nil { // '}'
		return decodeError(path, err)
	}
	return nil
}

// rest keeps a value to be decoded with the struct it belongs to.
func (d *streamDecoder) rest(key string, into *map[string]json.RawMessage) error {
	var raw json.RawMessage
	if err := d.dec.Decode(&raw); err != nil {
		return decodeError(key, err)
	}
	if *into == nil {
		*into = map[string]json.RawMessage{}
	}
	(*into)[key] = raw
	return nil
}

// groups reads the work groups array one group at a time.
func (d *streamDecoder) groups(path string, w *Works, onGroup func(*WorkGroup)) error {
	tok, err := d.dec.Token()
	if err != nil {
		return decodeError(path, err)
	}
	if tok == nil {
		return nil
	}
	if tok != json.Delim('[') {
		return &DecodeError{Field: path, Err: fmt.Errorf("expected an array, found %s", tokenText(tok))}
	}
	for i := 0; d.dec.More(); i++ {
		var g WorkGroup
		if err := d.dec.Decode(&g); err != nil {
			if !d.keep(fmt.Sprintf("%s[%d]", path, i), err) {
				return decodeError(fmt.Sprintf("%s[%d]", path, i), err)
			}
		}
		w.Group = append(w.Group, g)
		onGroup(&w.Group[len(w.Group)-1])
	}
	if _, err := d.dec.Token(); err != nil { // ']'
		return decodeError(path, err)
	}
	return nil
}

// keep records a wrong type (decoding went on around it) and says whether
// that was the error.
func (d *streamDecoder) keep(path string, err error) bool {
	var typ *json.UnmarshalTypeError
	if !errors.As(err, &typ) {
		return false
	}
	if d.typeErr == nil {
		d.typeErr = decodeError(path, err)
	}
	return true
}

// fill decodes the kept values into v.
func (d *streamDecoder) fill(path string, rest map[string]json.RawMessage, v any) {
	if len(rest) == 0 {
		return
	}
	data, err := json.Marshal(rest)
	if err == nil {
		err = json.Unmarshal(data, v)
	}
	if err != nil && d.typeErr == nil {
		d.typeErr = decodeError(path, err)
	}
}

// tokenText names a JSON token for an error: a string quoted and
// shortened (it is the server's text), anything else as it prints.
func tokenText(tok json.Token) string {
	if s, ok := tok.(string); ok {
		return quoteShort(s)
	}
	return fmt.Sprint(tok)
}
