// The benchmark harness (issue 7; docs/benchmarks.md): runs W1-W5 on every system in one go on this machine and
// prints one markdown table of medians, spreads and rnnlab's speed ratios, then rnnlab's FLOP/s on W3 and W4
// next to a GEMM ceiling measured in the same run, the .wasm gzip size and the time from navigation to the first
// training step in Chromium.
//   node bench/harness/run.mjs [--smoke] [--out FILE.md] [--json FILE.json]
//   node bench/harness/run.mjs --from FILE.json      prints the table of a saved run again (nothing runs)
//   node bench/harness/run.mjs --only W6 [--w6-seconds S]   W6 alone (and the GEMM ceilings), S s of training each
//   node bench/harness/run.mjs --only W7 [--w7-epochs L,M,C]  W7 alone (and the GEMM ceilings): epochs of the LSTM, MLP, CNN
// W6 (the text task on Tiny Shakespeare) trains each system once for 120 s of training time (--w6-seconds; smoke:
// 2 s) by the protocol of js/text_run.js: rnnlab native (native/text_workload.cpp), rnnlab's shipped wasm in a
// Chromium worker through the JS API (browser/text_worker.js), TF.js wasm in Chromium (one-hot input) and PyTorch.
// W7 (the digits task's LSTM by rows, MLP and CNN on the MNIST split; js/digits_run.js) trains each model for a few
// epochs (default 2, 3, 2; smoke: 1 each on 250 images) on rnnlab native (the CLI, build/release/rnnlab), rnnlab's
// shipped digits module in a Chromium worker (browser/digits_worker.js), TF.js wasm in Chromium (js/tfjs_digits.js)
// and PyTorch (bench/w7_digits_torch.py): seconds and held-out accuracy per epoch, GFLOP/s against the GEMM ceiling.
// scripts/bench.sh builds what this needs first. Systems and their runners (each prints or returns one JSON
// record per timed run):
//   rnnlab native            build/release/bench/harness/rnnlab_bench_native       (native/runner.cpp)
//   rnnlab wasm, Chromium    browser/rnnlab.html: web/dist/wasm (the page's build)  (js/rnnlab_wasm_runner.js)
//   rnnlab wasm, Node        node_runner.mjs: build/wasm/web/rnnlab_node.js         (js/rnnlab_wasm_runner.js)
//   TF.js wasm, Chromium     browser/tfjs.html                                      (js/tfjs_runner.js)
//   PyTorch                  /usr/bin/python3 torch_runner.py, one thread
// --smoke runs everything on a few iterations and checks the table is well formed (every row present, every
// number finite, every ratio computed); it asserts nothing about speed.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { W7_MODELS, epochFlops } from './js/digits_run.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const option = (/** @type {string} */ name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';  // Debian's, where python3-torch lives
const NATIVE = path.join(ROOT, 'build/release/bench/harness/rnnlab_bench_native');
const SHIPPED_WASM = path.join(ROOT, 'web/dist/wasm/rnnlab.wasm');
const CORPUS = path.join(ROOT, 'data/corpora/tinyshakespeare.txt');
const onlyW6 = option('--only') === 'W6';
const onlyW7 = option('--only') === 'W7';
const CLI = path.join(ROOT, 'build/release/rnnlab');
const W7_EPOCHS = (option('--w7-epochs') ?? (smoke ? '1,1,1' : '2,3,2')).split(',').map(Number);
if (W7_EPOCHS.length !== 3 || !W7_EPOCHS.every((n) => Number.isInteger(n) && n >= 1))
  throw new Error(`--w7-epochs: expected three whole numbers >= 1 (the LSTM's, the MLP's, the CNN's epochs), got ${option('--w7-epochs')}`);
const W7_PLAN = { images: smoke ? 250 : 10000, models: ['lstm', 'mlp', 'cnn'].map((model, i) => ({ model, epochs: W7_EPOCHS[i] })) };
const W7_SYSTEMS = ['rnnlab native', 'rnnlab wasm, Chromium', 'TF.js wasm, Chromium', 'PyTorch'];
const W6_SECONDS = Number(option('--w6-seconds') ?? (smoke ? 2 : 120));
const W6_PLAN = { seconds: W6_SECONDS, valEverySeconds: smoke ? 1 : 2, windowSeconds: smoke ? 0.5 : 10, checkpoints: [30, 120] };
const W6_SYSTEMS = ['rnnlab native', 'rnnlab wasm, Chromium', 'TF.js wasm, Chromium', 'PyTorch'];
// Matrix-product FLOPs of one W6 training token, counted as the peers run it (issue convention): each LSTM layer
// 3 x (2*4H*I + 2*4H*H) with the embedding's dense input projection, plus the head's 6 H V. rnnlab's first layer
// forms its input side on the table's 65 rows (nn/recurrent_layer.h, recurrent_layer_rows) and executes fewer.
const W6_FLOPS = 2 * 3 * (2 * 4 * 128 * 128 + 2 * 4 * 128 * 128) + 6 * 128 * 65;  // 1,622,784
const W6_FLOPS_EXECUTED = 3 * 2 * 4 * 128 * 128 + (3 * 2 * 65 * 128 * 4 * 128) / (64 * 32) + 3 * (2 * 4 * 128 * 128 * 2) + 6 * 128 * 65;  // 1,242,048

