package app

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/metadata"
	"k8s.io/client-go/tools/clientcmd"

	"kubetutor/i18n"
	"kubetutor/internal/mapstate"
	"kubetutor/labs/shell"
	"kubetutor/tui/archmap"
	"kubetutor/tui/common"
	"kubetutor/tui/render"
)

// mapOptions are the flags of kubetutor map.
type mapOptions struct {
	once          bool
	width, height int
	kubeconfig    string
}

// The frame --once prints when stdout is not a terminal, and how long it waits for the
// cluster's first listing.
const (
	defaultMapWidth  = 120
	defaultMapHeight = 40
	onceWait         = 5 * time.Second
)

func newMapCommand(deps *Deps) *cobra.Command {
	opts := &mapOptions{}
	cmd := &cobra.Command{
		Use:   "map",
		Short: deps.Tr.T("map.cmd.short"),
		Long:  deps.Tr.T("map.cmd.long"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMap(deps, opts)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.once, "once", false, deps.Tr.T("map.flag.once"))
	f.IntVar(&opts.width, "width", 0, deps.Tr.T("map.flag.width"))
	f.IntVar(&opts.height, "height", 0, deps.Tr.T("map.flag.height"))
	f.StringVar(&opts.kubeconfig, "kubeconfig", "", deps.Tr.T("map.flag.kubeconfig"))
	return cmd
}

// runMap opens the TUI on the map, or prints one frame with --once (or when stdout is
// not a terminal).
func runMap(deps *Deps, opts *mapOptions) error {
	if (opts.width != 0 && opts.width < common.MinWidth) || (opts.height != 0 && opts.height < common.MinHeight) {
		return i18n.UsageErr(nil, "map.size.invalid", "Width", opts.width, "Height", opts.height,
			"MinWidth", common.MinWidth, "MinHeight", common.MinHeight)
	}
	src := newMapSource(deps, opts.kubeconfig)
	if opts.kubeconfig != "" {
		// An explicit kubeconfig that cannot be used is an error, not a static map.
		if _, err := clientcmd.BuildConfigFromFlags("", opts.kubeconfig); err != nil {
			return i18n.UsageErr(err, "map.kubeconfig.invalid", "Path", opts.kubeconfig)
		}
	}
	fd, tty := terminal(deps.Out)
	if !opts.once && tty {
		return runTUIOpts(deps, tuiOptions{kubeconfig: opts.kubeconfig, showMap: true})
	}
	w, h := opts.width, opts.height
	if tty {
		if tw, th, err := term.GetSize(fd); err == nil {
			w, h = or0(w, tw), or0(h, th)
		}
	}
	w, h = or0(w, defaultMapWidth), or0(h, defaultMapHeight)
	style, err := parseStyle(deps)
	if err != nil {
		return err
	}
	if style == render.Auto {
		style = render.NoTTY
		if tty {
			style = render.Dark
		}
	}
	course, err := loadCourse(deps)
	if err != nil {
		return err
	}
	c := &common.Common{Width: w, Height: h, Style: style, Styles: common.NewStyles(style), Tr: deps.Tr,
		Keys: common.NewKeyMap(deps.Tr), Log: deps.Log, Course: course}
	return printMapFrame(deps.Out, c, src.Config())
}

// printMapFrame prints one frame of the map: the cluster's state once listed (or after
// onceWait), else the static map. Colors follow the terminal and NO_COLOR.
func printMapFrame(out io.Writer, c *common.Common, cfg archmap.Config) error {
	m := archmap.New(c, cfg)
	state := archmap.StaticState()
	if cfg.Watch != nil {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		w := cfg.Watch(ctx)
		deadline := time.After(onceWait)
	wait:
		for {
			state = w.Snapshot()
			if state.Synced && state.API.Known || state.API.Known && !state.API.Reachable {
				break
			}
			select {
			case <-w.Changed():
			case <-deadline:
				break wait
			}
		}
	}
	frame := archmap.Draw(state, m.DrawOptions(c.Height))
	text := strings.TrimRight(frame.View, "\n") + "\n"
	if !state.Live && cfg.Notice != "" {
		text += "\n" + lipgloss.Wrap(cfg.Notice, c.Width, " ") + "\n"
	}
	cw := colorprofile.NewWriter(out, os.Environ())
	_, err := io.WriteString(cw, text)
	return err
}

func or0(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// mapSource gives the TUI the map of the tutor's cluster (or of --kubeconfig's).
type mapSource struct {
	deps       *Deps
	kubeconfig string
}

func newMapSource(deps *Deps, kubeconfig string) mapSource {
	return mapSource{deps: deps, kubeconfig: kubeconfig}
}

// Config watches the cluster when its kubeconfig exists, else draws the chapter's map.
func (s mapSource) Config() archmap.Config {
	deps := s.deps
	path, name := s.kubeconfig, tutorCluster(deps)
	if path == "" {
		path = deps.Dirs.Kubeconfig(name)
	}
	static := archmap.Config{Notice: deps.Tr.T("map.static.notice")}
	if _, err := os.Stat(path); err != nil {
		return static
	}
	rc, err := clientcmd.BuildConfigFromFlags("", path)
	if err != nil {
		deps.Log.Error("map: kubeconfig", "path", path, "err", err)
		return static
	}
	rc.Timeout = 10 * time.Second
	client, err := kubernetes.NewForConfig(rc)
	if err != nil {
		deps.Log.Error("map: client", "err", err)
		return static
	}
	md, err := metadata.NewForConfig(rc)
	if err != nil {
		deps.Log.Error("map: metadata client", "err", err)
		return static
	}
	if s.kubeconfig != "" {
		if cfg, err := clientcmd.LoadFromFile(path); err == nil && cfg.CurrentContext != "" {
			name = cfg.CurrentContext
		}
	}
	namespaces := labNamespaces(deps)
	return archmap.Config{
		Cluster: name,
		Watch: func(ctx context.Context) *mapstate.Watcher {
			// The grace period is read from the cluster; kubectl shows through the
			// objects' managedFields and the lab shell's own record.
			return mapstate.Watch(ctx, client, mapstate.Options{Namespaces: namespaces, Metadata: md,
				ShellHistory: shell.HistoryFile(deps.Dirs.Shell())})
		},
		Events: func(ctx context.Context, kind, ns, name string) ([]mapstate.Event, error) {
			return mapstate.LastEvents(ctx, client, kind, ns, name, 5)
		},
	}
}

// labNamespaces are the namespaces the labs' checks look at (and default): the map shows
// their pods.
func labNamespaces(deps *Deps) []string {
	seen := map[string]bool{"default": true}
	if all, err := loadLabs(deps); err == nil {
		for _, l := range all {
			for _, s := range l.Steps {
				data, err := json.Marshal(s.Check.Params)
				if err != nil {
					continue
				}
				var p struct {
					Namespace string `json:"namespace"`
				}
				if json.Unmarshal(data, &p) == nil && p.Namespace != "" && p.Namespace != mapstate.SystemNamespace {
					seen[p.Namespace] = true
				}
			}
		}
	}
	out := make([]string, 0, len(seen))
	for ns := range seen {
		out = append(out, ns)
	}
	sort.Strings(out)
	return out
}
