package orcid

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// BulkProgress is how far a load of full works has come.
type BulkProgress struct {
	Works     int  // put-codes to load, as far as known
	WorksDone int  // put-codes answered (a work, or ORCID's error element)
	Batches   int  // bulk requests to make, as far as known
	Done      int  // bulk requests answered
	Final     bool // Works and Batches are the totals (the record is read)
	Requests  int  // requests sent, retries included
	// Rate is the limiter's rate now (req/s) and Remaining the time the
	// requests left take at that pace.
	Rate      float64
	Remaining time.Duration
}

// BulkError: some bulk reads failed even after being sent again. The
// FullWorks returned with it holds every work that did load.
type BulkError struct {
	Missing []int64 // put-codes whose full work did not load, in order
	Total   int     // put-codes asked for
	Err     error   // the first failure
}

func (e *BulkError) Error() string {
	return fmt.Sprintf("%d of %d full works could not be loaded: %v", len(e.Missing), e.Total, e.Err)
}

func (e *BulkError) Unwrap() error { return e.Err }

// maxFailedBatches: after this many bulk reads failed (each after its own
// retries), ORCID is not answering; the rest are not sent.
const maxFailedBatches = 3

// bulkLoad runs bulk reads while the put-codes are still being found (a
// record decoded from the stream) or all at once (AllFullWorks).
type bulkLoad struct {
	c        *Client
	id       ID
	ctx      context.Context // the caller's
	wctx     context.Context // the workers': cancelled on a hopeless failure
	cancel   context.CancelFunc
	progress func(BulkProgress)
	jobs     chan *bulkBatch
	wg       sync.WaitGroup

	mu       sync.Mutex
	batches  []*bulkBatch
	pending  []int64
	total    int
	final    bool
	done     int
	answered int
	requests int
	failures int
	hopeless error // a failure no retry mends (refused, not found, quota)
}

type bulkBatch struct {
	from   int // index of pcs[0] among all put-codes
	pcs    []int64
	works  []*Work
	failed []BulkFailure
	err    error
}

func (c *Client) startBulk(ctx context.Context, id ID, progress func(BulkProgress)) *bulkLoad {
	wctx, cancel := context.WithCancel(ctx)
	l := &bulkLoad{c: c, id: id, ctx: ctx, wctx: wctx, cancel: cancel, progress: progress,
		jobs: make(chan *bulkBatch, MaxRecordWorks/MaxBulkWorks+1)}
	for range c.bulkWorkers {
		l.wg.Go(l.work)
	}
	return l
}

// add queues put-codes; every full 100 goes out at once.
func (l *bulkLoad) add(pcs ...int64) {
	l.mu.Lock()
	l.pending = append(l.pending, pcs...)
	l.total += len(pcs)
	var ready []*bulkBatch
	for len(l.pending) >= MaxBulkWorks {
		ready = append(ready, l.batchLocked(MaxBulkWorks))
	}
	l.mu.Unlock()
	l.send(ready)
}

// batchLocked cuts the next n pending put-codes into a batch.
func (l *bulkLoad) batchLocked(n int) *bulkBatch {
	b := &bulkBatch{from: l.total - len(l.pending), pcs: l.pending[:n:n]}
	l.pending = l.pending[n:]
	l.batches = append(l.batches, b)
	return b
}

func (l *bulkLoad) send(ready []*bulkBatch) {
	for _, b := range ready {
		select {
		case l.jobs <- b:
		case <-l.wctx.Done():
			b.err = l.wctx.Err()
		}
	}
}

func (l *bulkLoad) work() {
	for b := range l.jobs {
		if err := l.wctx.Err(); err != nil {
			b.err = err
			continue
		}
		l.run(b)
	}
}

// run sends one bulk read and files its answer.
func (l *bulkLoad) run(b *bulkBatch) {
	res, n, err := l.c.worksBulk(l.wctx, l.id, b.pcs)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.requests += n
	if err != nil {
		b.err = err
		l.failures++
		if l.hopeless == nil && (hopeless(err) || l.failures >= maxFailedBatches) {
			l.hopeless = err
			l.cancel()
		}
		return
	}
	b.err = nil
	b.works = make([]*Work, len(b.pcs))
	b.failed = placeBulk(res, b.pcs, b.works)
	l.done++
	l.answered += len(b.pcs)
	l.report()
}

// hopeless: a failure that sending the same request again cannot mend.
func hopeless(err error) bool {
	var api *APIError
	var oauth *OAuthError
	var merged *MergedError
	var idErr *IDError
	switch {
	case errors.As(err, &api):
		return api.StatusCode >= 400 && api.StatusCode < 500
	case errors.Is(err, ErrQuotaExceeded), errors.As(err, &oauth), errors.As(err, &merged), errors.As(err, &idErr):
		return true
	}
	return false
}

// report tells progress where the load is; l.mu is held.
func (l *bulkLoad) report() {
	if l.progress == nil {
		return
	}
	batches := len(l.batches)
	if l.final || len(l.pending) > 0 {
		batches += (len(l.pending) + MaxBulkWorks - 1) / MaxBulkWorks
	}
	p := BulkProgress{Works: l.total, WorksDone: l.answered, Batches: batches, Done: l.done, Final: l.final,
		Requests: l.requests, Rate: l.c.limiter.effective(l.c.now())}
	if left := batches - l.done; left > 0 && p.Rate > 0 {
		p.Remaining = time.Duration(float64(left) / p.Rate * float64(time.Second))
	}
	l.progress(p)
}

// abort stops the load (the record itself could not be read).
func (l *bulkLoad) abort() {
	l.cancel()
	close(l.jobs)
	l.wg.Wait()
}

// finish sends the last partial batch, waits for every bulk read, sends the
// failed ones once more, and puts the works in order.
func (l *bulkLoad) finish() (*FullWorks, error) {
	l.mu.Lock()
	var ready []*bulkBatch
	if len(l.pending) > 0 {
		ready = append(ready, l.batchLocked(len(l.pending)))
	}
	l.final = true
	l.report()
	l.mu.Unlock()
	l.send(ready)
	close(l.jobs)
	l.wg.Wait()
	defer l.cancel()

	// A bulk read that failed alone (a 502, a storm of 503s, a cut) is
	// sent once more, after the others, when the load is not hopeless.
	if l.hopeless == nil && l.ctx.Err() == nil {
		for _, b := range l.batches {
			if b.err != nil {
				l.run(b)
			}
		}
	}

	out := &FullWorks{Works: make([]*Work, l.total), Requests: l.requests}
	var missing []int64
	var first error
	var cancelled error
	for _, b := range l.batches {
		if b.err != nil {
			missing = append(missing, b.pcs...)
			err := fmt.Errorf("loading works %d–%d of %d: %w", b.from+1, b.from+len(b.pcs), l.total, b.err)
			switch {
			case errors.Is(b.err, context.Canceled):
				cancelled = cmp.Or(cancelled, err)
			case first == nil:
				first = err
			}
			continue
		}
		copy(out.Works[b.from:], b.works)
		out.Failed = append(out.Failed, b.failed...)
	}
	if err := l.ctx.Err(); err != nil {
		return out, fmt.Errorf("loading works cancelled: %w", err)
	}
	first = cmp.Or(first, l.hopeless, cancelled)
	if len(missing) > 0 {
		return out, &BulkError{Missing: missing, Total: l.total, Err: first}
	}
	return out, nil
}
