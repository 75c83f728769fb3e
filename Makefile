# kubetutor — build, run, test. Fragments in mk/ add their own targets and append to
# TEST_PREREQS (built before the tests), TEST_POST (run after them) and BENCH_TARGETS.
GO       ?= go
BIN      := bin/kubetutor
# The full binary, beside the light one: the light kubetutor hands over to it for what
# needs the lab engine, a cluster or Docker (README, « Two binaries »).
LAB_BIN  := bin/kubetutor-lab
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT   ?= $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
# The commit's time, not the build's: two builds of one commit stamp the same date.
DATE     ?= $(shell TZ=UTC0 git log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ 2>/dev/null || echo unknown)
BUILDINFO := kubetutor/internal/buildinfo
LDFLAGS  := -s -w -X $(BUILDINFO).version=$(VERSION) -X $(BUILDINFO).commit=$(COMMIT) -X $(BUILDINFO).date=$(DATE)
# Where expensive builds (the test control plane) are cached across clones and runs.
CACHE_DIR ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/kubetutor-dev

TEST_PREREQS :=
TEST_POST    :=
BENCH_TARGETS :=

.DEFAULT_GOAL := build
.PHONY: build run test lint bench clean tools

include $(sort $(wildcard mk/*.mk))

build:
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(dir $(BIN)) ./cmd/kubetutor ./cmd/kubetutor-lab

run: build
	./$(BIN) $(ARGS)

# TEST_POST targets run after the tests, in order, each by a sub-make named through
# SUBMAKE: make runs a recipe line that names $(MAKE) itself even under make -n, and
# make -n test must only print (the sub-makes run at -j1).
SUBMAKE = $(MAKE)

test: tools build $(TEST_PREREQS)
	KUBETUTOR_BIN=$(CURDIR)/$(BIN) $(GO) test -count=1 ./...
	@for t in $(TEST_POST); do $(SUBMAKE) -j1 --no-print-directory $$t || exit 1; done

lint:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

bench: build $(BENCH_TARGETS)

clean:
	rm -rf bin
