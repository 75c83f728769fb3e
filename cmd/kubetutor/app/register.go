// Package app is the full kubetutor binary (kubetutor-lab): the commands that need the
// lab engine, a cluster, Docker or the class server, registered into the light command
// tree of package cli, and the full-screen tutor with its lab, cluster and map screens.
// The light kubetutor hands over to it (cli/handover.go).
package app

import (
	"io"

	"github.com/spf13/cobra"
	"k8s.io/klog/v2"

	"kubetutor/cmd/kubetutor/cli"
	"kubetutor/labs/catalog"
	"kubetutor/tui/common"
	tuiquiz "kubetutor/tui/quiz"
)

// Deps is what every command needs (cli.Deps).
type Deps = cli.Deps

// What the commands share with the light binary.
var (
	errSilent    = cli.ErrSilent
	loadCourse   = cli.LoadCourse
	parseStyle   = cli.ParseStyle
	needTerminal = cli.NeedTerminal
	openProgress = cli.OpenProgress

	terminal          = cli.Terminal
	loadCourseQuietly = cli.LoadCourseQuietly
)

// progressReport is « kubetutor progress --json »'s document.
type progressReport = cli.ProgressReport

func init() {
	for path, build := range map[string]func(*Deps) *cobra.Command{
		"cluster":   newClusterCommand,
		"doctor":    newDoctorCommand,
		"images":    newImagesCommand,
		"map":       newMapCommand,
		"workshop":  newWorkshopCommand,
		"kit":       newKitCommand,
		"validate":  newValidateCommand,
		"gendocs":   newGendocsCommand,
		"lab check": newLabCheckCommand,
		"lab open":  newLabOpenCommand,
		"lab file":  newLabFileCommand,
		"lab reset": newLabResetCommand,
	} {
		cli.Register(path, build)
	}
	cli.Complete = addCompletions
	cli.TUI = func(deps *Deps, open common.OpenChapterMsg, quiz *tuiquiz.Config) error {
		return runTUIWith(deps, open, quiz)
	}
	cli.LoadLabs = func(deps *Deps) ([]*catalog.Lab, error) {
		all, err := loadLabs(deps)
		if err != nil {
			return nil, err
		}
		out := make([]*catalog.Lab, len(all))
		for i, l := range all {
			out[i] = &catalog.Lab{ID: l.ID, Title: l.Title, Summary: l.Summary, Section: l.Section, Needs: l.Needs, Steps: l.StepIDs()}
		}
		return out, nil
	}
	cli.Start = func(deps *Deps, args []string) func() {
		// client-go and kind log through klog: to the log file, never to the terminal.
		klog.SetSlogLogger(deps.Log)
		seat := startSeat(deps, args)
		if seat != nil {
			deps.Seat = seat
		}
		return seat.stop
	}
}

// Main runs the full binary with os.Args and returns the process exit code.
func Main() int { return cli.Main() }

// Run runs kubetutor with args and the given streams, and returns the exit code.
func Run(args []string, in io.Reader, out, errOut io.Writer) int {
	return cli.Run(args, in, out, errOut)
}

// NewRootCommand builds the whole command tree.
func NewRootCommand(deps *Deps) *cobra.Command { return cli.NewRootCommand(deps) }

// report prints err once and returns its exit code (cli.Report).
func report(deps *Deps, err error) int { return cli.Report(deps, err) }
