package orcidtest

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// HostileID is a record written to attack the terminal that draws it: every
// text field a record can carry (names, other names, biography, keywords,
// researcher URLs, external identifiers, organisations, work titles,
// journals, contributors, citations, funding and peer review) holds escape
// sequences (screen clear, cursor moves, SGR, OSC 52 clipboard writes, OSC 8
// hyperlinks, window titles, DCS), C1 controls, bidi overrides and isolates,
// zero-width characters, wide CJK and emoji (ZWJ sequences, flags, skin
// tones, keycaps), combining marks, 10,000-character strings and, in the
// served bodies, bytes that are not UTF-8 (see hostileBytes). Its family
// name is "Hostile" and it has the keyword "hostile-input", so
// "family-name:hostile" finds it.
const HostileID = "0009-0007-1337-6663"

// HostileLong is the length in characters of the record's longest strings
// (one work title and a paragraph of the biography).
const HostileLong = 10_000

// Pieces of hostile text, exported for tests that look for their traces.
const (
	// HostileClear clears the screen and homes the cursor.
	HostileClear = "\x1b[2J\x1b[H"
	// HostileCursor moves the cursor about and erases a line.
	HostileCursor = "\x1b[10;20H\x1b[5A\x1b[3C\x1b[K\x1b7\x1b8"
	// HostileSGR is blinking bold red, never reset.
	HostileSGR = "\x1b[5;1;31m"
	// HostileOSC52 writes "echo pwned" to the clipboard.
	HostileOSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
	// HostileOSC8 is a hyperlink "click" to https://evil.example.
	HostileOSC8 = "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\"
	// HostileTitle sets the window title; HostileDCS is a device control
	// string (a DECRQSS request).
	HostileTitle = "\x1b]0;pwned\x07"
	HostileDCS   = "\x1bP$q\"p\x1b\\"
	// HostileC1 is the 8-bit forms: CSI clear, OSC title ended by ST, NEL.
	HostileC1 = "\u009b2J\u009d0;c1 title\u009c\u0085"
	// HostileBidi reverses what follows (RLO) and isolates (RLI ... PDI).
	HostileBidi = "\u202etxt.exe\u202c \u2067مرحبا\u2069 \u200f"
	// HostileZeroWidth hides characters between letters.
	HostileZeroWidth = "in\u200bvis\ufeffi\u2060ble\u00ad"
	// HostileControls are C0 controls: BEL, backspace, CR, vertical tab, form feed, DEL.
	HostileControls = "bell\x07 back\x08\x08 cr\rover vt\x0bff\x0c del\x7f"
	// HostileWide is wide CJK, emoji with ZWJ sequences, flags, skin tones,
	// keycaps and variation selectors, and combining marks.
	HostileWide = "研究者 田中 ｆｕｌｌ 🧪🔬 👩\u200d👩\u200d👧\u200d👦 🏳\ufe0f\u200d🌈 🇯🇵🇺🇦 👍🏽 1\ufe0f\u20e3 ☺\ufe0f e\u0301 Z\u0351\u0352\u0353\u0354a\u0300\u0301\u0302\u0303 ก\u0e34\u0e4a"
)

// Markers replaced in the served bytes by hostileBytes. They are private-use
// characters nothing else in the registry holds.
const (
	// invalidMarker becomes bytes that are not UTF-8: 0xFF, a truncated
	// two-byte sequence, an encoded surrogate, an overlong "/", a truncated
	// three-byte sequence.
	invalidMarker = "\U000FFFF0"
	invalidBytes  = "\xff\xc3(\xed\xa0\x80\xc0\xaf\xe2\x82"
	// rawEscMarker becomes, in XML bodies, a raw screen clear and OSC 52
	// (the registry's XML writer would replace control characters; a
	// broken server would not). In JSON it becomes the same as text escapes
	// (raw control characters are not JSON).
	rawEscMarker  = "\U000FFFF1"
	rawEscXML     = "\x1b[2J\x1b]52;c;cmF3==\x07"
	rawEscJSON    = `\u001b[2J\u001b]52;c;cmF3==\u0007`
	hostileMarker = "\xf3\xbf\xbf" // the first three bytes of both markers
)

