package testenv

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ownerFile, in an environment's directory, holds the pid of the test process that made it.
const ownerFile = "owner.pid"

// writeOwner records the current process as the owner of dir.
func writeOwner(dir string) error {
	return os.WriteFile(filepath.Join(dir, ownerFile), []byte(strconv.Itoa(os.Getpid())), 0o644)
}

// removeStale removes the directories that environments of dead test processes left in the
// temporary directory (a test binary killed by a timeout runs no cleanup; its components
// die with it, their files stay). Directories of live processes are left alone.
func removeStale() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), "kubetutor-testenv-*"))
	for _, dir := range dirs {
		data, err := os.ReadFile(filepath.Join(dir, ownerFile))
		if err != nil {
			continue // being created, or not ours
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
		if err != nil || pid == os.Getpid() {
			continue
		}
		if processGone(pid) {
			_ = os.RemoveAll(dir)
		}
	}
}
