# Workshop mode: the load and fault test of the class server (loopback only, bounded):
# simulated students through the real client code, a SIGKILL of the server mid-run and
# clients that lose the network. WORKSHOP_LOAD passes other figures (see its -help).
BENCH_TARGETS += bench-workshop
WORKSHOP_LOAD ?= -students 60 -rate 10 -duration 60s -kill-at 20s -drop-at 10s,35s -drop-for 20s
.PHONY: bench-workshop
bench-workshop: build
	$(GO) run ./bench/workshopload -bin $(CURDIR)/$(BIN) $(WORKSHOP_LOAD)

# The projector page in a real browser: Debian's chromium, installed when missing; the
# screenshot goes to bin/artifacts/projector.png.
.PHONY: test-projector
test-projector:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y --no-install-recommends chromium)
	mkdir -p bin/artifacts
	WORKSHOP_ARTIFACTS=$(CURDIR)/bin/artifacts $(GO) test -count=1 -run 'TestProjector' -v ./workshop/server/
