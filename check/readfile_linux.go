package check

import (
	"bytes"
	"io/fs"
	"sync"
	"syscall"
)

// readBufs holds read buffers reused from one file to the next.
var readBufs = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// readFile reads a whole file like os.ReadFile and returns an exactly sized
// copy of its bytes, with fewer system calls and allocations: no os.File
// (whose poller registration costs a system call and whose finalizer costs
// the garbage collector); the bytes are read into a reused buffer. Errors
// are *fs.PathError wrapping the errno, so errors.Is(err, fs.ErrNotExist)
// works as with os.ReadFile. Unlike os.ReadFile it does not follow a
// symbolic link (errSymlink), never blocks on a FIFO, and refuses anything
// but a regular file (errNotRegular) or one over maxDocumentBytes
// (errTooLarge), so a stray device or pipe in a book cannot hang or flood it.
func readFile(path string) ([]byte, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK|syscall.O_NOFOLLOW, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err == syscall.ELOOP {
		return nil, &fs.PathError{Op: "open", Path: path, Err: errSymlink}
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
		return nil, &fs.PathError{Op: "open", Path: path, Err: errNotRegular}
	}
	if st.Size > maxDocumentBytes {
		return nil, &fs.PathError{Op: "open", Path: path, Err: errTooLarge}
	}
	bp := readBufs.Get().(*[]byte)
	defer readBufs.Put(bp)
	buf, n := *bp, 0
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
	}
	return bytes.Clone(buf[:n]), nil
}
