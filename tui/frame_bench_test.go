package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// Benchmarks of whole frames, as the program draws them: App.View (the
// string every pane contributes to) and, in the ToCells variants, the step
// Bubble Tea's renderer takes next — parsing that string into a cell
// buffer (uv.NewStyledString(...).Draw), before diffing it against the
// terminal. Terminal I/O is not included.

// frameSizes are the terminal sizes measured: the classic 80x24 and a big
// window.
var frameSizes = []struct {
	name string
	w, h int
}{{"80x24", 80, 24}, {"160x48", 160, 48}}

// colorOptions are demoOptions drawing in colour, as most terminals do
// (styled strings carry SGR sequences the renderer has to parse).
func colorOptions(color bool) Options {
	o := demoOptions()
	o.NoColor = !color
	return o
}

func colorName(color bool) string {
	if color {
		return "color"
	}
	return "nocolor"
}

// drawCells does what the renderer does with a view: parse it into a
// screen-sized cell buffer.
func drawCells(buf uv.ScreenBuffer, s string) {
	buf.Clear()
	uv.NewStyledString(s).Draw(buf, buf.Bounds())
}

// BenchmarkStartToFirstFrameInit is what a user waits for before the first
// screen, minus process start and the demo registry (see
// BenchmarkStartToFirstFrameWithDemo): the model is built, Init runs (its
// commands run concurrently in the program and are not waited for), the
// first WindowSizeMsg arrives and the first full frame is drawn and parsed
// into cells.
func BenchmarkStartToFirstFrameInit(b *testing.B) {
	for _, color := range []bool{false, true} {
		b.Run(colorName(color), func(b *testing.B) {
			opts := colorOptions(color)
			b.ReportAllocs()
			for b.Loop() {
				a := New(opts)
				_ = a.Init()
				a.Update(tea.WindowSizeMsg{Width: 160, Height: 48})
				v := a.View()
				drawCells(uv.NewScreenBuffer(160, 48), v.Content)
			}
		})
	}
}

// BenchmarkDemoRegistryStart is the in-process demo registry that the TUI
// command starts before its first frame (cmd_tui.go: orcidtest.NewServer,
// EnableFaultControl), with its listener, and closed again. Its data set
// is built lazily, on first request, not here.
func BenchmarkDemoRegistryStart(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		srv := orcidtest.NewServer()
		srv.EnableFaultControl()
		srv.Close()
	}
}

// BenchmarkStartToFirstFrameWithDemo is the whole start of the interactive
// command after flag and config parsing: demo registry up, model built with
// the real client options (ORCID's rate limits, loopback HTTP), Init, first
// WindowSizeMsg, first frame in cells. The registry is closed at the end of
// each iteration (not part of start-up, but it keeps listeners from piling
// up).
func BenchmarkStartToFirstFrameWithDemo(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		srv := orcidtest.NewServer()
		srv.EnableFaultControl()
		env := srv.Environment()
		a := New(Options{
			Environments: []Env{
				{Environment: orcid.Production},
				{Environment: orcid.Sandbox},
				{Environment: env, Label: "demo (offline)", ClientID: orcidtest.DemoClientID, ClientSecret: orcidtest.DemoClientSecret},
			},
			Initial:       "demo",
			Demo:          true,
			Theme:         "dark",
			PublicOptions: []orcid.Option{orcid.WithRateLimit(orcid.DefaultPublicRate, orcid.DefaultBurst)},
			MemberOptions: []orcid.Option{orcid.WithRateLimit(orcid.DefaultMemberRate, orcid.DefaultBurst)},
			OpenBrowser:   func(string) error { return nil },
		})
		_ = a.Init()
		a.Update(tea.WindowSizeMsg{Width: 160, Height: 48})
		v := a.View()
		drawCells(uv.NewScreenBuffer(160, 48), v.Content)
		srv.Close()
	}
}

// bigRecordApp is the program with the 2,500-work record open on its works
// tab, the cursor part-way down.
func bigRecordApp(b *testing.B, color bool, w, h int) *App {
	b.Helper()
	a := New(colorOptions(color))
	drive(a, tea.WindowSizeMsg{Width: w, Height: h})
	drive(a, common.OpenRecordMsg{ID: orcidtest.BigRecordID})
	drive(a, press("]"))
	for range 10 {
		drive(a, tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl})
	}
	if a.Focused() != common.PaneRecord || a.record.ID() != orcidtest.BigRecordID || !strings.Contains(text(a.Render()), "sorted by") {
		b.Fatalf("big record not on screen:\n%s", text(a.Render()))
	}
	return a
}