// hostileBytes puts the raw bytes in place of the markers of a marshalled
// body (JSON or XML). Bodies without markers are returned as they are.
func hostileBytes(body []byte, xml bool) []byte {
	if !bytes.Contains(body, []byte(hostileMarker)) {
		return body
	}
	body = bytes.ReplaceAll(body, []byte(invalidMarker), []byte(invalidBytes))
	esc := rawEscJSON
	if xml {
		esc = rawEscXML
	}
	return bytes.ReplaceAll(body, []byte(rawEscMarker), []byte(esc))
}

// hostileLong is exactly n characters: words, CJK, emoji and escapes.
func hostileLong(n int, unbroken bool) string {
	unit := "Hostile overflow 長い題名 🧪 " + HostileSGR + "x" + HostileOSC8 + " "
	if unbroken {
		unit = "Unbroken長い🧪" + "\u0301" + "\u200b"
	}
	var b strings.Builder
	for utf8.RuneCountInString(b.String()) < n {
		b.WriteString(unit)
	}
	s := b.String()
	i, count := 0, 0
	for i = range s {
		if count == n {
			break
		}
		count++
	}
	if count == n {
		s = s[:i]
	}
	return s
}

var (
	hostileOrg = org{Name: "Institute of " + HostileClear + "Terminal Security " + HostileOSC8 + HostileBidi + " 研究所 🏛️",
		City: "Kyōto" + HostileSGR + HostileZeroWidth, Region: HostileTitle + "Region", Country: "JP"}
	hostileOrg2 = org{Name: HostileWide + " University" + HostileC1 + invalidMarker + "!", City: "Z\u0351\u0352rich" + HostileCursor, Country: "CH",
		ROR: "https://ror.org/00hostile"}
	hostileFunder = org{Name: "Funder" + HostileOSC52 + " 基金 " + HostileControls, City: "Nowhere", Country: "US"}
)

