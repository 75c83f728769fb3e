package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"k8s.io/client-go/tools/clientcmd"

	"kubetutor/checks"
	"kubetutor/i18n"
	"kubetutor/internal/progress"
	"kubetutor/labs"
	"kubetutor/labs/cluster"
	"kubetutor/labs/shell"
)

// TutorCluster is the default name of the tutor's own cluster, whose kubeconfig lab
// commands use by default.
const TutorCluster = cluster.DefaultName

// ClusterEnv names the tutor's cluster instead of TutorCluster (as KIND_CLUSTER_NAME does
// for kind): the lab commands grade it and reach its nodes, the cluster commands default
// to it.
const ClusterEnv = "KUBETUTOR_CLUSTER"

// tutorCluster is the name of the cluster the tutor's commands use.
func tutorCluster(deps *Deps) string {
	if deps.Getenv != nil {
		if name := deps.Getenv(ClusterEnv); name != "" {
			return name
		}
	}
	return TutorCluster
}

type labCheckOptions struct {
	Lab        string
	Step       string
	Watch      bool
	JSON       bool
	Kubeconfig string
	Answer     string
}

func newLabCheckCommand(deps *Deps) *cobra.Command {
	opts := &labCheckOptions{}
	cmd := labCommand("check LAB", deps.Tr.T("labs.check.short"), deps.Tr.T("labs.check.long"), "labs.check.args",
		func(ctx context.Context, lab string) error {
			opts.Lab = lab
			err := runLabCheck(ctx, deps, opts)
			if e, ok := i18n.AsError(err); opts.JSON && (opts.Watch || !ok || e.Msg.ID != "labs.check.couldnotrun") {
				jsonError(deps, opts.Lab, err) // (a check that could not run is in the steps printed)
			}
			return err
		})
	f := cmd.Flags()
	f.StringVar(&opts.Step, "step", "", deps.Tr.T("labs.flag.step"))
	f.BoolVar(&opts.Watch, "watch", false, deps.Tr.T("labs.flag.watch"))
	f.BoolVar(&opts.JSON, "json", false, deps.Tr.T("labs.flag.json"))
	f.StringVar(&opts.Kubeconfig, "kubeconfig", "", deps.Tr.T("labs.flag.kubeconfig"))
	f.StringVar(&opts.Answer, "answer", "", deps.Tr.T("labs.flag.answer"))
	return cmd
}

// runLabCheck grades a lab's steps without the TUI. Exit: 0 all passed, 1 some failed or
// pending, 2 usage or environment error (a check that could not run included).
func runLabCheck(ctx context.Context, deps *Deps, opts *labCheckOptions) error {
	lab, err := loadLab(deps, opts.Lab)
	if err != nil {
		return err
	}
	steps := lab.Steps
	if opts.Step != "" {
		st := lab.Step(opts.Step)
		if st == nil {
			ids := make([]string, len(lab.Steps))
			for i, s := range lab.Steps {
				ids[i] = s.ID
			}
			return i18n.UsageErr(nil, "labs.step.unknown", "Step", opts.Step, "Lab", lab.ID, "Known", strings.Join(ids, ", "))
		}
		steps = []*labs.Step{st}
	} else if opts.Answer != "" {
		return i18n.UsageErr(nil, "labs.answer.needstep")
	}
	runner, err := newLabRunner(deps, lab, opts.Kubeconfig)
	if err != nil {
		return err
	}
	if opts.Answer != "" {
		if err := runner.SetAnswer(steps[0], opts.Answer); err != nil {
			deps.Log.Warn("answer not recorded", "err", err)
		}
	}
	p := &checkPrinter{deps: deps, json: opts.JSON, lab: lab}
	state := map[string]labs.EventKind{}
	if !opts.Watch {
		var evs []labs.Event
		for _, s := range steps {
			ev := runner.Evaluate(ctx, s)
			state[s.ID] = ev.Kind
			evs = append(evs, ev)
		}
		p.all(evs)
		return checkOutcome(state)
	}
	p.header()
	err = runner.Watch(ctx, labs.WatchOptions{Steps: func() []*labs.Step {
		for _, s := range steps {
			if state[s.ID] != labs.EventPassed {
				return steps
			}
		}
		return nil // every step passed: the watch ends
	}}, func(ev labs.Event) {
		state[ev.Step] = ev.Kind
		p.event(ev)
	})
	if err != nil && !errors.Is(err, context.Canceled) {
		return i18n.UsageErr(err, "labs.check.failed")
	}
	return checkOutcome(state)
}

// checkOutcome maps the steps' last states to the command's result.
func checkOutcome(state map[string]labs.EventKind) error {
	failing := false
	for _, k := range state {
		if k == labs.EventError {
			return i18n.UsageErr(nil, "labs.check.couldnotrun")
		}
		if k != labs.EventPassed {
			failing = true
		}
	}
	if failing {
		return errSilent
	}
	return nil
}

