package cli

import (
	"fmt"
	"strconv"
)

func cmdRemoveImport(inv invocation, args []string) error {
	fs, dbs := flags("remove-import", "remove-import NUMBER [--user-db FILE]", inv.stderr)
	pos, err := positional(fs, args, 1, "remove-import needs one import number (see `ketamine-explorer imports`)")
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		return usagef("%q is not an import number (see `ketamine-explorer imports`)", pos[0])
	}
	svc, err := dbs.open(true)
	if err != nil {
		return err
	}
	defer svc.Close()
	if err := svc.Remove(id, waitingNote(inv.stderr, svc.UserPath())); err != nil {
		return err
	}
	fmt.Fprintf(inv.stdout, "removed import %d and its studies from %s\n", id, svc.UserPath())
	return nil
}