func hostileSpec() *personSpec {
	long := hostileLong(HostileLong, false)
	return &personSpec{
		ID:     HostileID,
		Given:  "Eve" + HostileClear + HostileSGR + " 👩\u200d💻" + HostileZeroWidth + invalidMarker + "!",
		Family: "Hostile" + HostileOSC52 + HostileBidi + " 研究" + HostileC1,
		Credit: "E." + HostileOSC8 + " Hostile" + HostileTitle + HostileWide,
		OtherNames: []string{
			"Mallory" + HostileCursor + HostileControls,
			HostileWide,
			"Trudy " + HostileDCS + HostileOSC52 + rawEscMarker,
			hostileLong(300, true),
		},
		Bio: "First line" + HostileClear + HostileOSC52 + " with a clipboard write.\n" +
			"Second line " + HostileOSC8 + " " + HostileBidi + "\r\n" +
			HostileWide + "\n\t tabbed" + HostileControls + "\n" +
			HostileC1 + HostileZeroWidth + invalidMarker + "!" + rawEscMarker + "\n\n" +
			long + "\n" + hostileLong(HostileLong, true),
		Keywords: []string{"hostile-input", "terminal" + HostileClear + "injection", HostileWide, HostileBidi + HostileZeroWidth, "long " + hostileLong(500, false)},
		URLs: []urlSpec{
			{"Home" + HostileOSC8 + HostileSGR, "https://evil.example/" + HostileOSC52 + "path"},
			{HostileBidi + HostileWide, "https://example.org/\u202egnp.exe"},
			{"", "https://example.org/" + invalidMarker + "!" + HostileC1},
		},
		Emails:    []string{"eve" + HostileClear + "@evil.example"},
		Countries: []string{"JP", "U" + HostileSGR + "S"},
		ExtIDs: []extID{
			{"Scopus" + HostileTitle + " Author ID", "7004" + HostileClear + "588880" + invalidMarker + "!", "https://www.scopus.com/" + HostileOSC8},
			{"KAKEN 研究者番号", HostileWide, "https://nrid.example/" + HostileBidi},
		},
		Employments: []aff{
			{Org: hostileOrg, Dept: "Dept" + HostileCursor + " of 攻撃", Role: "Professor" + HostileOSC52 + " 👩\u200d🔬", Start: "2020-04-01"},
			{Org: hostileOrg2, Dept: HostileBidi, Role: hostileLong(400, false), Start: "2010-09", End: "2020-03"},
		},
		Educations:     []aff{{Org: hostileOrg2, Dept: HostileControls, Role: "PhD" + HostileC1, Start: "2005", End: "2010"}},
		Qualifications: []aff{{Org: hostileOrg, Role: "Qual" + HostileZeroWidth + invalidMarker + "!", Start: "2004"}},
		Invited:        []aff{{Org: hostileOrg2, Role: "Visitor" + HostileDCS, Start: "2015-01", End: "2015-06"}},
		Distinctions:   []aff{{Org: hostileFunder, Role: "Prize" + HostileTitle + " 🏆", Start: "2019"}},
		Memberships:    []aff{{Org: hostileOrg, Role: "Member" + HostileSGR, Start: "2011"}},
		Services:       []aff{{Org: hostileOrg2, Role: "Editor" + HostileOSC8, Start: "2016", End: "2018"}},
		Works: []work{
			{Title: "Clear" + HostileClear + " the screen" + HostileOSC52, Subtitle: "and" + HostileOSC8 + HostileBidi, Journal: "Journal of " + HostileSGR + "Escapes" + HostileTitle + " 逃避",
				Type: "journal-article", Date: "2024-02-29", DOI: "10.5555/hostile" + HostileClear + ".1", Desc: "Desc" + HostileControls + "\n" + HostileWide,
				Translated: "翻訳" + HostileC1, TranslatedLang: "ja", Lang: "en", Country: "JP",
				Contributors: []contrib{
					{Name: "Eve" + HostileClear + " Hostile" + HostileOSC52, ORCID: HostileID, Seq: "first", Role: "author"},
					{Name: HostileWide, Seq: "additional", Role: "author"},
					{Name: "Mallory" + HostileBidi + HostileZeroWidth + invalidMarker + "!", Seq: "additional" + HostileSGR, Role: "editor" + HostileTitle},
					{Name: rawEscMarker + "Raw", Seq: "additional", Role: "author"},
				}},
			{Title: long, Journal: hostileLong(2000, true), Type: "journal-article", Date: "2023-11", DOI: "10.5555/hostile.long",
				Contributors: []contrib{{Name: hostileLong(1000, false), Seq: "first", Role: "author"}}},
			{Title: HostileWide + invalidMarker + "!" + rawEscMarker, Journal: HostileWide, Type: "book" + HostileSGR, Date: "2022", ISBN: "978" + HostileCursor + "0000000002",
				URL: "https://evil.example/" + HostileOSC8, Contributors: []contrib{{Name: HostileC1 + "C1 person", Seq: "first", Role: "author"}}},
			{Title: "Zero" + HostileZeroWidth + " width and " + HostileBidi, Type: "conference-paper", Date: "2021-07", ArXiv: "2107." + HostileClear + "00001",
				Journal: "Proc. " + HostileControls},
		},
		Fundings: []funding{
			{Title: "Grant" + HostileOSC52 + " 研究費 " + HostileWide, Type: "grant", Org: hostileFunder, Grant: "G-" + HostileClear + "1" + invalidMarker + "!", GrantURL: "https://evil.example/" + HostileOSC8, Start: "2020-01", End: "2023-12",
				URL: "https://evil.example/" + HostileTitle,
				// Fields only the full funding carries (/funding/{put-code}).
				OrgType: "Type" + HostileTitle + HostileZeroWidth, Desc: "Description" + HostileOSC52 + "\n" + HostileBidi + HostileClear + " " + HostileWide,
				Amount: "12" + HostileCursor + "500" + invalidMarker + "!", Currency: "EU" + HostileSGR + "R",
				Contributors: []contrib{{Name: HostileC1 + "Lead" + HostileOSC8, Role: "lead" + HostileClear}}},
			{Title: hostileLong(1500, false), Type: "award", Org: hostileOrg2, Start: "2019"},
		},
		Reviews: []review{
			{Role: "reviewer", Type: "review", Date: "2022-05-05", GroupID: "issn:" + HostileClear + "0000-0001", GroupName: "Review" + HostileBidi, Org: hostileOrg, ReviewID: "R" + HostileOSC52 + "1", URL: "https://evil.example/" + HostileOSC8},
			{Role: "editor" + HostileSGR, Type: "evaluation", Date: "2023", GroupID: "orcid-generated:" + HostileWide, Org: hostileOrg2, ReviewID: "R2" + invalidMarker + "!"},
		},
		Resources: []resource{{Title: "Kiln" + HostileClear + " " + HostileWide, Host: hostileOrg, Handle: "https://hdl.example/" + HostileOSC8, Start: "2018-01", End: "2018-02", URL: "https://evil.example/" + HostileC1}},
		Created:   day("2020-01-01 00:00"), Modified: day("2024-03-01 12:00"), CreatedBy: "API" + HostileSGR,
	}
}
