#!/usr/bin/python3
"""Turns the raw output of kernels.cpp (RES / ACC lines, several runs of several builds) into markdown tables.

usage: summarize.py [--wall] results/*.tsv > results.md

Per (build, workload, kernel, impl): the median over runs of the per-run medians (each run already times its
routes interleaved, median of its samples), plus the best (minimum) wall-clock sample seen. The per-run median
is of CPU time where there is a CPU clock (native, Node) and of wall-clock time otherwise (browser): the other
processes on this shared 2-core machine preempt samples, which inflates wall time but not CPU time.
With --wall, wall-clock medians are used everywhere.
"""
import collections
import math
import statistics
import sys

ROUTES = [  # (column title, build, impl)
    ('wasm scalar (Eigen, no SIMD)', 'wasm-scalar', 'eigen'),
    ('(a) Eigen, -msimd128', 'wasm-simd128', 'eigen'),
    ('(b) Eigen SSE path on wasm SIMD', 'wasm-sse', 'eigen'),
    ('(c) hand f32x4', 'wasm-simd128', 'hand'),
    ('plain loops, -msimd128', 'wasm-simd128', 'loops'),
    ('native SSE2 (Eigen)', 'native-sse2', 'eigen'),
    ('native -march=native (Eigen)', 'native-march', 'eigen'),
]
WASM_CANDIDATES = [('wasm-simd128', i) for i in ('eigen', 'eigen-rm', 'hand', 'hand-rm', 'loops')] + \
                  [('wasm-sse', i) for i in ('eigen', 'eigen-rm', 'hand', 'hand-rm', 'loops')]
NATIVE_CANDIDATES = [('native-march', i) for i in ('eigen', 'eigen-rm', 'hand', 'hand-rm', 'loops')]
WORKLOADS = ['W2-l1', 'W2-l2', 'W5', 'W3', 'W4']
KERNELS = ['rec_fwd', 'rec_bwd', 'wgrad', 'inproj', 'gather', 'gates_fwd', 'gates_bwd']
SHAPES = {  # G, H, I, T, B
    'W2-l1': (1, 10, 1, 59, 1), 'W2-l2': (1, 10, 10, 59, 1), 'W5': (4, 32, 16, 32, 1),
    'W3': (4, 128, 64, 64, 1), 'W4': (4, 128, 64, 64, 16),
}


def load(paths, wall=False):
    med = collections.defaultdict(list)
    best = {}
    err = {}
    acc = {}
    for p in paths:
        for line in open(p):
            f = line.rstrip('\n').split('\t')
            if f[0] == 'RES':
                key = tuple(f[1:5])
                wall_med, wall_min, cpu_med = float(f[5]), float(f[6]), float(f[7])
                med[key].append(wall_med if wall or math.isnan(cpu_med) else cpu_med)
                best[key] = min(best.get(key, float('inf')), wall_min)
                err[key] = max(err.get(key, 0.0), float(f[9]))
            elif f[0] == 'ACC':
                acc[(f[1], f[2], f[3])] = f[4:]
    data = {k: (statistics.median(v), best[k], err[k]) for k, v in med.items()}
    return data, acc


def flops(w, k):
    G, H, I, T, B = SHAPES[w]
    GH, TB = G * H, T * B
    return {'rec_fwd': 2 * B * H * GH, 'rec_bwd': 2 * B * H * GH, 'wgrad': 2 * GH * H * TB,
            'inproj': 2 * TB * I * GH + TB * GH}.get(k, 0)


def fmt_ns(ns):
    if ns >= 1e6:
        return '%.2f ms' % (ns / 1e6)
    if ns >= 1e4:
        return '%.1f us' % (ns / 1e3)
    if ns >= 1e3:
        return '%.2f us' % (ns / 1e3)
    return '%.0f ns' % ns


def cell(data, w, k, build, impl, show_gf=True):
    v = data.get((build, w, k, impl))
    if not v:
        return '-'
    s = fmt_ns(v[0])
    fl = flops(w, k)
    if fl and show_gf:
        s += ' (%.1f)' % (fl / v[0])
    return s


def best_of(data, w, k, candidates):
    found = [(data[(b, w, k, i)][0], b, i) for b, i in candidates if (b, w, k, i) in data]
    return min(found) if found else None


