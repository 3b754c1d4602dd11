package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// WriteFunc writes what its function writes, in as many pieces as it
// likes; when the function fails part way the old contents stay and no
// temporary file is left.
func TestWriteFunc(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f")
	if err := Write(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	stop := errors.New("stopped")
	err := WriteFunc(path, 0o600, func(w io.Writer) error {
		io.WriteString(w, "half of the ")
		return stop
	})
	if !errors.Is(err, stop) {
		t.Fatalf("err = %v, want the function's", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("after a failed write the file holds %q", got)
	}
	if n := names(t, dir); len(n) != 1 {
		t.Errorf("directory holds %v, want f only", n)
	}
	if err := WriteFunc(path, 0o600, func(w io.Writer) error {
		for _, s := range []string{"one ", "two ", "three"} {
			if _, err := io.WriteString(w, s); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "one two three" {
		t.Errorf("file holds %q", got)
	}
}
