package ui

import (
	"bytes"
	"log"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// A file dialog on a system with no Videos folder logs nothing; any other error still
// reaches the log whole.
func TestMissingStandardFoldersAreNotLogged(t *testing.T) {
	var buf bytes.Buffer
	defer log.SetOutput(log.Writer())
	log.SetOutput(&quietLog{w: &buf})
	fyne.LogError("Getting favorite locations", errStr("lstat /root/Videos: no such file or directory"))
	fyne.LogError("Something real", errStr("broken"))
	got := buf.String()
	if strings.Contains(got, "favorite") || strings.Contains(got, "Videos") {
		t.Errorf("the missing folder was logged:\n%s", got)
	}
	if !strings.Contains(got, "Something real") || !strings.Contains(got, "Cause: broken") || !strings.Contains(got, "At: ") {
		t.Errorf("a real error was dropped:\n%s", got)
	}
}

type errStr string

func (e errStr) Error() string { return string(e) }
