# Start-up of the two binaries (README, « Two binaries »): bench/startup.sh (version,
# read --print, lab list against glow; light against full; the hand-over; sizes) and the
# TUI's first frame. make bench runs both through bench-term and bench-reader; this
# target runs only them.
.PHONY: bench-startup

bench-startup: build bench-tools $(GLOW)
	KUBETUTOR_BIN=$(CURDIR)/$(BIN) GLOW=$(GLOW) sh bench/startup.sh
	KUBETUTOR_BIN=$(CURDIR)/$(BIN) $(GO) test -run '^$$' -bench FirstFrame -benchtime 20x ./bench/
