//go:build !unix

package book

import "errors"

func mkfifo(string) error { return errors.New("no FIFOs on this system") }
