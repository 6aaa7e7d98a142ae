package spool_test

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
	"ketamine-explorer/spool"
	"ketamine-explorer/synthesis"
)

// Cards made with their lines in the temporary file are the cards made in memory, for
// every bundled indication.
func TestCardsFromTheFileAreTheCards(t *testing.T) {
	all, _, err := evidence.BundledEvidence()
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range all {
		sp, err := spool.New()
		if err != nil {
			t.Fatal(err)
		}
		b := synthesis.NewBuilder(ev.Indication, sp.Lines)
		b.Add(ev.Studies...)
		got, err := domain.Collect(b.Cards())
		if err != nil {
			t.Fatal(err)
		}
		if want := synthesis.Cards(ev); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the cards differ from those made in memory", ev.Indication.Key)
		}
		if err := b.Close(); err != nil {
			t.Error(err)
		}
		if err := sp.Close(); err != nil {
			t.Error(err)
		}
	}
}

// Lines come back exactly as kept, in order, every time they are read, across many
// blocks: text that is not UTF-8 and every field included; nothing is left in the
// temporary folder.
func TestLinesComeBackAsKept(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	sp, err := spool.New()
	if err != nil {
		t.Fatal(err)
	}
	var want []domain.CardItem
	l, err := sp.Lines()
	if err != nil {
		t.Fatal(err)
	}
	other, err := sp.Lines() // a second card's lines, written between the first's
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5000 {
		it := domain.CardItem{Study: fmt.Sprintf("Study %d \xff\xfe", i), Text: strings.Repeat("a line of text ", i%40),
			StudyID: fmt.Sprint(i), Outcome: "o", Disputed: i%2 == 0, Mark: "†", Pool: "p", PooledFrom: []string{"a", "b"},
			About: []string{"c"}, Heading: i%3 == 0}
		want = append(want, it)
		if err := l.Add(it); err != nil {
			t.Fatal(err)
		}
		if err := other.Add(domain.CardItem{Text: "other"}); err != nil {
			t.Fatal(err)
		}
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("the file has a name in the temporary folder: %v", left)
	}
	for range 2 {
		var got []domain.CardItem
		for it, err := range l.All() {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, it)
		}
		if l.Len() != len(want) || !reflect.DeepEqual(got, want) {
			t.Fatalf("%d lines back (Len %d), want the %d kept", len(got), l.Len(), len(want))
		}
	}
	if err := sp.Close(); err != nil {
		t.Fatal(err)
	}
}
