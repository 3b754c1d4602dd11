package record

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// statuses are the texts of the StatusMsgs in msgs.
func exportStatuses(msgs []tea.Msg) []string {
	var out []string
	for _, m := range msgs {
		switch m := m.(type) {
		case common.StatusMsg:
			out = append(out, m.Text)
		case common.ErrorMsg:
			out = append(out, "error: "+m.Err.Error())
		}
	}
	return out
}

// typePath replaces what the path input holds with path and presses enter.
func typePath(m *Model, path string) []tea.Msg {
	press(m, "ctrl+u")
	typeText(m, path)
	return press(m, "enter")
}

// entries counts the records of an export in format f.
func entries(t *testing.T, f string, data []byte) int {
	t.Helper()
	switch f {
	case "bibtex":
		return bytes.Count(data, []byte("\n@")) + map[bool]int{true: 1}[bytes.HasPrefix(data, []byte("@"))]
	case "ris":
		return bytes.Count(data, []byte("ER  -"))
	case "csl-json":
		var items []map[string]any
		if err := json.Unmarshal(data, &items); err != nil {
			t.Fatalf("CSL-JSON does not parse: %v", err)
		}
		return len(items)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v", err)
	}
	return len(rows) - 1
}

// TestExportEachFormat: E, a format, a path: the works shown are written
// in that format and the status line says how many and where.
func TestExportEachFormat(t *testing.T) {
	for i, f := range []string{"bibtex", "ris", "csl-json", "csv"} {
		t.Run(f, func(t *testing.T) {
			m, _ := newTestModel(t, 80, 24)
			open(t, m, orcidtest.CarberryID)
			press(m, "]", "E")
			mustContain(t, plain(m), "Export 13 works as", "bibtex", "csl-json")
			if !m.InputFocused() {
				t.Fatal("the dialog does not hold the keys (q would quit)")
			}
			press(m, string(rune('1'+i)), "enter")
			ext := map[string]string{"bibtex": ".bib", "ris": ".ris", "csl-json": ".json", "csv": ".csv"}[f]
			mustContain(t, plain(m), "save to: carberry-0000-0002-1825-0097"+ext)
			path := filepath.Join(t.TempDir(), "out"+ext)
			msgs := typePath(m, path)
			want := "exported 13 works to " + path
			if s := exportStatuses(msgs); len(s) != 1 || s[0] != want {
				t.Fatalf("status %q, want %q", s, want)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if n := entries(t, f, data); n != 13 {
				t.Errorf("%d entries written, want 13:\n%s", n, data)
			}
			if m.InputFocused() || strings.Contains(plain(m), "exporting") {
				t.Error("the dialog is still open after the export")
			}
		})
	}
}

// TestExportFollowsFilterAndSort: only the works the filter shows, in the
// tab's order.
func TestExportFollowsFilterAndSort(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	open(t, m, orcidtest.CarberryID)
	press(m, "]", "s", "f")
	typeText(m, "pots")
	press(m, "enter")
	n := len(m.cur.order)
	if n == 0 || n == 13 {
		t.Fatalf("filter shows %d works: the test needs some but not all", n)
	}
	var titles []string
	for _, wi := range m.cur.order {
		titles = append(titles, m.cur.data.works[wi].title)
	}
	press(m, "E", "4", "enter")
	path := filepath.Join(t.TempDir(), "f.csv")
	typePath(m, path)
	data, _ := os.ReadFile(path)
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil || len(rows) != n+1 {
		t.Fatalf("%d rows (%v), want header + %d", len(rows), err, n)
	}
	col := -1
	for i, h := range rows[0] {
		if h == "title" {
			col = i
		}
	}
	for i, want := range titles {
		if col < 0 || !strings.HasPrefix(rows[i+1][col], want) {
			t.Errorf("row %d: %q, want %q (the tab's order)", i, rows[i+1], want)
		}
	}
}

// TestExportNeverOverwritesUnasked: an existing file is replaced only
// after y; n goes back to the path as typed; esc steps back and closes.
func TestExportNeverOverwritesUnasked(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "old.bib")
	os.WriteFile(path, []byte("keep me"), 0o644)
	m, tr := newTestModel(t, 80, 24)
	open(t, m, orcidtest.CarberryID)
	before := len(tr.log())
	press(m, "]", "E", "enter")
	typePath(m, path)
	mustContain(t, plain(m), "old.bib exists. Replace it?", "y replace")
	press(m, "n")
	mustContain(t, plain(m), "save to: "+path) // what was typed is kept
	press(m, "enter")
	mustContain(t, plain(m), "exists. Replace it?")
	press(m, "esc") // like n
	mustContain(t, plain(m), "save to: ")
	press(m, "esc") // back to the format
	mustContain(t, plain(m), "Export 13 works as")
	press(m, "esc") // closed
	if m.InputFocused() || strings.Contains(plain(m), "Export 13") {
		t.Fatal("esc did not close the dialog")
	}
	if data, _ := os.ReadFile(path); string(data) != "keep me" {
		t.Fatalf("the file changed without a yes: %q", data)
	}
	if n := len(tr.log()) - before; n != 0 {
		t.Errorf("a cancelled export sent %d requests", n)
	}
	press(m, "E", "enter")
	typePath(m, path)
	msgs := press(m, "y")
	if s := exportStatuses(msgs); len(s) != 1 || !strings.HasPrefix(s[0], "exported 13 works") {
		t.Fatalf("status %q", s)
	}
	if data, _ := os.ReadFile(path); !bytes.Contains(data, []byte("@article{")) {
		t.Errorf("the file was not replaced after y:\n%s", data)
	}
}

