package app

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"kubetutor/i18n"
	"kubetutor/internal/progress"
	"kubetutor/workshop"
	"kubetutor/workshop/server"
)

type exportOptions struct{ json, csv bool }

func newWorkshopExportCommand(deps *Deps) *cobra.Command {
	opts := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export",
		Short: deps.Tr.T("workshop.export.short"),
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, args []string) error { return runExport(deps, opts) },
	}
	cmd.Flags().BoolVar(&opts.json, "json", false, deps.Tr.T("workshop.export.flag.json"))
	cmd.Flags().BoolVar(&opts.csv, "csv", false, deps.Tr.T("workshop.export.flag.csv"))
	return cmd
}

// openClass opens the instructor's class database, which must exist.
func openClass(deps *Deps) (*server.Store, error) {
	path := ClassDB(deps.Dirs.State)
	if _, err := os.Stat(path); err != nil {
		return nil, i18n.UsageErr(err, "workshop.db.none")
	}
	st, err := server.Open(path)
	if err != nil {
		return nil, i18n.FailErr(err, "workshop.db.unavailable", "Path", path)
	}
	return st, nil
}

func runExport(deps *Deps, opts *exportOptions) error {
	if opts.json && opts.csv {
		return i18n.UsageErr(nil, "progress.flags.exclusive")
	}
	st, err := openClass(deps)
	if err != nil {
		return err
	}
	defer st.Close()
	snap, err := st.Snapshot(time.Now())
	if err != nil {
		return i18n.FailErr(err, "workshop.db.unavailable", "Path", st.Path())
	}
	switch {
	case opts.json:
		enc := json.NewEncoder(deps.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(snap)
	case opts.csv:
		return exportCSV(deps, snap)
	}
	for _, s := range snap.Students {
		passed, hints := 0, 0
		for _, c := range s.Cells {
			if c.Status == workshop.StatusPassed || c.Status == workshop.StatusSolvedWithHelp {
				passed++
			}
			hints += c.Hints
		}
		fmt.Fprintln(deps.Out, deps.Tr.T("workshop.export.line", map[string]any{"Name": s.Name, "Passed": passed, "Hints": hints}))
	}
	if len(snap.Students) == 0 {
		fmt.Fprintln(deps.Out, deps.Tr.T("workshop.export.empty"))
	}
	return nil
}

func exportCSV(deps *Deps, snap *workshop.Snapshot) error {
	w := csv.NewWriter(deps.Out)
	w.Write([]string{"student", "column", "status", "reason", "hints", "solution", "score", "max", "changed"})
	for _, s := range snap.Students {
		cols := make([]string, 0, len(s.Cells))
		for c := range s.Cells {
			cols = append(cols, c)
		}
		sort.Strings(cols)
		for _, col := range cols {
			c := s.Cells[col]
			w.Write([]string{s.Name, col, c.Status, c.Reason, strconv.Itoa(c.Hints), strconv.FormatBool(c.Solution),
				strconv.FormatFloat(c.Score, 'f', -1, 64), strconv.FormatFloat(c.Max, 'f', -1, 64), c.Changed.UTC().Format(time.RFC3339)})
		}
	}
	w.Flush()
	return w.Error()
}

func newWorkshopImportCommand(deps *Deps) *cobra.Command {
	return &cobra.Command{
		Use:   "import FICHIER…",
		Short: deps.Tr.T("workshop.import.short"),
		Long:  deps.Tr.T("workshop.import.long"),
		Args:  cobra.MinimumNArgs(1),
		RunE:  func(cmd *cobra.Command, args []string) error { return runImport(deps, args) },
	}
}

// runImport merges « kubetutor progress --json » files, each into the seat named after
// the file (ada.json → « ada »). Every file is read and checked before any is merged.
func runImport(deps *Deps, files []string) error {
	docs := make([]*progress.Document, len(files))
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return i18n.UsageErr(err, "workshop.import.unreadable", "File", f)
		}
		var r progressReport
		dec := json.NewDecoder(strings.NewReader(string(data)))
		if err := dec.Decode(&r); err != nil || r.Exported.IsZero() {
			return i18n.UsageErr(err, "workshop.import.notprogress", "File", f)
		}
		docs[i] = reportDocument(&r)
	}
	st, err := openClass(deps)
	if err != nil {
		return err
	}
	defer st.Close()
	for i, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
		if clean, nerr := workshop.CleanName(name); nerr == nil {
			name = clean
		}
		created, err := st.Import(context.Background(), name, docs[i], time.Now())
		if err != nil {
			return i18n.FailErr(err, "workshop.db.unavailable", "Path", st.Path())
		}
		key := "workshop.import.merged"
		if created {
			key = "workshop.import.created"
		}
		fmt.Fprintln(deps.Out, deps.Tr.T(key, map[string]any{"File": f, "Name": name}))
	}
	return nil
}

// reportDocument turns an exported progress report back into a document: step statuses,
// sections read, the last finished quiz attempt of each chapter.
func reportDocument(r *progressReport) *progress.Document {
	doc := &progress.Document{Schema: progress.Schema}
	for _, l := range r.Labs {
		lab := doc.Lab(l.ID)
		for step, status := range l.Steps {
			lab.Step(step).Status = status
		}
	}
	for _, ch := range r.Chapters {
		c := doc.Chapter(ch.ID)
		for _, s := range ch.SectionsRead {
			at := s.At
			if at.IsZero() {
				at = r.Exported
			}
			c.MarkRead(s.Section, at)
		}
		for _, a := range ch.Attempts {
			c.Quizzes = append(c.Quizzes, progress.QuizAttempt{ID: a.ID, Mode: a.Mode, Section: a.Section, Started: a.Started, Finished: a.Finished, Score: a.Score, Max: a.Max})
		}
	}
	return doc
}
