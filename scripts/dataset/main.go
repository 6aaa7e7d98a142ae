// Command dataset builds the evidence release file from data/evidence, byte for byte the
// database the app bundles (a difference fails: run `make db`), and, given the release's
// secret key file, signs it in the minisign format with a SHA256SUMS beside it. Run it with
// `make dataset` and `make dataset-release`.
package main

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"ketamine-explorer/atomicfile"
	"ketamine-explorer/data"
	"ketamine-explorer/resources"
	"ketamine-explorer/signing"
)

func main() {
	in := flag.String("evidence", "data/evidence", "folder of evidence JSON files")
	out := flag.String("out", "dist/dataset", "folder to write the release into")
	keyFile := flag.String("key", "", "the release's minisign secret key `FILE` (unencrypted; never in the repository): sign the release")
	flag.Parse()
	if err := run(*in, *out, *keyFile); err != nil {
		fmt.Fprintln(os.Stderr, "dataset:", err)
		os.Exit(1)
	}
}

func run(in, out, keyFile string) error {
	ds, err := data.LoadDir(os.DirFS(in))
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	name := "evidence-" + atomicfile.Name(ds.Version, 40) + ".sqlite"
	file := filepath.Join(out, name)
	if err := data.Build(ds, file); err != nil {
		return err
	}
	image, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	if !bytes.Equal(image, resources.EvidenceDB) {
		return fmt.Errorf("%s differs from the bundled resources/evidence.sqlite: run `make db` and commit it, so the release is the evidence the app bundles", file)
	}
	fmt.Printf("dataset: %s (dataset %s), byte for byte the bundled evidence\n", file, ds.Version)
	if keyFile == "" {
		return nil
	}
	text, err := os.ReadFile(keyFile)
	if err != nil {
		return fmt.Errorf("the secret key: %w", err)
	}
	sk, err := signing.ParseSecretKey(string(text))
	if err != nil {
		return fmt.Errorf("%s: %w", keyFile, err)
	}
	project, err := signing.ParsePublicKey(resources.ReleaseKey)
	if err != nil {
		return err
	}
	if sk.ID != project.ID {
		fmt.Fprintf(os.Stderr, "dataset: note: key %s is not the project's release key %s: only apps whose trusted-keys folder holds its public key will trust this release\n", sk.ID, project.ID)
	}
	sig := signing.Sign(sk, image, fmt.Sprintf("Ketamine Evidence Explorer dataset %s, file %s", ds.Version, name))
	if _, err := signing.Verify(image, sig, []signing.PublicKey{sk.Public("")}); err != nil {
		return fmt.Errorf("the signature just made does not verify: %w", err)
	}
	if err := os.WriteFile(file+".minisig", sig, 0o644); err != nil {
		return err
	}
	var sums bytes.Buffer
	for _, f := range []struct {
		name string
		b    []byte
	}{{name, image}, {name + ".minisig", sig}} {
		fmt.Fprintf(&sums, "%x  %s\n", sha256.Sum256(f.b), f.name)
	}
	if err := os.WriteFile(filepath.Join(out, "SHA256SUMS"), sums.Bytes(), 0o644); err != nil {
		return err
	}
	_, public, _ := strings.Cut(strings.TrimSpace(resources.ReleaseKey), "\n")
	fmt.Printf("dataset: signed with key %s: %s.minisig, SHA256SUMS (check with: minisign -Vm %s -P %s)\n", sk.ID, file, name, public)
	return nil
}
