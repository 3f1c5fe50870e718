//go:build !linux

package check

import "os"

// readFile is os.ReadFile; readfile_linux.go has a leaner version.
func readFile(path string) ([]byte, error) { return os.ReadFile(path) }
