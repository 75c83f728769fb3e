package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"kubetutor/i18n"
	"kubetutor/labs/cluster"
)

type imagesOptions struct {
	name  string
	image string
}

func newImagesCommand(deps *Deps) *cobra.Command {
	o := &imagesOptions{}
	cmd := &cobra.Command{
		Use:   "images",
		Short: deps.Tr.T("images.short"),
		Long:  deps.Tr.T("images.long"),
		Args:  cobra.NoArgs,
	}
	cmd.PersistentFlags().StringVar(&o.name, "name", tutorCluster(deps), deps.Tr.T("cluster.flag.name"))
	fileArg := func(cmd *cobra.Command, args []string) error {
		if len(args) != 1 {
			return i18n.UsageErr(nil, "images.file", "Cmd", cmd.CommandPath())
		}
		return nil
	}
	save := &cobra.Command{
		Use:   "save FILE",
		Short: deps.Tr.T("images.save.short"),
		Args:  fileArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := interruptible(cmd.Context())
			defer stop()
			return runImagesSave(ctx, deps, newClusterManager(deps, o.name), args[0], o.image)
		},
	}
	save.Flags().StringVar(&o.image, "image", "", deps.Tr.T("cluster.up.flag.image", map[string]any{"Version": cluster.KindVersion()}))
	load := &cobra.Command{
		Use:   "load FILE",
		Short: deps.Tr.T("images.load.short"),
		Args:  fileArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := interruptible(cmd.Context())
			defer stop()
			return runImagesLoad(ctx, deps, newClusterManager(deps, o.name), args[0])
		},
	}
	cmd.AddCommand(save, load)
	return cmd
}

// runImagesSave writes the node image and the labs' pinned images to one archive.
func runImagesSave(ctx context.Context, deps *Deps, m *cluster.Manager, file, image string) error {
	root, err := deps.Content()
	if err != nil {
		return err
	}
	pinned, err := cluster.LoadPinnedImages(root)
	if err != nil {
		return i18n.FailErr(err, "images.pinned.invalid", "Err", err.Error())
	}
	if _, err := m.Preflight(ctx); err != nil {
		return clusterError(deps, m, err)
	}
	var labs []string
	for _, p := range pinned {
		labs = append(labs, p.Name)
	}
	pr := newImageProgress(deps)
	err = m.SaveImages(ctx, file, m.NodeImage(ctx, image), labs, pr.show)
	pr.end()
	var missing *cluster.MissingImagesError
	if errors.As(err, &missing) {
		return i18n.FailErr(err, "images.missing", "Runtime", runtimeDisplay(m.Runtime().Name()),
			"Images", strings.Join(missing.Images, ", "))
	}
	if err != nil {
		return clusterError(deps, m, err)
	}
	st, err := os.Stat(file)
	if err != nil {
		return err
	}
	fmt.Fprintln(deps.Out, deps.Tr.T("images.saved", map[string]any{
		"File": file, "Size": i18n.Bytes(st.Size()), "N": len(labs) + 1,
	}))
	return nil
}

// runImagesLoad loads an archive into the engine and, when the cluster exists, its nodes.
func runImagesLoad(ctx context.Context, deps *Deps, m *cluster.Manager, file string) error {
	if _, err := os.Stat(file); err != nil {
		return i18n.UsageErr(err, "images.unreadable", "File", file)
	}
	pr := newImageProgress(deps)
	res, err := m.LoadImages(ctx, file, pr.show)
	pr.end()
	switch {
	case errors.Is(err, cluster.ErrNotABundle):
		return i18n.UsageErr(err, "images.notbundle", "File", file)
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, fs.ErrPermission):
		return i18n.UsageErr(err, "images.unreadable", "File", file)
	case err != nil:
		return clusterError(deps, m, err)
	}
	fmt.Fprintln(deps.Out, deps.Tr.T("images.loaded", map[string]any{"N": res.Images, "Runtime": runtimeDisplay(m.Runtime().Name())}))
	if len(res.Nodes) > 0 {
		fmt.Fprintln(deps.Out, deps.Tr.T("images.loaded.nodes", map[string]any{"Nodes": strings.Join(res.Nodes, ", ")}))
	}
	return nil
}

// imageProgress prints bundle progress: rewritten in place on a terminal, one line per
// image otherwise.
type imageProgress struct {
	mu    sync.Mutex
	deps  *Deps
	tty   bool
	index int
	open  bool
}

func newImageProgress(deps *Deps) *imageProgress {
	return &imageProgress{deps: deps, tty: isTerminal(deps.Out)}
}

func (p *imageProgress) show(b cluster.BundleProgress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	line := p.deps.Tr.T("images.progress", map[string]any{
		"Index": b.Index, "Count": b.Count, "Image": b.Image,
		"Done": i18n.Bytes(b.Done), "Total": i18n.Bytes(b.Total),
	})
	if p.tty {
		fmt.Fprint(p.deps.Out, "\r\x1b[2K"+line)
		p.open = true
		return
	}
	if b.Index != p.index {
		p.index = b.Index
		fmt.Fprintln(p.deps.Out, line)
	}
}

func (p *imageProgress) end() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.open {
		fmt.Fprintln(p.deps.Out)
		p.open = false
	}
}
