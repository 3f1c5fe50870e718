//go:build !unix

package check

import "errors"

func syscallMkfifo(string) error { return errors.New("no FIFOs on this system") }
