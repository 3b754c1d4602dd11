package auth

import (
	"context"
	"sync"
)

// flight runs one token fetch at a time for everyone who asks while it is
// under way. No lock is held during the fetch: callers wait on a channel and
// each can give up when its own context is done. The fetch runs with a
// context that keeps the first caller's values but not its cancellation; it
// is cancelled once every caller waiting for it has given up, so a token
// request nobody wants any more does not run on to the HTTP timeout.
type flight[T any] struct {
	mu  sync.Mutex
	cur *flightCall[T]
}

type flightCall[T any] struct {
	done    chan struct{}
	val     T
	err     error
	waiters int
	cancel  context.CancelFunc
}

// do returns the result of the fetch under way, starting fn when none is.
// When ctx is done first, do returns ctx.Err().
func (f *flight[T]) do(ctx context.Context, fn func(context.Context) (T, error)) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	f.mu.Lock()
	c := f.cur
	if c == nil {
		fctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		c = &flightCall[T]{done: make(chan struct{}), cancel: cancel}
		f.cur = c
		go func() {
			v, err := fn(fctx)
			cancel()
			f.mu.Lock()
			c.val, c.err = v, err
			if f.cur == c {
				f.cur = nil
			}
			f.mu.Unlock()
			close(c.done)
		}()
	}
	c.waiters++
	f.mu.Unlock()

	select {
	case <-c.done:
		return c.val, c.err
	case <-ctx.Done():
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	select {
	case <-c.done: // finished meanwhile: the answer is there, take it
		return c.val, c.err
	default:
	}
	c.waiters--
	if c.waiters == 0 {
		c.cancel()
		if f.cur == c {
			f.cur = nil // the next caller starts a fresh fetch
		}
	}
	return zero, ctx.Err()
}

// detach makes the next caller start a new fetch; callers already waiting
// for the one under way still get its result.
func (f *flight[T]) detach() {
	f.mu.Lock()
	f.cur = nil
	f.mu.Unlock()
}
