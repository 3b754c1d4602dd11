package redact

import (
	"bytes"
	"io"
)

// Writer masks secrets in a stream on its way to another writer: a large
// body (a record's JSON, copied as it is read) that cannot be held whole
// to mask with String. Each copy of a secret, in any ASCII letter case as
// Secrets finds it, is replaced with Mask of the copy. A copy may arrive
// split over two writes, so the last len(longest secret)-1 bytes of what
// was written are held back until more comes or Close; the output is
// therefore complete only after Close. Each Write and Close makes at
// most one write to the underlying writer.
type Writer struct {
	w       io.Writer
	lower   [][]byte // the secrets lower-cased, for the search
	hold    int      // bytes that may begin a copy: the longest secret, less one
	pending []byte
	err     error
}

// NewWriter masks secrets (those shorter than 4 bytes are ignored, as in
// Secrets) in what is written to w.
func NewWriter(w io.Writer, secrets ...string) *Writer {
	mw := &Writer{w: w}
	for _, s := range secrets {
		if len(s) < minSecret {
			continue
		}
		mw.lower = append(mw.lower, lowerBytes([]byte(s)))
		mw.hold = max(mw.hold, len(s)-1)
	}
	return mw
}

// Write masks p and passes on all of it but what may begin a secret. It
// reports len(p) written unless the underlying writer failed; a failure
// is returned by every later call.
func (mw *Writer) Write(p []byte) (int, error) {
	if mw.err != nil {
		return 0, mw.err
	}
	if len(mw.lower) == 0 {
		if _, err := mw.w.Write(p); err != nil {
			mw.err = err
			return 0, err
		}
		return len(p), nil
	}
	mw.pending = append(mw.pending, p...)
	if err := mw.flush(false); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Close passes on what was held back. It does not close the underlying
// writer.
func (mw *Writer) Close() error {
	if mw.err != nil {
		return mw.err
	}
	return mw.flush(true)
}

// flush masks the pending bytes and writes them, all of them when final,
// otherwise keeping back a tail that may be the start of a secret.
func (mw *Writer) flush(final bool) error {
	buf := mw.pending
	lower := lowerBytes(bytes.Clone(buf))
	var out []byte
	for {
		at, n := -1, 0
		for _, l := range mw.lower {
			if j := bytes.Index(lower, l); j >= 0 && (at < 0 || j < at) {
				at, n = j, len(l)
			}
		}
		if at < 0 {
			break
		}
		out = append(out, buf[:at]...)
		out = append(out, Mask(string(buf[at:at+n]))...)
		buf, lower = buf[at+n:], lower[at+n:]
	}
	keep := 0
	if !final {
		keep = min(mw.hold, len(buf))
	}
	out = append(out, buf[:len(buf)-keep]...)
	mw.pending = append(mw.pending[:0], buf[len(buf)-keep:]...)
	if len(out) == 0 {
		return nil
	}
	if _, err := mw.w.Write(out); err != nil {
		mw.err = err
		return err
	}
	return nil
}

// lowerBytes lower-cases A-Z in b, in place, as lowerASCII does.
func lowerBytes(b []byte) []byte {
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + ('a' - 'A')
		}
	}
	return b
}
