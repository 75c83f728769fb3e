package app

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"kubetutor/i18n"
	"kubetutor/internal/buildinfo"
)

// gendocsOptions is what `kubetutor gendocs` writes and with which date.
type gendocsOptions struct {
	dir  string
	date string
}

// newGendocsCommand is the hidden command `make dist` runs to put man pages (French and
// English) and shell completions into the release archives and packages.
func newGendocsCommand(deps *Deps) *cobra.Command {
	o := &gendocsOptions{}
	cmd := &cobra.Command{
		Use:    "gendocs DIR",
		Short:  deps.Tr.T("release.gendocs.short"),
		Hidden: true,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return i18n.UsageErr(nil, "release.gendocs.dir")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = args[0]
			return runGendocs(deps, o)
		},
	}
	cmd.Flags().StringVar(&o.date, "date", "", deps.Tr.T("release.gendocs.flag.date"))
	return cmd
}

// manLayout is where each language's pages go under DIR, as man(1) looks for them under
// a prefix's share/man.
var manLayout = map[i18n.Lang]string{i18n.EN: "man/man1", i18n.FR: "man/fr/man1"}

// frenchSections names the man sections cobra writes in English (SYNOPSIS, DESCRIPTION and
// OPTIONS are the same words in French man pages).
var frenchSections = strings.NewReplacer(
	"\n.SH NAME\n", "\n.SH NOM\n",
	"\n.SH OPTIONS INHERITED FROM PARENT COMMANDS\n", "\n.SH OPTIONS HÉRITÉES\n",
	"\n.SH EXAMPLE\n", "\n.SH EXEMPLES\n",
	"\n.SH SEE ALSO\n", "\n.SH VOIR AUSSI\n",
)

// runGendocs writes DIR/man/man1 (English), DIR/man/fr/man1 (French), gzipped, and
// DIR/completions for bash, zsh and fish.
func runGendocs(deps *Deps, o *gendocsOptions) error {
	date := time.Now().UTC()
	if o.date != "" && o.date != buildinfo.Unknown {
		d, err := time.Parse(time.RFC3339, o.date)
		if err != nil {
			return i18n.UsageErr(err, "release.gendocs.date", "Date", o.date)
		}
		date = d
	}
	for lang, sub := range manLayout {
		ld := *deps
		ld.Tr = i18n.New(lang)
		root := NewRootCommand(&ld)
		if err := writeManTree(root, filepath.Join(o.dir, sub), lang, date); err != nil {
			return i18n.FailErr(err, "release.gendocs.failed", "Dir", o.dir)
		}
	}
	if err := writeCompletions(NewRootCommand(deps), filepath.Join(o.dir, "completions")); err != nil {
		return i18n.FailErr(err, "release.gendocs.failed", "Dir", o.dir)
	}
	fmt.Fprintln(deps.Out, deps.Tr.T("release.gendocs.done", map[string]any{"Dir": o.dir}))
	return nil
}

// writeManTree writes one gzipped page per available command of root.
func writeManTree(root *cobra.Command, dir string, lang i18n.Lang, date time.Time) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	header := &doc.GenManHeader{Section: "1", Date: &date, Source: "kubetutor " + buildinfo.Version(), Manual: "kubetutor"}
	var walk func(c *cobra.Command) error
	walk = func(c *cobra.Command) error {
		for _, sub := range c.Commands() {
			if !sub.IsAvailableCommand() || sub.IsAdditionalHelpTopicCommand() {
				continue
			}
			if err := walk(sub); err != nil {
				return err
			}
		}
		c.DisableAutoGenTag = true
		var page bytes.Buffer
		h := *header
		if err := doc.GenMan(c, &h, &page); err != nil {
			return err
		}
		text := page.String()
		if lang == i18n.FR {
			text = frenchSections.Replace(text)
		}
		name := strings.ReplaceAll(c.CommandPath(), " ", "-") + ".1.gz"
		return writeGzip(filepath.Join(dir, name), []byte(text))
	}
	return walk(root)
}

// writeGzip writes data gzipped with no name nor time in the header, so the same page
// gives the same bytes (reproducible packages).
func writeGzip(path string, data []byte) error {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if _, err := zw.Write(data); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// writeCompletions writes the scripts `kubetutor completion` prints, under the names the
// shells' completion directories expect.
func writeCompletions(root *cobra.Command, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	gens := []struct {
		name string
		gen  func(*bytes.Buffer) error
	}{
		{"kubetutor.bash", func(b *bytes.Buffer) error { return root.GenBashCompletionV2(b, true) }},
		{"_kubetutor", func(b *bytes.Buffer) error { return root.GenZshCompletion(b) }},
		{"kubetutor.fish", func(b *bytes.Buffer) error { return root.GenFishCompletion(b, true) }},
	}
	for _, g := range gens {
		var b bytes.Buffer
		if err := g.gen(&b); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, g.name), b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}