// BenchmarkFrameBigRecord is one whole frame (status bar, panes, help line)
// with the 2,500-work record's works tab on screen. Target: under 2 ms.
func BenchmarkFrameBigRecord(b *testing.B) {
	for _, size := range frameSizes {
		for _, color := range []bool{false, true} {
			b.Run(size.name+"/"+colorName(color), func(b *testing.B) {
				a := bigRecordApp(b, color, size.w, size.h)
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					_ = a.View()
				}
			})
		}
	}
}

// BenchmarkFrameBigRecordToCells is BenchmarkFrameBigRecord plus the
// renderer's parse of the frame into cells.
func BenchmarkFrameBigRecordToCells(b *testing.B) {
	for _, size := range frameSizes {
		b.Run(size.name+"/color", func(b *testing.B) {
			a := bigRecordApp(b, true, size.w, size.h)
			buf := uv.NewScreenBuffer(size.w, size.h)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				drawCells(buf, a.View().Content)
			}
		})
	}
}

// searchApp is the program with 1,000 hits of family-name:smith loaded in
// the search pane (20 pages of 50, paged with G as a user would), the
// cursor in the middle of them.
func searchApp(b *testing.B, color bool, w, h int) *App {
	b.Helper()
	a := New(colorOptions(color))
	drive(a, tea.WindowSizeMsg{Width: w, Height: h})
	typeText(a, "family-name:smith")
	drive(a, press("enter"))
	for i := 0; a.search.Len() < 1000; i++ {
		if i > 40 {
			b.Fatalf("%d hits loaded after %d pages", a.search.Len(), i)
		}
		drive(a, tea.KeyPressMsg{Code: 'G', Text: "G"})
	}
	drive(a, tea.KeyPressMsg{Code: 'g', Text: "g"})
	for range 500 {
		drive(a, tea.KeyPressMsg{Code: 'j', Text: "j"})
	}
	if a.search.Len() < 1000 || a.search.Loading() || !strings.Contains(text(a.Render()), "found") {
		b.Fatalf("%d hits, loading %v:\n%s", a.search.Len(), a.search.Loading(), text(a.Render()))
	}
	return a
}

// BenchmarkFrameSearch1000 is one whole frame with 1,000 search hits
// loaded in the search pane.
func BenchmarkFrameSearch1000(b *testing.B) {
	for _, size := range frameSizes {
		for _, color := range []bool{false, true} {
			b.Run(size.name+"/"+colorName(color), func(b *testing.B) {
				a := searchApp(b, color, size.w, size.h)
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					_ = a.View()
				}
			})
		}
	}
}

// BenchmarkFrameSearch1000ToCells adds the renderer's parse into cells.
func BenchmarkFrameSearch1000ToCells(b *testing.B) {
	for _, size := range frameSizes {
		b.Run(size.name+"/color", func(b *testing.B) {
			a := searchApp(b, true, size.w, size.h)
			buf := uv.NewScreenBuffer(size.w, size.h)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				drawCells(buf, a.View().Content)
			}
		})
	}
}

// BenchmarkScrollFrameBigRecord is one key (j, or ctrl+d every 8th; back
// to the top every 300) through the 2,500 works and the frame drawn after it, as the program does.
func BenchmarkScrollFrameBigRecord(b *testing.B) {
	a := bigRecordApp(b, true, 160, 48)
	drive(a, tea.KeyPressMsg{Code: 'g', Text: "g"})
	scrollFrames(b, a, 300)
}

// BenchmarkScrollFrameSearch1000 is the same through 1,000 search hits
// (back to the top every 100 keys, before the cursor comes near the end
// of what is loaded, so no page is asked for).
func BenchmarkScrollFrameSearch1000(b *testing.B) {
	a := searchApp(b, true, 160, 48)
	drive(a, tea.KeyPressMsg{Code: 'g', Text: "g"})
	scrollFrames(b, a, 100)
	if a.search.Loading() || a.search.Len() != 1000 {
		b.Fatalf("scrolling asked for more: loading %v, %d hits", a.search.Loading(), a.search.Len())
	}
}

// scrollFrames presses j (ctrl+d every 8th key, g every period-th) and
// draws each frame into cells.
func scrollFrames(b *testing.B, a *App, period int) {
	b.Helper()
	j, pgdn, top := tea.KeyPressMsg{Code: 'j', Text: "j"}, tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl}, tea.KeyPressMsg{Code: 'g', Text: "g"}
	buf := uv.NewScreenBuffer(a.w, a.h)
	last := ""
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		k := j
		switch {
		case i%period == period-1:
			k = top
		case i%8 == 0:
			k = pgdn
		}
		a.Update(k) // commands (a page request) are not run
		v := a.View()
		drawCells(buf, v.Content)
		last = v.Content
		i++
	}
	b.StopTimer()
	if last == "" {
		b.Fatal("no frame")
	}
}
