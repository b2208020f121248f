#!/usr/bin/python3
"""Chromium vs Node for the same wasm builds: wall-clock medians (median over runs), per kernel and route.

usage: compare_browser.py <dir of Chromium runs (*.tsv)> <dir of Node runs (*.tsv)>
  Chromium runs: browser/run_in_chromium.py <build dir> wasm-simd128.js --ms=10 --samples=9 > chromium/wasm-simd128.1.tsv
"""
import collections
import glob
import os
import statistics
import sys

ROUTES = {('wasm-simd128', 'hand'): '(c) hand', ('wasm-simd128', 'eigen'): '(a) Eigen',
          ('wasm-sse', 'eigen'): '(b) Eigen SSE'}
ORDER = ['W2-l2', 'W5', 'W3', 'W4', 'act4096']


def load(files):
    d = collections.defaultdict(list)
    for p in files:
        for line in open(p):
            f = line.rstrip('\n').split('\t')
            if f[0] == 'RES':
                d[tuple(f[1:5])].append(float(f[5]))  # wall-clock median of the run
    return {k: statistics.median(v) for k, v in d.items()}


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    chrome = load(glob.glob(os.path.join(sys.argv[1], '*.tsv')))
    node = load(glob.glob(os.path.join(sys.argv[2], '*wasm-*.tsv')))
    print('| workload | kernel | route | Node 20 (ns) | Chromium (ns) | Chromium/Node |')
    print('|---|---|---|---|---|---|')
    keys = sorted((k for k in chrome if (k[0], k[3]) in ROUTES and k[1] in ORDER and k in node),
                  key=lambda k: (ORDER.index(k[1]), k[2], list(ROUTES).index((k[0], k[3]))))
    for k in keys:
        print('| %s | %s | %s | %.0f | %.0f | %.2f |' % (k[1], k[2], ROUTES[(k[0], k[3])], node[k], chrome[k],
                                                      chrome[k] / node[k]))


if __name__ == '__main__':
    main()
