// Package e2e holds the end-to-end tests that need a real container engine and
// the kubetutor node image (make e2e). They skip, with the reason, when either
// is absent, so a plain go test ./... stays green everywhere.
package e2e
