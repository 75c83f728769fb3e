package checks

import (
	"context"
	"errors"
	"testing"
)

// TestNoClusterIsAnErrorNotAPanic runs every check that reads the API with an Env that
// has no client, as when the student has not made a cluster yet.
func TestNoClusterIsAnErrorNotAPanic(t *testing.T) {
	params := map[string]string{
		"nodes-ready":    `{}`,
		"node-state":     `{"roles":["worker"],"unschedulable":true}`,
		"pods-running":   `{"namespace":"kube-system","selector":"k8s-app=kube-dns"}`,
		"network-policy": `{"namespace":"prod","name":"allow-web"}`,
	}
	for id, raw := range params {
		t.Run(id, func(t *testing.T) {
			c, _ := Lookup(id)
			p, err := c.DecodeParams([]byte(raw))
			if err != nil {
				t.Fatalf("params: %v", err)
			}
			_, err = c.Run(context.Background(), &Env{}, p)
			if !errors.Is(err, errNoCluster) {
				t.Errorf("Run with no client: err = %v, want errNoCluster", err)
			}
		})
	}
}
