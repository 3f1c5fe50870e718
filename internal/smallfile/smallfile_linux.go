package smallfile

import (
	"bytes"
	"io/fs"
	"path/filepath"
	"sync"
	"syscall"
)

// AtFDCWD is Linux's AT_FDCWD: as the directory of Openat and ReadAt, it
// makes names relative to the working directory (or absolute paths) work.
const AtFDCWD = -100

// Openat opens name, relative to the directory descriptor dir, read-only
// and close-on-exec, with the extra open(2) flags given (O_DIRECTORY to
// open a folder), retrying on EINTR. It returns the new descriptor, which
// the caller closes with syscall.Close, or the errno.
func Openat(dir int, name string, flags int) (int, error) {
	for {
		fd, err := syscall.Openat(dir, name, syscall.O_RDONLY|syscall.O_CLOEXEC|flags, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}

// ReadAt reads the file name in the directory dir (a descriptor, or
// AtFDCWD; path is the file's full path, used only in errors) like
// os.ReadFile, into *bp (which it grows, doubling it, when the file does
// not fit), and returns the bytes read: a part of *bp, valid until the
// caller reuses it.
//
// It makes fewer system calls and allocations than os.ReadFile: no
// os.File (whose poller registration costs system calls and whose
// finalizer costs the garbage collector), and no read to see the end of
// the file when a short read brought exactly the size fstat gave. Unlike
// os.ReadFile it does not follow a symbolic link (ErrSymlink), never
// blocks on a FIFO, and refuses anything but a regular file
// (ErrNotRegular) or one over max bytes (ErrTooLarge), so a stray device
// or pipe cannot hang or flood the caller. Every error is an
// *fs.PathError whose Err is one of those or the errno, so
// errors.Is(err, fs.ErrNotExist) works as with os.ReadFile.
func ReadAt(bp *[]byte, dir int, name, path string, max int64) ([]byte, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Openat(dir, name, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK|syscall.O_NOFOLLOW, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err == syscall.ELOOP {
		return nil, &fs.PathError{Op: "open", Path: path, Err: ErrSymlink}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, &fs.PathError{Op: "open", Path: path, Err: ErrNotRegular}
	}
	if st.Size > max {
		return nil, &fs.PathError{Op: "open", Path: path, Err: ErrTooLarge}
	}
	buf, n := *bp, 0
	if len(buf) == 0 {
		buf = make([]byte, 512)
		*bp = buf
	}
	for {
		if n == len(buf) {
			buf = append(buf, make([]byte, len(buf))...)
			*bp = buf
		}
		m, err := syscall.Read(fd, buf[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if m == 0 {
			break
		}
		n += m
		if int64(n) == st.Size && n < len(buf) {
			// A regular file's read stops short only at its end, and
			// this one ended where fstat said: the next read would
			// return 0. (A file that grew meanwhile fills the buffer or
			// goes past the size, and is read on to its end.)
			break
		}
	}
	return buf[:n], nil
}

// bufs holds the buffers ReadFileAt reads into.
var bufs = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// ReadFileAt is ReadAt into a pooled buffer, returning an exactly sized
// copy of the file's bytes, the caller's to keep.
func ReadFileAt(dir int, name, path string, max int64) ([]byte, error) {
	bp := bufs.Get().(*[]byte)
	defer bufs.Put(bp)
	src, err := ReadAt(bp, dir, name, path, max)
	if err != nil {
		return nil, err
	}
	return bytes.Clone(src), nil
}

// ReadFile reads the file at path like os.ReadFile, with the checks of
// ReadAt: no symbolic link (ErrSymlink), a regular file (ErrNotRegular)
// of at most max bytes (ErrTooLarge). Errors are *fs.PathError. The bytes
// are the caller's.
func ReadFile(path string, max int64) ([]byte, error) {
	return ReadFileAt(AtFDCWD, path, path, max)
}

// Dir is an open directory that files are read relative to, saving the
// kernel the walk of the full path for each (on Linux a descriptor).
type Dir struct {
	fd   int
	path string
}

// OpenDir opens the directory at path. The error is an *fs.PathError
// (errors.Is(err, fs.ErrNotExist) for a missing one). Close it when done.
func OpenDir(path string) (*Dir, error) {
	fd, err := Openat(AtFDCWD, path, syscall.O_DIRECTORY)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	return &Dir{fd: fd, path: path}, nil
}

// Close closes the directory; files are no longer read through it.
func (d *Dir) Close() error {
	if err := syscall.Close(d.fd); err != nil {
		return &fs.PathError{Op: "close", Path: d.path, Err: err}
	}
	return nil
}

// Read reads the file name (slash-separated, relative to d) with ReadAt's
// checks and errors, the *fs.PathError naming the file's full path
// (filepath.Join of d's path and name). The bytes returned may be part of
// *bp (here they are), valid until the caller reuses *bp; *bp may be
// nil or empty. Read may be called from several goroutines at once, each
// with its own buffer.
func (d *Dir) Read(bp *[]byte, name string, max int64) ([]byte, error) {
	src, err := ReadAt(bp, d.fd, name, "", max)
	if pe, ok := err.(*fs.PathError); ok {
		pe.Path = filepath.Join(d.path, filepath.FromSlash(name)) // built only when needed
	}
	return src, err
}
