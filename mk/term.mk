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
# vttest's screens, vim, less, Unicode and colours). Installs the Debian packages they use.
.PHONY: test-fidelity
test-fidelity:
	@for p in tmux vttest vim less; do command -v $$p >/dev/null || { apt-get update -qq && apt-get install -y -qq tmux vttest vim less procps; break; }; done
	$(GO) test -count=1 -run 'TestVttest|TestVttestCharacterSets|TestUnicodeAndColours|TestVimYAML|TestLess|TestFidelity|TestRegionScroll' -v ./tui/term/
