package record

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"sync"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// keptBody is the record's JSON as ORCID sent it, deflated while it was
// read, for the raw view (r) to show with no second request. Held plain it
// was the pane's largest part: 16 MB of a 10,000-work record's compact
// JSON, next to about 7 MB of rows. ORCID's JSON deflates about ten to one
// at the fastest level (a 16 MB record in about 45 ms, while it streams
// in), and it is inflated only when the raw view is first built.
type keptBody struct {
	url, contentType string
	statusCode       int
	size             int    // bytes as sent
	deflated         []byte // the bytes as sent, deflated
}

// deflating is the writer the record's bytes are copied to as they are
// read; keep ends it.
type deflating struct {
	buf bytes.Buffer
	w   *flate.Writer
	n   int
}

// deflaters keeps flate writers between records: a new one allocates and
// clears 1.2 MB (about 1 ms), more than reading a small record costs.
var deflaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed) // the level is valid
	return w
}}

func newDeflating() *deflating {
	d := &deflating{w: deflaters.Get().(*flate.Writer)}
	d.w.Reset(&d.buf)
	return d
}

func (d *deflating) Write(p []byte) (int, error) {
	n, err := d.w.Write(p)
	d.n += n
	return n, err
}

// keep finishes the deflated copy of an answer whose meta-data is b. The
// result holds no spare capacity: it lives as long as the record is shown
// or cached.
func (d *deflating) keep(b *orcid.Body) (*keptBody, error) {
	err := d.w.Close()
	deflaters.Put(d.w)
	d.w = nil
	if err != nil {
		return nil, err
	}
	k := &keptBody{size: d.n, deflated: bytes.Clone(d.buf.Bytes())}
	if b != nil {
		k.url, k.contentType, k.statusCode = b.URL, b.ContentType, b.StatusCode
	}
	return k, nil
}

// body inflates the kept bytes into the body as sent.
func (k *keptBody) body() (*orcid.Body, error) {
	data := make([]byte, k.size)
	r := flate.NewReader(bytes.NewReader(k.deflated))
	_, err := io.ReadFull(r, data)
	if err == nil {
		if n, _ := r.Read(make([]byte, 1)); n != 0 {
			err = fmt.Errorf("longer than the %d bytes read", k.size)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("inflating the kept copy of the record: %w", err)
	}
	return &orcid.Body{URL: k.url, StatusCode: k.statusCode, ContentType: k.contentType, Data: data}, nil
}

// memSize is about what k takes in memory.
func (k *keptBody) memSize() int64 { return int64(len(k.deflated)) + 128 }
