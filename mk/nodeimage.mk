# The kind node image of the end-to-end tests (hack/nodeimage): built offline from
# the Debian mirror apt uses and programs from the Go module proxy, with the
# Kubernetes binaries of the shared test-binaries cache (make testbin nodebins).
# Cached by content: the image tag carries a hash of everything it is made of.
NODEIMAGE_WORK    ?= $(CACHE_DIR)/nodeimage
NODEIMAGE_BINDIR  ?= $(TESTBIN_DIR)
# The engine: hack/dockerd.sh's private dockerd unless DOCKER_HOST is set.
E2E_DOCKER_HOST   ?= $(or $(DOCKER_HOST),$(shell hack/dockerd.sh host))
NODEIMAGE_REF_FILE := $(NODEIMAGE_WORK)/last-image

.PHONY: nodeimage nodeimage-prepare docker-deps dockerd-start dockerd-stop

# docker.io, debootstrap and jq from Debian when missing (root only).
docker-deps:
	@missing=""; for c in dockerd debootstrap jq; do command -v $$c >/dev/null 2>&1 || missing=1; done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io debootstrap jq >/dev/null; \
	  else echo "docker-deps: install docker.io, debootstrap and jq"; exit 1; fi; fi

dockerd-start: docker-deps
	@hack/dockerd.sh start >/dev/null

dockerd-stop:
	@hack/dockerd.sh stop

# Root filesystems and third-party programs: needs no Kubernetes binary.
nodeimage-prepare: dockerd-start
	DOCKER_HOST=$(E2E_DOCKER_HOST) WORK_DIR=$(NODEIMAGE_WORK) hack/nodeimage/build.sh prepare

# The Kubernetes binaries the image needs, unless NODEIMAGE_BINDIR names a directory.
NODEIMAGE_BINS := $(if $(filter command line environment,$(origin NODEIMAGE_BINDIR)),,testbin nodebins)

# The build itself, one shell command: the nodeimage target runs it, and e2e runs it inline
# rather than through $(MAKE), since make runs a recipe line that calls $(MAKE) even
# under make -n.
NODEIMAGE_BUILD = mkdir -p $(NODEIMAGE_WORK) && start=$$(date +%s) && \
	ref=$$(DOCKER_HOST=$(E2E_DOCKER_HOST) WORK_DIR=$(NODEIMAGE_WORK) KUBE_BINDIR=$(NODEIMAGE_BINDIR) \
	  hack/nodeimage/build.sh) && \
	echo "$$ref" > $(NODEIMAGE_REF_FILE) && \
	echo "nodeimage: $$ref ($$(( $$(date +%s) - start )) s)"

nodeimage: dockerd-start $(NODEIMAGE_BINS)
	@$(NODEIMAGE_BUILD)
