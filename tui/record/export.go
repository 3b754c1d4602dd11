package record

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/export"
	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui/common"
	"github.com/orcid-tui/orcid-tui/tui/exportui"
)

// Exports of the works tab (E) and citations of one work (Y).
//
// E writes the works the tab shows, in its order and with its filter: one
// entry per work group, the preferred version, as the tab lists them. The
// full works come from the page's cache (works opened before cost nothing)
// and the bulk endpoint, 100 per request, one request at a time so esc
// stops it and the footer counts; a 2,500-work record takes 25 requests
// after its own. What was read is kept in the page's cache too.

// exporter is the pane's export and citation state.
type exporter struct {
	dlg     *exportui.Dialog
	purpose purpose
	job     *exportJob
	last    int // the format chosen last, offered first next time

	// citation is the format Y copies in ("" until chosen; then saved
	// with save, off the UI goroutine).
	citation export.Format
	save     func(format string) error
	cite     int64 // put-code whose citation Y waits for; 0 none
	citeP    *page
}

type purpose int

const (
	exportWorks purpose = iota
	pickCitation
)

// exportJob is one export under way.
type exportJob struct {
	p         *page
	ctx       context.Context
	cancel    context.CancelFunc
	format    export.Format
	path      string
	overwrite bool
	codes     []int64 // what to write, in the tab's order
	missing   []int64 // not yet read
	failed    int
}

// exportBatchMsg answers one bulk read of an export.
type exportBatchMsg struct {
	job   *exportJob
	codes []int64
	works []*orcid.Work
	sizes []int64 // for the program's cache, measured in the command
	fails []orcid.BulkFailure
	err   error
}

// exportDoneMsg says the export file was written (or why not).
type exportDoneMsg struct {
	job *exportJob
	n   int
	err error
}

// citationSavedMsg says whether the chosen citation format was saved.
type citationSavedMsg struct {
	format export.Format
	err    error
}

// SetCitation sets the format Y copies citations in (from the config file;
// "" or an unknown name asks the first time) and how to save a new choice
// (nil: kept for this run).
func (m *Model) SetCitation(format string, save func(format string) error) {
	m.exp.citation = ""
	if f, err := export.ParseFormat(format); err == nil && format != "" {
		m.exp.citation = f
	}
	m.exp.save = save
}

func (m *Model) dialog() *exportui.Dialog {
	if m.exp.dlg == nil {
		m.exp.dlg = exportui.New(m.styles)
	}
	return m.exp.dlg
}

// dialogActive reports whether the export dialog holds the keys.
func (m *Model) dialogActive() bool { return m.exp.dlg != nil && m.exp.dlg.Active() }

// footerDialog reports whether the footer shows the dialog or an export's
// progress.
func (m *Model) footerDialog() bool {
	return m.exp.dlg != nil && (m.exp.dlg.Active() || m.exp.dlg.Running())
}

// ClaimsKey implements common.KeyClaimer: E exports on the works tab.
func (m *Model) ClaimsKey(msg tea.KeyPressMsg) bool {
	p := m.cur
	return key.Matches(msg, m.keys.Export) && p != nil && p.data != nil && p.tab == tabWorks && m.mode == inputNone
}

var formatNames = map[export.Format]string{export.BibTeX: "BibTeX", export.RIS: "RIS", export.CSLJSON: "CSL-JSON", export.CSV: "CSV"}

func formatChoices() []string {
	out := make([]string, len(export.Formats))
	for i, f := range export.Formats {
		out[i] = string(f)
	}
	return out
}

// exportStem is the default file name without extension: family name and
// iD ("carberry-0000-0002-1825-0097").
func exportStem(p *page) string {
	if s := exportui.FileName(p.data.family); s != "" {
		return s + "-" + string(p.id)
	}
	return string(p.id)
}

// exportKey gives the key to the dialog when it asks something, and esc to
// a running export. ok is false when the key is not the dialog's.
func (m *Model) exportKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if m.exp.dlg == nil {
		return nil, false
	}
	cmd, ans, cancelled, ok := m.exp.dlg.HandleKey(msg)
	switch {
	case ans != nil:
		return tea.Batch(cmd, m.answered(*ans)), true
	case cancelled && m.exp.job != nil:
		m.exp.job.cancel()
		m.exp.job = nil
		return common.Cmd(common.StatusMsg{Text: "export cancelled"}), true
	}
	return cmd, ok
}

