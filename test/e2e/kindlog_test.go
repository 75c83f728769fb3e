package e2e

import (
	"fmt"
	"testing"

	"sigs.k8s.io/kind/pkg/log"
)

// testLogger sends kind's progress lines to the test log.
type testLogger struct {
	t *testing.T
	v log.Level
}

func (l testLogger) Warn(m string)                { l.t.Log("WARN: " + m) }
func (l testLogger) Warnf(f string, a ...any)     { l.t.Logf("WARN: "+f, a...) }
func (l testLogger) Error(m string)               { l.t.Log("ERROR: " + m) }
func (l testLogger) Errorf(f string, a ...any)    { l.t.Logf("ERROR: "+f, a...) }
func (l testLogger) V(v log.Level) log.InfoLogger { return testInfo{l.t, v <= l.v} }
func (i testInfo) Info(m string)                  { i.Infof("%s", m) }
func (i testInfo) Enabled() bool                  { return i.on }
func (i testInfo) Infof(f string, a ...any) {
	if i.on {
		i.t.Log(fmt.Sprintf(f, a...))
	}
}

type testInfo struct {
	t  *testing.T
	on bool
}
