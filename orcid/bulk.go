package orcid

import (
	"context"
	"errors"
	"fmt"
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
// listed in Failed (their Works entry is nil). A bulk request that fails
// does not stop the others: it is sent once more after them, and if it
// still fails the error is a *BulkError naming the put-codes missing, with
// every work that did load in the FullWorks returned along with it.
func (c *Client) AllFullWorks(ctx context.Context, id ID, putCodes []int64) (*FullWorks, error) {
	return c.AllFullWorksFunc(ctx, id, putCodes, nil)
}

// AllFullWorksFunc is AllFullWorks that reports its progress to progress
// (nil: none) after each bulk request.
func (c *Client) AllFullWorksFunc(ctx context.Context, id ID, putCodes []int64, progress func(BulkProgress)) (*FullWorks, error) {
	canon, err := ParseID(string(id))
	if err != nil {
		return nil, err
	}
	l := c.startBulk(ctx, canon, progress)
	l.add(putCodes...)
	return l.finish()
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
