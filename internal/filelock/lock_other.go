//go:build !unix && !windows

package filelock

import "os"

// No advisory locks here (wasm, plan9): the in-process locks of the callers
// still serialise one program's writers.
func tryLock(*os.File) (bool, error) { return true, nil }

func unlockFile(*os.File) {}
