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
// the garbage collector) and no fstat; the bytes are read into a reused
// buffer. Errors are *fs.PathError wrapping the errno, so errors.Is(err,
// fs.ErrNotExist) works as with os.ReadFile.
func readFile(path string) ([]byte, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
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
