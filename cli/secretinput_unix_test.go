//go:build unix

package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A --client-secret-file that is a FIFO nobody writes to must not hold the
// program past SIGTERM: the open and read give up when the context ends.
func TestClientSecretFIFOCancelled(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	t.Cleanup(func() {
		// Let the abandoned open finish so the goroutine ends.
		if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
			w.Close()
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r, _ := pipeWith(t, "", true)
	c, out, errOut := secretCLI(t, r, false)
	code := c.run(ctx, []string{"--env", "sandbox", "--client-id", "APP-674MCQQR985VZZQ2", "--client-secret-file", fifo, "config", "show"})
	if code != exitError || !strings.Contains(errOut.String(), "interrupted") {
		t.Errorf("exit %d:\n%s%s", code, out, errOut)
	}
}
