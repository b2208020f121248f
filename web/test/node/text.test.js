// The text task through the JS API: the corpus given once as a string, training, validation, and sampling that
// gives the same text as the native build (`rnnlab sample`) for the same weights and seed.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { loadTestRnnlab, repoRoot } from './load_wasm.js';

const cli = process.env.RNNLAB_CLI ?? path.join(repoRoot, 'build/release/rnnlab');
const corpus = readFileSync(path.join(repoRoot, 'tests/fixtures/corpus_small.txt'), 'utf8');
const SMALL = { task: 'text', seqLen: 16, batch: 8, embedding: 16, hidden: 32, layers: 1, valEvery: 1000, seed: 1 };

test('text: trains on a corpus given as a string; the loss falls and the validation loss is finite', async () => {
  const rnnlab = await loadTestRnnlab();
  const trainer = rnnlab.createTrainer(SMALL, { corpus });
  const first = trainer.step(1).loss;
  const last = trainer.step(150).loss;
  assert.ok(first > 3 && last < first - 0.8, `${first} -> ${last}`);
  const val = trainer.validationLoss();
  assert.ok(Number.isFinite(val) && val < first, String(val));
  const p = trainer.predict();
  assert.equal(p.task, 'text');
  assert.equal(p.view, 'text');
  // configure without a corpus keeps the one it has (no second copy is needed from JS).
  assert.equal(trainer.configure({ ...SMALL, hidden: 24 }).hidden, 24);
  assert.ok(Number.isFinite(trainer.step(1).loss));
  trainer.dispose();
});

test('text: the same seed gives the same sample, natively and in wasm', async () => {
  assert.ok(existsSync(cli), `${cli} is missing: scripts/test.sh builds it (cmake --preset release)`);
  const rnnlab = await loadTestRnnlab();
  const trainer = rnnlab.createTrainer(SMALL, { corpus });
  trainer.step(60);
  const options = { prime: 'First', length: 120, temperature: 0.8, topK: 0, seed: 7 };
  const a = trainer.sample(options);
  assert.equal(trainer.sample(options), a, 'same seed, same text');
  assert.notEqual(trainer.sample({ ...options, seed: 8 }), a, 'another seed, another text');
  assert.ok(a.startsWith('First') && Array.from(a).length === 5 + 120, a);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rnnlab-text-'));
  try {
    const model = path.join(dir, 'model.json');
    writeFileSync(model, trainer.saveStateDict());
    const native = execFileSync(cli, ['sample', '--model', model, '--prime', 'First', '--length', '120', '--temperature', '0.8',
      '--seed', '7'], { encoding: 'utf8' });
    assert.equal(native.replace(/\n$/, ''), a, 'rnnlab sample prints the same text');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  trainer.dispose();
});

test('text: bad data and bad options name what is wrong; the trainer keeps working', async () => {
  const rnnlab = await loadTestRnnlab();
  assert.throws(() => rnnlab.createTrainer(SMALL), { name: 'RnnlabError', key: 'corpus' });
  assert.throws(() => rnnlab.createTrainer(SMALL, { corpus: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }), { key: 'corpus' });
  assert.throws(() => rnnlab.createTrainer(SMALL, { corpus: 'ab\uD800cd'.repeat(20) }), { key: 'corpus', message: /lone surrogate/ });
  const trainer = rnnlab.createTrainer(SMALL, { corpus });
  trainer.step(2);
  assert.throws(() => trainer.sample({ temperature: 3 }), { message: /temperature: got 3/ });
  assert.throws(() => trainer.sample({ prime: 'First§' }), { message: /prime: character '§'/ });
  assert.throws(() => trainer.sample({ length: 1.5 }), { message: 'length: got 1.5 (number), expected an integer' });
  assert.throws(() => trainer.configure({ ...SMALL, hidden: 24 }, { corpus: 'x' }), { key: 'corpus' });
  assert.equal(trainer.config().hidden, 32, 'a refused corpus leaves the trainer as it was');
  assert.ok(Number.isFinite(trainer.step(1).loss));
  const seq = rnnlab.createTrainer({ task: 'seq' });
  assert.throws(() => seq.sample(), { message: 'sample: the task is "seq"; sample needs the text task' });
  assert.throws(() => seq.validationLoss(), { message: /validationLoss: the task is "seq"/ });
  seq.dispose();
  trainer.dispose();
});
