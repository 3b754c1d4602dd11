//go:build unix

package cli

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestHangUpEndsCleanly runs the program as a process, lets a request hang
// on the demo registry, and closes its "terminal" (SIGHUP): it must end the
// way Ctrl-C does — "interrupted", exit 1 — not be killed by the signal
// (exit 129), which would leave a TUI's terminal in the alternate screen.
func TestHangUpEndsCleanly(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			self, err := os.Executable()
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			cmd := exec.Command(self, "--demo", "--demo-faults", "slow:1m", "search", "carberry")
			cmd.Env = []string{"ORCID_TUI_TEST_AS_PROGRAM=1", "HOME=" + dir, "XDG_CONFIG_HOME=" + dir, "XDG_STATE_HOME=" + dir}
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// The demo registry is up and the search sent once nothing
			// is left to print before the answer; wait for the process to
			// be inside the request rather than for a time.
			waitForRequest(t, cmd.Process.Pid)
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			var lines []string
			sc := bufio.NewScanner(stderr)
			for sc.Scan() {
				lines = append(lines, sc.Text())
			}
			err = cmd.Wait()
			var exit *exec.ExitError
			if !errors.As(err, &exit) {
				t.Fatalf("the program ended with %v, want exit status 1", err)
			}
			if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				t.Fatalf("the program was killed by %v instead of ending cleanly", ws.Signal())
			}
			if exit.ExitCode() != exitError || !strings.Contains(strings.Join(lines, "\n"), "interrupted") {
				t.Errorf("exit %d, stderr %q; want 1 and \"interrupted\"", exit.ExitCode(), lines)
			}
		})
	}
}

// waitForRequest waits until process pid holds three sockets — the demo
// registry's listener and both ends of the search's connection — so the
// signal arrives while the request hangs. Without /proc it returns at once
// (the signal then arrives earlier, which must end the program cleanly too).
func waitForRequest(t *testing.T, pid int) {
	t.Helper()
	dir := "/proc/" + strconv.Itoa(pid) + "/fd"
	for i := 0; i < 4000; i++ {
		fds, err := os.ReadDir(dir)
		if err != nil {
			return
		}
		sockets := 0
		for _, fd := range fds {
			if target, err := os.Readlink(dir + "/" + fd.Name()); err == nil && strings.HasPrefix(target, "socket:") {
				sockets++
			}
		}
		if sockets >= 3 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("the program never sent its request")
}
