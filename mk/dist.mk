# Release builds: `make dist` runs GoReleaser v2 (pinned in tools/goreleaser, built from the
# Go module proxy once and cached by the content of its go.mod and go.sum, never a
# downloaded binary) in snapshot mode: nothing is published, nothing but the module proxy
# is reached. It writes to dist/: tar.gz archives for linux and darwin on amd64 and arm64
# (CGO_ENABLED=0), a .deb and an .rpm (nfpm), a CycloneDX SBOM per binary (cyclonedx-gomod,
# pinned in tools/sbom, reads the module list the binary embeds: offline) and SHA-256
# checksums. The archives and packages carry the man pages (French and English) and the
# shell completions `kubetutor gendocs` writes from the cobra commands.
# `make cross-check` proves the darwin build paths compile: go vet and a linked test binary of every
# package for darwin/amd64 and darwin/arm64 (nothing runs: no Mac here).
GORELEASER_MOD := tools/goreleaser
SBOM_MOD       := tools/sbom
tools_key       = $(shell cat $(1)/go.mod $(1)/go.sum | sha256sum | cut -c1-12)
GORELEASER_BIN := $(CACHE_DIR)/tools/goreleaser-$(call tools_key,$(GORELEASER_MOD))/goreleaser
CYCLONEDX_BIN  := $(CACHE_DIR)/tools/sbom-$(call tools_key,$(SBOM_MOD))/cyclonedx-gomod
DIST_DOCS      := build/docs
# The snapshot's version: the last tag (v stripped, 0.0.0 without one), "-snapshot." and the
# short commit; its time as a Unix epoch for the files' modification times.
DIST_VERSION   ?= $(or $(patsubst v%,%,$(shell git describe --tags --abbrev=0 2>/dev/null)),0.0.0)-snapshot.$(shell git rev-parse --short=7 HEAD 2>/dev/null || echo none)
DIST_EPOCH     ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: dist dist-tools dist-docs cross-check deb-check

dist-tools: $(GORELEASER_BIN) $(CYCLONEDX_BIN)

# A tool is built to a temporary name and renamed, so an interrupted build never leaves a
# file that looks complete.
$(GORELEASER_BIN):
	@mkdir -p $(@D)
	@echo "dist: building GoReleaser (once; minutes on a cold cache)"
	@start=$$(date +%s); cd $(GORELEASER_MOD) && CGO_ENABLED=0 $(GO) build -trimpath \
	  -o $@.tmp github.com/goreleaser/goreleaser/v2 && mv $@.tmp $@ && \
	  echo "dist: built GoReleaser in $$(( $$(date +%s) - start )) s"

$(CYCLONEDX_BIN):
	@mkdir -p $(@D)
	cd $(SBOM_MOD) && CGO_ENABLED=0 $(GO) build -trimpath -o $@.tmp \
	  github.com/CycloneDX/cyclonedx-gomod/cmd/cyclonedx-gomod && mv $@.tmp $@

# Man pages and completions, made by this machine's binary from the same commands.
# The project has no license chosen yet: a LICENSE file, once there, goes into every
# archive (.goreleaser.yaml's LICENSE*, nothing when absent) and into the packages (the
# .deb's /usr/share/doc/kubetutor/copyright, the .rpm's /usr/share/licenses/kubetutor/LICENSE,
# from the build/pkgdoc trees, empty without one).
DIST_PKGDOC    := build/pkgdoc
dist-docs: build
	rm -rf $(DIST_DOCS) $(DIST_PKGDOC)
	./$(BIN) gendocs $(DIST_DOCS) --date $(DATE)
	mkdir -p $(DIST_PKGDOC)/deb $(DIST_PKGDOC)/rpm
	@if [ -f LICENSE ]; then cp LICENSE $(DIST_PKGDOC)/deb/copyright && cp LICENSE $(DIST_PKGDOC)/rpm/LICENSE; else echo "dist-docs: no LICENSE file: the release carries no license"; fi

dist: dist-tools dist-docs
	@start=$$(date +%s); \
	PATH="$(dir $(CYCLONEDX_BIN)):$$PATH" KUBETUTOR_VERSION=$(DIST_VERSION) KUBETUTOR_COMMIT=$(COMMIT) \
	  KUBETUTOR_DATE=$(DATE) KUBETUTOR_EPOCH=$(DIST_EPOCH) \
	  $(GORELEASER_BIN) release --snapshot --clean --skip=publish,announce,validate && \
	echo "dist: done in $$(( $$(date +%s) - start )) s" && ls -l dist/*.tar.gz dist/*.deb dist/*.rpm

cross-check:
	@start=$$(date +%s); set -e; out=$$(mktemp -d); trap 'rm -rf "$$out"' EXIT; \
	for arch in amd64 arm64; do \
	  echo "cross-check: darwin/$$arch: go vet, test binaries built (run by /bin/true: nothing runs)"; \
	  GOOS=darwin GOARCH=$$arch CGO_ENABLED=0 $(GO) vet -trimpath ./...; \
	  GOOS=darwin GOARCH=$$arch CGO_ENABLED=0 $(GO) test -trimpath -ldflags=-s -run '^$$' -exec /bin/true ./... >"$$out/log" 2>&1 \
	    || { cat "$$out/log"; exit 1; }; \
	  n=$$(grep -c '^ok' "$$out/log"); \
	  echo "cross-check: darwin/$$arch: $$n test binaries built"; \
	done; \
	echo "cross-check: windows/amd64: the WSL2 notice builds"; \
	GOOS=windows GOARCH=amd64 $(GO) build -o /dev/null ./cmd/kubetutor; \
	echo "cross-check: done in $$(( $$(date +%s) - start )) s"

# Installs the .deb `make dist` made on a clean Debian root (chroot) and runs it there.
DEB_ARCH := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
deb-check:
	@deb=$$(ls dist/kubetutor_*_$(DEB_ARCH).deb 2>/dev/null | head -1); \
	[ -n "$$deb" ] || { echo "deb-check: no dist/kubetutor_*_$(DEB_ARCH).deb: run make dist first"; exit 1; }; \
	CACHE_DIR=$(CACHE_DIR) hack/debcheck.sh $$deb
