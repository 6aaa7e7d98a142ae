package talkfile

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"ketamine-explorer/slides"
)

// A PowerPoint file (Office Open XML, ECMA-376) is a zip of XML parts. This writes the
// parts PowerPoint requires of a deck with speaker notes and no more: a slide master with
// one blank layout and its theme, a notes master with its own, and per slide the picture
// with the slide's text as its alternative text and a notes page with its sources.

// slideWidth is a widescreen slide's width (13.333 in) in English Metric Units.
const slideWidth = 12192000

const (
	nsA   = `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"`
	nsR   = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	nsP   = `xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"`
	ns    = nsA + " " + nsR + " " + nsP
	xmlPI = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	ctNS  = "application/vnd.openxmlformats-officedocument.presentationml."
	// the empty group every shape tree starts with
	groupProps = `<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>` +
		`<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>`
	colourMap = `<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>`
)

type rel struct{ id, kind, target string }

func rels(rs ...rel) string {
	var b strings.Builder
	b.WriteString(xmlPI + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for _, r := range rs {
		kind := r.kind
		if !strings.HasPrefix(kind, "http") {
			kind = relNS + kind
		}
		fmt.Fprintf(&b, `<Relationship Id="%s" Type="%s" Target="%s"/>`, r.id, kind, r.target)
	}
	b.WriteString(`</Relationships>`)
	return b.String()
}

// esc makes text safe inside an XML element or attribute.
func esc(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(strings.ToValidUTF8(s, "?")))
	return b.String()
}

// paragraphs are lines of text as DrawingML paragraphs.
func paragraphs(text string) string {
	var b strings.Builder
	for _, line := range strings.Split(text, "\n") {
		if line == "" {
			b.WriteString(`<a:p><a:endParaRPr lang="en-GB"/></a:p>`)
			continue
		}
		fmt.Fprintf(&b, `<a:p><a:r><a:rPr lang="en-GB"/><a:t>%s</a:t></a:r></a:p>`, esc(line))
	}
	return b.String()
}

// altText is what a screen reader says of a slide's picture: its title and its lines.
func altText(s slides.Slide) string {
	parts := []string{s.Title}
	if s.Figure != nil {
		parts = append(parts, "Chart: "+s.Figure.Title)
		for _, r := range s.Figure.Rows() {
			parts = append(parts, r.Label+": "+r.ValueText)
		}
	}
	if s.Warning != "" {
		parts = append(parts, s.Warning)
	}
	for _, it := range s.Items {
		parts = append(parts, it.Line())
	}
	return strings.Join(parts, ". ")
}

