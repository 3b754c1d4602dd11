// Package atomicfile replaces a file's contents all at once: readers see the
// old contents or the new, never a mix, and a crash leaves no half-written
// file.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// DirPerm is the mode of the directories Write creates.
const DirPerm fs.FileMode = 0o700

// Write writes data to path atomically: a temporary file in the same
// directory (".<name>.tmp-*"), given mode perm, synced, then renamed over
// path, and the directory synced so the rename is durable where the
// platform allows. A symlink at path is followed and its target replaced,
// so a file kept elsewhere (a dotfiles repository) stays there. A missing
// directory is created with DirPerm; an existing one keeps its mode. On
// error path is unchanged and no temporary file is left behind.
func Write(path string, data []byte, perm fs.FileMode) error {
	return WriteFunc(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteFunc is Write with the contents written by write as they are made,
// so a large file is never held whole in memory. An error from write
// leaves path unchanged, as any other error does.
func WriteFunc(path string, perm fs.FileMode, write func(w io.Writer) error) (err error) {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, DirPerm); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(perm); err != nil {
		return err
	}
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	// Make the rename itself durable; not every platform can sync a directory.
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// DirExists says, as an error a user can act on, that the folder path is to
// be written in does not exist (or is not a folder). Write and WriteFunc
// make missing folders, which suits the program's own files; a file the
// user named (an export) goes where they said or nowhere, as with cp or
// curl -o, so a typo in a folder name is not silently made a new folder.
func DirExists(path string) error {
	dir := filepath.Dir(path)
	switch fi, err := os.Stat(dir); {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("there is no folder %s: create it first", dir)
	case err != nil:
		return err
	case !fi.IsDir():
		return fmt.Errorf("%s is not a folder", dir)
	}
	return nil
}
