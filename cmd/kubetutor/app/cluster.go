package app

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"kubetutor/i18n"
	"kubetutor/labs/cluster"
)

// clusterFlags are the flags every cluster command shares.
type clusterFlags struct {
	name string
}

func newClusterCommand(deps *Deps) *cobra.Command {
	f := &clusterFlags{}
	cmd := &cobra.Command{
		Use:   "cluster",
		Short: deps.Tr.T("cluster.short"),
		Long:  deps.Tr.T("cluster.long"),
		Args:  cobra.NoArgs,
	}
	cmd.PersistentFlags().StringVar(&f.name, "name", tutorCluster(deps), deps.Tr.T("cluster.flag.name"))
	cmd.AddCommand(
		newClusterUpCommand(deps, f),
		newClusterDownCommand(deps, f),
		newClusterStatusCommand(deps, f),
		newClusterResetCommand(deps, f),
		newClusterKubeconfigCommand(deps, f),
		newClusterEnvCommand(deps, f),
		newClusterConfigCommand(deps, f),
	)
	return cmd
}

// newClusterManager builds the Manager of the tutor's cluster name, with the engine that
// KIND_EXPERIMENTAL_PROVIDER selects (docker by default).
func newClusterManager(deps *Deps, name string) *cluster.Manager {
	return cluster.New(
		cluster.WithName(name),
		cluster.WithDirs(deps.Dirs),
		cluster.WithLogger(deps.Log),
		cluster.WithEnv(deps.Getenv),
	)
}

// interruptible returns a context cancelled by the first Ctrl-C; a second one ends the
// process at once (the default signal behaviour is restored after the first).
func interruptible(parent context.Context) (context.Context, context.CancelFunc) {
	if parent == nil {
		parent = context.Background()
	}
	ctx, stop := signal.NotifyContext(parent, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	return ctx, stop
}

// runtimeDisplay is the engine's name as students know it.
func runtimeDisplay(name string) string { return cluster.RuntimeDisplay(name) }

// clusterError turns a cluster package error into the error the student reads.
func clusterError(deps *Deps, m *cluster.Manager, err error) error {
	if err == nil {
		return nil
	}
	msg, code := cluster.ErrorMessage(err, m.Name(), deps.Dirs.LogFile())
	return &i18n.Error{Msg: msg, Code: code, Err: err}
}

// confirm asks a yes/no question on deps.Out and reads the answer from deps.In; anything
// but yes (o, oui, y, yes), including no terminal, is no.
func confirm(deps *Deps, question string) bool {
	fmt.Fprint(deps.Out, question)
	line, err := bufio.NewReader(deps.In).ReadString('\n')
	if err != nil && line == "" {
		fmt.Fprintln(deps.Out)
		return false
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "o", "oui", "y", "yes":
		return true
	}
	return false
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// formatSeconds renders a duration in seconds with one decimal, in the student's language.
func formatSeconds(tr *i18n.Translator, d time.Duration) string {
	s := strconv.FormatFloat(d.Seconds(), 'f', 1, 64)
	if tr.Lang() == i18n.FR {
		s = strings.Replace(s, ".", ",", 1)
	}
	return tr.T("cluster.seconds", map[string]any{"S": s})
}

// checklist prints creation events as a checklist with the elapsed time of each step. On a
// terminal a running step is rewritten in place when it ends.
type checklist struct {
	mu      sync.Mutex
	tr      *i18n.Translator
	out     io.Writer
	tty     bool
	header  func()
	started bool
	open    bool
}

func newChecklist(deps *Deps, header func()) *checklist {
	return &checklist{tr: deps.Tr, out: deps.Out, tty: isTerminal(deps.Out), header: header}
}

func (c *checklist) event(e cluster.Event) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e.Step == cluster.StepRestart || e.Step == cluster.StepAPIStarting {
		c.started = true // a stopped or starting cluster: nothing is created
	}
	if !c.started && e.Step != cluster.StepPreflight && e.Phase != cluster.PhaseWarning {
		c.started = true
		if c.header != nil {
			c.endLine()
			c.header()
		}
	}
	label := c.tr.Msg(e.Label())
	switch e.Phase {
	case cluster.PhaseStart:
		c.endLine()
		if c.tty {
			fmt.Fprintf(c.out, "  • %s…", label)
			c.open = true
		} else {
			fmt.Fprintf(c.out, "  • %s…\n", label)
		}
	case cluster.PhaseDone, cluster.PhaseFailed:
		mark := "✓"
		if e.Phase == cluster.PhaseFailed {
			mark = "✗"
		}
		if c.open {
			fmt.Fprint(c.out, "\r\x1b[2K")
			c.open = false
		}
		fmt.Fprintf(c.out, "  %s %s (%s)\n", mark, label, formatSeconds(c.tr, e.Elapsed))
	case cluster.PhaseWarning:
		c.endLine()
		fmt.Fprintln(c.out, c.tr.T("cluster.warning", map[string]any{"Msg": e.Detail}))
	}
}

// endLine ends a step line left open on a terminal.
func (c *checklist) endLine() {
	if c.open {
		fmt.Fprintln(c.out)
		c.open = false
	}
}
