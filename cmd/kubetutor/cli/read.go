package cli

import (
	"io"
	"os"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"kubetutor/i18n"
	"kubetutor/lessons"
	"kubetutor/tui/common"
	"kubetutor/tui/render"
)

// readOptions are the flags of kubetutor read.
type readOptions struct {
	chapter string
	section string
	width   int
	print   bool
}

// defaultPrintWidth is the width --print uses when stdout is not a terminal.
const defaultPrintWidth = 80

func newReadCommand(deps *Deps) *cobra.Command {
	opts := &readOptions{}
	cmd := &cobra.Command{
		Use:   "read [" + deps.Tr.T("reader.cmd.arg") + "]",
		Short: deps.Tr.T("reader.cmd.short"),
		Long:  deps.Tr.T("reader.cmd.long"),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return i18n.UsageErr(nil, "reader.cmd.args")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.chapter = args[0]
			}
			return runRead(deps, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.section, "section", "", deps.Tr.T("reader.flag.section"))
	f.IntVar(&opts.width, "width", 0, deps.Tr.T("reader.flag.width"))
	f.BoolVar(&opts.print, "print", false, deps.Tr.T("reader.flag.print"))
	return cmd
}

// runRead prints the chapter (or one section) when stdout is not a terminal or with
// --print, and opens the reader on it otherwise.
func runRead(deps *Deps, opts *readOptions) error {
	course, err := LoadCourse(deps)
	if err != nil {
		return err
	}
	if opts.chapter == "" {
		opts.chapter = course.Chapters[0].ID
	}
	ch, err := course.Chapter(opts.chapter)
	if err != nil {
		return err
	}
	var sec *lessons.Section
	if opts.section != "" {
		if sec, err = ch.Find(opts.section); err != nil {
			return err
		}
	}
	if opts.width != 0 && opts.width < render.MinWidth {
		return i18n.UsageErr(nil, "reader.width.invalid", "Width", opts.width, "Min", render.MinWidth)
	}
	style, err := ParseStyle(deps)
	if err != nil {
		return err
	}
	fd, tty := terminal(deps.Out)
	if !opts.print && tty {
		return TUI(deps, common.OpenChapterMsg{Chapter: ch.ID, Section: opts.section}, nil)
	}
	width := opts.width
	if width == 0 {
		width = defaultPrintWidth
		if tty {
			if w, _, err := term.GetSize(fd); err == nil && w > 0 {
				width = w
			}
		}
	}
	style = printStyle(style, tty, deps.Getenv("NO_COLOR") != "")
	var text string
	if sec != nil {
		text, err = render.SectionText(sec, style, width)
	} else {
		text, err = render.ChapterText(ch, style, width)
	}
	if err != nil {
		return i18n.FailErr(err, "reader.render.failed")
	}
	_, err = io.WriteString(deps.Out, text)
	return err
}

// terminal reports whether w is a terminal, and its descriptor.
func terminal(w io.Writer) (uintptr, bool) {
	f, ok := w.(*os.File)
	if !ok {
		return 0, false
	}
	return f.Fd(), term.IsTerminal(f.Fd())
}

// printStyle is the style of a printed chapter: the one --style forces, even through a
// pipe (« --style dark | less -R » keeps the colours); else colours on a terminal, unless
// NO_COLOR is set (no-color.org), and plain text elsewhere.
func printStyle(forced render.Style, tty, noColor bool) render.Style {
	switch {
	case forced != render.Auto:
		return forced
	case tty && !noColor:
		return render.Dark
	}
	return render.NoTTY
}
