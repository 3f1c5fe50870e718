//go:build !linux

package cmd

import "os"

// syncTemps makes the temporary files of an import durable before they
// are renamed into place, one fsync per file.
func syncTemps(writes []plannedWrite) error {
	for _, w := range writes {
		f, err := os.Open(w.tmp)
		if err != nil {
			return err
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
