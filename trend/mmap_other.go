//go:build !unix

package trend

import "os"

// mmapFile is not used on this platform: files are streamed.
func mmapFile(f *os.File) ([]byte, func(), bool) { return nil, nil, false }

func releaseMapped(b []byte) {}
