package cli

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
)

// oneLine is text with its line breaks and runs of spaces made single spaces, as a reader
// takes wrapped text.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// The label's monitoring and REMS facts, each with the version of the text it was read in,
// are shown under both indications the label belongs to, in `show`, on slides and in the
// handout; every indication has a safety card, and TRD's says plainly that IV racemic
// ketamine has no long-term safety data among the records.
func TestLabelFactsUnderEachOfItsIndications(t *testing.T) {
	facts := []string{
		"Observation: the patient is watched for at least 2 hours after every dose, then judged clinically stable before leaving [prescribing information, 2019 version]",
		"Setting: only through a restricted programme (SPRAVATO REMS); the spray is never dispensed for use at home [manufacturer's REMS page, undated]",
		"Monitoring: blood pressure is checked before the dose and about 40 minutes after it",
		"Controlled substance: schedule III [prescribing information, 2019 version]",
	}
	dir := t.TempDir()
	for _, ind := range []string{"trd", "si"} {
		code, out, errOut := cli(t, "show", ind)
		if code != 0 {
			t.Fatal(errOut)
		}
		card := out[strings.Index(out, "== How it is given and monitored"):]
		card = card[:strings.Index(card[3:], "== ")+3]
		for _, f := range facts {
			if !strings.Contains(card, f) {
				t.Errorf("%s: the How it is given card lacks %q", ind, f)
			}
		}
		if _, list, _ := cli(t, "slides", ind, "--all"); !strings.Contains(list, ind+"-practice") {
			t.Errorf("%s: no slide of how it is given and monitored", ind)
		}
		if code, _, errOut := cli(t, "export", ind, "--out", dir); code != 0 {
			t.Fatal(errOut)
		}
		pdf, err := exec.Command("pdftotext", filepath.Join(dir, ind+"-handout.pdf"), "-").Output()
		if err != nil {
			t.Fatalf("pdftotext (poppler-utils, which `make test` installs): %v", err)
		}
		if text := oneLine(string(pdf)); !strings.Contains(text, "2 hours after every dose") || !strings.Contains(text, "2019 version]") {
			t.Errorf("%s: the handout lacks the label's observation fact with its version", ind)
		}
	}
	for _, ind := range []string{"trd", "pain", "si", "neuro"} {
		_, out, _ := cli(t, "show", ind)
		if !strings.Contains(out, "== Safety and tolerability") {
			t.Errorf("%s has no safety card", ind)
		}
	}
	if _, out, _ := cli(t, "show", "trd"); !strings.Contains(out, "No long-term safety data for racemic ketamine, intravenous in the records read") {
		t.Error("TRD's safety card does not say that IV racemic ketamine has no long-term safety data")
	}
}

// Every result a record stores is where a reader looks: each finding in words is on its
// indication's cards in `show` and in the handout, and each of its numbers is in `show`.
func TestEveryStoredResultIsShown(t *testing.T) {
	evs, _, err := evidence.BundledEvidence()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, ev := range evs {
		_, out, _ := cli(t, "show", ev.Indication.Key)
		cards := oneLine(out[strings.Index(out, "== Headline"):])
		if code, _, errOut := cli(t, "export", ev.Indication.Key, "--out", dir); code != 0 {
			t.Fatal(errOut)
		}
		pdf, err := exec.Command("pdftotext", filepath.Join(dir, ev.Indication.Key+"-handout.pdf"), "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		handout := oneLine(string(pdf))
		for _, st := range ev.Studies {
			for _, f := range st.Findings {
				if !strings.Contains(cards, oneLine(f.Text)) {
					t.Errorf("%s: %s's finding %q is on no card", ev.Indication.Key, st.ID, f.Text)
				}
				if !strings.Contains(handout, oneLine(f.Text)) {
					t.Errorf("%s: %s's finding %q is not in the handout", ev.Indication.Key, st.ID, f.Text)
				}
			}
			for _, o := range st.Outcomes {
				if !strings.Contains(oneLine(out), oneLine(st.Describe(o))) {
					t.Errorf("%s: %s/%s is not shown", ev.Indication.Key, st.ID, o.ID)
				}
			}
		}
	}
}

// A summary never says an estimate favours an arm when none of its study's contrasts has
// a stated direction (Fitzgerald 2021's fatigue scores), and a number needed to treat or
// harm is printed as a count, never as an arm minus another or with the measure's good side.
func TestSummariesAndNNTSayNoMoreThanTheSource(t *testing.T) {
	evs, _, err := evidence.BundledEvidence()
	if err != nil {
		t.Fatal(err)
	}
	nnt := 0
	for _, ev := range evs {
		for _, st := range ev.Studies {
			stated := false
			for _, o := range st.Outcomes {
				stated = stated || o.IsContrast() && o.Direction == domain.DirectionStated
				if o.Kind.NumberNeeded() {
					nnt++
					if d, c := st.Describe(o), st.Contrast(o); strings.Contains(d, "is better;") || strings.Contains(d, "higher is better") ||
						strings.Contains(c, " minus ") || !strings.Contains(d, "a smaller number is better") {
						t.Errorf("%s/%s: %q / %q", st.ID, o.ID, d, c)
					}
				}
			}
			if !stated && strings.Contains(strings.ToLower(st.Summary), "favour") {
				t.Errorf("%s: the summary says an arm was favoured, but no contrast of it states a direction: %q", st.ID, st.Summary)
			}
		}
	}
	if nnt < 4 {
		t.Errorf("%d NNTs and NNHs checked: the bundle has Grunebaum's, SUSTAIN-1's, Hardy's and Domany's", nnt)
	}
}
