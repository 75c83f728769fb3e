package bench

import (
	"bytes"
	"fmt"
)

// kubectlYAML returns about size bytes that look like `kubectl get pods -A -o yaml`:
// nested keys, labels, a long last-applied-configuration annotation (wider than the
// pane, so it wraps), container specs and status conditions. Deterministic.
func kubectlYAML(size int) []byte {
	var b bytes.Buffer
	b.WriteString("apiVersion: v1\nitems:\n")
	namespaces := []string{"default", "kube-system", "local-path-storage", "kubetutor-lab", "monitoring"}
	for i := 0; b.Len() < size; i++ {
		ns := namespaces[i%len(namespaces)]
		name := fmt.Sprintf("web-%d-%05x", i%97, i*7919%0xfffff)
		fmt.Fprintf(&b, `- apiVersion: v1
  kind: Pod
  metadata:
    annotations:
      kubectl.kubernetes.io/last-applied-configuration: |
        {"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"web","tier":"frontend"},"name":"%s","namespace":"%s"},"spec":{"containers":[{"image":"nginx:1.27","name":"web","ports":[{"containerPort":80}]}]}}
    creationTimestamp: "2026-11-%02dT%02d:%02d:%02dZ"
    labels:
      app: web
      pod-template-hash: %05x
      tier: frontend
    name: %s
    namespace: %s
    resourceVersion: "%d"
    uid: %08x-%04x-4%03x-8%03x-%012x
  spec:
    containers:
    - image: nginx:1.27
      imagePullPolicy: IfNotPresent
      name: web
      ports:
      - containerPort: 80
        protocol: TCP
      resources:
        limits:
          cpu: 500m
          memory: 128Mi
        requests:
          cpu: 100m
          memory: 64Mi
      terminationMessagePath: /dev/termination-log
      terminationMessagePolicy: File
      volumeMounts:
      - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
        name: kube-api-access-%05x
        readOnly: true
    dnsPolicy: ClusterFirst
    nodeName: kubetutor-worker%d
    restartPolicy: Always
    schedulerName: default-scheduler
    serviceAccountName: default
  status:
    conditions:
    - lastProbeTime: null
      lastTransitionTime: "2026-11-%02dT%02d:%02d:%02dZ"
      status: "True"
      type: Ready
    hostIP: 172.18.0.%d
    phase: Running
    podIP: 10.244.%d.%d
    qosClass: Burstable
`, name, ns, 1+i%28, i%24, i%60, (i*7)%60, i*31%0xfffff, name, ns, 1000+i*13,
			i*2654435761%0xffffffff, i%0xffff, i%0xfff, (i*3)%0xfff, i*40503%0xffffffffffff, i%0xfffff,
			1+i%3, 1+i%28, i%24, i%60, (i*11)%60, 2+i%3, i%4, 2+i%250)
	}
	b.WriteString("kind: List\nmetadata:\n  resourceVersion: \"\"\n")
	return b.Bytes()
}
