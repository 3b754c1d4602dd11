package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/orcid-tui/orcid-tui/internal/reexec"
)

// concurrentFile defines the environments env0 … env{n-1}, one per writer.
func concurrentFile(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "[environments.env%d]\nregistry_url = \"http://127.0.0.1:%d\"\n\n", i, 9000+i)
	}
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// setClientIDs saves the client id of env `env` rounds times, each time
// through a freshly loaded Config (as a separate program would), the last
// value being clientID(env, rounds-1).
func setClientIDs(path, env string, rounds int) error {
	for r := range rounds {
		c, err := Load(LoadOptions{Path: path, Getenv: getenv(nil)})
		if err != nil {
			return err
		}
		if err := c.SetClientID(env, clientID(env, r)); err != nil {
			return err
		}
	}
	return nil
}

func clientID(env string, round int) string {
	n, _ := strconv.Atoi(strings.TrimPrefix(env, "env"))
	return fmt.Sprintf("APP-%08d%08d", n, round)
}

func checkClientIDs(t *testing.T, path string, envs, rounds int) {
	t.Helper()
	f, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lost := 0
	for i := range envs {
		env := "env" + strconv.Itoa(i)
		if e := f.Environments[env]; e == nil || e.ClientID != clientID(env, rounds-1) {
			lost++
		}
	}
	if lost != 0 {
		t.Errorf("%d of %d environments lost their saved client id", lost, envs)
	}
}

// TestConfigHelperProcess is the other program of
// TestConfigTwoProcessesLoseNothing; it does nothing in a normal run.
func TestConfigHelperProcess(t *testing.T) {
	path := os.Getenv("CONFIG_TEST_FILE")
	if path == "" {
		return
	}
	rounds, _ := strconv.Atoi(os.Getenv("CONFIG_TEST_ROUNDS"))
	if err := setClientIDs(path, os.Getenv("CONFIG_TEST_ENV"), rounds); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
}

// TestConfigConcurrentSavesLoseNothing: writers saving different
// environments' client ids at once (two TUIs) keep every one.
func TestConfigConcurrentSavesLoseNothing(t *testing.T) {
	const writers, rounds = 6, 8
	path := concurrentFile(t, writers)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			if err := setClientIDs(path, "env"+strconv.Itoa(w), rounds); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	checkClientIDs(t, path, writers, rounds)
}

// TestConfigTwoProcessesLoseNothing: the same with programs (this test
// binary run again).
func TestConfigTwoProcessesLoseNothing(t *testing.T) {
	const procs, rounds = 3, 10
	path := concurrentFile(t, procs)
	reexec.Run(t, "TestConfigHelperProcess", procs, func(p int) []string {
		return []string{"CONFIG_TEST_FILE=" + path, "CONFIG_TEST_ENV=env" + strconv.Itoa(p), "CONFIG_TEST_ROUNDS=" + strconv.Itoa(rounds)}
	})
	checkClientIDs(t, path, procs, rounds)
}
