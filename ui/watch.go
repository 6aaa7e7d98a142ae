package ui

import (
	"os"
	"time"

	"fyne.io/fyne/v2"
)

// fileSignature is what tells that a file changed: its size and time of change.
type fileSignature struct {
	size int64
	mod  time.Time
}

func signatureOf(path string) fileSignature {
	st, err := os.Stat(path)
	if err != nil {
		return fileSignature{}
	}
	return fileSignature{st.Size(), st.ModTime()}
}

// watchEvery is how often the window looks for imports made by another process.
const watchEvery = 3 * time.Second

// watchUserDB has the window notice, within a few seconds, imports made or removed by
// another process (another window, the CLI): it looks at the user database every
// watchEvery and refreshes the pages and the navigator's counts when it changed.
func (ex *Explorer) watchUserDB() {
	ex.userSeen = signatureOf(ex.svc.UserPath())
	go func() {
		for range time.Tick(watchEvery) {
			fyne.Do(ex.checkUserDB)
		}
	}()
}

// checkUserDB refreshes the window if the user database changed since it last looked
// (its own imports refresh it already, and are seen here as nothing new). A user database
// made since the window opened is opened now.
func (ex *Explorer) checkUserDB() {
	path := ex.svc.UserPath()
	now := signatureOf(path)
	if path == "" || now == ex.userSeen {
		return
	}
	ex.userSeen = now
	if ex.svc.UserError() == nil {
		ex.svc.UseUserDB(path) // opens one that was made meanwhile; the same one again else
	}
	ex.refresh()
}
