// Package cluster runs the tutor's lab cluster with kind used as a library: create, delete,
// status and reset, progress events parsed from kind's log lines, access to the nodes of the
// tutor's own cluster, and the offline image bundle.
//
// The kubeconfig lives in kubetutor's state directory; the student's ~/.kube/config is never
// read nor written. Everything that reaches a container runtime goes through the Provider and
// Runtime interfaces, so unit tests run with fakes.
package cluster
