package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"

	"kubetutor/labs/cluster"
)

// The tests' clusters have their own names, never the tutor's (cluster.DefaultName): a
// student's or a developer's `kubetutor` cluster, or any other one, is never used nor
// deleted by the tests. TestMain proves it: it lists every kind node container before
// the tests, adds a stand-in `kubetutor` cluster when there is none (a container with
// kind's labels, cheap: it only sleeps), and after the tests fails unless each of them
// is still there, the same container, running as before.

// labsCluster is the cluster the lab tests share: not named kubetutor, so the labs must
// take their node names from it (kind names them e2e-autre-control-plane, -worker…).
const labsCluster = "e2e-autre"

// kindLabel is the label kind puts on the containers of a cluster, valued its name.
const kindLabel = "io.x-k8s.kind.cluster"

func TestMain(m *testing.M) {
	before, standIn, err := guardClusters()
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: pre-existing clusters: %v\n", err)
		os.Exit(1)
	}
	code := m.Run()
	if before != nil {
		if err := checkUntouched(before); err != nil {
			fmt.Fprintf(os.Stderr, "--- FAIL: TestMain (pre-existing clusters untouched): %v\n", err)
			code = 1
		} else {
			fmt.Printf("e2e: %d pre-existing kind containers untouched: %s\n", len(before), strings.Join(sortedNames(before), ", "))
		}
	}
	if standIn != "" {
		_ = exec.Command("docker", "rm", "-f", standIn).Run()
	}
	os.Exit(code)
}

// container is what must not change in a pre-existing node container.
type container struct {
	Name, ID, Started string
	Running           bool
}

// guardClusters lists the kind containers there before the tests, after adding a
// stand-in `kubetutor` cluster when the engine has none. Without an engine or node image
// (no e2e run) it does nothing.
func guardClusters() (map[string]container, string, error) {
	image := os.Getenv("KUBETUTOR_E2E_IMAGE")
	if image == "" || exec.Command("docker", "info").Run() != nil {
		return nil, "", nil
	}
	standIn := ""
	cur, err := kindContainers()
	if err != nil {
		return nil, "", err
	}
	hasTutor := false
	for _, c := range cur {
		hasTutor = hasTutor || strings.HasPrefix(c.Name, cluster.DefaultName+"-control-plane")
	}
	if !hasTutor {
		standIn = cluster.DefaultName + "-control-plane"
		out, err := exec.Command("docker", "run", "-d", "--name", standIn, "--hostname", standIn,
			"--label", kindLabel+"="+cluster.DefaultName, "--label", "io.x-k8s.kind.role=control-plane",
			"--entrypoint", "sleep", image, "infinity").CombinedOutput()
		if err != nil {
			return nil, "", fmt.Errorf("a stand-in %s cluster: %v: %s", cluster.DefaultName, err, out)
		}
		if cur, err = kindContainers(); err != nil {
			return nil, standIn, err
		}
	}
	return cur, standIn, nil
}

// kindContainers lists the engine's kind node containers by name.
func kindContainers() (map[string]container, error) {
	out, err := exec.Command("docker", "ps", "-aq", "--filter", "label="+kindLabel).Output()
	if err != nil {
		return nil, fmt.Errorf("docker ps: %w", err)
	}
	ids := strings.Fields(string(out))
	all := map[string]container{}
	if len(ids) == 0 {
		return all, nil
	}
	out, err = exec.Command("docker", append([]string{"inspect", "-f", "{{.Name}} {{.Id}} {{.State.StartedAt}} {{.State.Running}}"}, ids...)...).Output()
	if err != nil {
		return nil, fmt.Errorf("docker inspect: %w", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) != 4 {
			continue
		}
		c := container{Name: strings.TrimPrefix(f[0], "/"), ID: f[1], Started: f[2], Running: f[3] == "true"}
		all[c.Name] = c
	}
	return all, nil
}

// checkUntouched fails unless every container of before is still there, unchanged.
func checkUntouched(before map[string]container) error {
	now, err := kindContainers()
	if err != nil {
		return err
	}
	var bad []string
	for name, b := range before {
		n, ok := now[name]
		switch {
		case !ok:
			bad = append(bad, name+" was deleted")
		case n.ID != b.ID:
			bad = append(bad, name+" was replaced")
		case n.Started != b.Started || n.Running != b.Running:
			bad = append(bad, fmt.Sprintf("%s was restarted or stopped (started %s → %s, running %v → %v)", name, b.Started, n.Started, b.Running, n.Running))
		}
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		return fmt.Errorf("%s", strings.Join(bad, "; "))
	}
	return nil
}

func sortedNames(m map[string]container) []string {
	var names []string
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// upOwnCluster creates m's cluster for the test and deletes it when the test ends, and
// only then: a cluster of that name that is there already is never used (Up would return
// it as it is) nor deleted.
func upOwnCluster(t *testing.T, ctx context.Context, m *cluster.Manager, o cluster.UpOptions, fn cluster.EventFunc) {
	t.Helper()
	if m.Name() == cluster.DefaultName {
		t.Fatalf("a test cluster named %q, the tutor's own name", m.Name())
	}
	st, err := m.Status(ctx)
	if err != nil {
		t.Fatalf("status of %s: %v", m.Name(), err)
	}
	if st.State != cluster.StateAbsent {
		t.Fatalf("a cluster named %q exists already (%d containers): the tests never use or delete a cluster they did not create", m.Name(), len(st.Nodes))
	}
	out, err := m.Up(ctx, o, fn)
	if out == cluster.Created {
		t.Cleanup(func() {
			if _, err := m.Down(context.Background()); err != nil {
				t.Errorf("down %s: %v", m.Name(), err)
			}
		})
	}
	if err != nil || out != cluster.Created {
		t.Fatalf("Up %s = %v, %v", m.Name(), out, err)
	}
}
