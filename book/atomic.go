package book

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/acctbook/acct/msg"
)

// ErrExists is returned (wrapped) by CreateFile when the file already exists.
var ErrExists = errors.New("already exists")

// WriteFile writes data to path atomically: into a temporary file in the same
// folder, synced, then renamed over path, so a reader or a crash never sees a
// half-written file. Missing parent folders are created. The mode of an
// existing file is kept; new files get 0644.
func WriteFile(path string, data []byte) error {
	mode := fs.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	tmp, err := writeTemp(path, data, mode, true)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// CreateFile writes data to a new file at path, atomically, and refuses
// (with an error wrapping ErrExists) to replace a file that exists. The file
// is linked into place with os.Link, which fails if the name is taken, so
// two concurrent creators cannot both win.
func CreateFile(path string, data []byte) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s: %w", path, ErrExists)
	}
	tmp, err := writeTemp(path, data, 0o644, true)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", path, ErrExists)
		}
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// StageFile writes data (mode 0644) to a new temporary file ".NAME.tmp*"
// beside path, creating the folder, and returns its name, for a caller that
// renames a batch of files into place together. The file is not synced: the
// caller syncs once before the renames. On error (wrapping the cause,
// naming path) nothing is left behind.
func StageFile(path string, data []byte) (string, error) {
	return writeTemp(path, data, 0o644, false)
}

// writeTemp writes data with the given mode, synced when sync is set, to a
// new temporary file beside path (creating the folder) and returns its
// name. On error nothing is left behind.
func writeTemp(path string, data []byte, mode fs.FileMode, sync bool) (string, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return "", err
	}
	name := tmp.Name()
	_, err = tmp.Write(data)
	if err == nil && sync {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(name, mode)
	}
	if err != nil {
		os.Remove(name)
		return "", msg.Errorf("write %s: %w", path, err)
	}
	return name, nil
}
