# The terminal pane and the lab screen. go test benchmarks: the pane's write path (the
# feeder against x/vt alone, fed the same bytes) and render path, the lab screen's
# frame, the catalogs' load. The whole process, in the same run as a plain tmux pane
# (bench/term_test.go): throughput of `seq 1 1500000` and of a 5 MB kubectl-like YAML
# dump, key to echo (median, p95), CPU idle with the lab screen open for 60 s, resident
# size after 100,000 lines (budget 80 MB). Start-up against glow's (bench/startup.sh).
BENCH_TARGETS += bench-term
.PHONY: bench-term

bench-term: build bench-tools $(GLOW)
	$(GO) test -run '^$$' -bench . -benchmem ./tui/term/ ./tui/lab/ ./i18n/
	KUBETUTOR_BIN=$(CURDIR)/$(BIN) $(GO) test -run '^$$' -bench Term -benchtime 1x -timeout 30m ./bench/
	KUBETUTOR_BIN=$(CURDIR)/$(BIN) GLOW=$(GLOW) sh bench/startup.sh

# What the pane draws against a plain tmux pane, in the same run (tui/term's tmux tests:
# vttest's screens, htop, top, watch, vim, less, Unicode and colours). fidelity-tools
# installs the Debian packages they use (the tests skip, saying so, without them).
FIDELITY_PACKAGES = vttest htop vim less procps
TEST_PREREQS += fidelity-tools
.PHONY: test-fidelity fidelity-tools

fidelity-tools:
	@missing=; for p in vttest htop vim less watch; do command -v $$p >/dev/null 2>&1 || missing=1; done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(FIDELITY_PACKAGES) >/dev/null; \
	  else echo "some of $(FIDELITY_PACKAGES) are missing: the pane's fidelity tests will skip"; fi; fi

test-fidelity: tools fidelity-tools
	$(GO) test -count=1 -run 'TestVttest|TestRecordedPrograms|TestUnicodeAndColours|TestVimYAML|TestLess|TestFidelity|TestRegionScroll' -v ./tui/term/
