package exportui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/tui/common"
)

func keyMsg(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	}
	return tea.KeyPressMsg{Code: []rune(s)[0], Text: s}
}

func newDialog() *Dialog {
	st := common.NewStyles(true, true)
	d := New(&st)
	d.SetWidth(80)
	return d
}

// feed sends keys and runs the commands they return (the stat of the
// path), returning the answer if one came.
func feed(d *Dialog, keys ...string) *Answer {
	for _, k := range keys {
		cmd, ans := d.Update(keyMsg(k))
		if ans != nil {
			return ans
		}
		if cmd != nil {
			if msg, ok := cmd().(statMsg); ok {
				if _, ans := d.Update(msg); ans != nil {
					return ans
				}
			}
		}
	}
	return nil
}

func TestChoiceOnly(t *testing.T) {
	d := newDialog()
	d.Open(Request{Title: "Copy citations as", Choices: []string{"bibtex", "ris", "csl-json", "csv"}, Initial: 1})
	if v := ansi.Strip(d.View(80)); !strings.Contains(v, "▸ris") {
		t.Fatalf("initial choice not shown: %q", v)
	}
	tests := []struct {
		keys []string
		want int
	}{
		{[]string{"enter"}, 1},
		{[]string{"l", "enter"}, 2},
		{[]string{"h", "h", "enter"}, 3}, // wraps
		{[]string{"4", "1", "enter"}, 0},
	}
	for _, tc := range tests {
		d.Open(Request{Choices: []string{"bibtex", "ris", "csl-json", "csv"}, Initial: 1})
		a := feed(d, tc.keys...)
		if a == nil || a.Choice != tc.want || a.Path != "" {
			t.Errorf("%v: answer %+v, want choice %d", tc.keys, a, tc.want)
		}
		if d.Active() {
			t.Errorf("%v: still open", tc.keys)
		}
	}
	d.Open(Request{Choices: []string{"a", "b"}})
	if a := feed(d, "esc"); a != nil || d.Active() {
		t.Errorf("esc answered %+v or stayed open", a)
	}
}

func TestPathSteps(t *testing.T) {
	dir := t.TempDir()
	d := newDialog()
	d.Open(Request{Choices: []string{"only"}, Path: func(int) string { return filepath.Join(dir, "new.csv") }})
	if v := ansi.Strip(d.View(80)); !strings.Contains(v, "save to: ") {
		t.Fatalf("one choice should go straight to the path: %q", v)
	}
	a := feed(d, "enter")
	if a == nil || a.Path != filepath.Join(dir, "new.csv") || a.Overwrite {
		t.Fatalf("answer %+v", a)
	}
}

func TestWriteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.bib")
	if err := WriteFile(path, []byte("one"), false, false); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("two"), false, false); !errors.Is(err, ErrExists) {
		t.Errorf("a file that appeared was replaced unasked: %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "one" {
		t.Errorf("contents %q", data)
	}
	if err := WriteFile(path, []byte("three"), true, false); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "three" {
		t.Errorf("contents %q after overwrite", data)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", st.Mode().Perm())
	}
}

func TestFileName(t *testing.T) {
	for in, want := range map[string]string{
		"Carberry":                    "carberry",
		"Ångström-Łukasiewicz":        "ångström-łukasiewicz",
		"田中":                          "田中",
		"../../etc/passwd":            "etc-passwd",
		"orcid-search-family:x AND y": "orcid-search-family-x-and-y",
		"a\x1b[31mb":                  "a-31mb",
		"":                            "",
	} {
		if got := FileName(in); got != want {
			t.Errorf("FileName(%q) = %q, want %q", in, got, want)
		}
	}
}

// A new export is 0644, or 0600 when private (read with a member token); an
// existing file keeps its mode either way; a missing folder is an error
// and is not made.
func TestWriteFileModesAndFolder(t *testing.T) {
	dir := t.TempDir()
	mode := func(p string) os.FileMode {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Mode().Perm()
	}
	public, private := filepath.Join(dir, "public.csv"), filepath.Join(dir, "private.csv")
	if err := WriteFile(public, []byte("a"), false, false); err != nil || mode(public) != 0o644 {
		t.Errorf("public export: %v, mode %v", err, mode(public))
	}
	if err := WriteFile(private, []byte("a"), false, true); err != nil || mode(private) != 0o600 {
		t.Errorf("private export: %v, mode %v", err, mode(private))
	}
	if err := WriteFile(private, []byte("b"), true, false); err != nil || mode(private) != 0o600 {
		t.Errorf("replacing a 0600 file: %v, mode %v", err, mode(private))
	}
	missing := filepath.Join(dir, "no-such", "x.csv")
	if err := WriteFile(missing, []byte("a"), false, false); err == nil || !strings.Contains(err.Error(), "there is no folder") {
		t.Errorf("into a missing folder: %v", err)
	}
	if _, err := os.Stat(filepath.Dir(missing)); err == nil {
		t.Error("the missing folder was made")
	}
	if err := WriteFile(dir, []byte("a"), true, false); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("onto a folder: %v", err)
	}
}
