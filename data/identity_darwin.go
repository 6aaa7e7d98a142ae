package data

import (
	"os"
	"syscall"
)

// fileIdentity is the file's inode change time and inode number: writing the file in
// place moves the change time even when its modification time is set back.
func fileIdentity(st os.FileInfo) (changed int64, inode uint64) {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return s.Ctimespec.Nano(), uint64(s.Ino)
	}
	return 0, 0
}
