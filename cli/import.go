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
	// A work is on the record when one of its own identifiers (DOI, URL,
	// ISBN, ...; relationship self) is, as ORCID groups works, or when its
	// only identifier is the URL of a work there.
	onRecord := map[string]int64{}
	for _, grp := range works.Group {
		for _, s := range grp.WorkSummary {
			if s.URL != nil && s.URL.Value != "" {
				// An entry with only a URL gets it as its own identifier.
				onRecord[idKey("uri", s.URL.Value)] = s.PutCode
			}
			if s.ExternalIDs == nil {
				continue
			}
			for _, x := range s.ExternalIDs.ExternalID {
				if strings.EqualFold(x.Relationship, "self") {
					onRecord[idKey(x.Type, x.Value)] = s.PutCode
				}
			}
		}
	}

	outcomes := make([]importOutcome, len(entries))
	seen := map[string]string{} // identifier -> the entry that had it
	var send []*orcid.WorkDraft
	var sendIndex []int // entry index of each work sent
	for i, e := range entries {
		o := &outcomes[i]
		o.Key = e.Key
		if e.Problem != "" {
			o.Status, o.Reason = "skipped", e.Problem
			continue
		}
		ids := selfIDs(e.Work)
		if id, pc := firstKnown(ids, onRecord); pc != 0 {
			o.Status, o.PutCode = "on-record", pc
			o.Reason = fmt.Sprintf("%s is already on the record (put-code %d)", id, pc)
			continue
		}
		if id, key := firstSeen(ids, seen); key != "" {
			o.Status, o.Reason = "repeated", fmt.Sprintf("same %s as entry %s earlier in the file", id, key)
			continue
		}
		for _, id := range ids {
			seen[id.key] = e.Key
		}
		e.Work.Visibility = f.visibility
		send = append(send, e.Work)
		sendIndex = append(sendIndex, i)
		o.Status = "would-add"
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

// selfID is one identifier of a work's own.
type selfID struct {
	key  string // idKey
	name string // "DOI 10.5555/x" for messages
}

// idKey compares identifiers as ORCID groups them: the type and the value,
// case folded; a DOI in any of its pasted forms.
func idKey(typ, value string) string {
	typ, value = strings.ToLower(strings.TrimSpace(typ)), strings.TrimSpace(value)
	if typ == "doi" {
		if doi, ok := orcid.NormalizeDOI(value); ok {
			value = doi
		}
	}
	return typ + ":" + strings.ToLower(value)
}

func selfIDs(w *orcid.WorkDraft) []selfID {
	var out []selfID
	if w.ExternalIDs == nil {
		return nil
	}
	for _, x := range w.ExternalIDs.ExternalID {
		if x.Relationship == "self" {
			name := strings.ToUpper(x.Type)
			if x.Type == "uri" {
				name = "URL"
			}
			out = append(out, selfID{key: idKey(x.Type, x.Value), name: name + " " + sanitize.Line(x.Value)})
		}
	}
	return out
}

func firstKnown(ids []selfID, known map[string]int64) (string, int64) {
	for _, id := range ids {
		if pc := known[id.key]; pc != 0 {
			return id.name, pc
		}
	}
	return "", 0
}

func firstSeen(ids []selfID, seen map[string]string) (string, string) {
	for _, id := range ids {
		if key := seen[id.key]; key != "" {
			return id.name, key
		}
	}
	return "", ""
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
