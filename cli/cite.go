package cli

import (
	"fmt"
	"io"
)

func cmdCite(inv invocation, args []string) error {
	fs, dbs := flags("cite", "cite STUDY [--format text|bibtex|ris] [--db FILE]", inv.stderr)
	format := choiceFlag(fs, "format", "output `FORMAT`", "text", "bibtex", "ris")
	pos, svc, err := openWith(fs, dbs, args, 1, "cite needs one study id, e.g. `cite elekt-d` (`list trd` lists an indication's ids)")
	if err != nil {
		return err
	}
	defer svc.Close()
	st, err := svc.Study(pos[0])
	if err != nil {
		return err
	}
	switch format.value {
	case "bibtex":
		_, err = io.WriteString(inv.stdout, st.BibTeX())
	case "ris":
		_, err = io.WriteString(inv.stdout, st.RIS())
	default:
		_, err = fmt.Fprintln(inv.stdout, st.PlainCitation())
	}
	return err
}
