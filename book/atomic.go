package book

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
	tmp, err := writeTemp(path, data, mode)
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
	tmp, err := writeTemp(path, data, 0o644)
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

// writeTemp writes data, synced and with the given mode, to a new temporary
// file beside path (creating the folder) and returns its name. On error
// nothing is left behind.
func writeTemp(path string, data []byte, mode fs.FileMode) (string, error) {
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
	if err == nil {
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
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return name, nil
}
