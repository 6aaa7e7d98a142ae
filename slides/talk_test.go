package slides_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"ketamine-explorer/domain"
	"ketamine-explorer/slides"
	"ketamine-explorer/synthesis"
)

func ids(ss []slides.Slide) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.ID
	}
	return out
}

// A talk is the slides picked, in the order picked: a card, a chart or a study brings all
// its slides, a pick given twice shows once, a new title replaces the slide's, and the talk
// ends with the references of every study it cites, indication by indication, and of no
// other (a references slide picked is its own, at the end).
func TestComposeATalk(t *testing.T) {
	evs := bundled(t)
	all := slides.Build(evs[0], bundledAs("v"), slides.Sections)
	var chart string // a chart cut over several slides
	count := map[string]int{}
	for _, s := range all {
		if s.Figure != nil {
			if count[s.Figure.ID]++; count[s.Figure.ID] == 2 && chart == "" {
				chart = s.Figure.ID
			}
		}
	}
	ind := evs[0].Indication.Key
	study := evs[0].Studies[0]
	other := evs[len(evs)-1].Indication.Key
	picks := []slides.Pick{{ID: ind + "-references-1"}, {ID: chart}, {ID: other + "-overview", Title: "Where the evidence stops"}, {ID: slides.StudyID(ind, study.ID)}, {ID: chart}}
	ss, err := slides.Compose(evs, bundledAs("v"), picks)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, s := range all {
		if s.Figure != nil && s.Figure.ID == chart {
			want = append(want, s.ID)
		}
	}
	if len(want) < 2 {
		t.Fatalf("chart %s is on %d slides", chart, len(want))
	}
	got := ids(ss)
	if !slices.Equal(got[:len(want)], want) {
		t.Errorf("the talk starts %v, not the chart's slides %v", got, want)
	}
	next := ss[len(want)]
	if next.ID != other+"-overview" || next.Title != "Where the evidence stops" {
		t.Errorf("then %s %q, not the retitled overview", next.ID, next.Title)
	}
	focus := ss[len(want)+1]
	if !strings.HasPrefix(focus.ID, slides.StudyID(ind, study.ID)) || len(focus.Items) == 0 || !slices.Contains(focus.Sources, study.Name()) {
		t.Errorf("the study's slide is %s with %d lines citing %v", focus.ID, len(focus.Items), focus.Sources)
	}
	for _, it := range focus.Items {
		if it.StudyID != study.ID {
			t.Errorf("the slide of %s shows a line of %s", study.ID, it.StudyID)
		}
	}
	// the references: the first indication's, then the other's, each citing just what the
	// talk shows
	var refs []slides.Slide
	for i, s := range ss {
		if s.Kind == slides.References {
			refs = ss[i:]
			break
		}
	}
	if len(refs) == 0 || refs[0].Indication.Key != ind || refs[len(refs)-1].Indication.Key != other {
		t.Fatalf("the talk ends %v", ids(refs))
	}
	cited := map[string]bool{}
	for _, s := range ss {
		if s.Kind != slides.References {
			for _, src := range s.Sources {
				cited[s.Indication.Key+"|"+src] = true
			}
		}
	}
	for _, r := range refs {
		if r.Kind != slides.References {
			t.Errorf("slide %s after the references", r.ID)
		}
		for _, it := range r.Items {
			st := studyNamed(evs, r.Indication.Key, it.StudyID)
			if !cited[r.Indication.Key+"|"+st.Name()] {
				t.Errorf("the references give %s, which no slide of the talk cites", st.Name())
			}
		}
	}
}

func studyNamed(evs []domain.IndicationEvidence, ind, id string) *domain.Study {
	for _, ev := range evs {
		if ev.Indication.Key == ind {
			return ev.StudyByID(id)
		}
	}
	return nil
}

// A slide that is not there is named in the error, and no talk is made.
func TestComposeRefusesUnknownSlides(t *testing.T) {
	evs := bundled(t)
	ind := evs[0].Indication.Key
	for _, id := range []string{"nowhere-overview", ind + "-no-such-card", ind + "-study-nobody", ind + "-overview-2"} {
		ss, err := slides.Compose(evs, bundledAs("v"), []slides.Pick{{ID: ind + "-overview"}, {ID: id}})
		var unknown *slides.UnknownError
		if !errors.As(err, &unknown) || unknown.ID != id || ss != nil {
			t.Errorf("%s: %v, %d slides", id, err, len(ss))
		}
	}
}

// Every slide of the default talk and of --all is found again by its ID: what `slides`
// lists, `talk --slides` takes.
func TestEverySlideIDComposes(t *testing.T) {
	for _, ev := range bundled(t) {
		for _, s := range slides.Build(ev, bundledAs("v"), slides.Sections) {
			if slides.IsReferences(ev.Indication.Key, s.ID) {
				continue
			}
			ss, err := slides.Compose([]domain.IndicationEvidence{ev}, bundledAs("v"), []slides.Pick{{ID: s.ID}})
			if err != nil || ss[0].ID != s.ID || ss[0].Title != s.Title {
				t.Errorf("%s: %v", s.ID, err)
			}
		}
	}
}

// A pooled estimate is picked by its own id, the one show --format json prints: its slide
// holds its lines only and names every study it pools.
func TestComposeAPooledEstimate(t *testing.T) {
	evs := bundled(t)
	var pool domain.CardItem
	for _, c := range synthesis.Cards(evs[0]) {
		for _, it := range c.Items {
			if it.Pool != "" && pool.Pool == "" {
				pool = it
			}
		}
	}
	if pool.Pool == "" {
		t.Fatalf("%s has no pooled estimate", evs[0].Indication.Key)
	}
	ss, err := slides.Compose(evs, bundledAs("v"), []slides.Pick{{ID: pool.Pool}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) == 0 || !strings.HasPrefix(ss[0].ID, pool.Pool) || len(ss[0].Items) == 0 {
		t.Fatalf("the pool %s gives slides %v", pool.Pool, ids(ss))
	}
	for _, it := range ss[0].Items {
		if it.Pool != pool.Pool {
			t.Errorf("the slide of %s shows %q", pool.Pool, it.Line())
		}
	}
	for _, name := range pool.PooledFrom {
		if !slices.Contains(ss[0].Sources, name) {
			t.Errorf("the slide of %s does not name %s among %v", pool.Pool, name, ss[0].Sources)
		}
	}
}
