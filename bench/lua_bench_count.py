#!/usr/bin/env python3
"""Benchmark baseline: count whitespace-separated words of every raw page file in a folder."""
import os
import sys
import time

root = sys.argv[1]
t0 = time.perf_counter()
files = words = 0
for dirpath, _, names in os.walk(root):
    for name in names:
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(dirpath, name), encoding="utf-8", errors="replace") as f:
            words += len(f.read().split())
        files += 1
print(f"python files={files} words={words} seconds={time.perf_counter() - t0:.4f}")
