#!/usr/bin/env python3
"""Times two commands in alternation (A, B, A, B, ...) and prints their ratio.

hyperfine runs all of one command's runs, then all of the other's: on a shared machine
whose load changes from one second to the next, the two commands then meet different
loads. Here each run of A is followed by a run of B, so both see the same machine; the
ratio is the median of the per-pair ratios. CPU time (user + system, from wait4) is the
steadier figure on a busy machine.

usage: paired.py NAME RUNS -- A ARGS... -- B ARGS...  (A is kubetutor, B glow)
prints: NAME: a wall MEDIAN / cpu MEAN ms, b wall MEDIAN / cpu MEAN ms, ratio wall R, cpu R
"""
import os
import statistics
import sys
import time


def spawn(argv):
    """Runs argv with its output discarded; returns (wall, cpu) in seconds."""
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
    ]
    start = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("paired: %s exited %d" % (" ".join(argv), os.waitstatus_to_exitcode(status)))
    return wall, usage.ru_utime + usage.ru_stime


def main():
    args = sys.argv[1:]
    name, runs = args[0], int(args[1])
    rest = args[3:]
    split = rest.index("--")
    a, b = rest[:split], rest[split + 1:]
    for _ in range(3):  # warm-up: page cache, the binaries' first faults
        spawn(a)
        spawn(b)
    wa, ca, wb, cb = [], [], [], []
    for i in range(runs):
        first, second = (a, b) if i % 2 == 0 else (b, a)  # who goes first alternates too
        r1, r2 = spawn(first), spawn(second)
        (ra, rb) = (r1, r2) if first is a else (r2, r1)
        wa.append(ra[0]); ca.append(ra[1]); wb.append(rb[0]); cb.append(rb[1])
    ratio_wall = statistics.median(x / y for x, y in zip(wa, wb))
    ratio_cpu = sum(ca) / sum(cb)
    print("  %-8s kubetutor wall %6.1f / cpu %6.1f ms   glow wall %6.1f / cpu %6.1f ms   ratio wall %.2f, cpu %.2f"
          % (name, statistics.median(wa) * 1e3, statistics.mean(ca) * 1e3,
             statistics.median(wb) * 1e3, statistics.mean(cb) * 1e3, ratio_wall, ratio_cpu))


if __name__ == "__main__":
    main()
