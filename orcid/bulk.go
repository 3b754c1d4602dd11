package orcid

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// MaxBulkWorks is ORCID's limit on put-codes in one bulk read.
const MaxBulkWorks = 100

// WorksBulk reads at most 100 full works in one request. ORCID answers with
// the found works first and an error element for each put-code it could not
// read, without saying which; FullWorks and AllFullWorks pair them up.
func (c *Client) WorksBulk(ctx context.Context, id ID, putCodes []int64) (*WorkBulk, error) {
	b, _, err := c.worksBulk(ctx, id, putCodes)
	return b, err
}

func (c *Client) worksBulk(ctx context.Context, id ID, putCodes []int64) (*WorkBulk, int, error) {
	canon, err := ParseID(string(id))
	if err != nil {
		return nil, 0, err
	}
	if len(putCodes) == 0 {
		return nil, 0, errors.New("a bulk read needs at least one put-code")
	}
	if len(putCodes) > MaxBulkWorks {
		return nil, 0, fmt.Errorf("%w: %d put-codes asked for; split them into batches (AllFullWorks does)", ErrTooManyPutCodes, len(putCodes))
	}
	for _, pc := range putCodes {
		if pc <= 0 {
			return nil, 0, fmt.Errorf("put-code %d is not valid: put-codes are positive numbers", pc)
		}
	}
	var v WorkBulk
	n, err := c.getJSON(ctx, WorksBulkPath(canon, putCodes), &v)
	if err != nil {
		return nil, n, err
	}
	return &v, n, nil
}

// FullWorks is every full work of a record, in the order of the put-codes
// asked for, plus the put-codes ORCID answered with an error element.
type FullWorks struct {
	Works    []*Work // same order as the put-codes asked for; nil where failed
	Failed   []BulkFailure
	Requests int // requests made (retries included)
}

// BulkFailure is one put-code answered with an error element.
type BulkFailure struct {
	PutCode int64
	Err     *APIError
}

func (f BulkFailure) Error() string {
	if f.Err == nil {
		return fmt.Sprintf("work %d could not be read", f.PutCode)
	}
	return fmt.Sprintf("work %d could not be read: %v", f.PutCode, f.Err)
}

// WorkPutCodes lists the put-codes of every work summary in record order
// (group by group), the input AllFullWorks expects.
func WorkPutCodes(w *Works) []int64 {
	if w == nil {
		return nil
	}
	var pcs []int64
	for _, g := range w.Group {
		for _, s := range g.WorkSummary {
			pcs = append(pcs, s.PutCode)
		}
	}
	return pcs
}

// AllFullWorks loads full works for putCodes in bulk requests of at most
// 100, run concurrently under the client's rate limiter. Works come back in
// the order asked for; put-codes ORCID answered with an error element are
// listed in Failed (their Works entry is nil). If a whole request fails the
// others are cancelled and the error is returned with what was loaded so far.
func (c *Client) AllFullWorks(ctx context.Context, id ID, putCodes []int64) (*FullWorks, error) {
	canon, err := ParseID(string(id))
	if err != nil {
		return nil, err
	}
	out := &FullWorks{Works: make([]*Work, len(putCodes))}
	if len(putCodes) == 0 {
		return out, nil
	}
	type batch struct{ from, to int }
	var batches []batch
	for i := 0; i < len(putCodes); i += MaxBulkWorks {
		batches = append(batches, batch{i, min(i+MaxBulkWorks, len(putCodes))})
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex
		firstErr error
		failed   = make([][]BulkFailure, len(batches))
		wg       sync.WaitGroup
		next     = make(chan int)
	)
	workers := min(c.bulkWorkers, len(batches))
	for range workers {
		wg.Go(func() {
			for bi := range next {
				b := batches[bi]
				res, n, err := c.worksBulk(ctx, canon, putCodes[b.from:b.to])
				mu.Lock()
				out.Requests += n
				if err != nil {
					if firstErr == nil {
						firstErr = fmt.Errorf("loading works %d–%d of %d: %w", b.from+1, b.to, len(putCodes), err)
						cancel()
					}
					mu.Unlock()
					continue
				}
				mu.Unlock()
				// Each batch writes only its own slots and failure list.
				failed[bi] = placeBulk(res, putCodes[b.from:b.to], out.Works[b.from:b.to])
			}
		})
	}
feed:
	for bi := range batches {
		select {
		case next <- bi:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	for _, f := range failed {
		out.Failed = append(out.Failed, f...)
	}
	if firstErr == nil && ctx.Err() != nil {
		firstErr = fmt.Errorf("loading works cancelled: %w", ctx.Err())
	}
	return out, firstErr
}

// placeBulk puts the works of one bulk answer into slots (parallel to
// asked) by put-code. ORCID's error elements carry no put-code and come
// after the works, so the put-codes asked for that came back as no work are
// the failed ones, paired with the error elements in order.
func placeBulk(res *WorkBulk, asked []int64, slots []*Work) []BulkFailure {
	byPC := make(map[int64]*Work, len(asked))
	var errs []*ErrorDocument
	for i := range res.Bulk {
		item := &res.Bulk[i]
		switch {
		case item.Work != nil:
			byPC[item.Work.PutCode] = item.Work
		case item.Error != nil:
			errs = append(errs, item.Error)
		}
	}
	var failed []BulkFailure
	for i, pc := range asked {
		if w, ok := byPC[pc]; ok {
			slots[i] = w
			continue
		}
		f := BulkFailure{PutCode: pc}
		if len(errs) > 0 {
			f.Err = &APIError{StatusCode: errs[0].ResponseCode, ErrorDocument: *errs[0]}
			errs = errs[1:]
		} else {
			f.Err = &APIError{StatusCode: 200, ErrorDocument: ErrorDocument{
				DeveloperMessage: fmt.Sprintf("ORCID's bulk answer had neither a work nor an error for put-code %d", pc),
			}}
		}
		failed = append(failed, f)
	}
	return failed
}