// startExport is E: ask the format and the path of the works shown.
func (m *Model) startExport() tea.Cmd {
	p := m.cur
	if m.exp.job != nil {
		m.notice = "an export is under way (esc cancels it)"
		return nil
	}
	n := len(p.order)
	if n == 0 {
		m.notice = "no works to export"
		return nil
	}
	stem := exportStem(p)
	d := m.dialog()
	d.SetWidth(m.innerW())
	m.exp.purpose = exportWorks
	return d.Open(exportui.Request{
		Title:   fmt.Sprintf("Export %s %s as", common.Count(n), plural(n, "work", "works")),
		Choices: formatChoices(),
		Initial: m.exp.last,
		Path:    func(i int) string { return stem + export.Formats[i].Ext() },
	})
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// answered starts what the dialog's answer asks for.
func (m *Model) answered(a exportui.Answer) tea.Cmd {
	f := export.Formats[a.Choice]
	if m.exp.purpose == pickCitation {
		m.exp.citation = f
		var save tea.Cmd
		if s := m.exp.save; s != nil {
			save = func() tea.Msg { return citationSavedMsg{format: f, err: s(string(f))} }
		}
		return tea.Batch(save, m.copyCitation())
	}
	m.exp.last = a.Choice
	p := m.cur
	m.worksFromCache(p) // works read in an earlier visit cost nothing
	job := &exportJob{p: p, format: f, path: a.Path, overwrite: a.Overwrite}
	job.ctx, job.cancel = context.WithCancel(context.Background())
	for _, wi := range p.order {
		pc := p.data.works[wi].putCode
		job.codes = append(job.codes, pc)
		if p.full[pc] == nil {
			job.missing = append(job.missing, pc)
		}
	}
	m.exp.job = job
	return m.exportNext(job)
}

// exportNext reads the next batch of missing works, or writes the file.
func (m *Model) exportNext(job *exportJob) tea.Cmd {
	total := len(job.codes)
	have := total - len(job.missing)
	m.exp.dlg.SetRunning(fmt.Sprintf("exporting %s works as %s: %s of %s read", common.Count(total), formatNames[job.format], common.Count(have), common.Count(total)))
	if len(job.missing) == 0 {
		return m.writeExport(job)
	}
	c := m.client(job.p.id)
	if c == nil {
		return m.exportFailed(job, errNoSession)
	}
	batch := job.missing[:min(maxBulk, len(job.missing))]
	ctx, id := job.ctx, job.p.id
	return func() tea.Msg {
		fw, err := c.AllFullWorks(ctx, id, batch)
		msg := exportBatchMsg{job: job, codes: batch, err: err}
		if fw != nil {
			msg.works, msg.fails = fw.Works, fw.Failed
			msg.sizes = make([]int64, len(fw.Works))
			for i, w := range fw.Works {
				if w != nil {
					msg.sizes[i] = workSize(w)
				}
			}
		}
		return msg
	}
}

func (m *Model) handleExportBatch(msg exportBatchMsg) tea.Cmd {
	job := msg.job
	if job != m.exp.job {
		return nil // cancelled
	}
	if msg.err != nil {
		return m.exportFailed(job, msg.err)
	}
	p := job.p
	for i, pc := range msg.codes {
		if i < len(msg.works) && msg.works[i] != nil && p.full[pc] == nil {
			p.full[pc] = msg.works[i]
			if i < len(msg.sizes) {
				m.cache.Put(m.workKey(p.id, pc), msg.works[i], msg.sizes[i])
			}
		}
	}
	for _, f := range msg.fails {
		if p.failed[f.PutCode] == "" {
			p.failed[f.PutCode] = inWords(f)
		}
	}
	job.missing = job.missing[len(msg.codes):]
	return m.exportNext(job)
}

// writeExport renders and writes the file in a command: the works are all
// read.
func (m *Model) writeExport(job *exportJob) tea.Cmd {
	p := job.p
	works := make([]*orcid.Work, 0, len(job.codes))
	for _, pc := range job.codes {
		if w := p.full[pc]; w != nil {
			works = append(works, w)
		}
	}
	job.failed = len(job.codes) - len(works)
	opt := export.Options{Owner: p.data.name}
	// Read with a member token, the works may include limited and private
	// ones: the file is then for the user only.
	c := m.client(p.id)
	private := c != nil && c.API() == orcid.MemberAPI
	return func() tea.Msg {
		// Written to the file as made: a 10,000-work export held whole
		// was the pane's peak of memory.
		err := exportui.WriteFileFunc(job.path, job.overwrite, private, func(w io.Writer) error {
			bw := bufio.NewWriter(w)
			if err := export.Write(bw, job.format, works, opt); err != nil {
				return err
			}
			if err := job.ctx.Err(); err != nil {
				return err // cancelled: the file is left as it was
			}
			return bw.Flush()
		})
		if err != nil {
			return exportDoneMsg{job: job, err: err}
		}
		return exportDoneMsg{job: job, n: len(works)}
	}
}

func (m *Model) handleExportDone(msg exportDoneMsg) tea.Cmd {
	job := msg.job
	if job != m.exp.job {
		return nil
	}
	if msg.err != nil {
		return m.exportFailed(job, msg.err)
	}
	m.exp.job = nil
	m.exp.dlg.Close()
	job.cancel()
	s := fmt.Sprintf("exported %s %s to %s", common.Count(msg.n), plural(msg.n, "work", "works"), job.path)
	if job.failed > 0 {
		s += fmt.Sprintf(" (%s could not be read from ORCID)", common.Count(job.failed))
	}
	return common.Cmd(common.StatusMsg{Text: s})
}

func (m *Model) exportFailed(job *exportJob, err error) tea.Cmd {
	m.exp.job = nil
	m.exp.dlg.Close()
	job.cancel()
	if errors.Is(err, context.Canceled) {
		return common.Cmd(common.StatusMsg{Text: "export cancelled"})
	}
	return common.Cmd(common.ErrorMsg{Err: err, What: "exporting works", Op: "export"})
}

// copyCitation is Y: the citation of the work under the cursor (or open),
// in the format chosen once.
func (m *Model) copyCitation() tea.Cmd {
	p := m.cur
	if p == nil || p.data == nil || p.tab != tabWorks {
		return nil
	}
	pc := p.detail
	if pc == 0 {
		w := p.curWork()
		if w == nil {
			m.notice = "no work to cite"
			return nil
		}
		pc = w.putCode
	}
	if m.exp.citation == "" {
		d := m.dialog()
		m.exp.purpose = pickCitation
		return d.Open(exportui.Request{Title: "Copy citations as", Choices: formatChoices()})
	}
	if w := p.full[pc]; w != nil {
		return m.cite(p, w)
	}
	if why := p.failed[pc]; why != "" {
		m.notice = "no citation: this work could not be read: " + why
		return nil
	}
	// The citation is built from the full work: read it (with its
	// neighbours, as opening it would) and copy when it comes.
	m.exp.cite, m.exp.citeP = pc, p
	m.notice = "reading the work to cite …"
	return m.fetchAround(p, pc)
}

func (m *Model) cite(p *page, w *orcid.Work) tea.Cmd {
	f := m.exp.citation
	text, err := export.Citation(f, w, export.Options{Owner: p.data.name})
	if err != nil {
		return common.Cmd(common.ErrorMsg{Err: err, What: "making the citation"})
	}
	return common.Cmd(common.CopyMsg{Text: strings.TrimRight(text, "\n"), What: formatNames[f] + " citation"})
}

// citeWaiting copies the citation Y waits for once its work is read (or
// says why not).
func (m *Model) citeWaiting(p *page) tea.Cmd {
	pc := m.exp.cite
	if pc == 0 || m.exp.citeP != p {
		return nil
	}
	if w := p.full[pc]; w != nil {
		m.exp.cite, m.exp.citeP = 0, nil
		m.notice = ""
		return m.cite(p, w)
	}
	if why := p.failed[pc]; why != "" {
		m.exp.cite, m.exp.citeP = 0, nil
		m.notice = "no citation: this work could not be read: " + why
	}
	return nil
}

func (m *Model) handleCitationSaved(msg citationSavedMsg) tea.Cmd {
	if msg.err != nil {
		return common.Cmd(common.ErrorMsg{Err: fmt.Errorf("citations are copied as %s for this run only: %w", formatNames[msg.format], msg.err), What: "saving the citation format"})
	}
	return nil
}

// rootKeysW is what the root adds to a pane's key line at most: " / search
// · " before and " · ? help · q quit" after.
var rootKeysW = ansi.StringWidth(" / search ·  · ? help · q quit")

// ifRoom appends the bindings extra to the key line out as long as the
// line still fits the pane's width with the root's keys (the rest are in
// the full help): E and Y show on wide screens.
func (m *Model) ifRoom(out []key.Binding, extra ...key.Binding) []key.Binding {
	w := rootKeysW
	for _, b := range out {
		w += ansi.StringWidth(b.Help().Key+" "+b.Help().Desc) + 3
	}
	for _, b := range extra {
		w += ansi.StringWidth(b.Help().Key+" "+b.Help().Desc) + 3
		if w > m.w {
			break
		}
		out = append(out, b)
	}
	return out
}

// envKeys is the key that reaches the environment pane from the tab shown,
// for hints ("E, then l"): E, except on the works tab, where E exports and
// tab (the pane after the record's) gets there.
func (m *Model) envKeys() string {
	if m.cur != nil && m.cur.tab == tabWorks {
		return "tab"
	}
	return "E"
}
