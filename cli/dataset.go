package cli

import (
	"fmt"
	"strings"

	"ketamine-explorer/evidence"
	"ketamine-explorer/releases"
)

const datasetUsage = "dataset verify FILE | dataset install FILE [--allow-older] | dataset status | dataset rollback [--user-db FILE]"

// cmdDataset verifies and installs signed evidence updates, says which evidence is in use,
// and rolls an update back.
func cmdDataset(inv invocation, args []string) error {
	sub := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, args = args[0], args[1:]
	}
	fs, dbs := flags("dataset "+sub, datasetUsage, inv.stderr)
	allowOlder := fs.Bool("allow-older", false, "install a release older than the evidence in use")
	want, need := 0, "dataset "+sub+" takes no arguments"
	switch sub {
	case "verify", "install":
		want, need = 1, "dataset "+sub+" needs the release FILE (its signature FILE.minisig beside it)"
	case "status", "rollback":
	default:
		return usagef("dataset needs one of: verify FILE, install FILE, status, rollback")
	}
	pos, err := positional(fs, args, want, need)
	if err != nil {
		return err
	}
	trust := releases.LoadTrust()
	for _, p := range trust.Problems {
		fmt.Fprintln(inv.stderr, "ketamine-explorer:", p)
	}
	store := releases.Store{Dir: evidence.ReleasesFolder(*dbs.user)}
	if sub != "verify" && store.Dir == "" {
		return fmt.Errorf("there is no per-user storage to install evidence updates in (HOME is not set, or has no config folder): give --user-db FILE, or set %s", evidence.UserDBEnv)
	}
	switch sub {
	case "verify":
		r, err := releases.Verify(pos[0], trust)
		if err != nil {
			return err
		}
		fmt.Fprintf(inv.stdout, "%s: dataset %s, signed by %s (key %s); trusted comment: %s\n", r.File, r.Version, r.Signer, r.KeyID, r.Comment)
		return nil
	case "install":
		return installRelease(inv, store, pos[0], *allowOlder)
	case "rollback":
		if _, err := store.Rollback(); err != nil {
			return err
		}
		svc, err := dbs.evidence()
		if err != nil {
			return err
		}
		defer svc.Close()
		fmt.Fprintf(inv.stdout, "Rolled back: the evidence in use is dataset %s.\n", svc.Provenance().Label())
		return nil
	}
	return datasetStatus(inv, dbs, store, trust)
}

// installRelease verifies the release at file, installs it in place of the evidence in
// use and says what is new in it.
func installRelease(inv invocation, store releases.Store, file string, allowOlder bool) error {
	u, err := evidence.InstallUpdate(file, store.Dir, allowOlder)
	if err != nil {
		return err
	}
	fmt.Fprintf(inv.stdout, "Installed dataset %s, signed by %s, in place of dataset %s. `ketamine-explorer dataset rollback` returns to it.\n", u.Release.Version, u.Release.Signer, u.Was.Label())
	if len(u.News) == 0 {
		fmt.Fprintf(inv.stdout, "\nIts change log lists nothing after dataset %s.\n", u.Was.Version)
		return nil
	}
	fmt.Fprintf(inv.stdout, "\nWhat's new since dataset %s:\n", u.Was.Version)
	printChanges(inv.stdout, u.News)
	return nil
}

// datasetStatus says which evidence is in use, what rollback returns to, what the app
// bundles and which keys are trusted.
func datasetStatus(inv invocation, dbs databases, store releases.Store, trust releases.Trust) error {
	current, previous, err := store.Status()
	if err != nil {
		return err
	}
	svc, err := dbs.evidence()
	if err != nil {
		return err
	}
	defer svc.Close()
	bundled, err := evidence.Bundled()
	if err != nil {
		return err
	}
	defer bundled.Close()
	w := inv.stdout
	fmt.Fprintf(w, "In use: dataset %s\n", svc.Provenance().Label())
	if current != nil {
		fmt.Fprintf(w, "Installed: dataset %s, signed by %s (key %s), on %s from %s\n", current.Version, current.Signer, current.KeyID, current.InstalledAt.Format("2006-01-02 15:04 MST"), current.From)
	}
	switch {
	case previous != nil:
		fmt.Fprintf(w, "Rollback returns to: dataset %s, signed by %s (key %s)\n", previous.Version, previous.Signer, previous.KeyID)
	case current != nil:
		fmt.Fprintln(w, "Rollback returns to: the bundled evidence")
	}
	fmt.Fprintf(w, "Bundled with this app: dataset %s\n", bundled.Provenance().Version)
	fmt.Fprintf(w, "Updates are kept in: %s\n", store.Dir)
	fmt.Fprintf(w, "Trusted keys (organisations' keys in %s):\n", releases.TrustFolder)
	for _, k := range trust.Keys {
		from := "built in"
		if k.File != "" {
			from = k.File
		}
		fmt.Fprintf(w, "  - %s: key %s (%s)\n", k.Signer, k.ID, from)
	}
	return nil
}
