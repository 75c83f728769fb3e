package shell_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"kubetutor/assets"
	"kubetutor/labs"
	"kubetutor/labs/shell"
)

// heredoc matches a here-document's start; its body is data, not commands.
var heredoc = regexp.MustCompile(`<<-?\s*'?"?(\w+)`)

// substitution matches $(…) without nesting: its content is a command too.
var substitution = regexp.MustCompile(`\$\(([^()]*)\)`)

// commandNames returns the names of the commands a solution line runs.
func commandNames(line string) []string {
	if loc := heredoc.FindStringIndex(line); loc != nil {
		if nl := strings.IndexByte(line[loc[1]:], '\n'); nl >= 0 {
			line = line[:loc[1]+nl]
		}
	}
	var names []string
	for _, m := range substitution.FindAllStringSubmatch(line, -1) {
		names = append(names, commandNames(m[1])...)
	}
	for _, argv := range shell.Split(line) {
		for len(argv) > 0 && strings.Contains(argv[0], "=") && !strings.HasPrefix(argv[0], "=") {
			argv = argv[1:] // VAR=value before the command
		}
		if len(argv) > 0 {
			names = append(names, argv[0])
		}
	}
	return names
}

// Every command of every lab's solution resolves in the lab shell's environment (its rc
// file, its PATH with the running tutor on it, its aliases): no « command not found » for
// a student who copies a solution, kubetutor included however the tutor was started.
func TestEverySolutionCommandResolvesInTheLabShell(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed")
	}
	all, err := labs.LoadAll(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	where := map[string][]string{} // command name → the steps that run it
	for _, l := range all {
		for _, s := range l.Steps {
			for _, line := range s.Solution {
				for _, name := range commandNames(line) {
					where[name] = append(where[name], l.ID+"/"+s.ID)
				}
			}
		}
	}
	if len(where["kubetutor"]) == 0 || len(where["kubectl"]) == 0 {
		t.Fatalf("the solutions name neither kubetutor nor kubectl: %v", where)
	}
	home := t.TempDir()
	tutor := filepath.Join(home, "elsewhere", "kubetutor-built")
	os.MkdirAll(filepath.Dir(tutor), 0o755)
	os.WriteFile(tutor, []byte("#!/bin/sh\n"), 0o755)
	env := shell.Env{Dir: filepath.Join(home, "shell"), Kubeconfig: filepath.Join(home, "kubeconfig"), Tutor: tutor}
	cmd, err := env.Command() // writes the rc file and links the tutor
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(where))
	for n := range where {
		names = append(names, n)
	}
	sort.Strings(names)
	script := "shopt -s expand_aliases; . " + filepath.Join(env.Dir, shell.RCFileName) + " 2>/dev/null\n"
	for _, n := range names {
		script += "type -t -- '" + n + "' >/dev/null 2>&1 || echo \"missing " + n + "\"\n"
	}
	probe := exec.Command(bash, "--norc", "-c", script)
	probe.Env = append(cmd.Env, "PATH=/usr/local/bin:/usr/bin:/bin", "HOME="+home)
	out, err := probe.CombinedOutput()
	if err != nil {
		t.Fatalf("probe: %v\n%s", err, out)
	}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		name, ok := strings.CutPrefix(l, "missing ")
		if !ok {
			continue
		}
		if _, err := exec.LookPath(name); err != nil && name != "kubetutor" {
			// Not installed on this machine at all (docker on a machine without it):
			// the lab shell did not lose it.
			t.Logf("%s is not installed here (used by %v)", name, where[name])
			continue
		}
		t.Errorf("« %s » is not found in the lab shell (used by %v)", name, where[name])
	}
}

func TestCommandNames(t *testing.T) {
	for line, want := range map[string]string{
		"kubetutor lab file metrics metrics-server.yaml | kubectl apply -f -": "kubetutor kubectl",
		"sleep 60; kubectl get cm x":                                          "sleep kubectl",
		"kubectl exec etcd -- etcdutl snapshot status /x/etcd-$(date +%F).db": "date kubectl",
		"kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: X\nEOF\n":          "kubectl",
		"A=1 k get nodes --no-headers | wc -l":                                "k wc",
	} {
		if got := strings.Join(commandNames(line), " "); got != want {
			t.Errorf("commandNames(%q) = %q, want %q", line, got, want)
		}
	}
}
