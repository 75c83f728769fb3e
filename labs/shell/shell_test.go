package shell

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		line string
		want [][]string
	}{
		{"kubectl get nodes", [][]string{{"kubectl", "get", "nodes"}}},
		{`kubectl  -n "kube system" get pods -l 'app=x y'`, [][]string{{"kubectl", "-n", "kube system", "get", "pods", "-l", "app=x y"}}},
		{"kubectl get pods | grep etcd && echo ok; ls", [][]string{{"kubectl", "get", "pods"}, {"grep", "etcd"}, {"echo", "ok"}, {"ls"}}},
		{`echo "a \"b\" \$c" a\ b`, [][]string{{"echo", `a "b" $c`, "a b"}}},
		{"ls # a comment", [][]string{{"ls"}}},
		{"kubectl drain \\\n  kubetutor-worker", [][]string{{"kubectl", "drain", "kubetutor-worker"}}},
		{"", nil},
		{"kubectl get nodes 2>/dev/null", [][]string{{"kubectl", "get", "nodes"}}},
		{"kubectl get nodes > out.txt 2>&1", [][]string{{"kubectl", "get", "nodes"}}},
		{"kubectl top nodes &>/tmp/x; ls", [][]string{{"kubectl", "top", "nodes"}, {"ls"}}},
		{"kubectl apply -f - < pol.yaml", [][]string{{"kubectl", "apply", "-f", "-"}}},
		{"etcdctl snapshot save x.db >&2", [][]string{{"etcdctl", "snapshot", "save", "x.db"}}},
		{"echo a>b c", [][]string{{"echo", "a", "c"}}},
		{`echo "2>x" '>'`, [][]string{{"echo", "2>x", ">"}}},
		{"cat <<EOF", [][]string{{"cat"}}},
	}
	for _, tt := range tests {
		if got := Split(tt.line); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Split(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestCommandsNormalize(t *testing.T) {
	r := Record{Line: "KUBECONFIG=x sudo /usr/bin/kubectl get nodes | k get pods"}
	want := [][]string{{"kubectl", "get", "nodes"}, {"kubectl", "get", "pods"}}
	if got := r.Commands(); !reflect.DeepEqual(got, want) {
		t.Errorf("Commands() = %q, want %q", got, want)
	}
	r = Record{Line: "ignored", Argv: []string{"/bin/etcdctl", "snapshot", "save"}}
	if got := r.Commands(); !reflect.DeepEqual(got, [][]string{{"etcdctl", "snapshot", "save"}}) {
		t.Errorf("Argv not preferred: %q", got)
	}
}

func TestAppendRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shell", HistoryFileName)
	t0 := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	for i, line := range []string{"one", "two", "three"} {
		if err := Append(path, Record{Time: t0.Add(time.Duration(i) * time.Minute), Line: line, Exit: i}); err != nil {
			t.Fatal(err)
		}
	}
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(`{"time":"2026-11-27T10:05:00Z","li` + "\n") // a write cut short
	f.Close()
	got, err := Read(path, t0.Add(30*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Line != "two" || got[1].Exit != 2 {
		t.Errorf("Read = %+v", got)
	}
	if recs, err := Read(filepath.Join(t.TempDir(), "none"), t0); err != nil || recs != nil {
		t.Errorf("missing file: %v %v", recs, err)
	}
}

// bash32Printf makes bash's printf refuse %(…)T as macOS's bash 3.2 does (« invalid format
// character »), so the snippet's fallback runs on this machine's newer bash.
const bash32Printf = `printf() {
  local a
  for a; do [[ $a == *'%('* ]] && { echo "printf: invalid format character" >&2; return 1; }; done
  builtin printf "$@"
}
`

// TestRecordSnippetInBash runs an interactive bash with the snippet and reads back what it
// recorded, with this bash's printf and with one that lacks %(…)T like macOS's bash 3.2.
func TestRecordSnippetInBash(t *testing.T) {
	t.Run("bash", func(t *testing.T) { testRecordSnippet(t, "") })
	t.Run("bash 3.2 printf", func(t *testing.T) { testRecordSnippet(t, bash32Printf) })
}

func testRecordSnippet(t *testing.T, prelude string) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed")
	}
	dir := t.TempDir()
	hist := HistoryFile(filepath.Join(dir, "it's here")) // the snippet makes the directory
	rc := filepath.Join(dir, "rc")
	if err := os.WriteFile(rc, []byte(prelude+RecordSnippet(hist)), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	cmd := exec.Command(bash, "--noprofile", "--rcfile", rc, "-i")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HISTFILE="+filepath.Join(dir, "bash_history"), "PS1=$ ")
	cmd.Stdin = strings.NewReader("true 'a \"quoted\" arg'\n\nfalse\nk version --client 2>/dev/null | cat >/dev/null\nexit\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	recs, err := Read(hist, start)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("got %d records, want 3: %+v", len(recs), recs)
	}
	if recs[0].Line != `true 'a "quoted" arg'` || recs[0].Exit != 0 || recs[0].Cwd != dir {
		t.Errorf("first record %+v", recs[0])
	}
	if recs[1].Line != "false" || recs[1].Exit != 1 {
		t.Errorf("second record %+v", recs[1])
	}
	if got := recs[2].Commands(); len(got) != 2 || got[0][0] != "kubectl" {
		t.Errorf("third record commands %q", got)
	}
}