const WORKLOADS = {
  W1: { title: 'W1 hello RNNCell(4,4), 15 epochs', unit: 'ms per 15 epochs', per: 15, scale: 1000, higherIsBetter: false },
  W2: { title: 'W2 sine RNN(1,10,2)+Linear, 6000 iterations', unit: 's per 6000 iterations', per: 6000, scale: 1, higherIsBetter: false },
  W3: { title: 'W3 LSTM(64,128)+Linear, T=64, B=1', unit: 'tokens/s', tokens: 64, higherIsBetter: true },
  W4: { title: 'W4 LSTM(64,128)+Linear, T=64, B=16', unit: 'tokens/s', tokens: 1024, higherIsBetter: true },
  W5: { title: 'W5 LSTM(16,32)+Linear, T=32, B=1', unit: 'tokens/s', tokens: 32, higherIsBetter: true },
};
const CHAR_LSTM = { W3: [64, 128], W4: [64, 128], W5: [16, 32] };  // V, H
/** Matrix-product FLOPs one training token needs, the one-hot input projection being a gather (char_lstm_workload.h). */
const flopsPerToken = (/** @type {string} */ w) => {
  const [v, h] = CHAR_LSTM[/** @type {'W3'} */ (w)];
  return 3 * (2 * 4 * h * h + 2 * h * v);
};

// Iterations per timed run and runs per round: each run takes about 0.2-8 s on this 2-core machine. The systems take
// turns for ROUNDS rounds, so a burst of load from the machine's other users falls on all of them rather than on
// one (the full run: about 5 minutes). The slow peers run fewer W2 iterations than 6000; the table scales their
// time per iteration to 6000 and says so.
const W = (/** @type {number[]} */ iterations, /** @type {number} */ runs) =>
  ['W1', 'W2', 'W3', 'W4', 'W5'].map((workload, i) => ({ workload, iterations: iterations[i], runs }));
const PLANS = smoke ? {
  // rnnlab's W1 needs 100 models and its W5 50 windows: Chromium's clock counts in 100 us steps (see
  // js/rnnlab_wasm_runner.js), and 2 windows of W5 took less than one of them (a median of Infinity tokens/s).
  native: W([1500, 6, 2, 1, 50], 2), wasm: W([1500, 6, 2, 1, 50], 2), torch: W([15, 6, 2, 1, 2], 2), tfjs: W([15, 6, 2, 1, 2], 2),
} : {
  native: W([15000, 6000, 600, 60, 5000], 3),
  wasm: W([3000, 6000, 400, 40, 3000], 3),
  torch: W([300, 300, 60, 8, 200], 2),
  tfjs: W([45, 100, 15, 5, 40], 2),
};
const ROUNDS = smoke ? 1 : 3;
const GEMM = smoke ? [{ n: 64, reps: 200 }] : [{ n: 128, reps: 3000 }, { n: 256, reps: 400 }];
const NAV_RUNS = smoke ? 1 : 7;

const SYSTEMS = ['rnnlab native', 'rnnlab wasm, Chromium', 'rnnlab wasm, Node', 'TF.js wasm, Chromium', 'PyTorch'];
const RNNLAB_REFERENCES = ['rnnlab native', 'rnnlab wasm, Chromium'];

/** @type {any[]} */
const records = [];
/** @type {Record<string, string>} */
const skipped = {};  // system -> why it did not run
/** @type {Record<string, string>} */
const builds = {};

const log = (/** @type {string} */ s) => process.stderr.write(`bench: ${s}\n`);
const jsonLines = (/** @type {string} */ text) => text.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));

