// Package signing reads, makes and checks signatures in the minisign format (Ed25519, the
// file prehashed with BLAKE2b-512), so that a signature made here verifies with
// `minisign -V` and one made by `minisign -S` verifies here: IT departments check a
// release with a tool they already trust.
//
// The format (https://jedisct1.github.io/minisign/): a public key is an untrusted comment
// line and base64 of "Ed", an 8-byte key id and the 32-byte key; a signature file is an
// untrusted comment, base64 of "ED" (or "Ed" for a legacy signature of the file itself),
// the key id and the signature, then a trusted comment and base64 of a second signature
// over the first and the trusted comment, so the trusted comment cannot be changed either.
package signing

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/crypto/blake2b"
)

// Errors a check gives, each a reason a user can be told in a sentence.
var (
	ErrMalformed  = errors.New("the signature is not a minisign signature (cut short or not one at all)")
	ErrUnknownKey = errors.New("it is signed by a key that is not trusted here")
	ErrMismatch   = errors.New("the signature does not match the file: the file was changed after it was signed, or the signature is another file's")
)

const (
	algEd       = "Ed" // a key's algorithm, and a legacy signature's: of the file itself
	algPrehash  = "ED" // a signature of the file's BLAKE2b-512 hash, minisign's default
	untrusted   = "untrusted comment: "
	trusted     = "trusted comment: "
	keyIDLength = 8
)

// KeyID is a key's 8-byte id, shown as minisign shows it: hexadecimal, most significant
// byte first.
type KeyID [keyIDLength]byte

func (id KeyID) String() string { return fmt.Sprintf("%016X", binary.LittleEndian.Uint64(id[:])) }

// PublicKey is a minisign public key and the comment its file gives it (an organisation
// names itself there).
type PublicKey struct {
	ID      KeyID
	Key     ed25519.PublicKey
	Comment string
}

// ParsePublicKey reads a public key file's text: an optional untrusted comment line, then
// the key in base64.
func ParsePublicKey(text string) (PublicKey, error) {
	lines := nonEmptyLines(text)
	var comment string
	if len(lines) > 0 && strings.HasPrefix(lines[0], untrusted) {
		comment, lines = strings.TrimPrefix(lines[0], untrusted), lines[1:]
	}
	if len(lines) != 1 {
		return PublicKey{}, errors.New("not a minisign public key (a comment line, then one line of base64)")
	}
	raw, err := base64.StdEncoding.DecodeString(lines[0])
	if err != nil || len(raw) != 2+keyIDLength+ed25519.PublicKeySize || string(raw[:2]) != algEd {
		return PublicKey{}, errors.New("not a minisign public key (its base64 line does not hold an Ed25519 key)")
	}
	pk := PublicKey{Key: ed25519.PublicKey(raw[2+keyIDLength:]), Comment: strings.TrimSpace(comment)}
	copy(pk.ID[:], raw[2:2+keyIDLength])
	return pk, nil
}

// String is the key's file text, as minisign writes it.
func (pk PublicKey) String() string {
	comment := pk.Comment
	if comment == "" {
		comment = "minisign public key " + pk.ID.String()
	}
	raw := append(append([]byte(algEd), pk.ID[:]...), pk.Key...)
	return untrusted + comment + "\n" + base64.StdEncoding.EncodeToString(raw) + "\n"
}

// SecretKey is a minisign secret key, without a password (minisign -G -W, or a key's
// password removed with minisign -C -W).
type SecretKey struct {
	ID  KeyID
	Key ed25519.PrivateKey
}

// ParseSecretKey reads an unencrypted minisign secret key file's text.
func ParseSecretKey(text string) (SecretKey, error) {
	lines := nonEmptyLines(text)
	if len(lines) > 0 && strings.HasPrefix(lines[0], untrusted) {
		lines = lines[1:]
	}
	if len(lines) != 1 {
		return SecretKey{}, errors.New("not a minisign secret key (a comment line, then one line of base64)")
	}
	raw, err := base64.StdEncoding.DecodeString(lines[0])
	// "Ed", the KDF's algorithm, "B2", 32 bytes of salt, 8 + 8 of KDF limits, then the key
	// id, the 64-byte Ed25519 key and a 32-byte checksum
	const head = 2 + 2 + 2 + 32 + 8 + 8
	if err != nil || len(raw) != head+keyIDLength+ed25519.PrivateKeySize+32 || string(raw[:2]) != algEd {
		return SecretKey{}, errors.New("not a minisign secret key (its base64 line does not hold an Ed25519 key)")
	}
	if raw[2] != 0 || raw[3] != 0 {
		return SecretKey{}, errors.New("the secret key is protected by a password: make an unprotected copy for the release with `minisign -C -W`, kept as secret as the key")
	}
	var sk SecretKey
	copy(sk.ID[:], raw[head:head+keyIDLength])
	sk.Key = ed25519.PrivateKey(bytes.Clone(raw[head+keyIDLength : head+keyIDLength+ed25519.PrivateKeySize]))
	// the key's second half is its public key: a key cut or changed does not match it
	if !bytes.Equal(ed25519.NewKeyFromSeed(sk.Key.Seed()), sk.Key) {
		return SecretKey{}, errors.New("the secret key is damaged (its two halves do not belong together)")
	}
	return sk, nil
}

