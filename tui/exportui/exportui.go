// Package exportui is the small dialog the record and search panes ask
// export questions with, one line in the pane's footer: pick one of a few
// choices (a format, a scope), type a path (a default is offered), confirm
// before replacing a file that exists; then a line of progress while the
// pane's job runs. It also writes the file (WriteFile): atomically, and
// never over a file the user did not agree to replace.
//
// The dialog does no I/O in Update or View: whether the path exists is
// asked in a command.
package exportui

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/internal/atomicfile"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// Request is what a dialog asks.
type Request struct {
	// Title leads the choice step ("Export 13 works as").
	Title string
	// Choices are the first step's options; with one or none the step is
	// skipped.
	Choices []string
	// Initial is the choice selected at first.
	Initial int
	// Path is the default path for a choice; nil asks for no path (the
	// dialog ends with the choice).
	Path func(choice int) string
}

// Answer is what the user decided.
type Answer struct {
	Choice    int
	Path      string // "" when the request asked for no path
	Overwrite bool   // the file exists and the user agreed to replace it
}

type step int

const (
	closed step = iota
	choosing
	typing
	confirming
	running
)

// statMsg says whether the typed path exists (gen: the dialog it answers).
type statMsg struct {
	gen    uint64
	path   string
	exists bool
	err    error
}

// Dialog is the dialog's state; the zero value is closed. Make it with New.
type Dialog struct {
	st      *common.Styles
	req     Request
	step    step
	choice  int
	input   textinput.Model
	gen     uint64 // numbers each question, so a late stat answer is dropped
	problem string // why the typed path cannot be used, shown until edited
	path    string // the path being confirmed
	status  string // progress while running
}

// New returns a closed dialog drawing with st.
func New(st *common.Styles) *Dialog {
	in := textinput.New()
	in.Prompt = "save to: "
	in.CharLimit = 1024
	ist := in.Styles()
	ist.Cursor.Blink = false // a steady cursor does not wake the program
	in.SetStyles(ist)
	return &Dialog{st: st, input: in}
}

// Open starts asking r.
func (d *Dialog) Open(r Request) tea.Cmd {
	d.req = r
	d.choice = min(max(r.Initial, 0), max(len(r.Choices)-1, 0))
	d.problem, d.status = "", ""
	d.gen = common.NextRequestID()
	if len(r.Choices) > 1 {
		d.step = choosing
		return nil
	}
	if r.Path == nil {
		d.step = closed
		return nil
	}
	return d.askPath()
}

func (d *Dialog) askPath() tea.Cmd {
	d.step = typing
	d.input.SetValue(d.req.Path(d.choice))
	d.input.CursorEnd()
	return d.input.Focus()
}

// Active reports whether the dialog is asking something (it holds every
// key then).
func (d *Dialog) Active() bool {
	return d.step == choosing || d.step == typing || d.step == confirming
}

// Running reports whether the pane's job is under way (SetRunning).
func (d *Dialog) Running() bool { return d.step == running }

// SetRunning shows status as the job's progress ("exporting … 100 of
// 2,500") until Close.
func (d *Dialog) SetRunning(status string) {
	d.step = running
	d.status = status
	d.input.Blur()
}

// Close ends the dialog and its progress line.
func (d *Dialog) Close() {
	d.step = closed
	d.gen = common.NextRequestID()
	d.input.Blur()
}

// Update handles a key or the answer of the dialog's own command. It
// returns the user's answer once they have decided; the dialog is then
// closed and the caller starts its job (and SetRunning).
func (d *Dialog) Update(msg tea.Msg) (tea.Cmd, *Answer) {
	switch msg := msg.(type) {
	case statMsg:
		if msg.gen != d.gen || d.step != typing {
			return nil, nil
		}
		switch {
		case msg.err != nil:
			d.problem = msg.err.Error()
			return nil, nil
		case msg.exists:
			d.step, d.path = confirming, msg.path
			d.input.Blur()
			return nil, nil
		}
		d.Close()
		return nil, &Answer{Choice: d.choice, Path: msg.path}
	case tea.KeyPressMsg:
		return d.key(msg)
	}
	if d.step == typing {
		var cmd tea.Cmd
		d.input, cmd = d.input.Update(msg)
		return cmd, nil
	}
	return nil, nil
}

// HandleKey routes a key of the pane that owns the dialog: to the dialog
// while it asks (ans is the user's answer once they decide), or, while the
// pane's job runs, esc, which closes the progress line and reports
// cancelled for the pane to stop its job. handled is false for keys that
// are the pane's own.
func (d *Dialog) HandleKey(msg tea.KeyPressMsg) (cmd tea.Cmd, ans *Answer, cancelled, handled bool) {
	switch {
	case d.Active():
		cmd, ans = d.Update(msg)
		return cmd, ans, false, true
	case d.Running() && msg.String() == "esc":
		d.Close()
		return nil, nil, true, true
	}
	return nil, nil, false, false
}

