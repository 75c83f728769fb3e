# Labs: live evaluation benchmarks on the test control plane (internal/testenv). Each
# reports how long the live evaluator takes to report a step passed after a cluster change
# is visible in the API (ms-p50/p95-beyond-k8s), and after the action (ms-p50/p95-total).
BENCH_TARGETS += bench-labs
LABS_BENCHTIME ?= 10x

.PHONY: bench-labs
bench-labs: testbin
	$(GO) test -run '^$$' -bench 'BenchmarkIntegrationLive' -benchtime $(LABS_BENCHTIME) ./labs/
