package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/orcid-tui/orcid-tui/internal/bibimport"
	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/orcid"
)

const importUsage = "orcid-tui import bibtex FILE [--dry-run] [--visibility V] [--orcid ID] [--output text|json]"

const importHelp = `usage: ` + importUsage + `

Add each entry of a BibTeX file to your ORCID record as a work, 100 works per
request. FILE "-" reads stdin.

Each entry becomes a work: its type from the entry type (article ->
journal-article, inproceedings -> conference-paper, incollection ->
book-chapter, phdthesis -> dissertation-thesis, techreport -> report, ...;
others -> other), title, year and month, journal or booktitle, DOI (the
work's own identifier), ISBN, URL, abstract, language, authors and editors as
contributors, and the entry itself as the work's BibTeX citation. LaTeX
accents become letters.

Entries whose DOI is already on the record (read once before sending), or
repeats a DOI earlier in the file, are skipped and listed. An entry without a
title, or without a DOI, ISBN or URL (ORCID needs an identifier of the work's
own), is skipped with the reason.

flags:
  --dry-run        read the file and the record, say what would be added,
                   send nothing
  --visibility V   public, limited or private for every work (default: the
                   record's default visibility)
  --orcid ID       which signed-in record to write to
  --output FMT     text (default): KEY<TAB>PUT-CODE<TAB>URL per work added;
                   json: one object per entry with its outcome

A summary ends the run on stderr. The exit status is 1 when any entry was
not added for another reason than being on the record already.

` + signInHelp + `
`

// importFlags are import's own flags.
type importFlags struct {
	writeFlags
	dryRun     bool
	visibility string
}

func (c *cli) importCommand(g *globals) *cobra.Command {
	var f importFlags
	cmd := newCommand("import", importUsage, importHelp, func(cmd *cobra.Command, args []string) error {
		return c.importBibTeX(cmd.Context(), g, f, args)
	})
	f.register(cmd, false)
	cmd.Flags().BoolVar(&f.dryRun, "dry-run", false, "send nothing")
	cmd.Flags().StringVar(&f.visibility, "visibility", "", "visibility of every work")
	completeValues(cmd, "visibility", orcid.VisibilityPublic, orcid.VisibilityLimited, orcid.VisibilityPrivate)
	cmd.ValidArgsFunction = func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) == 0 {
			return []cobra.Completion{"bibtex"}, cobra.ShellCompDirectiveNoFileComp
		}
		return []cobra.Completion{"bib"}, cobra.ShellCompDirectiveFilterFileExt
	}
	return cmd
}

// importOutcome is what happened to one entry.
type importOutcome struct {
	Key     string `json:"key"`
	Status  string `json:"status"` // added, on-record, repeated, skipped, failed, would-add
	PutCode int64  `json:"put-code,omitempty"`
	URL     string `json:"url,omitempty"`
	Reason  string `json:"reason,omitempty"`
}

