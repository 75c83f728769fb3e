package cli

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
)

// heavyCommand is a command only the full binary builds. The light binary lists it in
// its help with the same short text and hands over to the full binary to run it.
type heavyCommand struct {
	path   string // « cluster », « lab check »
	use    string // as the full command spells it (name and arguments)
	short  string // its catalog key
	hidden bool
}

// heavy is every command of the full binary that the light one does not run itself.
// TestLightTreeListsTheFullTree (package app) keeps it equal to the full tree.
var heavy = []heavyCommand{
	{path: "cluster", use: "cluster", short: "cluster.short"},
	{path: "doctor", use: "doctor", short: "doctor.short"},
	{path: "images", use: "images", short: "images.short"},
	{path: "map", use: "map", short: "map.cmd.short"},
	{path: "workshop", use: "workshop", short: "workshop.short"},
	{path: "kit", use: "kit", short: "kit.short"},
	{path: "validate", use: "validate [DIR]", short: "validate.short"},
	{path: "gendocs", use: "gendocs DIR", short: "release.gendocs.short", hidden: true},
	{path: "lab check", use: "check LAB", short: "labs.check.short"},
	{path: "lab open", use: "open LAB", short: "labscreen.open.short"},
	{path: "lab file", use: "file LAB FILE", short: "labfile.short"},
	{path: "lab reset", use: "reset LAB", short: "labs.reset.short"},
}

// builders are the full binary's constructors of the heavy commands, by path.
var builders = map[string]func(*Deps) *cobra.Command{}

// Register gives the command tree the full binary's constructor of the heavy command
// at path (« cluster », « lab check »). The full binary registers every heavy command;
// the light one registers none and hands over.
func Register(path string, build func(*Deps) *cobra.Command) { builders[path] = build }

// IsFull says whether this binary is the full one (it registered the heavy commands).
func IsFull() bool { return len(builders) > 0 }

// heavyCommands returns the commands of heavy under parent (« » for the root, « lab »):
// the full binary's own, else stubs that hand over.
func heavyCommands(deps *Deps, parent string) []*cobra.Command {
	var out []*cobra.Command
	for _, h := range heavy {
		dir, _ := splitPath(h.path)
		if dir != parent {
			continue
		}
		if build, ok := builders[h.path]; ok && !deps.light {
			out = append(out, build(deps))
			continue
		}
		out = append(out, &cobra.Command{
			Use:                h.use,
			Short:              deps.Tr.T(h.short),
			Hidden:             h.hidden,
			DisableFlagParsing: true,
			RunE: func(cmd *cobra.Command, args []string) error {
				return handOver(deps.Getenv, deps.args)
			},
		})
	}
	return out
}

// splitPath splits « lab check » into « lab » and « check », « cluster » into « » and
// « cluster ».
func splitPath(p string) (dir, name string) {
	if i := strings.LastIndexByte(p, ' '); i >= 0 {
		return p[:i], p[i+1:]
	}
	return "", p
}

// globalValueFlags are the root's flags that take a separate value (--lang en).
var globalValueFlags = map[string]bool{"--lang": true, "--course": true, "--style": true}

// NeedsFull says whether args name a command only the full binary runs: a heavy command
// (or help about one, or its shell completion), so the light binary hands over before it
// builds its own command tree.
func NeedsFull(args []string) bool {
	words := positional(args)
	if len(words) == 0 {
		return false
	}
	switch words[0] {
	case "__complete", "__completeNoDesc":
		return true // the full tree completes every command
	case "help":
		words = words[1:]
	}
	if len(words) == 0 {
		return false
	}
	for _, h := range heavy {
		p := strings.Fields(h.path)
		if len(words) >= len(p) && strings.Join(words[:len(p)], " ") == h.path {
			return true
		}
	}
	return false
}

// positional returns the words of args that are not flags or flag values, up to « -- ».
func positional(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return out
		case globalValueFlags[a]:
			i++
		case strings.HasPrefix(a, "-"):
		default:
			out = append(out, a)
		}
	}
	return out
}

// SeatFile is the file that says the student joined a workshop class (the workshop
// client's seat, workshop/client.SaveSeat). While it exists the light binary hands
// everything over, so progress reaches the class as the full binary reports it.
func SeatFile(stateDir string) string { return filepath.Join(stateDir, "workshop", "seat.json") }

// inClass says whether the student joined a class.
func inClass(stateDir string) bool {
	_, err := os.Stat(SeatFile(stateDir))
	return err == nil
}
