//go:build linux

package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/orcid-tui/orcid-tui/internal/ptytest"
)

// BenchmarkFirstFrameVsHelp is issue 13's start-up figure: the built
// program's first TUI frame against `orcid-tui --help`, each a fresh
// process on the same machine. --help is timed from start to exit with
// its output discarded; the TUI from start until its first frame's
// "Search" pane title arrives on an 80x24 pseudo-terminal (then it is
// killed). It reports the medians (help-ms, frame-ms, demo-frame-ms) and
// their ratios; the target is a frame within 1.5x of --help.
//
//	go test ./cli -run '^$' -bench FirstFrameVsHelp -benchtime 21x
func BenchmarkFirstFrameVsHelp(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "orcid-tui")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/orcid-tui/orcid-tui").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	home := b.TempDir()
	env := []string{"HOME=" + home, "XDG_CONFIG_HOME=" + home + "/config", "XDG_STATE_HOME=" + home + "/state",
		"XDG_CACHE_HOME=" + home + "/cache", "TERM=xterm-256color", "PATH=" + os.Getenv("PATH")}
	var help, frame, demo []time.Duration
	for b.Loop() {
		start := time.Now()
		cmd := exec.Command(bin, "--help")
		cmd.Env = env
		if err := cmd.Run(); err != nil {
			b.Fatalf("--help: %v", err)
		}
		help = append(help, time.Since(start))
		frame = append(frame, firstFrame(b, bin, env))
		demo = append(demo, firstFrame(b, bin, env, "--demo"))
	}
	median := func(d []time.Duration) float64 {
		slices.Sort(d)
		return float64(d[len(d)/2]) / float64(time.Millisecond)
	}
	h, f, d := median(help), median(frame), median(demo)
	b.ReportMetric(h, "help-ms")
	b.ReportMetric(f, "frame-ms")
	b.ReportMetric(d, "demo-frame-ms")
	b.ReportMetric(f/h, "frame/help")
	b.ReportMetric(d/h, "demo-frame/help")
}

// firstFrame starts the TUI on a fresh 80x24 pseudo-terminal and returns
// the time from start to the first "Search" on it.
func firstFrame(b *testing.B, bin string, env []string, args ...string) time.Duration {
	master, tty := ptytest.Open(b)
	ptytest.SetSize(b, tty, 80, 24)
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}()
	var got []byte
	buf := make([]byte, 64<<10)
	_ = master.SetReadDeadline(time.Now().Add(10 * time.Second))
	for !bytes.Contains(got, []byte("Search")) {
		n, err := master.Read(buf)
		if err != nil {
			b.Fatalf("no first frame: %v (read %q)", err, got)
		}
		got = append(got, buf[:n]...)
	}
	return time.Since(start)
}
