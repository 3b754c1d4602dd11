package record

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// tabX is the pane-local x of the first cell of label in the tab bar as
// drawn (the left border is x 0), or -1.
func tabX(m *Model, label string) int {
	bar := splitLines(plain(m))[tabBarRow]
	i := strings.Index(bar, label)
	if i < 0 {
		return -1
	}
	return ansi.StringWidth(bar[:i])
}

func click(m *Model, x, y int) {
	run(m, m.Update(common.ClickMsg{X: x, Y: y}))
}

// A click on a tab's label, anywhere on it, switches to that tab.
func TestClickTabSwitches(t *testing.T) {
	m, _ := newTestModel(t, 160, 48)
	open(t, m, orcidtest.CarberryID)
	for _, tc := range []struct {
		label string
		tab   tabID
	}{
		{"Employment", tabEmployment},
		{"Raw", tabRaw},
		{"Works", tabWorks},
		{"Person", tabPerson},
		{"Peer review", tabPeerReview},
	} {
		x := tabX(m, tc.label)
		if x < 0 {
			t.Fatalf("no %q in the tab bar:\n%s", tc.label, plain(m))
		}
		click(m, x+len(tc.label)-1, tabBarRow) // its last cell
		if m.cur.tab != tc.tab {
			t.Fatalf("click at x %d on %q: tab %v, want %v", x, tc.label, tabNames[m.cur.tab], tabNames[tc.tab])
		}
	}
	// The gap between two tabs is no tab.
	x := tabX(m, "Works")
	click(m, x-1, tabBarRow)
	if m.cur.tab != tabPeerReview {
		t.Fatalf("click between tabs switched to %v", tabNames[m.cur.tab])
	}
}

// A narrow tab bar scrolls with ‹ and › without changing the tab; a tab
// scrolled into view is clicked as any other; a key moves the bar back to
// the active tab.
func TestClickTabBarScrolls(t *testing.T) {
	m, _ := newTestModel(t, 50, 20)
	open(t, m, orcidtest.CarberryID)
	bar := func() string { return splitLines(plain(m))[tabBarRow] }
	if !strings.Contains(bar(), "›") || strings.Contains(bar(), "‹") || strings.Contains(bar(), "Raw") {
		t.Fatalf("narrow bar on Person: %q", bar())
	}
	for i := 0; !strings.Contains(bar(), "Raw"); i++ {
		if i > 10 {
			t.Fatalf("› never reached Raw: %q", bar())
		}
		x := tabX(m, "›")
		click(m, x, tabBarRow)
		if m.cur.tab != tabPerson {
			t.Fatalf("› changed the tab to %v", tabNames[m.cur.tab])
		}
		if !strings.Contains(bar(), "‹") {
			t.Fatalf("scrolled bar lacks ‹: %q", bar())
		}
	}
	if strings.Contains(bar(), "Person") {
		t.Fatalf("bar scrolled to the end still shows Person: %q", bar())
	}
	click(m, tabX(m, "Raw"), tabBarRow)
	if m.cur.tab != tabRaw {
		t.Fatalf("click on Raw: tab %v", tabNames[m.cur.tab])
	}
	// Back with ‹ until Person shows again.
	for i := 0; !strings.Contains(bar(), "Person"); i++ {
		if i > 10 {
			t.Fatalf("‹ never reached Person: %q", bar())
		}
		click(m, tabX(m, "‹"), tabBarRow)
	}
	if m.cur.tab != tabRaw {
		t.Fatalf("‹ changed the tab to %v", tabNames[m.cur.tab])
	}
	press(m, "]") // Raw → Person: the bar follows the active tab again
	if m.cur.tab != tabPerson || !strings.Contains(bar(), "Person") || strings.Contains(bar(), "‹") {
		t.Fatalf("after ]: tab %v, bar %q", tabNames[m.cur.tab], bar())
	}
}

// A click on a row moves the cursor there; a click on the selected row of
// the focused pane opens it (the works list: the work's detail).
func TestClickSelectsRow(t *testing.T) {
	m, _ := newTestModel(t, 80, 14)
	open(t, m, orcidtest.CarberryID)
	press(m, "]")
	click(m, 10, bodyRow+3)
	if c := m.cur.lists[tabWorks].cursor; c != 3 {
		t.Fatalf("cursor %d after a click on the fourth row, want 3", c)
	}
	mustContain(t, plain(m), "4 of 13")
	// Below the last row, the column header and the footer: nothing.
	for _, y := range []int{bodyRow - 1, bodyRow + m.bodyH, bodyRow + m.bodyH + 1} {
		click(m, 10, y)
		if c := m.cur.lists[tabWorks].cursor; c != 3 || m.cur.detail != 0 {
			t.Fatalf("click at y %d: cursor %d, detail %d", y, c, m.cur.detail)
		}
	}
	// Scrolled: the row under the pointer, not the nth of the list.
	press(m, "G")
	off := m.cur.lists[tabWorks].offset
	if off == 0 {
		t.Fatal("the test wants a scrolled list")
	}
	click(m, 10, bodyRow)
	if c := m.cur.lists[tabWorks].cursor; c != off {
		t.Fatalf("click on the top row of a list scrolled by %d: cursor %d", off, c)
	}
	w := m.cur.curWork()
	click(m, 10, bodyRow)
	if m.cur.detail != w.putCode {
		t.Fatalf("second click on the selected row: detail %d, want %d", m.cur.detail, w.putCode)
	}
	mustContain(t, plain(m), "esc back to the list")
	// In the detail, a click selects a line.
	click(m, 10, bodyRow+2)
	if c := m.cur.detailPos.cursor; c != 2 {
		t.Fatalf("detail cursor %d, want 2", c)
	}
	// The Works tab of an opened work goes back to the list.
	click(m, tabX(m, "Works"), tabBarRow)
	if m.cur.detail != 0 || m.cur.tab != tabWorks {
		t.Fatalf("click on Works in the detail: tab %v detail %d", tabNames[m.cur.tab], m.cur.detail)
	}
}

// In a pane that is not focused a click on the selected row only selects
// (the root focuses the pane after the click): it never opens.
func TestClickUnfocusedOnlySelects(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	open(t, m, orcidtest.CarberryID)
	press(m, "]")
	m.Blur()
	click(m, 10, bodyRow)
	if m.cur.detail != 0 {
		t.Fatal("a click on an unfocused pane opened the work")
	}
}

// Other lists: a click moves the cursor, and the item under it is what y
// copies.
func TestClickOtherList(t *testing.T) {
	m, _ := newTestModel(t, 160, 48)
	open(t, m, orcidtest.CarberryID)
	click(m, tabX(m, "Employment"), tabBarRow)
	if len(m.lines) < 2 {
		t.Fatalf("Employment has %d lines", len(m.lines))
	}
	click(m, 5, bodyRow+1)
	if c := m.cur.lists[tabEmployment].cursor; c != 1 {
		t.Fatalf("cursor %d, want 1", c)
	}
	// The person tab: label/value lines.
	click(m, tabX(m, "Person"), tabBarRow)
	click(m, 5, bodyRow+2)
	if c := m.cur.lists[tabPerson].cursor; c != 2 {
		t.Fatalf("person cursor %d, want 2", c)
	}
	// Raw: a click does nothing (no cursor), and does not panic.
	click(m, tabX(m, "Raw"), tabBarRow)
	click(m, 5, bodyRow+2)
	if m.cur.tab != tabRaw {
		t.Fatalf("tab %v", tabNames[m.cur.tab])
	}
}

// Clicks before a record is open, or while typing a filter, are ignored.
func TestClickIgnoredWithoutRecordOrWhileTyping(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	click(m, 5, tabBarRow)
	click(m, 5, bodyRow)
	open(t, m, orcidtest.CarberryID)
	press(m, "]", "f")
	click(m, 10, bodyRow+2)
	if c := m.cur.lists[tabWorks].cursor; c != 0 {
		t.Fatalf("click while typing moved the cursor to %d", c)
	}
}
