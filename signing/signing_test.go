package signing_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"ketamine-explorer/signing"
)

// minisign runs Debian's minisign, the reference the format is held to.
func minisign(t *testing.T, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("minisign"); err != nil {
		t.Fatal("minisign is not installed (Debian package minisign; Homebrew minisign): it is the reference these tests hold the format to")
	}
	out, err := exec.Command("minisign", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("minisign %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func write(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func read(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A file signed by minisign -S (prehashed, and legacy with -l) verifies here against its
// public key file, with its trusted comment; changed by one byte, or checked against
// another key, it is refused with the reason.
func TestMinisignSignaturesVerifyHere(t *testing.T) {
	dir := t.TempDir()
	minisign(t, "-G", "-W", "-p", filepath.Join(dir, "k.pub"), "-s", filepath.Join(dir, "k.key"))
	pub, err := signing.ParsePublicKey(string(read(t, filepath.Join(dir, "k.pub"))))
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("evidence file\x00\x01 of any bytes")
	file := write(t, dir, "evidence.sqlite", data)
	for _, legacy := range []bool{false, true} {
		args := []string{"-S", "-s", filepath.Join(dir, "k.key"), "-m", file, "-t", "dataset 2026.12-3"}
		if legacy {
			args = append(args, "-l")
		}
		minisign(t, args...)
		sig := read(t, file+".minisig")
		got, err := signing.Verify(data, sig, []signing.PublicKey{pub})
		if err != nil || got.TrustedComment != "dataset 2026.12-3" || got.Key.ID != pub.ID {
			t.Fatalf("legacy %v: %+v, %v", legacy, got, err)
		}
		changed := append([]byte{}, data...)
		changed[3] ^= 1
		if _, err := signing.Verify(changed, sig, []signing.PublicKey{pub}); !errors.Is(err, signing.ErrMismatch) {
			t.Errorf("legacy %v: a changed file gives %v", legacy, err)
		}
	}
	other, _ := signing.GenerateKey()
	if _, err := signing.Verify(data, read(t, file+".minisig"), []signing.PublicKey{other.Public("")}); !errors.Is(err, signing.ErrUnknownKey) {
		t.Errorf("another key gives %v", err)
	}
	// the trusted comment is signed too
	sig := strings.Replace(string(read(t, file+".minisig")), "dataset 2026.12-3", "dataset 2099.01-1", 1)
	if _, err := signing.Verify(data, []byte(sig), []signing.PublicKey{pub}); !errors.Is(err, signing.ErrMismatch) {
		t.Errorf("a changed trusted comment gives %v", err)
	}
}

// A signature made here with minisign's own secret key file, and one made with a key
// made here, verify with minisign -V; minisign signs with a key file written here.
func TestSignaturesMadeHereVerifyWithMinisign(t *testing.T) {
	dir := t.TempDir()
	minisign(t, "-G", "-W", "-p", filepath.Join(dir, "k.pub"), "-s", filepath.Join(dir, "k.key"))
	theirs, err := signing.ParseSecretKey(string(read(t, filepath.Join(dir, "k.key"))))
	if err != nil {
		t.Fatal(err)
	}
	ours, err := signing.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "ours.pub", []byte(ours.Public("St Elsewhere pharmacy").String()))
	write(t, dir, "ours.key", []byte(ours.String()))
	data := []byte("SQLite format 3\x00 and the rest")
	file := write(t, dir, "evidence.sqlite", data)
	for name, sk := range map[string]signing.SecretKey{"k": theirs, "ours": ours} {
		write(t, dir, "evidence.sqlite.minisig", signing.Sign(sk, data, "dataset 2026.12-3"))
		out := minisign(t, "-V", "-p", filepath.Join(dir, name+".pub"), "-m", file)
		if !strings.Contains(out, "Signature and comment signature verified") || !strings.Contains(out, "Trusted comment: dataset 2026.12-3") {
			t.Errorf("%s: minisign -V says %q", name, out)
		}
	}
	// minisign reads a secret key file written here
	minisign(t, "-S", "-s", filepath.Join(dir, "ours.key"), "-m", file, "-t", "by minisign")
	pub, err := signing.ParsePublicKey(string(read(t, filepath.Join(dir, "ours.pub"))))
	if err != nil || pub.Comment != "St Elsewhere pharmacy" {
		t.Fatalf("%+v %v", pub, err)
	}
	if got, err := signing.Verify(data, read(t, file+".minisig"), []signing.PublicKey{pub}); err != nil || got.TrustedComment != "by minisign" {
		t.Errorf("%+v %v", got, err)
	}
}

// Signatures and keys that are cut short, empty, of another algorithm or garbage are
// refused with a reason, never a panic.
func TestBrokenSignaturesAndKeysAreRefused(t *testing.T) {
	sk, _ := signing.GenerateKey()
	data := []byte("x")
	good := string(signing.Sign(sk, data, "c"))
	for name, sig := range map[string]string{
		"empty":          "",
		"cut short":      good[:len(good)/2],
		"two lines":      strings.Join(strings.Split(good, "\n")[:2], "\n"),
		"garbage base64": strings.Replace(good, strings.Split(good, "\n")[1], "!!!!", 1),
		"binary":         "\x00\xff\xfe",
	} {
		if _, err := signing.Verify(data, []byte(sig), []signing.PublicKey{sk.Public("")}); !errors.Is(err, signing.ErrMalformed) {
			t.Errorf("%s: %v", name, err)
		}
	}
	for name, key := range map[string]string{
		"empty":     "",
		"garbage":   "untrusted comment: x\nnot base64 at all",
		"short":     "untrusted comment: x\nRWQAAA==",
		"two keys":  sk.Public("").String() + sk.Public("").String(),
		"secret":    sk.String(),
		"only text": "hello\nworld\n",
	} {
		if _, err := signing.ParsePublicKey(key); err == nil {
			t.Errorf("public key %s accepted", name)
		}
	}
	if _, err := signing.ParseSecretKey(sk.Public("").String()); err == nil {
		t.Error("a public key was read as a secret key")
	}
}
