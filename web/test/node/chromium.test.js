// The browser build in Chromium: the ES module and its .wasm load, a C++ error arrives as an RnnlabError with
// the C++ message, training gives the same losses as in Node, and the real web/src/worker/worker.js (a module
// worker, MessageChannel scheduling) streams snapshots and answers pause within 50 ms. Each task family's module
// trains its family's tasks and names the module of another's.
import test from 'node:test';
import assert from 'node:assert/strict';

import { haveChromium, runInChromium } from './chromium.js';
import { loadTestRnnlab } from './load_wasm.js';
import { assertAnsweredWithin } from './latency.js';

// The ES module build, as a path under the repository (RNNLAB_WASM_MODULE_URL checks another build), and the
// folder of it and the other families' modules.
const MODULE = process.env.RNNLAB_WASM_MODULE_URL ?? '/build/wasm/web/rnnlab.mjs';
const MODULE_BASE = MODULE.slice(0, MODULE.lastIndexOf('/') + 1);

test('Chromium: module, errors, same losses as Node, and the worker', async () => {
  assert.ok(haveChromium, 'Chromium is installed by scripts/install-deps.sh');
  const result = await runInChromium(`
    const { loadRnnlab } = await import('/web/src/api/rnnlab.js');
    const { WorkerClient } = await import('/web/src/worker/client.js');
    const rnnlab = await loadRnnlab({ moduleUrl: '${MODULE}' });
    const out = { version: rnnlab.version };
    try { rnnlab.createTrainer({ task: 'sine', hidden: 0 }); } catch (e) { out.error = { name: e.name, message: e.message, key: e.key }; }
    const trainer = rnnlab.createTrainer({ task: 'sine', seed: 3 });
    out.losses = Array.from(trainer.step(50).losses);
    trainer.dispose();

    const worker = new Worker('/web/src/worker/worker.js', { type: 'module' });
    const client = new WorkerClient(worker);
    const snapshots = [];
    client.on('snapshot', (m) => snapshots.push({ iteration: m.iteration, first: m.firstIteration, n: m.losses.length, rate: m.iterationsPerSecond }));
    await client.request('init', { moduleBase: '${MODULE_BASE}' });
    await client.request('configure', { config: { task: 'sine' } });
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    out.pauses = [];
    for (let round = 0; round < 5; ++round) {
      await client.request('train');
      await sleep(400);
      const start = performance.now();
      const paused = await client.request('pause');
      out.pauses.push(performance.now() - start);
      out.iteration = paused.iteration;
    }
    try { await client.request('configure', { config: { cell: 'lstn' } }); } catch (e) { out.workerError = e.message; }
    out.afterError = (await client.request('step', { n: 2 })).iteration;
    out.snapshots = snapshots;
    worker.terminate();
    return out;
  `);
  const node = await loadTestRnnlab();
  const trainer = node.createTrainer({ task: 'sine', seed: 3 });
  const nodeLosses = Array.from(trainer.step(50).losses);
  trainer.dispose();

  const rates = result.snapshots.map((/** @type {any} */ s) => s.rate).filter((/** @type {number} */ r) => r > 0);
  console.log(`Chromium: ${result.version}; worker trained to iteration ${result.iteration} in 5 x 400 ms, ${result.snapshots.length} snapshots, ~${Math.round(rates.at(-1))} it/s; pause answered in ${result.pauses.map((/** @type {number} */ p) => p.toFixed(1)).join(', ')} ms`);
  assert.match(result.version, /simd128/);
  assert.deepEqual(result.error, { name: 'RnnlabError', message: 'hidden: got 0, expected 1 to 1024', key: 'hidden' });
  assert.deepEqual(result.losses, nodeLosses, 'the same .wasm code gives the same losses in Chromium and Node');
  assertAnsweredWithin(result.pauses, 'pause in the Chromium worker');
  assert.ok(result.snapshots.length >= 10 && result.snapshots.length <= 5 * 0.4 * 30 + 10, `${result.snapshots.length} snapshots in 2 s of training`);
  assert.equal(result.workerError, 'cell: got "lstn", expected rnn, lstm or gru');
  assert.equal(result.afterError, result.iteration + 2);
});

test('Chromium: each family module trains its own tasks and names the module of the others', async () => {
  const result = await runInChromium(`
    const { loadRnnlab } = await import('/web/src/api/rnnlab.js');
    const { FAMILY_MODULES } = await import('/web/src/api/task-modules.js');
    const out = {};
    for (const module of Object.values(FAMILY_MODULES)) {
      const rnnlab = await loadRnnlab({ moduleUrl: '${MODULE_BASE}' + module + '.mjs' });
      const refused = {};
      for (const task of ['seq', 'text']) {
        try { rnnlab.createTrainer({ task }, { corpus: 'to be or not to be '.repeat(40) }).dispose(); } catch (e) { refused[task] = { name: e.name, message: e.message, key: e.key }; }
      }
      try { refused.checkCorpus = rnnlab.checkCorpus('abcabc', 2); } catch (e) { refused.checkCorpus = e.message; }
      out[module] = { tasks: [...rnnlab.tasks], refused };
    }
    return out;
  `);
  assert.deepEqual(result.rnnlab, {
    tasks: ['seq', 'sine'],
    refused: {
      text: { name: 'RnnlabError', key: 'task', message: 'task: "text" is in the text family\'s module, not in this one (seq, sine)' },
      checkCorpus: 'checkCorpus: the text task\'s, in its own module (rnnlab_text); this module trains seq, sine',
    },
  });
  assert.deepEqual(result.rnnlab_text, {
    tasks: ['text'],
    refused: {
      seq: { name: 'RnnlabError', key: 'task', message: 'task: "seq" is in the core family\'s module, not in this one (text)' },
      checkCorpus: { characters: 6, symbols: 3 },
    },
  });
  for (const [module, tasks, family] of [['rnnlab_memory', ['remember', 'classify', 'tag'], 'memory'], ['rnnlab_digits', ['digits'], 'digits']]) {
    assert.deepEqual(result[module], {
      tasks,
      refused: {
        seq: { name: 'RnnlabError', key: 'task', message: `task: "seq" is in the core family's module, not in this one (${tasks.join(', ')})` },
        text: { name: 'RnnlabError', key: 'task', message: `task: "text" is in the text family's module, not in this one (${tasks.join(', ')})` },
        checkCorpus: `checkCorpus: the text task's, in its own module (rnnlab_text); this module trains ${tasks.join(', ')}`,
      },
    }, family);
  }
});
