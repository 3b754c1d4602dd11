// Package reexec runs the current test binary again as other programs, for
// tests of what several programs do at once (saving one file).
package reexec

import (
	"os"
	"os/exec"
	"testing"
)

// Run starts n copies of this test binary running only the test named
// helper, copy i with the extra environment env(i), all at once, and waits
// for them; a copy that fails fails t. The helper test does its work only
// when it finds its environment variables, and nothing in a normal run.
func Run(t *testing.T, helper string, n int, env func(i int) []string) {
	t.Helper()
	var cmds []*exec.Cmd
	for i := range n {
		cmd := exec.Command(os.Args[0], "-test.run=^"+helper+"$", "-test.count=1")
		cmd.Env = append(os.Environ(), env(i)...)
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("%s: %v", helper, err)
		}
	}
}
