# The offline kit end to end (test/kit, TestIntegrationOfflineKit): make dist's release (run
# make dist first: it is not rebuilt here, so the Docker lock is not held while it builds), the
# node image on the private engine (hack/dockerd.sh, started and stopped as make e2e does),
# then kit make, the kit's images deleted from the engine, kit check, the programs
# installed from the kit's archive, images load, a cold cluster up and a lab step graded.
# The images are loaded back from the kit at the end. Run it under the Docker lock, as e2e.
KIT_TIMEOUT ?= 30m
KIT_DIST    ?= $(CURDIR)/dist

.PHONY: test-kit

test-kit: docker-deps $(NODEIMAGE_BINS)
	@if hack/dockerd.sh running; then started=""; else started=1; hack/dockerd.sh start >/dev/null; fi; \
	rc=0; \
	( $(NODEIMAGE_BUILD) ) || rc=$$?; \
	if [ $$rc = 0 ]; then \
	  start=$$(date +%s); \
	  DOCKER_HOST=$(E2E_DOCKER_HOST) KUBETUTOR_E2E_IMAGE=$$(cat $(NODEIMAGE_REF_FILE)) \
	    KUBETUTOR_E2E_BINDIR=$(NODEIMAGE_BINDIR) KUBETUTOR_KIT_DIST=$(KIT_DIST) \
	    $(GO) test -count=1 -v -timeout $(KIT_TIMEOUT) -run TestIntegrationOfflineKit ./test/kit/ || rc=$$?; \
	  echo "test-kit: test took $$(( $$(date +%s) - start )) s"; \
	fi; \
	if [ -n "$$started" ]; then hack/dockerd.sh stop; fi; \
	exit $$rc

# Succeeds when make dist's tools (GoReleaser, cyclonedx-gomod) are built already: .ci/run
# runs the release builds then, and leaves them out from nothing (GoReleaser alone takes
# about 25 min to build once).
.PHONY: dist-tools-ready
dist-tools-ready:
	@test -x $(GORELEASER_BIN) && test -x $(CYCLONEDX_BIN)
