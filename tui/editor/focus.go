package editor

import (
	"reflect"
	"runtime"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// huh moves the focus between fields in a command: a field answers tab
// with huh.NextField, and the focus moves only when that command's message
// comes back through the program. Keys that arrive before it (typed fast,
// or a paste) would land in the field just left. The form therefore takes
// the moves out of huh's commands and applies them at once, in the same
// Update, so the next key always meets the field tab moved to.

var (
	nextFieldCode = reflect.ValueOf(huh.NextField).Pointer()
	prevFieldCode = reflect.ValueOf(huh.PrevField).Pointer()
)

// isBatch reports whether cmd is the closure tea.Batch (or tea.Sequence)
// returns for two or more commands, which only returns their list, so
// calling it runs nothing. The closure is known by its name: the compiler
// copies it into every package that inlines tea.Batch, so its address
// differs from one caller to the next, but every copy is named after
// bubbletea's compactCmds.
func isBatch(cmd tea.Cmd) bool {
	fn := runtime.FuncForPC(reflect.ValueOf(cmd).Pointer())
	if fn == nil {
		return false
	}
	name := fn.Name()
	return strings.Contains(name, "compactCmds[") && (strings.HasPrefix(name, "charm.land/bubbletea/v2.compactCmds[") ||
		strings.Contains(name, ".Batch.compactCmds[") || strings.Contains(name, ".Sequence.compactCmds["))
}

// takeMoves splits cmd into the focus moves it carries (huh.NextField and
// huh.PrevField's messages, in order) and the other commands.
func takeMoves(cmd tea.Cmd) (moves []tea.Msg, rest tea.Cmd) {
	if cmd == nil {
		return nil, nil
	}
	switch reflect.ValueOf(cmd).Pointer() {
	case nextFieldCode:
		return []tea.Msg{huh.NextField()}, nil
	case prevFieldCode:
		return []tea.Msg{huh.PrevField()}, nil
	}
	if isBatch(cmd) {
		// A sequence's list is left alone: its order matters.
		b, ok := cmd().(tea.BatchMsg)
		if !ok {
			return nil, cmd
		}
		keep := make([]tea.Cmd, 0, len(b))
		for _, c := range b {
			m, r := takeMoves(c)
			moves = append(moves, m...)
			keep = append(keep, r)
		}
		return moves, tea.Batch(keep...)
	}
	return nil, cmd
}

// settle applies the focus moves in cmd now and returns the rest of it.
// send is true when the user moved on from the last field, which asks to
// send the form (huh would say so with yet another command).
func (f *Form) settle(cmd tea.Cmd) (rest tea.Cmd, send bool) {
	moves, rest := takeMoves(cmd)
	cmds := []tea.Cmd{rest}
	for _, mv := range moves {
		before := f.form.GetFocusedField()
		_, c := f.form.Update(mv)
		if f.form.GetFocusedField() != before {
			c, s := f.settle(c)
			cmds = append(cmds, c)
			send = send || s
			continue
		}
		// The focus stayed (past the last field, or before the first):
		// huh blurred the field and would refocus or submit in a command;
		// do either now instead.
		if mv == huh.NextField() {
			send = true
		}
		cmds = append(cmds, before.Focus())
	}
	return tea.Batch(cmds...), send
}

// focusedKey is the key of the field with the focus.
func (f *Form) focusedKey() string {
	if fl := f.form.GetFocusedField(); fl != nil {
		return fl.GetKey()
	}
	return ""
}

// msgCmds gives messages taken out of commands back as commands.
func msgCmds(msgs []tea.Msg) []tea.Cmd {
	out := make([]tea.Cmd, len(msgs))
	for i, m := range msgs {
		out[i] = func() tea.Msg { return m }
	}
	return out
}
