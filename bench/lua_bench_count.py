#!/usr/bin/env python3
"""Benchmark baseline: count the whitespace-separated words of every raw page file in a folder.

    lua_bench_count.py DIR          # len(text.split()): the idiomatic count, split runs in C
    lua_bench_count.py DIR --loop   # one interpreter iteration per word, like the Lua loop
"""
import os
import sys
import time

root = sys.argv[1]
loop = "--loop" in sys.argv[2:]
wall0, cpu0 = time.perf_counter(), time.process_time()
files = words = 0
for dirpath, _, names in os.walk(root):
    for name in names:
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(dirpath, name), encoding="utf-8", errors="replace") as f:
            text = f.read()
        if loop:
            for _ in text.split():
                words += 1
        else:
            words += len(text.split())
        files += 1
print(f"python{'-loop' if loop else ''} files={files} words={words} "
      f"wall={time.perf_counter() - wall0:.4f} cpu={time.process_time() - cpu0:.4f}")