func (d *Dialog) key(msg tea.KeyPressMsg) (tea.Cmd, *Answer) {
	s := msg.String()
	switch d.step {
	case choosing:
		n := len(d.req.Choices)
		switch s {
		case "esc", "q":
			d.Close()
		case "left", "h", "up", "k", "shift+tab":
			d.choice = (d.choice + n - 1) % n
		case "right", "l", "down", "j", "tab":
			d.choice = (d.choice + 1) % n
		case "enter":
			if d.req.Path == nil {
				d.Close()
				return nil, &Answer{Choice: d.choice}
			}
			return d.askPath(), nil
		default:
			if len(s) == 1 && s[0] >= '1' && int(s[0]-'1') < n {
				d.choice = int(s[0] - '1')
			}
		}
		return nil, nil
	case typing:
		switch s {
		case "esc":
			if len(d.req.Choices) > 1 {
				d.step = choosing
				d.problem = ""
				d.input.Blur()
				return nil, nil
			}
			d.Close()
			return nil, nil
		case "enter":
			path := strings.TrimSpace(d.input.Value())
			if path == "" {
				d.problem = "type a file name"
				return nil, nil
			}
			gen := d.gen
			return func() tea.Msg { return stat(gen, path) }, nil
		}
		d.problem = ""
		var cmd tea.Cmd
		d.input, cmd = d.input.Update(msg)
		return cmd, nil
	case confirming:
		switch s {
		case "y", "Y":
			d.Close()
			return nil, &Answer{Choice: d.choice, Path: d.path, Overwrite: true}
		case "n", "N", "esc":
			// Back to the path, as typed, to choose another name.
			d.step = typing
			return d.input.Focus(), nil
		}
		return nil, nil
	}
	return nil, nil
}

// stat expands ~ and says whether path exists; a directory is refused.
func stat(gen uint64, path string) tea.Msg {
	path = expandHome(path)
	st, err := os.Stat(path)
	switch {
	case err == nil && st.IsDir():
		return statMsg{gen: gen, path: path, err: fmt.Errorf("%s is a folder: type a file name", path)}
	case err == nil:
		return statMsg{gen: gen, path: path, exists: true}
	case errors.Is(err, fs.ErrNotExist):
		return statMsg{gen: gen, path: path}
	}
	return statMsg{gen: gen, path: path, err: err}
}

func expandHome(path string) string {
	if path != "~" && !strings.HasPrefix(path, "~/") {
		return path
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return path
	}
	return filepath.Join(home, strings.TrimPrefix(path, "~"))
}

// ErrExists is returned by WriteFile when the file appeared after the user
// was asked and they did not agree to replace it.
var ErrExists = errors.New("the file exists now")

// WriteFile writes data to path atomically (all or nothing). Without
// overwrite an existing file is left alone and ErrExists returned: between
// the question and the write another program may have made it. An
// existing file keeps its mode; a new one is 0644 (exports are documents
// to share), or 0600 when private says the data may hold items that are
// not public (read with a member token), as the CLI's -o does. The folder
// must exist.
func WriteFile(path string, data []byte, overwrite, private bool) error {
	return WriteFileFunc(path, overwrite, private, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteFileFunc is WriteFile with the contents written by write as they
// are made: an export of thousands of works is not held whole in memory.
func WriteFileFunc(path string, overwrite, private bool, write func(w io.Writer) error) error {
	mode := os.FileMode(0o644)
	if private {
		mode = 0o600
	}
	switch fi, err := os.Stat(path); {
	case err == nil && !overwrite:
		return fmt.Errorf("%s: %w; export again to choose", path, ErrExists)
	case err == nil && fi.IsDir():
		return fmt.Errorf("%s is a folder: give a file name", path)
	case err == nil:
		mode = fi.Mode().Perm()
	case !overwrite:
		if _, err := os.Lstat(path); err == nil { // a dangling link
			return fmt.Errorf("%s: %w; export again to choose", path, ErrExists)
		}
	}
	if err := atomicfile.DirExists(path); err != nil {
		return err
	}
	return atomicfile.WriteFunc(path, mode, write)
}

// View is the dialog's line for a footer w cells wide.
func (d *Dialog) View(w int) string {
	st := d.st
	var s string
	switch d.step {
	case choosing:
		var b strings.Builder
		b.WriteString(d.req.Title)
		for i, c := range d.req.Choices {
			b.WriteString("  ")
			if i == d.choice {
				b.WriteString(st.Selected.Render("▸" + c))
			} else {
				b.WriteString(" " + c)
			}
		}
		s = b.String() + st.Dim.Render("  ←/→ enter esc")
	case typing:
		if d.problem != "" {
			return common.Fit(st.Error.Render(d.problem)+st.Dim.Render(" · edit the path, esc back"), w)
		}
		s = d.input.View()
	case confirming:
		s = st.Warning.Render(filepath.Base(d.path)+" exists. Replace it?") + st.Dim.Render("  y replace · n/esc another name")
	case running:
		s = st.Dim.Render(d.status + " · esc cancels")
	}
	return common.Fit(s, w)
}

// SetWidth fits the path input to a footer w cells wide.
func (d *Dialog) SetWidth(w int) {
	d.input.SetWidth(max(w-ansi.StringWidth(d.input.Prompt)-1, 8))
}

// Keys are the dialog's keys for the key line.
func (d *Dialog) Keys() []key.Binding {
	b := func(k, desc string) key.Binding { return key.NewBinding(key.WithKeys(k), key.WithHelp(k, desc)) }
	switch d.step {
	case choosing:
		return []key.Binding{b("←/→", "choose"), b("enter", "next"), b("esc", "cancel")}
	case typing:
		return []key.Binding{b("enter", "save"), b("esc", "back")}
	case confirming:
		return []key.Binding{b("y", "replace"), b("n", "another name")}
	case running:
		return []key.Binding{b("esc", "cancel export")}
	}
	return nil
}

// FileName makes s safe as a file name's stem: letters and digits kept
// (any script), runs of anything else one "-", lower-case.
func FileName(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r == '.' || r == '_' || ('0' <= r && r <= '9') || isLetter(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.Trim(b.String(), "-.")
}

func isLetter(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }
