package search

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/export"
	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui/common"
	"github.com/orcid-tui/orcid-tui/tui/exportui"
)

// E on the results writes them as CSV through ORCID's /csv-search, not
// from the rows the table holds: those are cut for display (one name, the
// first institutions, no emails), while /csv-search gives ORCID's own
// columns (iD, given and family names, current institutions, emails) and
// 1,000 hits a request — the loaded rows again in one request, and all
// hits up to the anonymous limit (10,000) in 10, where expanded-search
// pages of the table's size would take 200.

// exporter is the pane's export state.
type exporter struct {
	dlg    *exportui.Dialog
	job    *csvJob
	scopes []int // hits each choice of the dialog exports (0: all)
}

// csvJob is one CSV export under way: orcid's pager runs in a goroutine
// and reports each page on ch.
type csvJob struct {
	ctx    context.Context
	cancel context.CancelFunc
	ch     chan tea.Msg
	path   string
	total  int64
}

type csvProgressMsg struct {
	job *csvJob
	p   orcid.Progress
}

type csvDoneMsg struct {
	job *csvJob
	n   int
	err error
}

func (m *Model) dialog() *exportui.Dialog {
	if m.exp.dlg == nil {
		m.exp.dlg = exportui.New(m.st)
	}
	return m.exp.dlg
}

func (m *Model) dialogActive() bool { return m.exp.dlg != nil && m.exp.dlg.Active() }

func (m *Model) dialogShown() bool {
	return m.exp.dlg != nil && (m.exp.dlg.Active() || m.exp.dlg.Running())
}

// ClaimsKey implements common.KeyClaimer: E exports when the results table
// (not the input) has the keys.
func (m *Model) ClaimsKey(msg tea.KeyPressMsg) bool {
	return key.Matches(msg, m.keys.Export) && !m.inputFocused && len(m.rows) > 0
}

// startExport is E: ask what to export (the loaded rows or every hit) and
// where.
func (m *Model) startExport() tea.Cmd {
	if m.exp.job != nil {
		return nil
	}
	loaded := len(m.rows)
	choices := []string{"loaded " + common.Count(loaded)}
	m.exp.scopes = []int{loaded}
	if m.total > int64(loaded) {
		all := m.total
		if m.anonymous() && all > orcid.MaxAnonymousStart {
			all = orcid.MaxAnonymousStart
		}
		choices = append(choices, "all "+common.Count(all))
		m.exp.scopes = append(m.exp.scopes, 0)
	}
	stem := exportui.FileName("orcid-search-" + m.q.Input)
	d := m.dialog()
	d.SetWidth(m.w - 2)
	return d.Open(exportui.Request{
		Title:   "Export as CSV:",
		Choices: choices,
		Path:    func(int) string { return stem + ".csv" },
	})
}

// exportKey gives keys to the dialog, and esc to a running export.
func (m *Model) exportKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if m.exp.dlg != nil {
		cmd, ans, cancelled, ok := m.exp.dlg.HandleKey(msg)
		switch {
		case ans != nil:
			return tea.Batch(cmd, m.runExport(*ans)), true
		case cancelled && m.exp.job != nil:
			m.exp.job.cancel()
			m.exp.job = nil
			return common.Cmd(common.StatusMsg{Text: "export cancelled"}), true
		case ok:
			return cmd, true
		}
	}
	if !m.inputFocused && key.Matches(msg, m.keys.Export) && len(m.rows) > 0 {
		return m.startExport(), true
	}
	return nil, false
}

func (m *Model) runExport(a exportui.Answer) tea.Cmd {
	if m.session == nil || m.session.Client == nil {
		m.exp.dlg.Close()
		return common.Cmd(common.ErrorMsg{Err: errors.New("no environment selected"), What: "exporting the search"})
	}
	max := m.exp.scopes[a.Choice]
	job := &csvJob{path: a.Path, ch: make(chan tea.Msg), total: m.total}
	job.ctx, job.cancel = context.WithCancel(context.Background())
	m.exp.job = job
	want := m.total
	if max > 0 {
		want = int64(max)
	}
	m.exp.dlg.SetRunning(fmt.Sprintf("exporting %s hits: 0 read", common.Count(want)))
	c, q, overwrite := m.session.Client, m.q.Solr, a.Overwrite
	opt := orcid.PageOptions{Max: max, NumFound: m.total}
	go func() {
		send := func(msg tea.Msg) bool {
			select {
			case job.ch <- msg:
				return true
			case <-job.ctx.Done():
				return false
			}
		}
		opt.Progress = func(p orcid.Progress) { send(csvProgressMsg{job: job, p: p}) }
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		n, header := 0, false
		err := c.CSVSearchPages(job.ctx, orcid.CSVSearchParams{Query: q}, opt, func(p *orcid.CSVPage) error {
			if !header {
				header = true
				if err := w.Write(p.Header); err != nil {
					return err
				}
			}
			for _, r := range p.Rows {
				cells := make([]string, len(r))
				for i, s := range r {
					cells[i] = export.CSVCell(s)
				}
				if err := w.Write(cells); err != nil {
					return err
				}
				n++
			}
			return nil
		})
		w.Flush()
		if err == nil {
			err = w.Error()
		}
		if err == nil {
			err = job.ctx.Err()
		}
		if err == nil {
			err = exportui.WriteFile(job.path, b.Bytes(), overwrite, false) // search results are public
		}
		send(csvDoneMsg{job: job, n: n, err: err})
	}()
	return job.wait
}

// wait is the command that delivers the job's next report.
func (j *csvJob) wait() tea.Msg {
	select {
	case msg := <-j.ch:
		return msg
	case <-j.ctx.Done():
		return nil
	}
}

func (m *Model) handleCSVProgress(msg csvProgressMsg) tea.Cmd {
	job := msg.job
	if job != m.exp.job {
		return nil
	}
	s := fmt.Sprintf("exporting: %s hits read", common.Count(msg.p.Hits))
	if msg.p.Total > 0 {
		s = fmt.Sprintf("exporting: %s of %s hits read", common.Count(msg.p.Hits), common.Count(msg.p.Total))
	}
	m.exp.dlg.SetRunning(s)
	return job.wait
}

func (m *Model) handleCSVDone(msg csvDoneMsg) tea.Cmd {
	job := msg.job
	if job != m.exp.job {
		return nil
	}
	m.exp.job = nil
	m.exp.dlg.Close()
	job.cancel()
	if msg.err != nil {
		if errors.Is(msg.err, context.Canceled) {
			return common.Cmd(common.StatusMsg{Text: "export cancelled"})
		}
		return common.Cmd(common.ErrorMsg{Err: msg.err, What: "exporting the search", Op: "search export"})
	}
	noun := "hits"
	if msg.n == 1 {
		noun = "hit"
	}
	return common.Cmd(common.StatusMsg{Text: fmt.Sprintf("exported %s %s to %s", common.Count(msg.n), noun, job.path)})
}