func (c *cli) importBibTeX(ctx context.Context, g *globals, f importFlags, args []string) error {
	switch {
	case len(args) == 0 || !strings.EqualFold(args[0], "bibtex"):
		return usagef(importUsage, "import reads BibTeX: orcid-tui import bibtex FILE")
	case len(args) != 2:
		return usagef(importUsage, "import bibtex needs one FILE (- reads stdin)")
	}
	if err := oneOf(importUsage, "output", f.output, "text", "json"); err != nil {
		return err
	}
	if f.visibility != "" {
		if err := oneOf(importUsage, "visibility", f.visibility, orcid.VisibilityPublic, orcid.VisibilityLimited, orcid.VisibilityPrivate); err != nil {
			return err
		}
	}
	file := args[1]
	var data []byte
	var err error
	if file == "-" {
		data, err = io.ReadAll(io.LimitReader(c.stdin, maxItemFile+1))
	} else {
		data, err = readLimited(file, maxItemFile+1)
	}
	if err != nil {
		return userErrorf("cannot read %s: %v", sanitize.Line(file), unwrapPathError(err))
	}
	if len(data) > maxItemFile {
		return userErrorf("%s is larger than %d MiB", sanitize.Line(file), maxItemFile>>20)
	}
	entries, warnings, err := bibimport.Parse(bytes.NewReader(data))
	if err != nil {
		return userErrorf("%s is not BibTeX this can read: %s", sanitize.Line(file), sanitize.Line(err.Error()))
	}
	for _, w := range warnings {
		c.warn(sanitize.Line(file) + ": " + w)
	}
	if len(entries) == 0 {
		return userErrorf("%s has no BibTeX entries", sanitize.Line(file))
	}

	w, err := c.openWriter(ctx, g, orcid.KindWork, f.orcidID)
	if err != nil {
		return err
	}
	defer w.close()
	// One read of the record's works: the DOIs already there.
	works, err := w.client.Works(ctx, w.id)
	if err != nil {
		return fmt.Errorf("reading the works already on %s: %w", w.id, err)
	}
	onRecord := map[string]int64{}
	for _, grp := range works.Group {
		for _, s := range grp.WorkSummary {
			if doi, ok := orcid.NormalizeDOI(s.DOI()); ok {
				onRecord[strings.ToLower(doi)] = s.PutCode
			}
		}
	}

	outcomes := make([]importOutcome, len(entries))
	seen := map[string]string{}
	var send []*orcid.WorkDraft
	var sendIndex []int // entry index of each work sent
	for i, e := range entries {
		o := &outcomes[i]
		o.Key = e.Key
		doi := strings.ToLower(e.DOI)
		switch {
		case e.Problem != "":
			o.Status, o.Reason = "skipped", e.Problem
		case doi != "" && onRecord[doi] != 0:
			o.Status, o.PutCode = "on-record", onRecord[doi]
			o.Reason = fmt.Sprintf("DOI %s is already on the record (put-code %d)", sanitize.Line(e.DOI), onRecord[doi])
		case doi != "" && seen[doi] != "":
			o.Status, o.Reason = "repeated", fmt.Sprintf("same DOI as entry %s earlier in the file", seen[doi])
		default:
			if doi != "" {
				seen[doi] = e.Key
			}
			e.Work.Visibility = f.visibility
			send = append(send, e.Work)
			sendIndex = append(sendIndex, i)
			o.Status = "would-add"
		}
	}

	var batchErr error
	if !f.dryRun && len(send) > 0 {
		var results []orcid.BulkWorkResult
		results, batchErr = w.client.AddWorks(ctx, w.id, send)
		if results == nil && batchErr != nil {
			return batchErr
		}
		for j, r := range results {
			o := &outcomes[sendIndex[j]]
			if r.Err != nil {
				o.Status, o.Reason = "failed", describeError(ctx, r.Err)
				continue
			}
			o.Status, o.PutCode = "added", r.PutCode
			o.URL = sanitize.Line(w.itemURL(orcid.KindWork, r.PutCode))
		}
	}
	return c.reportImport(w, outcomes, f, batchErr)
}

// reportImport prints each entry's outcome and the summary.
func (c *cli) reportImport(w *writer, outcomes []importOutcome, f importFlags, batchErr error) error {
	counts := map[string]int{}
	for _, o := range outcomes {
		counts[o.Status]++
		switch o.Status {
		case "added":
			if f.output != "json" {
				fmt.Fprintf(c.stdout, "%s\t%d\t%s\n", o.Key, o.PutCode, o.URL)
			}
		case "would-add":
			if f.output != "json" {
				fmt.Fprintf(c.stdout, "%s\twould be added\n", o.Key)
			}
		default:
			fmt.Fprintf(c.stderr, "%s: %s: %s\n", o.Key, map[string]string{"on-record": "skipped", "repeated": "skipped", "skipped": "skipped", "failed": "not added"}[o.Status], o.Reason)
		}
	}
	if f.output == "json" {
		if err := c.writeJSON(outcomes); err != nil {
			return err
		}
	}
	notAdded := counts["skipped"] + counts["repeated"] + counts["failed"]
	if f.dryRun {
		fmt.Fprintf(c.stderr, "dry run: %d of %d entries would be added to %s in %s; %d already on the record, %d skipped\n",
			counts["would-add"], len(outcomes), w.id, w.env, counts["on-record"], notAdded)
	} else {
		fmt.Fprintf(c.stderr, "imported %d of %d entries as works to %s in %s; %d already on the record, %d skipped, %d refused by ORCID\n",
			counts["added"], len(outcomes), w.id, w.env, counts["on-record"], counts["skipped"]+counts["repeated"], counts["failed"])
	}
	if batchErr != nil {
		return batchErr
	}
	if notAdded > 0 {
		return userErrorf("%d of %d entries were not added (see above)", notAdded, len(outcomes))
	}
	return nil
}
