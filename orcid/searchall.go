package orcid

import "context"

// ExpandedSearchEach fetches every hit of p.Query from p.Start on, in as
// few requests as ORCID allows: MaxRows (1,000) a page unless p.Rows says
// fewer, up to the last hit or, for a caller without a token, the last
// page ORCID serves (start ≤ 10,000: at most 11,000 hits in 11 requests).
// page is called with each page as it arrives (start is its first hit's
// index); an error from it stops the paging. It returns how many hits
// ORCID found, which may be more than it lets the caller page to.
func (c *Client) ExpandedSearchEach(ctx context.Context, p SearchParams, page func(res *ExpandedSearchResult, start int) error) (found int64, err error) {
	if p.Rows == 0 {
		p.Rows = MaxRows
	}
	for {
		res, err := c.ExpandedSearch(ctx, p)
		if err != nil {
			return found, err
		}
		found = res.NumFound
		if len(res.ExpandedResult) > 0 {
			if err := page(res, p.Start); err != nil {
				return found, err
			}
		}
		next := p.Start + len(res.ExpandedResult)
		if len(res.ExpandedResult) < p.Rows || int64(next) >= found || (!c.Authenticated() && next > MaxAnonymousStart) {
			return found, nil
		}
		p.Start = next
	}
}

// SearchReach is how many hits of found a caller can page to from start:
// all of them with a token, up to start 10,000 plus one page without.
func SearchReach(found int64, start, rows int, authenticated bool) int64 {
	if rows == 0 {
		rows = MaxRows
	}
	reach := found - int64(start)
	if !authenticated {
		reach = min(reach, int64(MaxAnonymousStart+rows-start))
	}
	return max(0, reach)
}
