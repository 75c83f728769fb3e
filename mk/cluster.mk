# The lab cluster (labs/cluster): kind integration tests, which create real clusters when a
# container engine and the node image are there and skip otherwise, and the benchmark of
# `kubetutor cluster up` against kind's own CLI.
KIND_VERSION := v0.33.0
TEST_POST += test-kind
BENCH_TARGETS += bench-cluster
.PHONY: test-kind bench-cluster

test-kind:
	$(GO) test -count=1 -tags kind -run Integration -timeout 30m ./labs/cluster/

bench-cluster: build
	KUBETUTOR_BIN=$(CURDIR)/$(BIN) CACHE_DIR=$(CACHE_DIR) KIND_VERSION=$(KIND_VERSION) GO=$(GO) bench/cluster-up.sh
