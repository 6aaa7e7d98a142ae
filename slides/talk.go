package slides

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"ketamine-explorer/domain"
	"ketamine-explorer/synthesis"
)

// Pick is one thing a talk shows, by ID: a slide ("trd-safety-2"), or every slide of a
// card, a chart, a study or a pooled estimate ("trd-safety", "trd-07-forest",
// "trd-study-aspire-2", or a pooled estimate's own id, "trd-pool-1"); Title, when set, replaces the slides'.
type Pick struct {
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
}

// StudyID names the slides of one study: every line the cards give it, which need not be
// on one card's slides. A pooled estimate's slides go by the pool's own id, which already
// names its indication ("trd-pool-1", as show --format json prints it).
func StudyID(ind, study string) string { return ind + "-study-" + study }

// Focus lays out the slides of one study or one pooled estimate of an indication (by
// StudyID or pool id): its lines of every card, the bibliographic unknowns apart.
func Focus(ev domain.IndicationEvidence, prov domain.Provenance, id string) []Slide {
	key := ev.Indication.Key
	var keep func(domain.CardItem) bool
	var title string
	switch {
	case strings.HasPrefix(id, key+"-study-"):
		st := ev.StudyByID(strings.TrimPrefix(id, key+"-study-"))
		if st == nil {
			return nil
		}
		keep = func(it domain.CardItem) bool { return it.StudyID == st.ID && !domain.Bibliographic(it.Text) }
		title = st.Name()
	case strings.HasPrefix(id, key+"-pool-"):
		keep = func(it domain.CardItem) bool { return it.Pool == id }
		title = "pooled estimate"
	default:
		return nil
	}
	var items []domain.CardItem
	for _, c := range synthesis.Cards(ev) {
		for _, it := range c.Items {
			if keep(it) && !slices.ContainsFunc(items, func(o domain.CardItem) bool { return o.Line() == it.Line() }) {
				items = append(items, it)
			}
		}
	}
	chunks := chunk(items)
	var out []Slide
	for i, its := range chunks {
		s := Slide{Indication: ev.Indication, Provenance: prov, Kind: Card, Items: its}
		s.ID, s.Title = part(id, i, len(chunks)), ev.Indication.Name+": "+title
		if len(chunks) > 1 {
			s.Title += fmt.Sprintf(" (%d of %d)", i+1, len(chunks))
		}
		s.Sources = itemSources(ev, its)
		out = append(out, s)
	}
	return cite(ev, out)
}

var number = regexp.MustCompile(`^[0-9]+$`)

// matches says whether slide id is thing's, or one of its parts' (thing-1, thing-2...).
func matches(id, thing string) bool {
	return id == thing || strings.HasPrefix(id, thing+"-") && number.MatchString(id[len(thing)+1:])
}

// IsReferences says whether an ID names a references slide: a talk ends with its own.
func IsReferences(ind, id string) bool { return matches(id, ind+"-references") }

// UnknownError is a pick no slide of the evidence answers to.
type UnknownError struct{ ID string }

func (e *UnknownError) Error() string {
	return fmt.Sprintf("no slide is called %q (`slides INDICATION --all` lists them; a study's slides are INDICATION-study-ID, a pooled estimate's its pool_id in `show INDICATION --format json`)", e.ID)
}

// Compose lays out a talk of picks from the indications given, in the picks' order, and
// ends it with the references of every study it cites, indication by indication. A pick of
// a references slide is taken as it: a talk's references are always its own, at its end.
// A pick given twice is shown once.
func Compose(evs []domain.IndicationEvidence, prov domain.Provenance, picks []Pick) ([]Slide, error) {
	all := map[string][]Slide{} // by indication key, built when first asked for
	var out []Slide
	var order []domain.IndicationEvidence // the indications cited, in the talk's order
	seen := map[string]bool{}
	for _, p := range picks {
		ev, ok := indicationOf(evs, p.ID)
		if !ok {
			return nil, &UnknownError{p.ID}
		}
		key := ev.Indication.Key
		if !slices.ContainsFunc(order, func(o domain.IndicationEvidence) bool { return o.Indication.Key == key }) {
			order = append(order, ev)
		}
		if IsReferences(key, p.ID) {
			continue
		}
		if all[key] == nil {
			all[key] = Build(ev, prov, []string{SectionOverview, SectionCards, SectionPooled, SectionCharts})
		}
		found := Focus(ev, prov, p.ID)
		for _, s := range all[key] {
			if matches(s.ID, p.ID) {
				found = append(found, s)
			}
		}
		if len(found) == 0 {
			return nil, &UnknownError{p.ID}
		}
		for _, s := range found {
			if seen[s.ID] {
				continue
			}
			seen[s.ID] = true
			if p.Title != "" {
				s.Title = p.Title
				if s.Figure != nil {
					f := *s.Figure
					f.Title = p.Title // a chart slide shows its figure's title
					s.Figure = &f
				}
			}
			out = append(out, s)
		}
	}
	talk := slices.Clone(out)
	for _, ev := range order {
		var mine []Slide
		for _, s := range talk {
			if s.Indication.Key == ev.Indication.Key {
				mine = append(mine, s)
			}
		}
		out = append(out, references(Slide{Indication: ev.Indication, Provenance: prov}, ev, mine)...)
	}
	return out, nil
}

// indicationOf is the indication whose key starts an ID (the longest, should one key
// start another).
func indicationOf(evs []domain.IndicationEvidence, id string) (domain.IndicationEvidence, bool) {
	var best domain.IndicationEvidence
	found := false
	for _, ev := range evs {
		k := ev.Indication.Key
		if strings.HasPrefix(id, k+"-") && (!found || len(k) > len(best.Indication.Key)) {
			best, found = ev, true
		}
	}
	return best, found
}
