//go:build !unix

package smallfile

import "errors"

func mkfifo(string) error { return errors.New("no FIFOs on this system") }
