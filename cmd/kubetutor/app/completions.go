package app

import (
	"io/fs"
	"path"
	"strings"

	"github.com/spf13/cobra"

	"kubetutor/labs"
)

// addCompletions lets the shell complete what the student types most: chapter ids,
// section ids and numbers, lab ids, step ids and lab files, read from the content
// (the --course directory when given).
func addCompletions(root *cobra.Command, deps *Deps) {
	find := func(path ...string) *cobra.Command {
		c, _, err := root.Find(path)
		if err != nil || c == root {
			return nil
		}
		return c
	}
	for _, name := range []string{"read", "quiz"} {
		if c := find(name); c != nil {
			c.ValidArgsFunction = func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
				if len(args) > 0 {
					return nil, cobra.ShellCompDirectiveNoFileComp
				}
				return chapterIDs(deps), cobra.ShellCompDirectiveNoFileComp
			}
			_ = c.RegisterFlagCompletionFunc("section", func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
				chapter := ""
				if len(args) > 0 {
					chapter = args[0]
				}
				return sectionIDs(deps, chapter), cobra.ShellCompDirectiveNoFileComp
			})
		}
	}
	if c := find("progress", "reset"); c != nil {
		_ = c.RegisterFlagCompletionFunc("chapter", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return chapterIDs(deps), cobra.ShellCompDirectiveNoFileComp
		})
	}
	labArg := func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return labIDs(deps), cobra.ShellCompDirectiveNoFileComp
	}
	for _, name := range []string{"open", "check"} {
		if c := find("lab", name); c != nil {
			c.ValidArgsFunction = labArg
		}
	}
	if c := find("lab", "check"); c != nil {
		_ = c.RegisterFlagCompletionFunc("step", func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) == 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return stepIDs(deps, args[0]), cobra.ShellCompDirectiveNoFileComp
		})
	}
	if c := find("lab", "file"); c != nil {
		c.ValidArgsFunction = func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			switch len(args) {
			case 0:
				return labIDs(deps), cobra.ShellCompDirectiveNoFileComp
			case 1:
				return labFiles(deps, args[0]), cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
	}
}

// chapterIDs lists the course's chapter ids, with their titles as descriptions.
func chapterIDs(deps *Deps) []string {
	course, err := loadCourse(deps)
	if err != nil {
		return nil
	}
	var out []string
	for _, ch := range course.Chapters {
		out = append(out, ch.ID+"\t"+ch.Title)
	}
	return out
}

// sectionIDs lists a chapter's section numbers and ids (the first chapter when chapter
// is empty), described by their titles.
func sectionIDs(deps *Deps, chapter string) []string {
	course, err := loadCourse(deps)
	if err != nil || len(course.Chapters) == 0 {
		return nil
	}
	ch := course.Chapters[0]
	if chapter != "" {
		if ch, err = course.Chapter(chapter); err != nil {
			return nil
		}
	}
	var out []string
	for _, s := range ch.All() {
		out = append(out, s.ID+"\t"+s.Label())
		if s.Number != "" {
			out = append(out, s.Number+"\t"+s.Label())
		}
	}
	return out
}

// labIDs lists the content's labs, described by their titles.
func labIDs(deps *Deps) []string {
	all := contentLabs(deps)
	out := make([]string, 0, len(all))
	for _, l := range all {
		out = append(out, l.ID+"\t"+l.Title.In(deps.Tr.Lang()))
	}
	return out
}

// stepIDs lists a lab's step ids.
func stepIDs(deps *Deps, lab string) []string {
	for _, l := range contentLabs(deps) {
		if l.ID == lab {
			out := make([]string, 0, len(l.Steps))
			for _, s := range l.Steps {
				out = append(out, s.ID)
			}
			return out
		}
	}
	return nil
}

// labFiles lists the files shipped with a lab (what kubetutor lab file prints).
func labFiles(deps *Deps, lab string) []string {
	content, err := deps.Content()
	if err != nil {
		return nil
	}
	var out []string
	dir := path.Join(labs.Root, lab)
	_ = fs.WalkDir(content, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Base(p) == labs.FileName {
			return nil
		}
		out = append(out, strings.TrimPrefix(p, dir+"/"))
		return nil
	})
	return out
}

// contentLabs loads the content's labs, none when they do not load.
func contentLabs(deps *Deps) []*labs.Lab {
	content, err := deps.Content()
	if err != nil {
		return nil
	}
	all, _ := labs.LoadAll(content)
	return all
}
