package auth

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"

	"github.com/pkg/browser"
)

// ErrNoBrowser: no browser should be opened here (SSH session without
// $BROWSER); the URL is shown for copying instead.
var ErrNoBrowser = errors.New("no browser in an SSH session: open the URL on your own computer, then paste the address you are sent to")

var quietBrowser sync.Once

// OpenBrowser opens url in the user's browser without letting the launcher
// write to the terminal. $BROWSER (a list separated like PATH, each entry a
// command, "%s" standing for the URL) is honoured first; in an SSH session
// without $BROWSER nothing is opened and ErrNoBrowser is returned.
func OpenBrowser(url string) error {
	if b := strings.TrimSpace(os.Getenv("BROWSER")); b != "" {
		return runBrowserEnv(b, url)
	}
	if os.Getenv("SSH_CONNECTION") != "" || os.Getenv("SSH_TTY") != "" {
		return ErrNoBrowser
	}
	quietBrowser.Do(func() {
		browser.Stdout = io.Discard
		browser.Stderr = io.Discard
	})
	return browser.OpenURL(url)
}

func runBrowserEnv(list, url string) error {
	sep := ":"
	if runtime.GOOS == "windows" {
		sep = ";"
	}
	var lastErr error
	for _, entry := range strings.Split(list, sep) {
		args := strings.Fields(entry)
		if len(args) == 0 {
			continue
		}
		replaced := false
		for i, a := range args {
			if strings.Contains(a, "%s") {
				args[i] = strings.ReplaceAll(a, "%s", url)
				replaced = true
			}
		}
		if !replaced {
			args = append(args, url)
		}
		cmd := exec.Command(args[0], args[1:]...)
		// nil Stdin/Stdout/Stderr are /dev/null: nothing reaches the terminal.
		if err := cmd.Start(); err != nil {
			lastErr = err
			continue
		}
		go cmd.Wait() //nolint:errcheck // reap; the browser may outlive the flow
		return nil
	}
	if lastErr == nil {
		lastErr = errors.New("$BROWSER names no command")
	}
	return lastErr
}
