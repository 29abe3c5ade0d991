#!/usr/bin/env python3
"""Benchmark baseline: count the tokens of every raw page file in a folder, in plain Python.

    lua_bench_count.py DIR [tokens|split|loop]
      tokens  word tokens by the rules of Dateline's tokenizer, with one regular expression:
              runs of letters and digits, joined by an apostrophe between letters, a hyphen
              between letters or digits, or a '.' or ',' between digits (len(re.findall(...)))
      split   whitespace-separated words: len(text.split()), the split runs in C
      loop    whitespace-separated words, one interpreter iteration per word
"""
import os
import re
import sys
import time

TOKEN = re.compile(
    r"[^\W_]+(?:(?:(?<=[^\W\d_])['\u2019\u02bc](?=[^\W\d_])"
    r"|(?<=[^\W_])[-\u2010\u2011](?=[^\W_])"
    r"|(?<=\d)[.,](?=\d))[^\W_]+)*"
)

root = sys.argv[1]
mode = sys.argv[2] if len(sys.argv) > 2 else "tokens"
if mode not in ("tokens", "split", "loop"):
    sys.exit(f"unknown mode {mode} (tokens, split or loop)")
wall0, cpu0 = time.perf_counter(), time.process_time()
files = words = 0
for dirpath, _, names in os.walk(root):
    for name in names:
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(dirpath, name), encoding="utf-8", errors="replace") as f:
            text = f.read()
        if mode == "tokens":
            words += len(TOKEN.findall(text))
        elif mode == "split":
            words += len(text.split())
        else:
            for _ in text.split():
                words += 1
        files += 1
print(f"python mode={mode} files={files} words={words} "
      f"wall={time.perf_counter() - wall0:.4f} cpu={time.process_time() - cpu0:.4f}")