func writePPTX(w io.Writer, ss []slides.Slide, pics [][]byte, opt Options) error {
	z := zip.NewWriter(w)
	put := func(name string, body []byte) error {
		f, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: opt.Date.UTC()})
		if err != nil {
			return err
		}
		_, err = f.Write(body)
		return err
	}
	cy := int64(slideWidth) * int64(opt.Height) / int64(opt.Width)
	n := len(ss)

	var types, slideIDs strings.Builder
	types.WriteString(xmlPI + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>`)
	override := func(part, ct string) {
		fmt.Fprintf(&types, `<Override PartName="/%s" ContentType="%s"/>`, part, ct)
	}
	override("ppt/presentation.xml", ctNS+"presentation.main+xml")
	override("ppt/slideMasters/slideMaster1.xml", ctNS+"slideMaster+xml")
	override("ppt/slideLayouts/slideLayout1.xml", ctNS+"slideLayout+xml")
	override("ppt/notesMasters/notesMaster1.xml", ctNS+"notesMaster+xml")
	override("ppt/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml")
	override("ppt/theme/theme2.xml", "application/vnd.openxmlformats-officedocument.theme+xml")
	override("ppt/presProps.xml", ctNS+"presProps+xml")
	override("ppt/viewProps.xml", ctNS+"viewProps+xml")
	override("ppt/tableStyles.xml", ctNS+"tableStyles+xml")
	override("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")
	override("docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")
	presRels := []rel{
		{"rId1", "slideMaster", "slideMasters/slideMaster1.xml"},
		{"rId2", "notesMaster", "notesMasters/notesMaster1.xml"},
		{"rId3", "theme", "theme/theme1.xml"},
		{"rId4", "presProps", "presProps.xml"},
		{"rId5", "viewProps", "viewProps.xml"},
		{"rId6", "tableStyles", "tableStyles.xml"},
	}
	for i := range n {
		override(fmt.Sprintf("ppt/slides/slide%d.xml", i+1), ctNS+"slide+xml")
		override(fmt.Sprintf("ppt/notesSlides/notesSlide%d.xml", i+1), ctNS+"notesSlide+xml")
		id := fmt.Sprintf("rId%d", 10+i)
		presRels = append(presRels, rel{id, "slide", fmt.Sprintf("slides/slide%d.xml", i+1)})
		fmt.Fprintf(&slideIDs, `<p:sldId id="%d" r:id="%s"/>`, 256+i, id)
	}
	types.WriteString(`</Types>`)

	created := opt.Date.UTC().Format(time.RFC3339)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", types.String()},
		{"_rels/.rels", rels(
			rel{"rId1", "officeDocument", "ppt/presentation.xml"},
			rel{"rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"},
			rel{"rId3", "extended-properties", "docProps/app.xml"})},
		{"docProps/core.xml", xmlPI + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
			`<dc:title>` + esc(opt.Title) + `</dc:title><dc:creator>` + esc(opt.App) + `</dc:creator>` +
			`<dcterms:created xsi:type="dcterms:W3CDTF">` + created + `</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">` + created + `</dcterms:modified></cp:coreProperties>`},
		{"docProps/app.xml", xmlPI + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>` + esc(opt.App) + `</Application>` +
			fmt.Sprintf(`<Slides>%d</Slides><Notes>%d</Notes></Properties>`, n, n)},
		{"ppt/presentation.xml", xmlPI + `<p:presentation ` + ns + ` saveSubsetFonts="1">` +
			`<p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>` +
			`<p:notesMasterIdLst><p:notesMasterId r:id="rId2"/></p:notesMasterIdLst>` +
			`<p:sldIdLst>` + slideIDs.String() + `</p:sldIdLst>` +
			fmt.Sprintf(`<p:sldSz cx="%d" cy="%d"/><p:notesSz cx="6858000" cy="9144000"/>`, slideWidth, cy) +
			`</p:presentation>`},
		{"ppt/_rels/presentation.xml.rels", rels(presRels...)},
		{"ppt/presProps.xml", xmlPI + `<p:presentationPr ` + ns + `/>`},
		{"ppt/viewProps.xml", xmlPI + `<p:viewPr ` + ns + `/>`},
		{"ppt/tableStyles.xml", xmlPI + `<a:tblStyleLst ` + nsA + ` def="{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"/>`},
		{"ppt/slideMasters/slideMaster1.xml", xmlPI + `<p:sldMaster ` + ns + `><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg><p:spTree>` + groupProps + `</p:spTree></p:cSld>` +
			colourMap + `<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst>` +
			`<p:txStyles><p:titleStyle><a:lvl1pPr><a:defRPr sz="4400"/></a:lvl1pPr></p:titleStyle><p:bodyStyle><a:lvl1pPr><a:defRPr sz="2400"/></a:lvl1pPr></p:bodyStyle><p:otherStyle><a:lvl1pPr><a:defRPr sz="1800"/></a:lvl1pPr></p:otherStyle></p:txStyles></p:sldMaster>`},
		{"ppt/slideMasters/_rels/slideMaster1.xml.rels", rels(rel{"rId1", "slideLayout", "../slideLayouts/slideLayout1.xml"}, rel{"rId2", "theme", "../theme/theme1.xml"})},
		{"ppt/slideLayouts/slideLayout1.xml", xmlPI + `<p:sldLayout ` + ns + ` type="blank" preserve="1"><p:cSld name="Blank"><p:spTree>` + groupProps + `</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>`},
		{"ppt/slideLayouts/_rels/slideLayout1.xml.rels", rels(rel{"rId1", "slideMaster", "../slideMasters/slideMaster1.xml"})},
		{"ppt/notesMasters/notesMaster1.xml", xmlPI + `<p:notesMaster ` + ns + `><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg><p:spTree>` + groupProps +
			placeholder(2, "Slide Image Placeholder 1", `type="sldImg" idx="2"`, 1143000, 1143000, 4572000, 2571750, "") +
			placeholder(3, "Notes Placeholder 2", `type="body" sz="quarter" idx="3"`, 685800, 4400550, 5486400, 3600450, `<a:p><a:endParaRPr lang="en-GB"/></a:p>`) +
			`</p:spTree></p:cSld>` + colourMap +
			`<p:notesStyle><a:lvl1pPr marL="0" algn="l" rtl="0"><a:defRPr sz="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr></a:lvl1pPr></p:notesStyle></p:notesMaster>`},
		{"ppt/notesMasters/_rels/notesMaster1.xml.rels", rels(rel{"rId1", "theme", "../theme/theme2.xml"})},
		{"ppt/theme/theme1.xml", theme},
		{"ppt/theme/theme2.xml", theme},
	}
	for _, p := range parts {
		if err := put(p.name, []byte(p.body)); err != nil {
			return err
		}
	}
	for i, s := range ss {
		k := i + 1
		slide := xmlPI + `<p:sld ` + ns + `><p:cSld><p:spTree>` + groupProps +
			`<p:pic><p:nvPicPr><p:cNvPr id="2" name="` + esc(s.ID) + `" descr="` + esc(altText(s)) + `"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>` +
			`<p:blipFill><a:blip r:embed="rId2"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>` +
			fmt.Sprintf(`<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>`, slideWidth, cy) +
			`</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>`
		notes := xmlPI + `<p:notes ` + ns + `><p:cSld><p:spTree>` + groupProps +
			placeholder(2, "Slide Image Placeholder 1", `type="sldImg"`, 0, 0, 0, 0, "") +
			placeholder(3, "Notes Placeholder 2", `type="body" idx="1"`, 0, 0, 0, 0, paragraphs(s.Notes())) +
			`</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>`
		files := []struct {
			name string
			body []byte
		}{
			{fmt.Sprintf("ppt/slides/slide%d.xml", k), []byte(slide)},
			{fmt.Sprintf("ppt/slides/_rels/slide%d.xml.rels", k), []byte(rels(
				rel{"rId1", "slideLayout", "../slideLayouts/slideLayout1.xml"},
				rel{"rId2", "image", fmt.Sprintf("../media/slide%d.png", k)},
				rel{"rId3", "notesSlide", fmt.Sprintf("../notesSlides/notesSlide%d.xml", k)}))},
			{fmt.Sprintf("ppt/notesSlides/notesSlide%d.xml", k), []byte(notes)},
			{fmt.Sprintf("ppt/notesSlides/_rels/notesSlide%d.xml.rels", k), []byte(rels(
				rel{"rId1", "notesMaster", "../notesMasters/notesMaster1.xml"},
				rel{"rId2", "slide", fmt.Sprintf("../slides/slide%d.xml", k)}))},
			{fmt.Sprintf("ppt/media/slide%d.png", k), pics[i]},
		}
		for _, f := range files {
			if err := put(f.name, f.body); err != nil {
				return err
			}
		}
	}
	return z.Close()
}

