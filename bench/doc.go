// Package bench holds kubetutor's whole-process benchmarks: they run the built binary
// (KUBETUTOR_BIN) the way a student's terminal would. make bench runs them with
// bench/reader.sh, which compares kubetutor with glow.
// bench/labrss.sh measures the resident memory of kubetutor with a lab and its shell open.
package bench
