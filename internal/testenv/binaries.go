package testenv

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// BinDirEnv names the directory holding the binaries `make testbin` builds.
const BinDirEnv = "KUBETUTOR_TESTBIN"

// requiredBinaries are what Start runs; etcdctl and etcdutl serve NodeAccess.Exec.
var requiredBinaries = []string{
	"etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubectl", "kwok",
	"etcdctl", "etcdutl",
}

// kwokStages are the kwok stage files copied from the kwok module by `make testbin`.
var kwokStages = []string{"node-fast.yaml", "node-heartbeat.yaml", "pod-fast.yaml"}

// errNoBinaries says the binaries are missing; its text tells how to build them.
var errNoBinaries = errors.New("control-plane binaries are missing: run `make testbin` " +
	"(or point " + BinDirEnv + " at a directory that has them)")

// BinDir returns the directory of the test binaries and checks that every one is there.
// It is $KUBETUTOR_TESTBIN, else the directory `make testbin` builds into, computed as the
// Makefile does from the tools module's versions and go.sum.
func BinDir() (string, error) {
	dir := os.Getenv(BinDirEnv)
	if dir == "" {
		var err error
		if dir, err = defaultBinDir(); err != nil {
			return "", fmt.Errorf("%w (%v)", errNoBinaries, err)
		}
	}
	var missing []string
	for _, b := range requiredBinaries {
		if fi, err := os.Stat(filepath.Join(dir, b)); err != nil || fi.Mode()&0o111 == 0 {
			missing = append(missing, b)
		}
	}
	for _, s := range kwokStages {
		if _, err := os.Stat(filepath.Join(dir, "stages", s)); err != nil {
			missing = append(missing, "stages/"+s)
		}
	}
	if len(missing) > 0 {
		return dir, fmt.Errorf("%w (in %s: no %s)", errNoBinaries, dir, strings.Join(missing, ", "))
	}
	return dir, nil
}

// defaultBinDir mirrors mk/testbin.mk: $(CACHE_DIR)/testbin/<key>, with CACHE_DIR at its
// default and the key made of the pinned versions and a hash of go.mod and go.sum.
func defaultBinDir() (string, error) {
	mod, err := findToolsModule()
	if err != nil {
		return "", err
	}
	gomod, err := os.ReadFile(filepath.Join(mod, "go.mod"))
	if err != nil {
		return "", err
	}
	gosum, err := os.ReadFile(filepath.Join(mod, "go.sum"))
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(append(append([]byte{}, gomod...), gosum...))
	key := fmt.Sprintf("k8s-%s_etcd-%s_kwok-%s_%s",
		moduleVersion(gomod, "k8s.io/kubernetes"), moduleVersion(gomod, "go.etcd.io/etcd/server/v3"),
		moduleVersion(gomod, "sigs.k8s.io/kwok"), hex.EncodeToString(sum[:])[:12])
	cache := os.Getenv("XDG_CACHE_HOME")
	if cache == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		cache = filepath.Join(home, ".cache")
	}
	return filepath.Join(cache, "kubetutor-dev", "testbin", key), nil
}

// moduleVersion returns the word after the first mention of path in a go.mod, as the
// Makefile's awk does.
func moduleVersion(gomod []byte, path string) string {
	for _, line := range strings.Split(string(gomod), "\n") {
		f := strings.Fields(line)
		for i := 0; i+1 < len(f); i++ {
			if f[i] == path {
				return f[i+1]
			}
		}
	}
	return ""
}

// findToolsModule walks up from the working directory (a package dir under test) to the
// repository's tools/testbin.
func findToolsModule() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		mod := filepath.Join(dir, "tools", "testbin")
		if _, err := os.Stat(filepath.Join(mod, "go.mod")); err == nil {
			return mod, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("tools/testbin not found above the working directory")
		}
		dir = parent
	}
}