// TestExportPathProblems: an empty path and a folder are refused in words,
// and the dialog stays.
func TestExportPathProblems(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	open(t, m, orcidtest.CarberryID)
	press(m, "]", "E", "enter")
	typePath(m, "")
	mustContain(t, plain(m), "type a file name")
	dir := t.TempDir()
	typePath(m, dir)
	mustContain(t, plain(m), "is a folder")
	if !m.InputFocused() {
		t.Error("the dialog closed on a bad path")
	}
}

// TestExportCancel: esc while the works are read cancels the export; no
// file is written and late answers are dropped.
func TestExportCancel(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	open(t, m, orcidtest.BigRecordID)
	press(m, "]", "E", "enter")
	path := filepath.Join(t.TempDir(), "huge.bib")
	press(m, "ctrl+u")
	typeText(m, path)
	// enter asks whether the file exists; run that, not the reads after.
	stat := m.Update(keyMsg("enter"))
	if stat == nil {
		t.Fatalf("enter asked nothing:\n%s", plain(m))
	}
	first := m.Update(stat())
	if first == nil || !strings.Contains(plain(m), "works as BibTeX: 0 of") {
		t.Fatalf("no export under way:\n%s", plain(m))
	}
	msgs := press(m, "esc")
	if s := exportStatuses(msgs); len(s) != 1 || s[0] != "export cancelled" {
		t.Fatalf("status %q, want export cancelled", s)
	}
	msgs = run(m, first) // the read under way ends; its answer is dropped
	if s := exportStatuses(msgs); len(s) != 0 {
		t.Errorf("a cancelled export still said %q", s)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a cancelled export wrote its file")
	}
	if strings.Contains(plain(m), "exporting") {
		t.Error("the progress line stayed after esc")
	}
}

// TestExportRequests: the 2,500-work record exports its work groups (the
// Works tab's rows) in one request for the record and one bulk request per
// 100 works: at most 26 in all. Works read before are not read again.
func TestExportRequests(t *testing.T) {
	m, tr := newTestModel(t, 80, 24)
	open(t, m, orcidtest.BigRecordID)
	press(m, "]")
	n := len(m.cur.order)
	if n < 2000 {
		t.Fatalf("%d works shown: the test wants a big record", n)
	}
	press(m, "E", "enter")
	path := filepath.Join(t.TempDir(), "big.bib")
	msgs := typePath(m, path)
	if s := exportStatuses(msgs); len(s) != 1 || s[0] != "exported "+common.Count(n)+" works to "+path {
		t.Fatalf("status %q", s)
	}
	log := tr.log()
	bulk := (n + 99) / 100
	if len(log) != 1+bulk || countPaths(log, "/works/") != bulk || len(log) > 26 {
		t.Errorf("%d requests (%d bulk) for %d works, want %d (%d bulk)", len(log), countPaths(log, "/works/"), n, 1+bulk, bulk)
	}
	data, _ := os.ReadFile(path)
	if got := entries(t, "bibtex", data); got != n {
		t.Errorf("%d entries, want %d", got, n)
	}
	// Again, as RIS: everything is kept, nothing is read.
	press(m, "E", "2", "enter")
	typePath(m, filepath.Join(t.TempDir(), "big.ris"))
	if more := len(tr.log()) - len(log); more != 0 {
		t.Errorf("a second export sent %d more requests, want 0", more)
	}
}

