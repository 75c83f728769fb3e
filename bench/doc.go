// Package bench holds kubetutor's whole-process benchmarks: they run the built binary
// (KUBETUTOR_BIN) the way a student's terminal would. make bench runs them with
// bench/reader.sh, which compares kubetutor with glow.
// bench/term_test.go runs the lab screen and its shell against a plain tmux pane in the
// same run (throughput, key to echo, idle CPU, resident size); bench/startup.sh times
// the start-up against glow's.
package bench
