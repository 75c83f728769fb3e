# The live architecture map's benchmarks: one redraw (snapshot + drawing) for 3 nodes / 40
# pods and 50 nodes / 2,000 pods (targets 5 ms and 50 ms), and the memory the map holds
# while open on the 2,000-pod cluster.
BENCH_TARGETS += bench-map
.PHONY: bench-map

bench-map:
	$(GO) test -run '^$$' -bench . -benchmem ./tui/archmap/ ./internal/mapstate/
