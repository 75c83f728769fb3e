# The lab screen's memory: resident size of the TUI with a lab and its shell open
# (bench/labrss.sh, budget 80 MB), and the terminal pane's render benchmark.
BENCH_TARGETS += bench-term
.PHONY: bench-term

bench-term: build
	$(GO) test -run '^$$' -bench . -benchmem ./tui/term/
	KUBETUTOR_BIN=$(CURDIR)/$(BIN) sh bench/labrss.sh
