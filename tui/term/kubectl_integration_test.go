package term

import (
	"context"
	"os/exec"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubetutor/internal/testenv"
)

// TestIntegrationKubectlEdit: kubectl edit against the test control plane, vim as the
// editor, in tmux and in the pane: the same screen once the editor opens, and the edit
// made in the pane reaches the API server.
func TestIntegrationKubectlEdit(t *testing.T) {
	for _, tool := range []string{"kubectl", "vim", "tmux"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	env := testenv.Start(t, testenv.Options{})
	ctx := context.Background()
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "demo", Namespace: "default"},
		Data: map[string]string{"colour": "bleu", "label": "« nœud » 日本"}}
	if _, err := env.Client.CoreV1().ConfigMaps("default").Create(ctx, cm, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	editor := `vim -Nu NONE -i NONE -n --cmd "set t_RB= t_RF= bg=dark" -c "syntax on"`
	tw := startTwin(t, 100, 30, "KUBECONFIG="+env.Kubeconfig+" EDITOR='"+editor+"' kubectl edit configmap demo; echo kubectl done; sleep 600")
	plain, pane := tw.settle("colour: bleu")
	tw.same("kubectl edit, the editor open", plain.blankRows("kubectl-edit-"), pane.blankRows("kubectl-edit-"))
	tw.send("/bleu", "Enter", "c", "w", "vert", "Escape")
	plain, pane = tw.settle("colour: vert")
	tw.same("kubectl edit, a word changed", plain.blankRows("kubectl-edit-"), pane.blankRows("kubectl-edit-"))
	// Only the pane's edit is saved (the other one would conflict with it).
	if _, err := tw.plain.Tmux("send-keys", "-t", "kt", ":q!", "Enter"); err != nil {
		t.Fatal(err)
	}
	if _, err := tw.pane.Tmux("send-keys", "-t", "kt", ":wq", "Enter"); err != nil {
		t.Fatal(err)
	}
	tw.pane.WaitText("kubectl done")
	if scr := tw.pane.Screen(); !strings.Contains(scr, "configmap/demo edited") {
		t.Fatalf("kubectl did not save the edit:\n%s", scr)
	}
	got, err := env.Client.CoreV1().ConfigMaps("default").Get(ctx, "demo", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Data["colour"] != "vert" {
		t.Fatalf("the API server has colour %q after the edit in the pane", got.Data["colour"])
	}
}