// placeholder is a shape standing in for a master's placeholder: at the given place in
// EMU (none: where the master puts it), with text if given.
func placeholder(id int, name, ph string, x, y, cx, cy int, text string) string {
	geom := `<p:spPr/>`
	if cx > 0 {
		geom = fmt.Sprintf(`<p:spPr><a:xfrm><a:off x="%d" y="%d"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>`, x, y, cx, cy)
	}
	body := ""
	if text != "" {
		body = `<p:txBody><a:bodyPr/><a:lstStyle/>` + text + `</p:txBody>`
	}
	return fmt.Sprintf(`<p:sp><p:nvSpPr><p:cNvPr id="%d" name="%s"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph %s/></p:nvPr></p:nvSpPr>%s%s</p:sp>`, id, name, ph, geom, body)
}

// theme is Office's default colours, fonts and effects, which every master must name.
const theme = xmlPI + `<a:theme ` + nsA + ` name="Office Theme"><a:themeElements>` +
	`<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>` +
	`<a:dk2><a:srgbClr val="1F497D"/></a:dk2><a:lt2><a:srgbClr val="EEECE1"/></a:lt2><a:accent1><a:srgbClr val="4F81BD"/></a:accent1><a:accent2><a:srgbClr val="C0504D"/></a:accent2>` +
	`<a:accent3><a:srgbClr val="9BBB59"/></a:accent3><a:accent4><a:srgbClr val="8064A2"/></a:accent4><a:accent5><a:srgbClr val="4BACC6"/></a:accent5><a:accent6><a:srgbClr val="F79646"/></a:accent6>` +
	`<a:hlink><a:srgbClr val="0000FF"/></a:hlink><a:folHlink><a:srgbClr val="800080"/></a:folHlink></a:clrScheme>` +
	`<a:fontScheme name="Office"><a:majorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme>` +
	`<a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst>` +
	`<a:lnStyleLst><a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="25400"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="38100"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst>` +
	`<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>` +
	`<a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme>` +
	`</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>`
