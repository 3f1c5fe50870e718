//go:build unix

package trend

import (
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

// mmapFile maps a large regular file read-only, so a whole-book export is
// split into chunks without copying it through read(2). ok is false when
// the file is small, not regular, or cannot be mapped; the caller then
// streams it.
func mmapFile(f *os.File) (data []byte, unmap func(), ok bool) {
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() < 2*sampleSize || int64(int(st.Size())) != st.Size() {
		return nil, nil, false
	}
	if off, err := f.Seek(0, 1); err != nil || off != 0 {
		return nil, nil, false
	}
	data, err = unix.Mmap(int(f.Fd()), 0, int(st.Size()), unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return nil, nil, false
	}
	_ = unix.Madvise(data, unix.MADV_SEQUENTIAL)
	return data, func() { _ = unix.Munmap(data) }, true
}

// releaseMapped tells the kernel that the pages of b (a parsed slice of a
// mapped file) are no longer needed, so they leave the process's resident
// set and memory stays flat however large the file is.
func releaseMapped(b []byte) {
	if len(b) == 0 {
		return
	}
	page := uintptr(os.Getpagesize())
	start := uintptr(unsafe.Pointer(&b[0]))
	end := start + uintptr(len(b))
	s := (start + page - 1) &^ (page - 1)
	e := end &^ (page - 1)
	if e <= s {
		return
	}
	_ = unix.Madvise(b[s-start:e-start], unix.MADV_DONTNEED)
}
