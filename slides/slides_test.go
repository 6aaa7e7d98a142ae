package slides_test

import (
	"ketamine-explorer/charts"
	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
	"strings"
	"testing"

	"ketamine-explorer/slides"
	"ketamine-explorer/synthesis"
)

// Every indication opens with its overview, no slide holds more lines than a room can
// read, and every slide's footer names the sources of what it shows and the dataset: each
// by name, or, for a longer list than two lines hold, counted and each given in full on the
// indication's references slides.
func TestSlidesCarryTheirSources(t *testing.T) {
	for _, ev := range bundled(t) {
		ind := ev.Indication
		ss := slides.Build(ev, bundledAs("2026.11-1"), slides.Sections)
		if len(ss) < 3 || ss[0].Kind != slides.Overview || ss[0].Title != ind.Name {
			t.Fatalf("%s: first slide %+v", ind.Key, ss[0].Title)
		}
		if ind.EvidenceGap != "" && ss[0].Warning != ind.EvidenceGap {
			t.Errorf("%s: the overview does not state the evidence gap", ind.Key)
		}
		var refs strings.Builder
		for _, sl := range ss {
			if sl.Kind == slides.References {
				for _, it := range sl.Items {
					refs.WriteString(it.Study + "\n" + it.Text + "\n")
				}
			}
		}
		cites := func(sl slides.Slide, label string) bool {
			f := sl.Footer()
			return strings.Contains(f, label) || strings.Contains(f, "each in full on the References slides") && strings.Contains(refs.String(), label)
		}
		chartSlides := 0
		for _, sl := range ss {
			if len(strings.Split(sl.Footer(), " · ")[0]) > 130 {
				t.Errorf("%s: slide %q has a footer longer than two lines: %s", ind.Key, sl.Title, sl.Footer())
			}
			if sl.Kind == slides.References {
				continue
			}
			if len(sl.Items) > slides.MaxItems+1 { // the overview adds its study count
				t.Errorf("%s: slide %q has %d lines", ind.Key, sl.Title, len(sl.Items))
			}
			for _, it := range sl.Items {
				if st := ev.StudyByID(it.StudyID); st != nil && !cites(sl, st.Name()) {
					t.Errorf("%s: slide %q shows %s but its footer does not cite it", ind.Key, sl.Title, it.Study)
				}
				// a pooled line names every study it is computed from, and that it is pooled
				for _, from := range it.PooledFrom {
					if !cites(sl, from) || !strings.Contains(sl.Footer(), "pooled") {
						t.Errorf("%s: slide %q pools %s but its footer does not cite it as pooled", ind.Key, sl.Title, from)
					}
				}
				if it.Pool != "" && len(it.PooledFrom) < 2 {
					t.Errorf("%s: pooled line %q names %d studies pooled", ind.Key, it.Text, len(it.PooledFrom))
				}
			}
			if sl.Kind == slides.Chart {
				chartSlides++
				for _, r := range sl.Figure.Rows() {
					if r.Shape == charts.Diamond {
						if !strings.Contains(sl.Footer(), "pooled") {
							t.Errorf("%s: chart %q has a pooled diamond its footer does not explain", ind.Key, sl.Figure.Title)
						}
						for _, p := range synthesis.Summaries(ev) {
							for _, id := range p.Studies {
								if st := ev.StudyByID(id); p.ID == r.OutcomeID && !cites(sl, st.Name()) {
									t.Errorf("%s: chart %q pools %s, which its footer does not cite", ind.Key, sl.Figure.Title, st.Name())
								}
							}
						}
						continue
					}
					if st := ev.StudyByID(r.StudyID); st == nil || !cites(sl, st.Label) {
						t.Errorf("%s: chart %q row %q is not cited in the footer", ind.Key, sl.Figure.Title, r.Label)
					}
				}
			}
			if !strings.HasSuffix(sl.Footer(), "Dataset 2026.11-1, bundled by the Ketamine Evidence Explorer project") {
				t.Errorf("%s: footer %q has no dataset", ind.Key, sl.Footer())
			}
		}
		if chartSlides == 0 {
			t.Errorf("%s: no chart slides", ind.Key)
		}
	}
}