def main():
    args = sys.argv[1:]
    wall = '--wall' in args
    data, acc = load([a for a in args if a != '--wall'], wall)
    out = []
    p = out.append
    p('## Kernel times per route (median ns per call; GFLOP/s in parentheses)\n')
    p('Best wasm = fastest of every wasm build x route (impl names: eigen/hand with W column-major, -rm = '
      'row-major PyTorch layout). wasm/native = best wasm time over best native (-march=native) time.\n')
    head = ['workload', 'kernel'] + [r[0] for r in ROUTES] + ['best wasm', 'wasm/native']
    p('| ' + ' | '.join(head) + ' |')
    p('|' + '---|' * len(head))
    for w in WORKLOADS:
        for k in KERNELS:
            if not any((b, w, k, i) in data for _, b, i in ROUTES):
                continue
            row = [w, k] + [cell(data, w, k, b, i) for _, b, i in ROUTES]
            bw = best_of(data, w, k, WASM_CANDIDATES)
            bn = best_of(data, w, k, NATIVE_CANDIDATES)
            row.append('%s: %s %s' % (fmt_ns(bw[0]), bw[1].replace('wasm-', ''), bw[2]) if bw else '-')
            row.append('%.1fx' % (bw[0] / bn[0]) if bw and bn else '-')
            p('| ' + ' | '.join(row) + ' |')
    p('')

    p('## Every route in every build (median ns per call / best sample ns)\n')
    builds = ['wasm-scalar', 'wasm-simd128', 'wasm-sse', 'native-sse2', 'native-march']
    impls = ['loops', 'eigen', 'eigen-rm', 'hand', 'hand-rm']
    for w in WORKLOADS:
        p('### %s (G, H, I, T, B = %s)\n' % (w, ', '.join(map(str, SHAPES[w]))))
        head = ['kernel', 'build'] + impls
        p('| ' + ' | '.join(head) + ' |')
        p('|' + '---|' * len(head))
        for k in KERNELS:
            for b in builds:
                if not any((b, w, k, i) in data for i in impls):
                    continue
                cells = []
                for i in impls:
                    v = data.get((b, w, k, i))
                    cells.append('%s / %s' % (fmt_ns(v[0]), fmt_ns(v[1])) if v else '-')
                p('| %s | %s | %s |' % (k, b, ' | '.join(cells)))
        p('')

    p('## Activations alone (ns per element, 4096 elements; median / best)\n')
    head = ['function', 'impl'] + builds
    p('| ' + ' | '.join(head) + ' |')
    p('|' + '---|' * len(head))
    for fn in ('tanh', 'sigmoid', 'exp'):
        for i in ('loops', 'eigen', 'hand', 'hand-tanh'):
            cells = []
            for b in builds:
                v = data.get((b, 'act4096', fn, i))
                cells.append('%.2f / %.2f' % (v[0] / 4096, v[1] / 4096) if v else '-')
            if any(c != '-' for c in cells):
                p('| %s | %s | %s |' % (fn, i, ' | '.join(cells)))
    p('')

    p('## Accuracy over [-20, 20] against double precision (max abs error / max rel error / NaN, +-inf)\n')
    head = ['function', 'impl'] + builds
    p('| ' + ' | '.join(head) + ' |')
    p('|' + '---|' * len(head))
    for fn, impl in sorted({(f, i) for (_, f, i) in acc}):
        cells = []
        for b in builds:
            a = acc.get((b, fn, impl))
            cells.append('%s / %s / %s' % (a[0], a[1], a[2]) if a else '-')
        p('| %s | %s | %s |' % (fn, impl, ' | '.join(cells)))
    p('')

    p('## Estimated recurrent-layer training time per sequence (kernels only)\n')
    p('Per sequence: input projection (gather for one-hot W3-W5, dense for W2) + T x (rec_fwd + gates_fwd + '
      'rec_bwd + gates_bwd) + wgrad. W2 adds its two layers. Output layer, loss, optimizer not included.\n')
    head = ['workload', 'route', 'us per sequence', 'tokens/s (layer only)']
    p('| ' + ' | '.join(head) + ' |')
    p('|' + '---|' * len(head))
    plans = [
        ('wasm, best route per kernel', WASM_CANDIDATES),
        ('wasm, hand f32x4 throughout', [('wasm-simd128', 'hand')]),
        ('wasm, (a) Eigen -msimd128 throughout', [('wasm-simd128', 'eigen')]),
        ('wasm, (b) Eigen SSE path throughout', [('wasm-sse', 'eigen')]),
        ('wasm scalar, Eigen', [('wasm-scalar', 'eigen')]),
        ('native -march=native, best route', NATIVE_CANDIDATES),
    ]
    for wl, layers in [('W2', ['W2-l1', 'W2-l2']), ('W5', ['W5']), ('W3', ['W3']), ('W4', ['W4'])]:
        for name, cands in plans:
            total = 0.0
            ok = True
            for layer in layers:
                G, H, I, T, B = SHAPES[layer]
                inp = 'gather' if layer in ('W3', 'W4', 'W5') else 'inproj'
                per = {}
                for k in ('rec_fwd', 'rec_bwd', 'gates_fwd', 'gates_bwd', 'wgrad', inp):
                    b = best_of(data, layer, k, cands)
                    if not b:
                        ok = False
                        break
                    per[k] = b[0]
                if not ok:
                    break
                total += per[inp] + per['wgrad'] + T * (per['rec_fwd'] + per['gates_fwd'] + per['rec_bwd'] +
                                                        per['gates_bwd'])
            if not ok:
                continue
            T, B = SHAPES[layers[0]][3], SHAPES[layers[0]][4]
            p('| %s | %s | %.1f | %s |' % (wl, name, total / 1e3, '%.0f' % (T * B / (total * 1e-9))))
    print('\n'.join(out))


if __name__ == '__main__':
    main()
