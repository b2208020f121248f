#!/usr/bin/python3
"""Table of flags_check.sh results: median over runs per (workload, kernel, impl), relative to the -O3 build.

usage: flags_table.py results/*.tsv
"""
import collections
import math
import statistics
import sys

VARIANTS = ['wasm-O3', 'wasm-O2', 'wasm-O3-wasmexc', 'wasm-O3-jsexc', 'wasm-O3-fixedmem']


def main():
    d = collections.defaultdict(list)
    for p in sys.argv[1:]:
        for line in open(p):
            f = line.rstrip('\n').split('\t')
            if f[0] != 'RES' or f[4] not in ('hand', 'eigen'):
                continue
            cpu = float(f[7])
            d[(f[2], f[3], f[4], f[1])].append(float(f[5]) if math.isnan(cpu) else cpu)
    keys = sorted({k[:3] for k in d})
    print('| workload | kernel | impl | O3 (ns) | ' + ' | '.join(v.replace('wasm-', '') for v in VARIANTS[1:]) + ' |')
    print('|---|---|---|---|' + '---|' * (len(VARIANTS) - 1))
    for k in keys:
        if not all(k + (v,) in d for v in VARIANTS):
            continue
        base = statistics.median(d[k + ('wasm-O3',)])
        rel = ['%.2fx' % (statistics.median(d[k + (v,)]) / base) for v in VARIANTS[1:]]
        print('| %s | %s | %s | %.0f | %s |' % (k[0], k[1], k[2], base, ' | '.join(rel)))


if __name__ == '__main__':
    main()
