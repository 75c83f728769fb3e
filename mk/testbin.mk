# The test control plane (internal/testenv): etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler, kubectl and kwok, built from the Go module proxy by the tools module in
# tools/testbin (pinned versions, its own go.mod). `make nodebins` adds the node programs a
# kind node image needs. Both go to one cache dir keyed by the versions and the tools module's
# go.sum, so a build happens only when a version changes.
TESTBIN_MOD  := tools/testbin
testbin_version = $(shell awk '{for(i=1;i<NF;i++) if($$i=="$(1)"){print $$(i+1); exit}}' $(TESTBIN_MOD)/go.mod)
TESTBIN_K8S  := $(call testbin_version,k8s.io/kubernetes)
TESTBIN_ETCD := $(call testbin_version,go.etcd.io/etcd/server/v3)
TESTBIN_KWOK := $(call testbin_version,sigs.k8s.io/kwok)
TESTBIN_SUM  := $(shell cat $(TESTBIN_MOD)/go.mod $(TESTBIN_MOD)/go.sum | sha256sum | cut -c1-12)
TESTBIN_KEY  := k8s-$(TESTBIN_K8S)_etcd-$(TESTBIN_ETCD)_kwok-$(TESTBIN_KWOK)_$(TESTBIN_SUM)
TESTBIN_DIR  := $(CACHE_DIR)/testbin/$(TESTBIN_KEY)
# The tests find the binaries through this variable (internal/testenv reads it).
export KUBETUTOR_TESTBIN := $(TESTBIN_DIR)

TESTBIN_K8S_MINOR := $(word 2,$(subst ., ,$(TESTBIN_K8S)))
TESTBIN_LDFLAGS := -s -w \
  -X k8s.io/component-base/version.gitVersion=$(TESTBIN_K8S) \
  -X k8s.io/component-base/version.gitMajor=1 \
  -X k8s.io/component-base/version.gitMinor=$(TESTBIN_K8S_MINOR) \
  -X k8s.io/component-base/version.gitTreeState=clean \
  -X k8s.io/client-go/pkg/version.gitVersion=$(TESTBIN_K8S) \
  -X k8s.io/client-go/pkg/version.gitMajor=1 \
  -X k8s.io/client-go/pkg/version.gitMinor=$(TESTBIN_K8S_MINOR) \
  -X k8s.io/client-go/pkg/version.gitTreeState=clean

# Program name → Go package (in the tools module).
testbin_pkg_etcd                    := ./etcd
testbin_pkg_kube-apiserver          := k8s.io/kubernetes/cmd/kube-apiserver
testbin_pkg_kube-controller-manager := k8s.io/kubernetes/cmd/kube-controller-manager
testbin_pkg_kube-scheduler          := k8s.io/kubernetes/cmd/kube-scheduler
testbin_pkg_kubectl                 := k8s.io/kubernetes/cmd/kubectl
testbin_pkg_kwok                    := sigs.k8s.io/kwok/cmd/kwok
testbin_pkg_kubelet                 := k8s.io/kubernetes/cmd/kubelet
testbin_pkg_kubeadm                 := k8s.io/kubernetes/cmd/kubeadm
testbin_pkg_kube-proxy              := k8s.io/kubernetes/cmd/kube-proxy
testbin_pkg_etcdctl                 := go.etcd.io/etcd/etcdctl/v3
testbin_pkg_etcdutl                 := go.etcd.io/etcd/etcdutl/v3

TESTBIN_PROGS  := etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok etcdctl etcdutl
NODEBINS_PROGS := kubelet kubeadm kube-proxy etcdctl etcdutl
# kwok stages copied out of the kwok module: node/fast, node/heartbeat, pod/fast.
TESTBIN_STAGES := node-fast node-heartbeat pod-fast

TEST_PREREQS += testbin
.PHONY: testbin nodebins testbin-clean

testbin: $(addprefix $(TESTBIN_DIR)/,$(TESTBIN_PROGS)) \
         $(addprefix $(TESTBIN_DIR)/stages/,$(addsuffix .yaml,$(TESTBIN_STAGES)))
	@echo "testbin: ready in $(TESTBIN_DIR)"

nodebins: $(addprefix $(TESTBIN_DIR)/,$(NODEBINS_PROGS))
	@echo "nodebins: ready in $(TESTBIN_DIR)"

# Each program is built to a temporary name and renamed, so an interrupted build never
# leaves a file that looks complete.
$(TESTBIN_DIR)/%:
	@mkdir -p $(TESTBIN_DIR)
	@echo "testbin: building $* ($(or $(testbin_pkg_$*),unknown)), this takes minutes on a cold cache"
	@start=$$(date +%s); \
	cd $(TESTBIN_MOD) && CGO_ENABLED=0 $(GO) build -trimpath -ldflags "$(TESTBIN_LDFLAGS)" \
	  -o $(TESTBIN_DIR)/.$*.tmp $(testbin_pkg_$*) && \
	mv $(TESTBIN_DIR)/.$*.tmp $(TESTBIN_DIR)/$* && \
	echo "testbin: built $* in $$(( $$(date +%s) - start )) s"

$(TESTBIN_DIR)/stages/%.yaml:
	@mkdir -p $(TESTBIN_DIR)/stages
	@dir=$$(cd $(TESTBIN_MOD) && $(GO) list -m -f '{{.Dir}}' sigs.k8s.io/kwok)/kustomize/stage/$(subst -,/,$*) && \
	for f in $$dir/*.yaml; do \
	  case $$f in */kustomization.yaml) continue;; esac; echo "---"; cat $$f; \
	done > $@.tmp && mv $@.tmp $@ && echo "testbin: copied kwok stage $(subst -,/,$*)"

testbin-clean:
	rm -rf $(CACHE_DIR)/testbin
