package domain

import (
	"fmt"
	"regexp"
	"strings"
)

// PlainCitation is the reference in one line with its identifiers.
func (s *Study) PlainCitation() string {
	c := s.Citation()
	if ids := s.Identifiers(); len(ids) > 0 {
		c += " " + strings.Join(ids, "; ") + "."
	}
	return c
}

// authorList splits "Anand A, Mathew SJ, et al." into ["Anand, A", "Mathew, SJ"] and
// whether the list was cut short ("et al.").
func (s *Study) authorList() (names []string, more bool) {
	for _, a := range strings.Split(s.Authors, ",") {
		a = strings.TrimSpace(a)
		switch {
		case a == "":
		case strings.HasPrefix(a, "et al"):
			more = true
		default:
			if sur, initials, ok := strings.Cut(a, " "); ok && strings.ToUpper(initials) == initials {
				a = sur + ", " + initials
			}
			names = append(names, a)
		}
	}
	return names, more
}

var volumeParts = regexp.MustCompile(`^(\d+)(?:\((\w+)\))?(?::(\w+)(?:-(\w+))?)?$`)

// issue splits "388(25):2315-2325" into volume, number and first and last page.
func (s *Study) issue() (volume, number, first, last string) {
	if m := volumeParts.FindStringSubmatch(s.Volume); m != nil {
		return m[1], m[2], m[3], m[4]
	}
	return "", "", "", ""
}

var bibSpecial = strings.NewReplacer(`\`, `\textbackslash{}`, "{", `\{`, "}", `\}`, "&", `\&`, "%", `\%`, "$", `\$`, "#", `\#`, "_", `\_`)

// BibTeX is the study's reference as a BibTeX entry, keyed by its id; what is unknown is
// left out.
func (s *Study) BibTeX() string {
	typ := "article"
	if s.Journal == "" {
		typ = "misc"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "@%s{%s,\n", typ, s.ID)
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(&b, "  %s = {%s},\n", name, value)
		}
	}
	names, more := s.authorList()
	if more {
		names = append(names, "others")
	}
	for i := range names {
		names[i] = bibSpecial.Replace(names[i])
	}
	field("author", strings.Join(names, " and "))
	field("title", bibSpecial.Replace(s.Title))
	field("journal", bibSpecial.Replace(s.Journal))
	if s.Year != nil {
		field("year", fmt.Sprint(*s.Year))
	}
	vol, num, first, last := s.issue()
	field("volume", vol)
	field("number", num)
	if last != "" {
		first += "--" + last
	}
	field("pages", first)
	field("doi", bibSpecial.Replace(s.DOI))
	var note []string
	for _, id := range s.Identifiers() {
		if !strings.HasPrefix(id, "DOI ") {
			note = append(note, id)
		}
	}
	field("note", bibSpecial.Replace(strings.Join(note, "; ")))
	b.WriteString("}\n")
	return b.String()
}

// RIS is the study's reference in the RIS format that reference managers import.
func (s *Study) RIS() string {
	var b strings.Builder
	tag := func(t, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s  - %s\r\n", t, strings.ReplaceAll(v, "\n", " "))
		}
	}
	if s.Journal != "" {
		tag("TY", "JOUR")
	} else {
		tag("TY", "GEN")
	}
	names, _ := s.authorList()
	for _, n := range names {
		tag("AU", n)
	}
	tag("TI", s.Title)
	if s.Title == "" {
		tag("TI", s.Label)
	}
	tag("JO", s.Journal)
	if s.Year != nil {
		tag("PY", fmt.Sprint(*s.Year))
	}
	vol, num, first, last := s.issue()
	tag("VL", vol)
	tag("IS", num)
	tag("SP", first)
	tag("EP", last)
	tag("DO", s.DOI)
	if s.DOI != "" {
		tag("UR", DOIURL(s.DOI))
	}
	for _, id := range s.Identifiers() {
		if !strings.HasPrefix(id, "DOI ") {
			tag("AN", id)
		}
	}
	tag("N1", "Extraction: "+s.Extraction+" (Ketamine Evidence Explorer)")
	b.WriteString("ER  - \r\n")
	return b.String()
}
