//go:build !windows

package spool

import "os"

func scratch() (*os.File, error) {
	f, err := os.CreateTemp("", ".ketamine-explorer-*.tmp")
	if err != nil {
		return nil, err
	}
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}
