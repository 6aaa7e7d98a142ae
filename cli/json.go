package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"ketamine-explorer/domain"
)

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// jsonArray writes a JSON array a few elements at a time, indented as json.Encoder would
// at the depth of indent. Its "[" comes with the first element (or end), so nothing is
// written before there is something to write: an unknown indication leaves no output.
type jsonArray struct {
	indent string
	n      int
}

// end closes the array.
func (a *jsonArray) end(b *bytes.Buffer) {
	if a.n == 0 {
		b.WriteString("[]")
		return
	}
	b.WriteString("\n" + a.indent + "]")
}

// appendJSON writes elements of the array a to b.
func appendJSON[T any](a *jsonArray, b *bytes.Buffer, elems []T) error {
	for _, e := range elems {
		v, err := json.MarshalIndent(e, a.indent+"  ", "  ")
		if err != nil {
			return err
		}
		sep := ","
		if a.n == 0 {
			sep = "["
		}
		b.WriteString(sep + "\n" + a.indent + "  ")
		b.Write(v)
		a.n++
	}
	return nil
}

// field writes one member of the top-level object, indented as json.Encoder would.
func field(b *bytes.Buffer, name string, v any, last bool) error {
	j, err := json.MarshalIndent(v, "  ", "  ")
	if err != nil {
		return err
	}
	fmt.Fprintf(b, "  %q: %s", name, j)
	if !last {
		b.WriteString(",\n")
	}
	return nil
}

// cardsField writes the cards as a member of the top-level object, as field would, each
// card's lines read as they are written.
func cardsField(w io.Writer, cards []domain.CardLines) error {
	var b bytes.Buffer
	b.WriteString(`  "cards": [`)
	for i, c := range cards {
		if i > 0 {
			b.WriteString(",")
		}
		key, _ := json.Marshal(c.Key)
		title, _ := json.Marshal(c.Title)
		fmt.Fprintf(&b, "\n    {\n      \"key\": %s,\n      \"title\": %s,\n      \"items\": ", key, title)
		items := jsonArray{indent: "      "}
		for it, err := range c.All() {
			if err != nil {
				return err
			}
			if err := appendJSON(&items, &b, []domain.CardItem{it}); err != nil {
				return err
			}
			if b.Len() >= 64<<10 {
				if _, err := w.Write(b.Bytes()); err != nil {
					return err
				}
				b.Reset()
			}
		}
		items.end(&b)
		b.WriteString("\n    }")
	}
	if len(cards) == 0 {
		b.WriteString("]")
	} else {
		b.WriteString("\n  ]")
	}
	b.WriteString(",\n")
	_, err := w.Write(b.Bytes())
	return err
}
