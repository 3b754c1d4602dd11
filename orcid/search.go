package orcid

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
)

// SearchParams are the parameters of /search and /expanded-search.
type SearchParams struct {
	Query string // a Solr query as sent in q
	Start int
	Rows  int // 0 means the default (the client uses 50 unless set)
}

// MaxRows is ORCID's v3.0 limit on rows; MaxAnonymousStart the limit on start
// for callers without a token.
const (
	MaxRows           = 1000
	MaxAnonymousStart = 10000
)

// SearchPath is the /search path with its query string, for Get and raw views.
func SearchPath(p SearchParams) string { return "search?" + p.values().Encode() }

// ExpandedSearchPath is the /expanded-search path with its query string.
func ExpandedSearchPath(p SearchParams) string { return "expanded-search?" + p.values().Encode() }

func (p SearchParams) values() url.Values {
	rows := p.Rows
	if rows == 0 {
		rows = DefaultSearchRows
	}
	return url.Values{"q": {p.Query}, "start": {strconv.Itoa(p.Start)}, "rows": {strconv.Itoa(rows)}}
}

// Check says whether ORCID would accept p, before anything is sent. With
// authenticated false, start is limited to 10,000 as ORCID does for
// callers without a token.
func (p SearchParams) Check(authenticated bool) error {
	switch {
	case p.Rows < 0 || p.Rows > MaxRows:
		return fmt.Errorf("%w: asked for %d", ErrTooManyRows, p.Rows)
	case p.Start < 0:
		return fmt.Errorf("search start %d is negative: results are counted from 0", p.Start)
	case !authenticated && p.Start > MaxAnonymousStart:
		return fmt.Errorf("%w (asked to start at %d)", ErrAnonymousStartLimit, p.Start)
	}
	return nil
}

// Search runs /search (iDs only). Zero hits give a nil Result and NumFound 0.
func (c *Client) Search(ctx context.Context, p SearchParams) (*SearchResult, error) {
	if err := p.Check(c.Authenticated()); err != nil {
		return nil, err
	}
	var v SearchResult
	if _, err := c.getJSON(ctx, SearchPath(p), &v); err != nil {
		return nil, err
	}
	return &v, nil
}

// ExpandedSearch runs /expanded-search (names and institutions too).
func (c *Client) ExpandedSearch(ctx context.Context, p SearchParams) (*ExpandedSearchResult, error) {
	if err := p.Check(c.Authenticated()); err != nil {
		return nil, err
	}
	var v ExpandedSearchResult
	if _, err := c.getJSON(ctx, ExpandedSearchPath(p), &v); err != nil {
		return nil, err
	}
	return &v, nil
}