// Public is the secret key's public key, with comment.
func (sk SecretKey) Public(comment string) PublicKey {
	return PublicKey{ID: sk.ID, Key: sk.Key.Public().(ed25519.PublicKey), Comment: comment}
}

// String is the secret key's unencrypted file text, as minisign -G -W writes it.
func (sk SecretKey) String() string {
	raw := []byte(algEd + "\x00\x00B2")
	raw = append(raw, make([]byte, 32+8+8)...)
	raw = append(raw, sk.ID[:]...)
	raw = append(raw, sk.Key...)
	sum := blake2b.Sum256(append(append([]byte(algEd), sk.ID[:]...), sk.Key...))
	raw = append(raw, sum[:]...)
	return untrusted + "minisign secret key\n" + base64.StdEncoding.EncodeToString(raw) + "\n"
}

// GenerateKey makes a new key pair with a random id.
func GenerateKey() (SecretKey, error) {
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return SecretKey{}, err
	}
	sk := SecretKey{Key: key}
	if _, err := io.ReadFull(rand.Reader, sk.ID[:]); err != nil {
		return SecretKey{}, err
	}
	return sk, nil
}

// Sign signs data as minisign -S does (prehashed), with the trusted comment given
// (one line).
func Sign(sk SecretKey, data []byte, trustedComment string) []byte {
	hash := blake2b.Sum512(data)
	sig := ed25519.Sign(sk.Key, hash[:])
	global := ed25519.Sign(sk.Key, append(bytes.Clone(sig), trustedComment...))
	raw := append(append([]byte(algPrehash), sk.ID[:]...), sig...)
	return []byte(untrusted + "signature from Ketamine Evidence Explorer, key " + sk.ID.String() + "\n" +
		base64.StdEncoding.EncodeToString(raw) + "\n" +
		trusted + trustedComment + "\n" +
		base64.StdEncoding.EncodeToString(global) + "\n")
}

// Signature is what a verified signature says: the key that made it and its trusted
// comment.
type Signature struct {
	Key            PublicKey
	TrustedComment string
}

// Verify checks sig, a signature file's bytes, over data, against the keys trusted;
// the error is ErrMalformed, ErrUnknownKey or ErrMismatch.
func Verify(data, sig []byte, keys []PublicKey) (Signature, error) {
	lines := strings.Split(strings.TrimRight(string(sig), "\r\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimSuffix(lines[i], "\r")
	}
	if len(lines) != 4 || !strings.HasPrefix(lines[0], untrusted) || !strings.HasPrefix(lines[2], trusted) {
		return Signature{}, ErrMalformed
	}
	raw, err := base64.StdEncoding.DecodeString(lines[1])
	if err != nil || len(raw) != 2+keyIDLength+ed25519.SignatureSize {
		return Signature{}, ErrMalformed
	}
	global, err := base64.StdEncoding.DecodeString(lines[3])
	if err != nil || len(global) != ed25519.SignatureSize {
		return Signature{}, ErrMalformed
	}
	alg := string(raw[:2])
	if alg != algPrehash && alg != algEd {
		return Signature{}, ErrMalformed
	}
	var id KeyID
	copy(id[:], raw[2:2+keyIDLength])
	var key *PublicKey
	for i := range keys {
		if keys[i].ID == id {
			key = &keys[i]
			break
		}
	}
	if key == nil {
		return Signature{}, fmt.Errorf("%w (key %s)", ErrUnknownKey, id)
	}
	signed := data
	if alg == algPrehash {
		hash := blake2b.Sum512(data)
		signed = hash[:]
	}
	s := raw[2+keyIDLength:]
	comment := strings.TrimPrefix(lines[2], trusted)
	if !ed25519.Verify(key.Key, signed, s) || !ed25519.Verify(key.Key, append(bytes.Clone(s), comment...), global) {
		return Signature{}, ErrMismatch
	}
	return Signature{Key: *key, TrustedComment: comment}, nil
}

func nonEmptyLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
