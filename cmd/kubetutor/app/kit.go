package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"kubetutor/i18n"
	"kubetutor/internal/buildinfo"
	"kubetutor/internal/kit"
	"kubetutor/labs/cluster"
)

type kitOptions struct {
	name    string
	image   string
	release string
}

func newKitCommand(deps *Deps) *cobra.Command {
	o := &kitOptions{}
	cmd := &cobra.Command{
		Use:   "kit",
		Short: deps.Tr.T("kit.short"),
		Long:  deps.Tr.T("kit.long"),
		Args:  cobra.NoArgs,
	}
	dirArg := func(cmd *cobra.Command, args []string) error {
		if len(args) != 1 {
			return i18n.UsageErr(nil, "kit.dir", "Cmd", cmd.CommandPath())
		}
		return nil
	}
	mk := &cobra.Command{
		Use:   "make DIR",
		Short: deps.Tr.T("kit.make.short"),
		Args:  dirArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := interruptible(cmd.Context())
			defer stop()
			return runKitMake(ctx, deps, newClusterManager(deps, o.name), args[0], o)
		},
	}
	mk.Flags().StringVar(&o.release, "release", "dist", deps.Tr.T("kit.flag.release"))
	mk.Flags().StringVar(&o.image, "image", "", deps.Tr.T("cluster.up.flag.image", map[string]any{"Version": cluster.KindVersion()}))
	mk.Flags().StringVar(&o.name, "name", cluster.DefaultName, deps.Tr.T("cluster.flag.name"))
	check := &cobra.Command{
		Use:   "check DIR",
		Short: deps.Tr.T("kit.check.short"),
		Args:  dirArg,
		RunE:  func(cmd *cobra.Command, args []string) error { return runKitCheck(deps, args[0]) },
	}
	cmd.AddCommand(mk, check)
	return cmd
}

// runKitMake fills dir (new or empty) with the release files, the image bundle, the
// LISEZMOI.txt and SHA256SUMS.
func runKitMake(ctx context.Context, deps *Deps, m *cluster.Manager, dir string, o *kitOptions) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return i18n.UsageErr(nil, "kit.notempty", "Dir", dir)
	}
	files, err := kit.ReleaseFiles(o.release)
	switch {
	case errors.Is(err, kit.ErrNoRelease):
		return i18n.UsageErr(err, "kit.release.missing", "Dir", o.release, "Err", strings.TrimPrefix(err.Error(), kit.ErrNoRelease.Error()+": "))
	case err != nil:
		return i18n.UsageErr(err, "kit.release.unreadable", "Dir", o.release)
	}
	progs, err := kit.ReleasePrograms(o.release, files)
	if err != nil {
		return i18n.UsageErr(err, "kit.release.noprogram", "Dir", o.release, "Err", err.Error())
	}
	if err := kit.CopyRelease(dir, o.release, files); err != nil {
		return i18n.FailErr(err, "kit.write", "Dir", dir)
	}
	images := filepath.Join(dir, filepath.FromSlash(kit.ImagesFile))
	if err := os.MkdirAll(filepath.Dir(images), 0o755); err != nil {
		return i18n.FailErr(err, "kit.write", "Dir", dir)
	}
	if err := runImagesSave(ctx, deps, m, images, o.image); err != nil {
		return err
	}
	fr, en := i18n.New(i18n.FR), i18n.New(i18n.EN)
	data := map[string]any{"Version": buildinfo.Version(), "Images": kit.ImagesFile, "Sums": kit.SumsFile,
		"Programs": kitInstallArgs(progs), "Up": kitClusterUp(ctx, m, o.image)}
	readme := fr.T("kit.readme", data) + "\n\n---- English ----\n\n" + en.T("kit.readme", data) + "\n"
	if err := os.WriteFile(filepath.Join(dir, kit.ReadMe), []byte(readme), 0o644); err != nil {
		return i18n.FailErr(err, "kit.write", "Dir", dir)
	}
	if err := kit.WriteSums(dir); err != nil {
		return i18n.FailErr(err, "kit.write", "Dir", dir)
	}
	fmt.Fprintln(deps.Out, deps.Tr.T("kit.made", map[string]any{"Dir": dir, "Size": i18n.Bytes(dirSize(dir)), "N": len(files)}))
	return nil
}

// kitExtractDir is the directory the LISEZMOI has the student extract an archive into.
const kitExtractDir = "kt"

// kitInstallArgs are the paths, once an archive is extracted into kitExtractDir, of the
// programs to install together.
func kitInstallArgs(progs []string) string {
	args := make([]string, len(progs))
	for i, p := range progs {
		args[i] = kitExtractDir + "/" + p
	}
	return strings.Join(args, " ")
}

// kitClusterUp is the command that creates the cluster from the kit's node image: the
// default one needs no flag, another (given by --image) must be named.
func kitClusterUp(ctx context.Context, m *cluster.Manager, image string) string {
	if image == "" {
		return "kubetutor cluster up"
	}
	return "kubetutor cluster up --image " + m.NodeImage(ctx, image)
}

// dirSize adds up the sizes of dir's regular files.
func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// kitProblemKeys are the catalog keys of each kind of kit problem.
var kitProblemKeys = map[string]string{
	"missing": "kit.problem.missing", "corrupt": "kit.problem.corrupt",
	"unlisted": "kit.problem.unlisted", "required": "kit.problem.required",
}

// runKitCheck verifies a kit offline and lists what is wrong with it.
func runKitCheck(deps *Deps, dir string) error {
	problems, err := kit.Check(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return i18n.UsageErr(err, "kit.nosums", "Dir", dir, "Sums", kit.SumsFile)
	case err != nil:
		return i18n.UsageErr(err, "kit.unreadable", "Dir", dir, "Err", err.Error())
	}
	for _, p := range problems {
		fmt.Fprintln(deps.Out, deps.Tr.T(kitProblemKeys[p.Kind], map[string]any{"File": p.File}))
	}
	if len(problems) > 0 {
		return i18n.FailErr(nil, "kit.check.failed", "Dir", dir, "N", len(problems))
	}
	fmt.Fprintln(deps.Out, deps.Tr.T("kit.check.ok", map[string]any{"Dir": dir}))
	return nil
}