function runProcess(/** @type {string} */ command, /** @type {string[]} */ argv) {
  const r = spawnSync(command, argv, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${command} ${argv.join(' ').slice(0, 200)} failed (${r.status}): ${r.stderr}`);
  return jsonLines(r.stdout);
}

function runNative() {
  if (!existsSync(NATIVE)) throw new Error(`${NATIVE} is missing: build the release preset (scripts/bench.sh does)`);
  for (const { workload, iterations, runs } of PLANS.native) records.push(...runProcess(NATIVE, [workload, String(iterations), String(runs)]));
  for (const { n, reps } of GEMM) records.push(...runProcess(NATIVE, ['gemm', String(n), String(reps)]));
}

function runNativeW6() {
  records.push(...runProcess(NATIVE, ['W6', CORPUS, JSON.stringify(W6_PLAN)]));
}

function runTorchW6() {
  records.push(...runProcess(PYTHON, [path.join(ROOT, 'bench/harness/torch_runner.py'), '--w6', CORPUS, JSON.stringify(W6_PLAN)]));
}

/** W6 in a page's runText: rnnlab's in a worker (rnnlab.html), TF.js's on the page (tfjs.html). */
async function runChromiumText(/** @type {any} */ chrome, /** @type {string} */ page, /** @type {string} */ system) {
  const { browser, server } = chrome;
  const context = await browser.newContext();
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  await tab.goto(`${server.origin}/bench/harness/browser/${page}`);
  await tab.waitForFunction(() => /** @type {any} */ (window).benchReady === true);
  try {
    const r = await tab.evaluate((plan) => /** @type {any} */ (window).runText(plan), W6_PLAN);
    const record = r.record ?? { system, workload: 'W6', kind: 'text', ...r.result };
    records.push({ ...record, system });
    builds[`${system} (W6)`] = r.build;
  } catch (error) {
    throw new Error(`${system} W6: ${error instanceof Error ? error.message : error} ${errors.join('; ')}`);
  }
  await context.close();
}

/** W7 natively: the CLI, one model after the other (it prints each epoch's wall and CPU seconds). */
function runNativeW7() {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the release preset (scripts/bench.sh does)`);
  for (const { model, epochs } of W7_PLAN.models) {
    const flags = Object.entries(W7_MODELS[/** @type {'lstm'} */ (model)]).flatMap(([k, v]) => [`--${k}`, String(v)]);
    const r = spawnSync(CLI, ['train', 'digits', ...flags, '--epochs', String(epochs), '--images', String(W7_PLAN.images)], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`rnnlab train digits --model ${model} failed (${r.status}): ${r.stderr}`);
    for (const line of r.stdout.trim().split('\n')) {
      const m = /^epoch (\d+)  loss ([0-9.]+)  held-out accuracy ([0-9.]+)%  ([0-9.]+) s  \(cpu ([0-9.]+) s\)$/.exec(line);
      if (!m) throw new Error(`W7 native ${model}: unexpected line ${line}`);
      records.push({ system: 'rnnlab native', workload: 'W7', model, epoch: +m[1], loss: +m[2], accuracy: +m[3] / 100, seconds: +m[4], cpu: +m[5], images: W7_PLAN.images });
    }
  }
}

function runTorchW7() {
  for (const { model, epochs } of W7_PLAN.models) {
    for (const r of runProcess(PYTHON, [path.join(ROOT, 'bench/w7_digits_torch.py'), model, String(epochs), String(W7_PLAN.images)]))
      records.push({ system: 'PyTorch', workload: 'W7', model, epoch: r.epoch, loss: r.loss, accuracy: r.accuracy, seconds: r.wall, cpu: r.cpu, images: W7_PLAN.images });
  }
}

/** W7 in a page's runDigits: rnnlab's in a worker (rnnlab.html), TF.js's on the page (tfjs.html). */
async function runChromiumDigits(/** @type {any} */ chrome, /** @type {string} */ page, /** @type {string} */ system) {
  const { browser, server } = chrome;
  const context = await browser.newContext();
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  await tab.goto(`${server.origin}/bench/harness/browser/${page}`);
  await tab.waitForFunction(() => /** @type {any} */ (window).benchReady === true);
  try {
    const r = await tab.evaluate((plan) => /** @type {any} */ (window).runDigits(plan), W7_PLAN);
    records.push(...r.records);
    builds[`${system} (W7)`] = r.build;
  } catch (error) {
    throw new Error(`${system} W7: ${error instanceof Error ? error.message : error} ${errors.join('; ')}`);
  }
  await context.close();
}

function runNode() {
  records.push(...runProcess(process.execPath, [path.join(ROOT, 'bench/harness/node_runner.mjs'), JSON.stringify(PLANS.wasm), '[]']));
  builds['rnnlab wasm, Node'] = `node ${process.versions.node}`;
}

/** Whether Debian's python can import torch; a full run requires it, the smoke pass says so and skips it. */
function probeTorch() {
  const probe = spawnSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    if (!smoke) throw new Error(`PyTorch is not importable by ${PYTHON} (install python3-torch): ${probe.stderr}`);
    skipped.PyTorch = `torch is not importable by ${PYTHON}`;
    log(`PyTorch skipped: ${skipped.PyTorch}`);
    return false;
  }
  builds.PyTorch = `torch ${probe.stdout.trim()}, 1 thread`;
  return true;
}

function runTorch() {
  records.push(...runProcess(PYTHON, [path.join(ROOT, 'bench/harness/torch_runner.py'), JSON.stringify(PLANS.torch)]));
}

/**
 * Headless Chromium and the repository's static server (no COOP/COEP headers, no cache), from the browser runs'
 * one host, web/test/browser/host.js.
 */
async function startChromium() {
  const { serveStatic, launchBrowser } = await import('../../web/test/browser/host.js');
  const server = await serveStatic(ROOT);
  const browser = await launchBrowser();
  builds.Chromium = browser.version();
  return { browser, server, close: async () => { await browser.close(); await server.close(); } };
}

