# End-to-end tests on real kind clusters (test/e2e): starts the private dockerd
# (hack/dockerd.sh) when it is not running, builds the node image, runs the
# tests, and stops the dockerd only if this target started it. Clusters are
# deleted by the tests; a kind container made during the run and left fails the target
# (those there before, a student's kubetutor cluster, are not counted, nor touched).
E2E_NODES ?= 3
E2E_RUN   ?= .
E2E_TIMEOUT ?= 60m

.PHONY: e2e

# The node image is built inline (NODEIMAGE_BUILD), not by $(MAKE) nodeimage: a recipe line
# that calls $(MAKE) runs even under make -n, and make -n e2e must only print.
e2e: docker-deps $(NODEIMAGE_BINS)
	@if hack/dockerd.sh running; then started=""; else started=1; hack/dockerd.sh start >/dev/null; fi; \
	rc=0; \
	( $(NODEIMAGE_BUILD) ) || rc=$$?; \
	kind_ids='DOCKER_HOST=$(E2E_DOCKER_HOST) docker ps -aq --no-trunc --filter label=io.x-k8s.kind.cluster 2>/dev/null | sort'; \
	before=" $$(eval "$$kind_ids" | tr '\n' ' ') "; \
	if [ $$rc = 0 ]; then \
	  start=$$(date +%s); \
	  DOCKER_HOST=$(E2E_DOCKER_HOST) KUBETUTOR_E2E_IMAGE=$$(cat $(NODEIMAGE_REF_FILE)) KUBETUTOR_E2E_NODES=$(E2E_NODES) KUBETUTOR_E2E_BINDIR=$(NODEIMAGE_BINDIR) \
	    $(GO) test -count=1 -v -timeout $(E2E_TIMEOUT) -run '$(E2E_RUN)' ./test/e2e/... || rc=$$?; \
	  echo "e2e: tests took $$(( $$(date +%s) - start )) s"; \
	fi; \
	left=0; for id in $$(eval "$$kind_ids"); do \
	  case "$$before" in *" $$id "*) ;; *) left=$$((left + 1));; esac; done; \
	if [ "$$left" != 0 ]; then echo "e2e: $$left kind containers left behind"; rc=1; fi; \
	if [ -n "$$started" ]; then hack/dockerd.sh stop; fi; \
	exit $$rc