func TestFooterNamesFilters(t *testing.T) {
	s := slides.Slide{Sources: []string{"ELEKT-D (Anand 2023)"}, Provenance: bundledAs("d"), Filters: []string{"Molecule: esketamine"}}
	if got := s.Footer(); got != "Sources: ELEKT-D (Anand 2023) · Filtered: Molecule: esketamine · Dataset d, bundled by the Ketamine Evidence Explorer project" {
		t.Errorf("footer: %q", got)
	}
}

// A card cut over slides keeps what belongs together: a pool's lines, a study's lines and
// a heading with the line after it are never parted by a slide break.
func TestCardsAreCutBetweenWhatBelongsTogether(t *testing.T) {
	total := 0
	for _, ev := range bundled(t) {
		ind := ev.Indication
		ss := slides.Build(ev, bundledAs("x"), slides.Sections)
		total += len(ss)
		for i := 1; i < len(ss); i++ {
			prev, next := ss[i-1], ss[i]
			if prev.Kind != slides.Card || next.Kind != slides.Card || len(prev.Items) == 0 || len(next.Items) == 0 {
				continue
			}
			last, first := prev.Items[len(prev.Items)-1], next.Items[0]
			switch {
			case last.Heading && strings.HasPrefix(prev.Title, strings.Split(next.Title, " (")[0]):
				t.Errorf("%s: %q ends with a lead-in line parted from what follows: %q", ind.Key, prev.Title, last.Text)
			case (last.Pool != "" && last.Pool == first.Pool || last.StudyID != "" && last.StudyID == first.StudyID) &&
				len(prev.Items) < slides.MaxItems && slides.Chars(append(prev.Items, first)) <= slides.MaxChars:
				t.Errorf("%s: %q and %q part the lines of %s%s", ind.Key, prev.Title, next.Title, last.Pool, last.StudyID)
			}
		}
	}
	t.Logf("%d slides for every indication and section", total)
}

// Every slide has an ID of its own, which names its indication; an indication's default
// talk holds at most MaxTalk slides, from the overview to the references of every study
// its slides cite, with the forest plots of its pooled estimates, and its slides are slides
// of the whole deck, under the same IDs.
func TestTalksAndSlideIDs(t *testing.T) {
	ids := map[string]bool{}
	for _, ev := range bundled(t) {
		ind := ev.Indication
		all := map[string]string{}
		for _, sl := range slides.Build(ev, bundledAs("x"), slides.Sections) {
			if ids[sl.ID] || !strings.HasPrefix(sl.ID, ind.Key+"-") {
				t.Errorf("%s: slide ID %q is doubled or does not name its indication", ind.Key, sl.ID)
			}
			ids[sl.ID] = true
			all[sl.ID] = sl.Title
		}
		talk := slides.Talk(ev, bundledAs("x"))
		if len(talk) > slides.MaxTalk || talk[0].Kind != slides.Overview || talk[len(talk)-1].Kind != slides.References {
			t.Errorf("%s: a talk of %d slides from %s to %s", ind.Key, len(talk), talk[0].Kind, talk[len(talk)-1].Kind)
		}
		pooledForest := false
		for _, sl := range talk {
			if title, ok := all[sl.ID]; !ok || title != sl.Title && sl.Kind != slides.References {
				t.Errorf("%s: talk slide %q (%s) is not the deck's", ind.Key, sl.ID, sl.Title)
			}
			if sl.Kind == slides.Chart && strings.Contains(sl.Footer(), "pooled") {
				pooledForest = true
			}
		}
		if pools := synthesis.Summaries(ev); len(pools) > 0 && !pooledForest {
			t.Errorf("%s: the talk leaves out the forest plot of its %d pooled estimates", ind.Key, len(pools))
		}
		t.Logf("%s: a talk of %d slides of %d", ind.Key, len(talk), len(all))
	}
}

// bundled is every indication's evidence in the bundled database.
func bundled(t *testing.T) []domain.IndicationEvidence {
	t.Helper()
	evs, _, err := evidence.BundledEvidence()
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

// bundledAs is the provenance of the bundled evidence as dataset version.
func bundledAs(version string) domain.Provenance {
	return domain.Provenance{Version: version, Bundled: true}
}
