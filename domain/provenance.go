package domain

import "encoding/json"

// Provenance is where the evidence shown comes from: the release bundled with the app, a
// release signed by a trusted key, or a file that is not an official release. Every page,
// slide footer, export and handout names it, so a room can tell the project's evidence from
// a file that merely looks like it.
type Provenance struct {
	Version string `json:"version"`
	Bundled bool   `json:"bundled"`          // the evidence bundled with the app
	Signer  string `json:"signer,omitempty"` // whom the trusted key that signed it stands for ("": not signed by one)
	KeyID   string `json:"key_id,omitempty"`
	File    string `json:"file,omitempty"` // the file read (a base name; "" for the bundled evidence)
	Note    string `json:"note,omitempty"` // why an installed update is not in use, when it is not
}

// Official says whether the evidence is the project's or a trusted organisation's release.
func (p Provenance) Official() bool { return p.Bundled || p.Signer != "" }

// Label is the dataset and its origin, as a footer gives it after "Dataset ".
func (p Provenance) Label() string {
	switch {
	case p.Bundled:
		return p.Version + ", bundled by the Ketamine Evidence Explorer project"
	case p.Signer != "":
		return p.Version + ", signed by " + p.Signer
	}
	return p.Version + " from " + p.File + ", NOT AN OFFICIAL RELEASE (not signed by a trusted key)"
}

// Warning is the line that heads everything shown from a file that is not an official
// release ("" for one that is).
func (p Provenance) Warning() string {
	if p.Official() {
		return ""
	}
	return p.File + ": not an official release (not signed by a trusted key)"
}

// MarshalJSON adds what a reader of the JSON should not have to work out: whether the
// evidence is an official release, and the label every footer gives.
func (p Provenance) MarshalJSON() ([]byte, error) {
	type plain Provenance
	return json.Marshal(struct {
		plain
		Official bool   `json:"official"`
		Label    string `json:"label"`
	}{plain(p), p.Official(), p.Label()})
}
