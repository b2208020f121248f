// The inspector through the JS API (Trainer#activations, topk, saliency, unitRanking, gateSaturation) against the
// native build's numbers for the same weights (`rnnlab inspect`), the shapes it promises, and bad input: each
// message names the argument and the limit, and the trainer trains on exactly as if nothing had been asked.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { loadTestRnnlab, repoRoot } from './load_wasm.js';

const cli = process.env.RNNLAB_CLI ?? path.join(repoRoot, 'build/release/rnnlab');
const corpus = readFileSync(path.join(repoRoot, 'tests/fixtures/corpus_small.txt'), 'utf8');
const SMALL = { task: 'text', seqLen: 16, batch: 4, embedding: 8, hidden: 12, layers: 2, valEvery: 1000, seed: 3 };
const TEXT = 'First Citizen:\nBefore we proceed any further, hear me speak.\n\nAll:\nSpeak, speak.';

/** rnnlab inspect's output for a model saved from `trainer`, over TEXT. */
function native(trainer, flags) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rnnlab-inspect-'));
  try {
    writeFileSync(path.join(dir, 'm.json'), trainer.saveStateDict());
    writeFileSync(path.join(dir, 't.txt'), TEXT);
    return execFileSync(cli, ['inspect', '--model', path.join(dir, 'm.json'), '--text', path.join(dir, 't.txt'), ...flags], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('inspect: activations, saliency and the ranking equal the native build for the same weights', async () => {
  assert.ok(existsSync(cli), `${cli} is missing: cmake --preset release && cmake --build --preset release`);
  const rnnlab = await loadTestRnnlab();
  const trainer = rnnlab.createTrainer(SMALL, { corpus });
  trainer.step(30);
  const T = Array.from(TEXT).length;

  const a = trainer.activations(TEXT);
  assert.deepEqual([a.steps, a.slots, a.hidden, a.layers, a.directions, a.kind], [T, 2, 12, 2, 1, 'lstm']);
  assert.deepEqual(a.h.shape, [2, T, 12]);
  assert.deepEqual(a.c?.shape, [2, T, 12]);
  assert.deepEqual(a.gates?.shape, [2, T, 48]);
  assert.deepEqual(a.gates?.names, ['i', 'f', 'g', 'o']);
  assert.ok(a.h.data instanceof Float32Array && a.h.data.length === 2 * T * 12);
  // Unit 5 of layer 1, c: the CLI prints 4 decimals per character.
  const lines = native(trainer, ['--unit', '1:5', '--state', 'c']).trim().split('\n').slice(1);
  assert.equal(lines.length, T);
  for (let t = 0; t < T; t++) {
    const value = Number(lines[t].split('\t')[2]);
    assert.ok(Math.abs(a.c.data[(1 * T + t) * 12 + 5] - value) <= 6e-5, `step ${t}: ${a.c.data[(1 * T + t) * 12 + 5]} vs ${value}`);
  }

  const s = trainer.saliency(TEXT, 40);
  assert.ok(s instanceof Float32Array);
  assert.equal(s.length, 40);
  const rows = native(trainer, ['--saliency', '40']).trim().split('\n').slice(2);
  assert.equal(rows.length, 40);
  let largest = 0;
  for (let k = 0; k < 40; k++) {
    const value = Number(rows[k].split('\t')[2]);
    largest = Math.max(largest, value);
    assert.ok(Math.abs(s[k] - value) <= 2e-6 + 1e-4 * value, `k ${k}: ${s[k]} vs ${value}`);
  }
  assert.ok(largest > 1e-3, 'the gradient reaches the inputs');

  const ranking = trainer.unitRanking(TEXT);
  const text = native(trainer, ['--rank']);
  for (const u of ranking.filter((r) => r.feature === 'quote' || r.feature === 'line').slice(0, 3)) {
    const line = `${u.feature}\t${u.kind} layer ${u.layer} unit ${u.unit}\tr ${u.correlation.toFixed(3)}`;
    assert.ok(text.includes(line), `${line} in\n${text}`);
  }
  const features = new Set(ranking.map((r) => r.feature));
  assert.deepEqual([...features].sort(), ['capital', 'line', 'space', 'vowel'].sort());  // no quote, bracket or digit in TEXT

  const top = trainer.topk(TEXT, 5);
  assert.equal(top.classes.length, T * 5);
  assert.equal(top.symbols.length, T * 5);
  for (let t = 0; t < T; t++) {
    let sum = 0;
    for (let j = 0; j < 5; j++) {
      sum += top.probabilities[t * 5 + j];
      if (j > 0) assert.ok(top.probabilities[t * 5 + j] <= top.probabilities[t * 5 + j - 1]);
    }
    assert.ok(sum > 0 && sum <= 1.0001);
  }
  const sat = trainer.gateSaturation(TEXT);
  assert.deepEqual(sat.map((g) => `${g.layer}${g.gate}`), ['0i', '0f', '0o', '1i', '1f', '1o']);
  for (const g of sat) for (let j = 0; j < 12; j++) assert.ok(g.left[j] >= 0 && g.left[j] + g.right[j] <= 1);
  trainer.dispose();
});

test('inspect: bad input names the argument and the limit, and leaves the trainer as it was', async () => {
  const rnnlab = await loadTestRnnlab();
  const trainer = rnnlab.createTrainer(SMALL, { corpus });
  const twin = rnnlab.createTrainer(SMALL, { corpus });
  trainer.step(3);
  twin.step(3);
  const bad = [
    [() => trainer.activations('x'.repeat(2001)), /^text: got 2001 characters, expected 1 to 2000$/],
    [() => trainer.activations(''), /^text: got 0 characters, expected 1 to 2000$/],
    [() => trainer.activations('First 😀'), /^text: character '😀' \(U\+1F600\) at position 6 is not in the vocabulary/],
    [() => trainer.activations(/** @type {any} */ (7)), /^text: expected a string/],
    [() => trainer.saliency('First', 0), /^position: got 0, expected a whole number 1 to 5$/],
    [() => trainer.saliency('First', 6), /^position: got 6, expected a whole number 1 to 5$/],
    [() => trainer.topk('First', 0), /^k: got 0, expected a whole number 1 to 8192$/],
    [() => trainer.topk('First', 9000), /^k: got 9000/],
    [() => trainer.unitRanking('First', 65), /^perFeature: got 65, expected a whole number 1 to 64$/],
  ];
  for (const [call, message] of bad) assert.throws(call, (error) => error.name === 'RnnlabError' && message.test(error.message));
  // The vocabulary's size is the k limit the module names.
  assert.throws(() => trainer.topk('First', 100), /k: got 100, expected 1 to \d+ \(the vocabulary size\)/);
  assert.equal(trainer.iteration, 3);
  assert.equal(trainer.step(1).loss, twin.step(1).loss);
  // The kept run is of the old weights: after a step the same text gives the new weights' numbers.
  const before = trainer.activations('First').h.data.slice();
  trainer.step(1);
  assert.notDeepEqual(trainer.activations('First').h.data, before);
  trainer.dispose();
  twin.dispose();
});

test('inspect: the sine model takes numbers; saliency is the gradient of the predicted value', async () => {
  const rnnlab = await loadTestRnnlab();
  const trainer = rnnlab.createTrainer({ task: 'sine', seed: 1 });
  trainer.step(5);
  const values = Array.from({ length: 30 }, (_, i) => Math.sin(i * 0.3));
  const a = trainer.activations(values);
  assert.equal(a.steps, 30);
  const s = trainer.saliency(values, 30);
  assert.equal(s.length, 30);
  assert.equal(s.target, -1);
  assert.ok(s[29] > 0);
  assert.throws(() => trainer.activations('abc'), /text: the task "sine" does not read characters/);
  trainer.dispose();
});

test('inspect: the worker answers an inspect request between training chunks, and training goes on', async () => {
  const { Worker } = await import('node:worker_threads');
  const { WorkerClient } = await import('../../src/worker/client.js');
  const worker = new Worker(new URL('./worker_entry.js', import.meta.url));
  const client = new WorkerClient(worker);
  try {
    await client.request('init');
    await client.request('configure', { config: { task: 'seq', input: 'hello world', target: 'ello world!', cell: 'lstm', arch: 'layer', hidden: 8 } });
    let latest = 0;
    client.on('snapshot', (m) => { latest = Math.max(latest, m.iteration); });
    const until = async (condition, what) => {
      for (let i = 0; i < 600 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
      assert.ok(condition(), what);
    };
    await client.request('train', { trace: false });
    await until(() => latest > 0, 'training started');
    const first = await client.request('inspect', { activations: true, topk: 3, saliency: 5, ranking: true, saturation: true });
    const second = await client.request('inspect', { text: 'low', activations: true });
    await until(() => latest > first.iteration, `training went on after the inspection at ${first.iteration}`);
    const snapshot = await client.request('snapshot', { trace: false });
    assert.equal(first.text, 'hello world', 'no text: the task\'s own (seq: its input)');
    assert.deepEqual(first.activations.h.shape, [1, 11, 8]);
    assert.equal(first.topk.classes.length, 33);
    assert.equal(first.saliency.position, 5);
    assert.equal(first.saliency.norms.length, 5);
    assert.ok(first.ranking.length > 0);
    assert.deepEqual(first.saturation.map((g) => g.gate), ['i', 'f', 'o']);
    assert.deepEqual(second.activations.h.shape, [1, 3, 8]);
    assert.ok(snapshot.running, 'still training');
    assert.ok(first.iteration > 0 && snapshot.iteration > first.iteration, `${first.iteration} -> ${snapshot.iteration}`);
    await assert.rejects(client.request('inspect', { text: 'xyz', activations: true }), { message: /^text: character 'x'/ });
    await client.request('pause');
  } finally {
    await worker.terminate();
  }
});
