package redact

import (
	"bytes"
	"io"
)

// Reader masks secrets in a stream as it is read: a body decoded as it
// arrives, so that no value decoded from it (a name, a title) holds a
// secret a server echoed. It is a Writer read from the other end, without
// a goroutine: each Read reads the underlying reader until masked bytes
// are ready. What a Writer holds back is given at the end of the stream;
// after any other error it is dropped (the stream is broken anyway).
type Reader struct {
	r   io.Reader
	mw  *Writer
	out bytes.Buffer
	buf []byte
	err error
}

// NewReader masks secrets (those shorter than 4 bytes are ignored, as in
// Secrets) in what is read from r.
func NewReader(r io.Reader, secrets ...string) *Reader {
	mr := &Reader{r: r, buf: make([]byte, 32<<10)}
	mr.mw = NewWriter(&mr.out, secrets...)
	return mr
}

func (mr *Reader) Read(p []byte) (int, error) {
	for mr.out.Len() == 0 && mr.err == nil {
		n, err := mr.r.Read(mr.buf)
		if n > 0 {
			_, _ = mr.mw.Write(mr.buf[:n]) // into a bytes.Buffer: never fails
		}
		if err == io.EOF {
			_ = mr.mw.Close()
		}
		mr.err = err
	}
	if mr.out.Len() > 0 {
		return mr.out.Read(p)
	}
	return 0, mr.err
}