/** One page per system, a fresh context each (no state shared between rnnlab and TF.js). */
async function runChromiumPage(/** @type {any} */ chrome, /** @type {string} */ page, /** @type {string} */ system, /** @type {unknown[]} */ runArgs) {
  const { browser, server } = chrome;
  const context = await browser.newContext();
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  await tab.goto(`${server.origin}/bench/harness/browser/${page}`);
  await tab.waitForFunction(() => /** @type {any} */ (window).benchReady === true);
  try {
    const result = await tab.evaluate(([a, b]) => /** @type {any} */ (window).runBench(a, b), runArgs);
    records.push(...result.records);
    builds[system] = result.build;
  } catch (error) {
    throw new Error(`${system}: ${error instanceof Error ? error.message : error} ${errors.join('; ')}`);
  }
  await context.close();
}

async function runNavigation(/** @type {any} */ chrome) {
  const { browser, server } = chrome;
  // Navigation to the first training step: the built playground (web/dist), a fresh context (cold cache) each
  // time; as soon as the page says it is ready, press Train; the first snapshot with iteration >= 1 ends it.
  log('navigation to the first training step');
  for (let run = 0; run < NAV_RUNS; ++run) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.addInitScript(() => {
      const w = /** @type {any} */ (window);
      new MutationObserver((_, observer) => {
        if (document.documentElement.dataset.ready !== 'true' || w.__nav) return;
        observer.disconnect();
        w.__nav = { ready: performance.now() };
        /** @type {HTMLButtonElement} */ (document.querySelector('.rl-run-bar button[data-action="train"]')).click();
        const poll = () => { if ((w.rnnlab?.iteration ?? 0) >= 1) w.__nav.firstStep = performance.now(); else setTimeout(poll, 1); };
        poll();
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
    });
    await tab.goto(`${server.origin}/web/dist/index.html`);
    await tab.waitForFunction(() => /** @type {any} */ (window).__nav?.firstStep !== undefined, null, { timeout: 60_000 });
    const nav = await tab.evaluate(() => /** @type {any} */ (window).__nav);
    records.push({ system: 'rnnlab wasm, Chromium', kind: 'navigation', run, readyMs: nav.ready, firstStepMs: nav.firstStep });
    await context.close();
  }
}

// ---- statistics and the table ----------------------------------------------------------------------------------

const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** The workload's figure for one run: ms per 15 epochs, s per 6000 iterations, or tokens/s. */
const figure = (/** @type {any} */ r) => {
  const w = WORKLOADS[/** @type {'W1'} */ (r.workload)];
  return w.higherIsBetter ? (w.tokens * r.iterations) / r.seconds : (r.seconds / r.iterations) * w.per * w.scale;
};
/** @type {Record<string, Record<string, {median: number, min: number, max: number, runs: number, iterations: number}>>} */
const stats = {};
function summarize() {
  for (const w of Object.keys(WORKLOADS)) {
    stats[w] = {};
    for (const system of SYSTEMS) {
      const xs = records.filter((r) => r.workload === w && r.system === system).map(figure);
      if (xs.length > 0) {
        const iterations = records.find((r) => r.workload === w && r.system === system).iterations;
        stats[w][system] = { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length, iterations };
      }
    }
  }
}
/** How many times faster `a` is than `b` on workload w (> 1: a is faster). */
const speedRatio = (/** @type {string} */ w, /** @type {string} */ a, /** @type {string} */ b) => {
  const x = stats[w][a]?.median, y = stats[w][b]?.median;
  if (x === undefined || y === undefined) return NaN;
  return WORKLOADS[/** @type {'W1'} */ (w)].higherIsBetter ? x / y : y / x;
};

const fmt = (/** @type {number} */ x) => {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  return x.toPrecision(2);
};
const ratio = (/** @type {number} */ x) => (Number.isFinite(x) ? `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}x` : 'n/a');

function table() {
  const lines = [];
  lines.push('| workload | system | median | spread (min-max) | runs x iterations | rnnlab native vs this | rnnlab Chromium vs this |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const [w, def] of Object.entries(WORKLOADS)) {
    for (const system of SYSTEMS) {
      const s = stats[w][system];
      if (!s) {
        lines.push(`| ${def.title} | ${system} | ${skipped[system] ? `skipped: ${skipped[system]}` : 'n/a'} | | | | |`);
        continue;
      }
      const cells = RNNLAB_REFERENCES.map((ref) => (ref === system ? '-' : ratio(speedRatio(w, ref, system))));
      lines.push(`| ${def.title} | ${system} | ${fmt(s.median)} ${def.unit} | ${fmt(s.min)}-${fmt(s.max)} | ${s.runs} x ${s.iterations} | ${cells.join(' | ')} |`);
    }
  }
  return lines;
}

const GEMM_SIZES = (/** @type {string} */ system) => [...new Set(records.filter((r) => r.kind === 'gemm' && r.system === system).map((r) => r.n))];

function extras() {
  const lines = [];
  const gemm = (/** @type {string} */ system) => Math.max(...records.filter((r) => r.kind === 'gemm' && r.system === system).map((r) => r.gflops));
  const gemmText = (/** @type {string} */ system) => GEMM_SIZES(system)
    .map((n) => `n=${n}: ${fmt(Math.max(...records.filter((r) => r.kind === 'gemm' && r.system === system && r.n === n).map((r) => r.gflops)))}`).join(', ');
  lines.push("| rnnlab build | workload | tokens/s | GFLOP/s reached | GEMM through the build's matmul, same run, GFLOP/s | reached / GEMM |");
  lines.push('|---|---|---|---|---|---|');
  for (const system of RNNLAB_REFERENCES) {
    const ceiling = gemm(system);
    for (const w of ['W3', 'W4']) {
      const tokens = stats[w][system]?.median ?? NaN;
      const gflops = (tokens * flopsPerToken(w)) / 1e9;
      lines.push(`| ${system} | ${w} | ${fmt(tokens)} | ${fmt(gflops)} | ${fmt(ceiling)} (${gemmText(system)}) | ${(100 * gflops / ceiling).toFixed(1)} % |`);
    }
  }
  lines.push('');
  lines.push(`FLOPs per training token: 3 x (2*4H*H + 2*H*V) = 24 H^2 + 6 H V (matrix products, forward and backward; the one-hot input projection is a gather): W3 and W4 ${flopsPerToken('W3').toLocaleString('en-US')}.`);
  const raw = readFileSync(SHIPPED_WASM);
  const gz = gzipSync(raw, { level: 9 }).length;
  lines.push(`\`.wasm\` shipped (web/dist/wasm/rnnlab.wasm): ${raw.length.toLocaleString('en-US')} bytes, ${gz.toLocaleString('en-US')} bytes gzip -9 (${(gz / 1024).toFixed(1)} KB).`);
  const nav = records.filter((r) => r.kind === 'navigation');
  const first = nav.map((r) => r.firstStepMs), ready = nav.map((r) => r.readyMs);
  lines.push(`Navigation to the first training step in Chromium (web/dist, cold cache, Train pressed when the page is ready; ${nav.length} runs): median ${fmt(median(first))} ms (${fmt(Math.min(...first))}-${fmt(Math.max(...first))}); page ready at ${fmt(median(ready))} ms.`);
  return { lines, numbers: { gemm: RNNLAB_REFERENCES.map(gemm), gz, nav: median(first) } };
}

/** The first validation at or after `t` seconds of training (the checkpoint's), or NaN. */
const valAt = (/** @type {any} */ r, /** @type {number} */ t) => r.curve.find((/** @type {number[]} */ p) => p[0] >= t)?.[1] ?? NaN;
/** Seconds of training until the validation loss first reached `target`, or Infinity. */
const timeTo = (/** @type {any} */ r, /** @type {number} */ target) => r.curve.find((/** @type {number[]} */ p) => p[1] <= target)?.[0] ?? Infinity;
/** A validation loss, or '-' where the run ended before that checkpoint (`--w6-seconds` under it). */
const fmtVal = (/** @type {number} */ v) => (Number.isNaN(v) ? '-' : fmt(v));
const w6Rate = (/** @type {string} */ system) => {
  const r = records.find((x) => x.workload === 'W6' && x.system === system);
  return r ? median(r.windowRates) : NaN;
};

/** Native's ceiling in words: which of the build's two GEMM paths gave it, the other's best, and the FMA loop's peak. */
function nativeCeilingDetail() {
  const recs = records.filter((r) => r.kind === 'gemm' && r.system === 'rnnlab native' && r.eigenGflops !== undefined);
  if (recs.length === 0) return '';
  const best = (/** @type {string} */ key) => Math.max(...recs.map((r) => r[key]));
  const packed = best('packedGflops'), eigen = best('eigenGflops'), peak = best('fmaPeakGflops');
  return ` (the better of the packed kernel, ${fmt(packed)}, and Eigen, ${fmt(eigen)}: ${packed >= eigen ? 'the packed kernel' : 'Eigen'}; the FMA loop's peak ${fmt(peak)})`;
}

function w6Table() {
  const ceiling = Math.max(...records.filter((r) => r.kind === 'gemm' && r.system === 'rnnlab wasm, Chromium').map((r) => r.gflops));
  const nativeCeiling = Math.max(...records.filter((r) => r.kind === 'gemm' && r.system === 'rnnlab native').map((r) => r.gflops));
  const lines = [];
  lines.push(`W6: Tiny Shakespeare, Embedding(65,128) + LSTM(128,128,2) + Linear(128,65), T=64, B=32, Adam 2e-3, clip 5; ${W6_PLAN.seconds} s of training per system (the clock stops for validation).`);
  lines.push('');
  lines.push('| system | tokens/s (median of windows) | spread | steps | GFLOP/s (1.62 MFLOP/token) | share of the wasm GEMM ceiling | rnnlab Chromium vs this | to val <= 2.0 | to val <= 1.8 | val @30 s | val @120 s | final val |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const system of W6_SYSTEMS) {
    const r = records.find((x) => x.workload === 'W6' && x.system === system);
    if (!r) { lines.push(`| ${system} | ${skipped[system] ? `skipped: ${skipped[system]}` : 'n/a'} | | | | | | | | | | |`); continue; }
    const rate = median(r.windowRates), gflops = (rate * W6_FLOPS) / 1e9;
    const vs = system === 'rnnlab wasm, Chromium' ? '-' : ratio(w6Rate('rnnlab wasm, Chromium') / rate);
    const secs = (/** @type {number} */ t) => (Number.isFinite(t) ? `${fmt(t)} s` : 'not reached');
    // rnnlab executes fewer FLOPs than the table counts (the embedding's input side): its share of the ceiling by
    // what it executes, beside the counted one, so a share over 100 % is not read as beating the ceiling.
    const executed = system.startsWith('rnnlab') ? `; executed ${(100 * gflops * W6_FLOPS_EXECUTED / W6_FLOPS / ceiling).toFixed(0)} %` : '';
    const share = system === 'rnnlab native' ? `${(100 * gflops / ceiling).toFixed(0)} % (${(100 * gflops / nativeCeiling).toFixed(0)} % of native's${executed})` : `${(100 * gflops / ceiling).toFixed(0)} %${executed ? ` (${executed.slice(2)})` : ''}`;
    lines.push(`| ${system} | ${fmt(rate)} | ${fmt(Math.min(...r.windowRates))}-${fmt(Math.max(...r.windowRates))} | ${r.steps} | ${fmt(gflops)} | ${share} | ${vs} | ${secs(timeTo(r, 2.0))} | ${secs(timeTo(r, 1.8))} | ${fmtVal(valAt(r, 30))} | ${fmtVal(valAt(r, 120))} | ${fmt(r.curve.at(-1)[1])} |`);
  }
  lines.push('');
  lines.push(`GEMM ceilings of this run (the build's best float product, n x n x n, best of ${GEMM.map((g) => `n=${g.n}`).join(', ')}, before and after W6: in wasm the 8 x 4 packed kernel with one operand packed once, as the recurrence's step products run it; natively the better of the packed FMA kernel and Eigen): wasm in Chromium ${fmt(ceiling)} GFLOP/s, native ${fmt(nativeCeiling)} GFLOP/s${nativeCeilingDetail()}. rnnlab executes ${W6_FLOPS_EXECUTED.toLocaleString('en-US')} of the ${W6_FLOPS.toLocaleString('en-US')} FLOPs per token the table counts (its first layer's input side runs on the embedding table's 65 rows), so its executed rate is ${(100 * W6_FLOPS_EXECUTED / W6_FLOPS).toFixed(0)} % of the GFLOP/s shown. Native vs wasm in Chromium: ${ratio(w6Rate('rnnlab native') / w6Rate('rnnlab wasm, Chromium'))}.`);
  return lines;
}

function w7Table() {
  const ceiling = Math.max(...records.filter((r) => r.kind === 'gemm' && r.system === 'rnnlab wasm, Chromium').map((r) => r.gflops));
  const nativeCeiling = Math.max(...records.filter((r) => r.kind === 'gemm' && r.system === 'rnnlab native').map((r) => r.gflops));
  const w7 = (/** @type {string} */ system, /** @type {string} */ model, /** @type {number} */ epoch) =>
    records.find((r) => r.workload === 'W7' && r.system === system && r.model === model && r.epoch === epoch);
  const lines = [];
  lines.push(`W7: the digits task on the first ${W7_PLAN.images.toLocaleString('en-US')} MNIST test digits (80% train, 20% held out), batch 64, a fresh shuffle each epoch: LSTM(28, 128) by rows + Linear, Adam 1e-3; MLP 784-256-10, SGD 0.1; CNN Conv2d(1, 30, 5) + MaxPool2d(2) + 4320-100-10, Adam 1e-3. An epoch's seconds (wall) cover its training and the held-out evaluation.`);
  lines.push('');
  lines.push('| model | system | epoch | s / epoch | CPU s | loss | held-out accuracy | GFLOP/s | share of the wasm GEMM ceiling | rnnlab Chromium vs this |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const { model, epochs } of W7_PLAN.models) {
    for (const system of W7_SYSTEMS) {
      if (skipped[system]) { lines.push(`| ${model} | ${system} | | skipped: ${skipped[system]} | | | | | | |`); continue; }
      for (let epoch = 1; epoch <= epochs; ++epoch) {
        const r = w7(system, model, epoch);
        if (!r) { lines.push(`| ${model} | ${system} | ${epoch} | n/a | | | | | | |`); continue; }
        const gflops = epochFlops(/** @type {'lstm'} */ (model), r.images) / r.seconds / 1e9;
        const ref = w7('rnnlab wasm, Chromium', model, epoch);
        const vs = system === 'rnnlab wasm, Chromium' ? '-' : ratio(ref ? r.seconds / ref.seconds : NaN);
        const share = system === 'rnnlab native' ? `${(100 * gflops / ceiling).toFixed(0)} % (${(100 * gflops / nativeCeiling).toFixed(0)} % of native's)` : `${(100 * gflops / ceiling).toFixed(0)} %`;
        lines.push(`| ${model} | ${system} | ${epoch} | ${fmt(r.seconds)} | ${r.cpu === undefined ? '' : fmt(r.cpu)} | ${r.loss.toFixed(4)} | ${(100 * r.accuracy).toFixed(2)}% | ${fmt(gflops)} | ${share} | ${vs} |`);
      }
    }
  }
  lines.push('');
  lines.push(`GEMM ceilings of this run (the build's best float product, n x n x n, best of ${GEMM.map((g) => `n=${g.n}`).join(', ')}: in wasm the 8 x 4 packed kernel with one operand packed once, as the recurrence's step products run it; natively the better of the packed FMA kernel and Eigen): wasm in Chromium ${fmt(ceiling)} GFLOP/s, native ${fmt(nativeCeiling)} GFLOP/s${nativeCeilingDetail()}. FLOPs per trained image (3x the forward's products): LSTM 13.4 M, MLP 1.22 M, CNN 5.19 M; a held-out image a third (js/digits_run.js). rnnlab and PyTorch draw their own initial weights and order, TF.js too: accuracies differ by chance in early epochs.`);
  return lines;
}

/** The smoke check: every row present (or a stated skip), every figure and ratio finite. */
function check(/** @type {string[]} */ tableLines, /** @type {any} */ numbers) {
  const problems = [];
  for (const system of onlyW7 ? [] : W6_SYSTEMS) {
    const r = records.find((x) => x.workload === 'W6' && x.system === system);
    if (!r) { if (!skipped[system]) problems.push(`W6 / ${system}: no result`); continue; }
    if (!(r.steps >= 1 && r.windowRates.every((x) => Number.isFinite(x) && x > 0))) problems.push(`W6 / ${system}: no rate`);
    if (!(r.curve.length >= 2 && r.curve.every((p) => Number.isFinite(p[1])))) problems.push(`W6 / ${system}: no validation curve`);
  }
  if (!onlyW6) {
    for (const system of W7_SYSTEMS) {
      if (skipped[system]) continue;
      for (const { model, epochs } of W7_PLAN.models) {
        for (let epoch = 1; epoch <= epochs; ++epoch) {
          const r = records.find((x) => x.workload === 'W7' && x.system === system && x.model === model && x.epoch === epoch);
          if (!r) problems.push(`W7 / ${system} / ${model}: no epoch ${epoch}`);
          else if (!(r.seconds > 0 && Number.isFinite(r.seconds) && Number.isFinite(r.loss) && r.accuracy >= 0 && r.accuracy <= 1))
            problems.push(`W7 / ${system} / ${model} epoch ${epoch}: seconds ${r.seconds}, loss ${r.loss}, accuracy ${r.accuracy}`);
        }
      }
    }
  }
  if (onlyW6 || onlyW7) return problems;
  for (const w of Object.keys(WORKLOADS)) {
    for (const system of SYSTEMS) {
      const s = stats[w][system];
      if (!s) { if (!skipped[system]) problems.push(`${w} / ${system}: no result`); continue; }
      for (const k of ['median', 'min', 'max']) if (!(Number.isFinite(s[k]) && s[k] > 0)) problems.push(`${w} / ${system}: ${k} ${s[k]}`);
      for (const ref of RNNLAB_REFERENCES) {
        if (ref !== system && !Number.isFinite(speedRatio(w, ref, system))) problems.push(`${w} / ${system}: no ratio against ${ref}`);
      }
    }
  }
  const rows = tableLines.filter((l) => l.startsWith('| W')).length;
  if (rows !== Object.keys(WORKLOADS).length * SYSTEMS.length) problems.push(`the table has ${rows} rows`);
  for (const l of tableLines) if (l.split('|').length !== 9) problems.push(`malformed row: ${l}`);
  for (const g of numbers.gemm) if (!(g > 0 && Number.isFinite(g))) problems.push(`GEMM ceiling ${g}`);
  if (!(numbers.gz > 0)) problems.push('no .wasm size');
  if (!(numbers.nav > 0 && Number.isFinite(numbers.nav))) problems.push('no navigation time');
  if (records.some((r) => r.loss !== undefined && !Number.isFinite(r.loss))) problems.push('a run ended with a non-finite loss');
  return problems;
}

// ---- main ------------------------------------------------------------------------------------------------------

const started = Date.now();
const loadAverage = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');
const loadBefore = loadAverage();
if (option('--from')) {
  const saved = JSON.parse(readFileSync(option('--from'), 'utf8'));
  records.push(...saved.records);
  Object.assign(builds, saved.builds);
  Object.assign(skipped, saved.skipped);
} else {
  const haveTorch = probeTorch();
  const chrome = await startChromium();
  try {
    // W6 first, each system once, between two measurements of both GEMM ceilings (the same run's).
    const ceilings = async () => {
      for (const { n, reps } of GEMM) records.push(...runProcess(NATIVE, ['gemm', String(n), String(reps)]));
      await runChromiumPage(chrome, 'rnnlab.html', 'rnnlab wasm, Chromium', [[], GEMM]);
    };
    await ceilings();
    for (const [system, run] of /** @type {[string, () => unknown][]} */ (onlyW7 ? [] : [
      ['rnnlab wasm, Chromium', () => runChromiumText(chrome, 'rnnlab.html', 'rnnlab wasm, Chromium')],
      ['TF.js wasm, Chromium', () => runChromiumText(chrome, 'tfjs.html', 'TF.js wasm, Chromium')],
      ['PyTorch', () => (haveTorch ? runTorchW6() : undefined)],
      ['rnnlab native', runNativeW6],
    ])) {
      log(`W6: ${system}, ${W6_PLAN.seconds} s of training`);
      await run();
    }
    // W7 next, each system once, between the same ceilings.
    for (const [system, run] of /** @type {[string, () => unknown][]} */ (onlyW6 ? [] : [
      ['rnnlab native', runNativeW7],
      ['rnnlab wasm, Chromium', () => runChromiumDigits(chrome, 'rnnlab.html', 'rnnlab wasm, Chromium')],
      ['TF.js wasm, Chromium', () => runChromiumDigits(chrome, 'tfjs.html', 'TF.js wasm, Chromium')],
      ['PyTorch', () => (haveTorch ? runTorchW7() : undefined)],
    ])) {
      log(`W7: ${system}, ${W7_PLAN.models.map((m) => `${m.model} ${m.epochs}`).join(', ')} epochs`);
      await run();
    }
    await ceilings();
    for (let round = 0; round < (onlyW6 || onlyW7 ? 0 : ROUNDS); ++round) {
      const step = async (/** @type {string} */ system, /** @type {() => unknown} */ run) => {
        log(`round ${round + 1}/${ROUNDS}: ${system}`);
        const before = records.length;
        await run();
        for (const r of records.slice(before)) r.round = round;
      };
      await step('rnnlab native', runNative);
      await step('rnnlab wasm, Node', runNode);
      await step('rnnlab wasm, Chromium', () => runChromiumPage(chrome, 'rnnlab.html', 'rnnlab wasm, Chromium', [PLANS.wasm, GEMM]));
      await step('TF.js wasm, Chromium', () => runChromiumPage(chrome, 'tfjs.html', 'TF.js wasm, Chromium', [PLANS.tfjs, null]));
      if (haveTorch) await step('PyTorch', runTorch);
    }
    if (!onlyW6 && !onlyW7) await runNavigation(chrome);
  } finally {
    await chrome.close();
  }
}
summarize();
const onlyOne = onlyW6 || onlyW7;
const tableLines = onlyOne ? [] : table();
const { lines: extraLines, numbers } = onlyOne ? { lines: [], numbers: {} } : extras();
const w6Lines = onlyW7 ? [] : w6Table();
const w7Lines = onlyW6 ? [] : w7Table();
const cpu = os.cpus()[0]?.model ?? '?';
const header = [
  `Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB; ${os.type()} ${os.release()}.${option('--from') ? '' : ` Load average (1, 5, 15 min): ${loadBefore} at the start, ${loadAverage()} at the end.`}`,
  `Builds: ${Object.entries(builds).map(([k, v]) => `${k}: ${v}`).join('; ')}.`,
  `Ratios are speed ratios of medians (above 1: rnnlab is faster). Spread: the slowest and fastest run. W2 rows that ran fewer than 6000 iterations per run (see runs x iterations) give their time per iteration times 6000.${smoke ? ' SMOKE PASS: tiny sizes, the figures mean nothing.' : ''}`,
];
const wall = option('--from') ? [] : ['', `Harness wall time: ${((Date.now() - started) / 1000).toFixed(0)} s.`];
const output = [...header, '', ...w6Lines, '', ...w7Lines, '', ...tableLines, '', ...extraLines, ...wall].join('\n');
console.log(output);
if (option('--out')) writeFileSync(option('--out'), `${output}\n`);
if (option('--json')) {
  mkdirSync(path.dirname(path.resolve(option('--json'))), { recursive: true });
  writeFileSync(option('--json'), JSON.stringify({ records, builds, skipped }, null, 1));
}
const problems = check(tableLines, numbers);
if (problems.length > 0) {
  console.error(`bench: the table is not well formed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
if (smoke) console.error('bench: smoke pass OK (every row present, every figure and ratio finite)');
