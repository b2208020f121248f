#!/usr/bin/env python3
"""Interleaved A/B runs of the workload drivers; medians of tokens per CPU second (and of wall time).

  bench/workloads/compare.py --runs 5 --workloads W2,W3,W5 \
      --variant base='node bench/workloads/workloads.mjs --wasm /tmp/base/rnnlab_node.js' \
      --variant new='node bench/workloads/workloads.mjs'

Each round runs every workload under every variant in turn, so a burst of load on the shared machine hits
them alike. The command gets `--workload W` appended and must print the drivers' JSON line.
"""
import argparse, json, shlex, statistics, subprocess

ap = argparse.ArgumentParser()
ap.add_argument('--runs', type=int, default=5)
ap.add_argument('--workloads', default='W2,W3,W4,W5')
ap.add_argument('--variant', action='append', required=True, help='name=command')
ap.add_argument('--extra', default='', help='arguments appended to every command, e.g. "--iters 100"')
a = ap.parse_args()
variants = [v.split('=', 1) for v in a.variant]
res = {}
for _ in range(a.runs):
    for w in a.workloads.split(','):
        for name, cmd in variants:
            out = subprocess.run(shlex.split(cmd) + ['--workload', w] + shlex.split(a.extra), capture_output=True,
                                 text=True, check=True).stdout
            j = json.loads(out.strip().splitlines()[-1])
            res.setdefault((w, name), []).append(j)
print('| workload | variant | tokens/s (CPU time), median | wall s per run, median | runs |')
print('|---|---|---|---|---|')
for (w, name), js in res.items():
    tps = statistics.median(j['tokens_per_cpu_s'] for j in js)
    wall = statistics.median(j['seconds'] for j in js)
    print(f"| {w} | {name} | {tps:,.0f} | {wall:.3f} | {len(js)} |")