// TestCitationChosenOnceAndSaved: the first Y asks the format and saves
// it; the next copies at once; a configured format never asks.
func TestCitationChosenOnceAndSaved(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	var saved []string
	m.SetCitation("", func(f string) error { saved = append(saved, f); return nil })
	open(t, m, orcidtest.CarberryID)
	press(m, "]", "Y")
	mustContain(t, plain(m), "Copy citations as", "▸bibtex")
	msgs := press(m, "l", "l", "enter") // csl-json
	if len(saved) != 1 || saved[0] != "csl-json" {
		t.Fatalf("saved %q, want [csl-json]", saved)
	}
	cp := copies(msgs)
	if len(cp) != 1 || cp[0].What != "CSL-JSON citation" || !strings.Contains(cp[0].Text, `"title"`) {
		t.Fatalf("copied %+v", cp)
	}
	msgs = press(m, "j", "Y")
	if cp := copies(msgs); len(cp) != 1 || len(saved) != 1 || strings.Contains(plain(m), "Copy citations as") {
		t.Errorf("the second Y asked again or copied %d", len(cp))
	}

	m2, _ := newTestModel(t, 80, 24)
	m2.SetCitation("ris", nil)
	open(t, m2, orcidtest.CarberryID)
	msgs = press(m2, "]", "enter", "Y") // in a work's detail too
	if cp := copies(msgs); len(cp) != 1 || !strings.HasPrefix(cp[0].Text, "TY  - ") || cp[0].What != "RIS citation" {
		t.Errorf("configured RIS: copied %+v", cp)
	}
}

// TestCitationEscAsksAgain: esc on the picker copies nothing and saves
// nothing; the next Y asks again.
func TestCitationEscAsksAgain(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	saves := 0
	m.SetCitation("", func(string) error { saves++; return nil })
	open(t, m, orcidtest.CarberryID)
	msgs := press(m, "]", "Y", "esc")
	if len(copies(msgs)) != 0 || saves != 0 {
		t.Fatal("esc copied or saved")
	}
	press(m, "Y")
	mustContain(t, plain(m), "Copy citations as")
}

func copies(msgs []tea.Msg) []common.CopyMsg {
	var out []common.CopyMsg
	for _, m := range msgs {
		if c, ok := m.(common.CopyMsg); ok {
			out = append(out, c)
		}
	}
	return out
}

// TestExportPastePath: a path pasted while the dialog asks goes into it.
func TestExportPastePath(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	open(t, m, orcidtest.CarberryID)
	press(m, "]", "E", "enter", "ctrl+u")
	run(m, m.Update(tea.PasteMsg{Content: "/tmp/pasted.bib"}))
	mustContain(t, plain(m), "save to: /tmp/pasted.bib")
}

// An export read with a member token may hold limited and private works,
// so its new file is for the user only (0600), as the CLI's -o does; read
// anonymously it is 0644.
func TestExportPrivateWhenReadAsMember(t *testing.T) {
	for _, member := range []bool{false, true} {
		var m *Model
		if member {
			m = newWriteFixture(t, []string{"/read-limited"}).m
		} else {
			m, _ = newTestModel(t, 80, 24)
		}
		open(t, m, orcidtest.CarberryID)
		press(m, "]", "E", "4", "enter")
		path := filepath.Join(t.TempDir(), "out.csv")
		if s := exportStatuses(typePath(m, path)); len(s) != 1 || !strings.HasPrefix(s[0], "exported") {
			t.Fatalf("member %v: status %q", member, s)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		want := map[bool]os.FileMode{false: 0o644, true: 0o600}[member]
		if fi.Mode().Perm() != want {
			t.Errorf("member %v: the export is %v, want %v", member, fi.Mode().Perm(), want)
		}
	}
}
