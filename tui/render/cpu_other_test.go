//go:build !unix

package render

import "testing"

// reportCPU runs the benchmark body; CPU time is reported on unix only.
func reportCPU(_ *testing.B, body func()) { body() }
