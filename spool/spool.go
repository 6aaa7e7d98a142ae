// Package spool keeps summary-card lines in a temporary file while an indication is read a
// page at a time, so that cards over any number of studies take memory of a few blocks
// per card, not of their lines.
package spool

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"

	"ketamine-explorer/domain"
)

// blockSize is how many bytes of a card's lines are held before they are written out.
const blockSize = 64 << 10

// File is one temporary file that keeps the lines of many cards. The system removes it
// when it is closed or the process ends in any way, so it leaves nothing behind: on Windows
// it is opened to be deleted on close, elsewhere its name is removed at once.
type File struct {
	f    *os.File
	size int64
}

// New makes the temporary file.
func New() (*File, error) {
	f, err := scratch()
	if err != nil {
		return nil, fmt.Errorf("making a temporary file for the summary cards: %w", err)
	}
	return &File{f: f}, nil
}

// Close removes the file and every line kept in it.
func (s *File) Close() error { return s.f.Close() }

// Lines is a card's lines kept in the file (domain.CardBuilder's newLines).
func (s *File) Lines() (domain.Lines, error) {
	l := &lines{file: s}
	l.enc = gob.NewEncoder(&l.buf)
	return l, nil
}

// block is where a run of lines was written in the file.
type block struct{ off, n int64 }

// lines are written a block at a time; each block is a gob stream of its own, so it is
// read back without the others.
type lines struct {
	file   *File
	buf    bytes.Buffer // the lines not yet written out
	enc    *gob.Encoder // into buf
	blocks []block
	n      int
}

func (l *lines) Len() int { return l.n }

func (l *lines) Add(it domain.CardItem) error {
	if err := l.enc.Encode(it); err != nil {
		return err
	}
	l.n++
	if l.buf.Len() < blockSize {
		return nil
	}
	n, err := l.file.f.WriteAt(l.buf.Bytes(), l.file.size)
	if err != nil {
		return fmt.Errorf("writing the summary cards' lines to a temporary file: %w", err)
	}
	l.blocks = append(l.blocks, block{l.file.size, int64(n)})
	l.file.size += int64(n)
	l.buf.Reset()
	l.enc = gob.NewEncoder(&l.buf)
	return nil
}

func (l *lines) All() iter.Seq2[domain.CardItem, error] {
	return func(yield func(domain.CardItem, error) bool) {
		for _, b := range l.blocks {
			if !decode(io.NewSectionReader(l.file.f, b.off, b.n), yield) {
				return
			}
		}
		decode(bytes.NewReader(l.buf.Bytes()), yield)
	}
}

// decode yields the lines of one block; false when the reader stopped or a line failed.
func decode(r io.Reader, yield func(domain.CardItem, error) bool) bool {
	dec := gob.NewDecoder(r)
	for {
		var it domain.CardItem
		err := dec.Decode(&it)
		switch {
		case errors.Is(err, io.EOF):
			return true
		case err != nil:
			yield(it, fmt.Errorf("reading the summary cards' lines back from a temporary file: %w", err))
			return false
		case !yield(it, nil):
			return false
		}
	}
}

// Close lets go of the lines not yet written out; the file keeps the rest until it is closed.
func (l *lines) Close() error {
	l.buf = bytes.Buffer{}
	return nil
}
