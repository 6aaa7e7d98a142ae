package spool

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

const (
	fileAttributeTemporary = 0x100      // FILE_ATTRIBUTE_TEMPORARY: kept in memory where it can be
	fileFlagDeleteOnClose  = 0x04000000 // FILE_FLAG_DELETE_ON_CLOSE
)

func scratch() (*os.File, error) {
	for tries := 0; ; tries++ {
		name := filepath.Join(os.TempDir(), ".ketamine-explorer-"+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		p, err := syscall.UTF16PtrFromString(name)
		if err != nil {
			return nil, err
		}
		h, err := syscall.CreateFile(p, syscall.GENERIC_READ|syscall.GENERIC_WRITE, syscall.FILE_SHARE_READ|syscall.FILE_SHARE_WRITE|syscall.FILE_SHARE_DELETE,
			nil, syscall.CREATE_NEW, fileAttributeTemporary|fileFlagDeleteOnClose, 0)
		if errors.Is(err, syscall.ERROR_FILE_EXISTS) && tries < 100 {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "create", Path: name, Err: err}
		}
		return os.NewFile(uintptr(h), name), nil
	}
}
