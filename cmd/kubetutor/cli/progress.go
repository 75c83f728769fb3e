package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os/user"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"kubetutor/i18n"
	"kubetutor/labs/catalog"
	"kubetutor/lessons"
)

type progressOptions struct {
	json, csv bool
	now       func() time.Time
}

func newProgressCommand(deps *Deps) *cobra.Command {
	opts := &progressOptions{now: time.Now}
	cmd := &cobra.Command{
		Use:   "progress",
		Short: deps.Tr.T("progress.short"),
		Long:  deps.Tr.T("progress.long"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runProgress(deps, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.json, "json", false, deps.Tr.T("progress.flag.json"))
	cmd.Flags().BoolVar(&opts.csv, "csv", false, deps.Tr.T("progress.flag.csv"))
	cmd.AddCommand(newProgressResetCommand(deps))
	return cmd
}

// runProgress prints the student's progress: a summary, or an export as JSON or CSV.
func runProgress(deps *Deps, opts *progressOptions) error {
	if opts.json && opts.csv {
		return i18n.UsageErr(nil, "progress.flags.exclusive")
	}
	store, err := openStore(deps)
	if err != nil {
		return err
	}
	doc, err := store.Load()
	if err != nil {
		return i18n.FailErr(err, "progress.unavailable", "Path", store.Path())
	}
	course := loadCourseQuietly(deps)
	r := buildReport(doc, course, labSteps(deps), studentName(deps.Getenv), opts.now())
	switch {
	case opts.json:
		enc := json.NewEncoder(deps.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	case opts.csv:
		return writeCSV(deps, r)
	}
	printSummary(deps, r)
	return nil
}

// loadCourseQuietly loads the course for titles and section order; progress is still
// shown without it.
func loadCourseQuietly(deps *Deps) *lessons.Course {
	fsys, err := deps.Content()
	if err != nil {
		return nil
	}
	course, err := lessons.Load(fsys, deps.CourseDir)
	if err != nil {
		deps.Log.Warn("course unreadable for progress", "err", err)
		return nil
	}
	return course
}

func printSummary(deps *Deps, r progressReport) {
	tr, out := deps.Tr, deps.Out
	empty := len(r.Labs) == 0
	for _, ch := range r.Chapters {
		if len(ch.SectionsRead) > 0 || len(ch.Attempts) > 0 {
			empty = false
		}
	}
	if empty {
		fmt.Fprintln(out, tr.T("progress.empty"))
		return
	}
	for _, ch := range r.Chapters {
		fmt.Fprintln(out, tr.T("progress.chapter", map[string]any{"ID": ch.ID, "Title": ch.Title}))
		fmt.Fprintln(out, "  "+tr.T("progress.reading", map[string]any{"Read": ch.Read, "Total": ch.SectionsTotal}))
		if ch.Position != "" {
			fmt.Fprintln(out, "  "+tr.T("progress.position", map[string]any{"Section": ch.Position}))
		}
		if len(ch.Attempts) == 0 {
			fmt.Fprintln(out, "  "+tr.T("progress.quiz.none"))
			continue
		}
		last := ch.Attempts[len(ch.Attempts)-1]
		key := "progress.quiz.attempts"
		if last.Unfinished {
			key = "progress.quiz.attempts.unfinished"
		}
		fmt.Fprintln(out, "  "+tr.N(key, len(ch.Attempts), map[string]any{
			"Score": i18n.Number(last.Score), "Max": i18n.Number(last.Max), "Mode": tr.T(modeKey(last.Mode)),
			"Answered": last.Answered,
		}))
		for _, s := range ch.Sections {
			fmt.Fprintln(out, "    "+tr.T("progress.quiz.section", map[string]any{
				"Section": s.Section, "Points": i18n.Number(s.Points), "Answered": s.Answered, "Percent": i18n.Percent(s.Percent),
			}))
		}
	}
	if len(r.Labs) > 0 {
		fmt.Fprintln(out, tr.T("progress.labs"))
		for _, l := range r.Labs {
			fmt.Fprintln(out, "  "+tr.T("progress.lab", map[string]any{"ID": l.ID, "Passed": l.Passed, "Total": l.Total}))
		}
	}
}

// modeKey returns the catalog key naming a quiz mode.
func modeKey(mode string) string {
	if mode == "exam" {
		return "quiz.mode.exam"
	}
	return "quiz.mode.practice"
}

// fmtPoints writes a score for an export: rounded as screens show it, with a dot.
func fmtPoints(f float64) string { return strconv.FormatFloat(i18n.RoundScore(f), 'f', -1, 64) }

// labSteps returns the step ids of every lab of the content, for counting; progress is
// still shown without them.
func labSteps(deps *Deps) map[string][]string {
	out := map[string][]string{}
	content, err := deps.Content()
	if err != nil {
		return out
	}
	all, err := catalog.LoadAll(content)
	if err != nil {
		deps.Log.Warn("labs unreadable for progress", "err", err)
		return out
	}
	for _, l := range all {
		out[l.ID] = l.Steps
	}
	return out
}

// studentName is the name exports carry in their user column: $USER, else $LOGNAME,
// else the account the process runs as.
func studentName(getenv func(string) string) string {
	for _, v := range []string{"USER", "LOGNAME"} {
		if s := getenv(v); s != "" {
			return s
		}
	}
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return ""
}

// writeCSV writes one row per fact an instructor collects: sections read, quiz attempts,
// quiz scores per section, lab steps. Columns: user, chapter, record, id, mode, score, max,
// date. A section is dated when it was first read, an attempt when it finished; an
// attempt left before its summary is a quiz_attempt_unfinished row dated when it started.
func writeCSV(deps *Deps, r progressReport) error {
	w := csv.NewWriter(deps.Out)
	row := func(chapter, record, id, mode, score, max string, at time.Time) {
		date := ""
		if !at.IsZero() {
			date = at.UTC().Format(time.RFC3339)
		}
		w.Write([]string{r.User, chapter, record, id, mode, score, max, date})
	}
	w.Write([]string{"user", "chapter", "record", "id", "mode", "score", "max", "date"})
	for _, ch := range r.Chapters {
		for _, s := range ch.SectionsRead {
			row(ch.ID, "section_read", s.Section, "", "", "", s.At)
		}
		for _, a := range ch.Attempts {
			if a.Unfinished {
				row(ch.ID, "quiz_attempt_unfinished", a.ID, a.Mode, fmtPoints(a.Score), fmtPoints(a.Max), a.Started)
				continue
			}
			row(ch.ID, "quiz_attempt", a.ID, a.Mode, fmtPoints(a.Score), fmtPoints(a.Max), a.Finished)
		}
		for _, s := range ch.Sections {
			row(ch.ID, "quiz_section", s.Section, "", fmtPoints(s.Points), strconv.Itoa(s.Answered), time.Time{})
		}
	}
	for _, l := range r.Labs {
		for id, st := range l.Steps {
			row("", "lab_step", l.ID+"/"+id, "", st, "", time.Time{})
		}
	}
	w.Flush()
	return w.Error()
}
