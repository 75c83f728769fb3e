# The reader's benchmarks: glamour render time of the chapter and time to the first frame
# (go test -bench), and the whole process `kubetutor read --print` against glow rendering
# the same Markdown at the same width, in the same run (bench/reader.sh).
GLOW_VERSION := v2.1.1
GLOW_DIR     := $(CACHE_DIR)/glow-$(GLOW_VERSION)
GLOW         := $(GLOW_DIR)/glow

BENCH_TARGETS += bench-reader
.PHONY: bench-reader bench-tools

bench-reader: build bench-tools $(GLOW)
	$(GO) test -run '^$$' -bench . -benchmem ./tui/render/ ./tui/
	KUBETUTOR_BIN=$(CURDIR)/$(BIN) $(GO) test -run '^$$' -bench FirstFrame -benchtime 20x ./bench/
	KUBETUTOR_BIN=$(CURDIR)/$(BIN) GLOW=$(GLOW) sh bench/reader.sh

# hyperfine from Debian when possible; bench/reader.sh falls back to a timing loop.
bench-tools:
	@command -v hyperfine >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null || true; \
	  fi; }

# glow, for the comparison only. `go install module@version` needs the module's version
# list; when the proxy refuses it, build the same version from a throwaway module.
$(GLOW):
	@mkdir -p $(GLOW_DIR)
	GOBIN=$(GLOW_DIR) $(GO) install github.com/charmbracelet/glow/v2@$(GLOW_VERSION) || { \
	  tmp=$$(mktemp -d) && cd $$tmp && $(GO) mod init glowbuild >/dev/null 2>&1 && \
	  $(GO) mod edit -require=github.com/charmbracelet/glow/v2@$(GLOW_VERSION) && \
	  printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/charmbracelet/glow/v2"\n' > tools.go && \
	  $(GO) mod tidy && GOBIN=$(GLOW_DIR) $(GO) install github.com/charmbracelet/glow/v2; \
	  rc=$$?; rm -rf $$tmp; exit $$rc; }
