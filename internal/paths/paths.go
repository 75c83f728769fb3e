// Package paths resolves where kubetutor keeps its state, cache and logs: the XDG base
// directories, or one tree under $KUBETUTOR_HOME when it is set.
package paths

import (
	"os"
	"path/filepath"

	"github.com/adrg/xdg"
)

// HomeEnv overrides every kubetutor directory with one root.
const HomeEnv = "KUBETUTOR_HOME"

// Dirs are kubetutor's directories. None is created until something writes there.
type Dirs struct {
	State  string // progress, cluster kubeconfigs, logs
	Cache  string // rendered content, downloaded or built artifacts
	Config string // user settings
}

// Resolve returns the directories for the current environment.
func Resolve() Dirs {
	if home := os.Getenv(HomeEnv); home != "" {
		return Under(home)
	}
	xdg.Reload()
	return Dirs{
		State:  filepath.Join(xdg.StateHome, "kubetutor"),
		Cache:  filepath.Join(xdg.CacheHome, "kubetutor"),
		Config: filepath.Join(xdg.ConfigHome, "kubetutor"),
	}
}

// Under returns the directories rooted at home (tests and KUBETUTOR_HOME).
func Under(home string) Dirs {
	return Dirs{
		State:  filepath.Join(home, "state"),
		Cache:  filepath.Join(home, "cache"),
		Config: filepath.Join(home, "config"),
	}
}

// LogFile is the path of kubetutor's log.
func (d Dirs) LogFile() string { return filepath.Join(d.State, "kubetutor.log") }

// ProgressFile is the path of the student's progress document.
func (d Dirs) ProgressFile() string { return filepath.Join(d.State, "progress.json") }

// ClusterDir is where the tutor keeps what belongs to one of its clusters (kubeconfig).
func (d Dirs) ClusterDir(name string) string { return filepath.Join(d.State, "clusters", name) }

// Kubeconfig is the kubeconfig path of the tutor's cluster name. The student's own
// ~/.kube/config is never used for labs.
func (d Dirs) Kubeconfig(name string) string {
	return filepath.Join(d.ClusterDir(name), "kubeconfig")
}

// Shell is where the lab shell keeps its rc file and command history record.
func (d Dirs) Shell() string { return filepath.Join(d.State, "shell") }