// newLabRunner connects to the lab cluster (the tutor's own unless kubeconfig is given)
// and returns a runner recording into the student's progress.
func newLabRunner(deps *Deps, lab *labs.Lab, kubeconfig string) (*labs.Runner, error) {
	explicit := kubeconfig != ""
	if !explicit {
		kubeconfig = deps.Dirs.Kubeconfig(tutorCluster(deps))
	}
	if _, err := os.Stat(kubeconfig); err != nil {
		if explicit {
			return nil, i18n.UsageErr(err, "labs.kubeconfig.unreadable", "Path", kubeconfig)
		}
		return nil, i18n.UsageErr(err, "labs.cluster.missing")
	}
	cfg, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return nil, i18n.UsageErr(err, "labs.kubeconfig.unreadable", "Path", kubeconfig)
	}
	cfg.Timeout = 10 * time.Second
	env, err := checks.NewEnv(cfg)
	if err != nil {
		return nil, i18n.UsageErr(err, "labs.kubeconfig.unreadable", "Path", kubeconfig)
	}
	env.ShellHistory = shell.HistoryFile(deps.Dirs.Shell())
	if !explicit { // node access only to the tutor's own cluster
		env.Nodes = newClusterManager(deps, tutorCluster(deps)).Nodes()
	}
	store, err := progress.Open(deps.Dirs.ProgressFile())
	if err != nil {
		deps.Log.Warn("progress unavailable", "err", err)
		store = nil
	}
	return labs.NewRunner(lab, env, store, deps.Log), nil
}

// checkPrinter writes step results as text lines or JSON.
type checkPrinter struct {
	deps *Deps
	json bool
	lab  *labs.Lab
}

// stepJSON is one step's result in --json output.
type stepJSON struct {
	Lab      string    `json:"lab"`
	Step     string    `json:"step"`
	Status   string    `json:"status"`
	Reason   string    `json:"reason,omitempty"`
	Evidence []string  `json:"evidence,omitempty"`
	Error    string    `json:"error,omitempty"`
	At       time.Time `json:"at"`
}

func (p *checkPrinter) toJSON(ev labs.Event) stepJSON {
	tr := p.deps.Tr
	j := stepJSON{Lab: ev.Lab, Step: ev.Step, Status: string(ev.Kind), At: ev.At.UTC()}
	if ev.Err != nil {
		j.Error = ev.Err.Error()
	} else {
		j.Reason = tr.Msg(ev.Result.Reason)
		for _, e := range ev.Result.Evidence {
			j.Evidence = append(j.Evidence, tr.Msg(e))
		}
	}
	return j
}

func (p *checkPrinter) header() {
	if !p.json {
		fmt.Fprintln(p.deps.Out, p.deps.Tr.T("labs.check.header", map[string]any{"ID": p.lab.ID, "Title": p.lab.Title.In(p.deps.Tr.Lang())}))
	}
}

func (p *checkPrinter) all(evs []labs.Event) {
	if p.json {
		out := struct {
			Lab   string     `json:"lab"`
			Steps []stepJSON `json:"steps"`
		}{Lab: p.lab.ID}
		for _, ev := range evs {
			out.Steps = append(out.Steps, p.toJSON(ev))
		}
		enc := json.NewEncoder(p.deps.Out)
		enc.SetIndent("", "  ")
		_ = enc.Encode(out)
		return
	}
	p.header()
	for _, ev := range evs {
		p.event(ev)
	}
}

var statusMarks = map[labs.EventKind]string{labs.EventPassed: "✓", labs.EventFailed: "✗", labs.EventPending: "…", labs.EventError: "!"}

var statusKeys = map[labs.EventKind]string{
	labs.EventPassed:  "labs.status.passed",
	labs.EventFailed:  "labs.status.failed",
	labs.EventPending: "labs.status.pending",
	labs.EventError:   "labs.status.error",
}

func (p *checkPrinter) event(ev labs.Event) {
	if p.json {
		_ = json.NewEncoder(p.deps.Out).Encode(p.toJSON(ev))
		return
	}
	tr := p.deps.Tr
	status := tr.T(statusKeys[ev.Kind])
	detail := ""
	if ev.Err != nil {
		detail = tr.Msg(labs.ErrorDetail(ev.Err))
		p.deps.Log.Warn("lab check: a check could not run", "lab", p.lab.ID, "step", ev.Step, "err", ev.Err)
	} else {
		detail = tr.Msg(ev.Result.Reason)
	}
	fmt.Fprintf(p.deps.Out, "  %s %-*s  %s\n", statusMarks[ev.Kind], p.idWidth(), ev.Step,
		tr.T("labs.check.line", map[string]any{"Status": status, "Detail": detail}))
	for _, e := range ev.Result.Evidence {
		fmt.Fprintf(p.deps.Out, "      %s\n", tr.Msg(e))
	}
	if st := p.lab.Step(ev.Step); st != nil && st.Wait != nil && (ev.Kind == labs.EventFailed || ev.Kind == labs.EventPending) {
		fmt.Fprintf(p.deps.Out, "      %s\n", tr.T("labs.check.wait", map[string]any{
			"After": i18n.Duration(st.Wait.After), "Reason": st.Wait.Reason.In(tr.Lang())}))
	}
}

// idWidth is the width of the step column: the lab's longest step id, so the status
// never runs into it (« componentstatuses en attente »).
func (p *checkPrinter) idWidth() int {
	w := 0
	for _, s := range p.lab.Steps {
		w = max(w, len([]rune(s.ID)))
	}
	return w
}
