// The page's "Open in PyTorch" module (build/wasm/web/rnnlab_export_node.js, the same C++ generator as the CLI's
// `rnnlab export torch`) through web/src/api/torch-export.js: its program is the CLI's, byte for byte, for the same
// run; a saved model's weights and iteration are used; errors name the key. That the programs train as rnnlab does
// is scripts/test_torch_export.py's check (it runs them under torch).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { exportTorch } from '../../src/api/torch-export.js';
import { loadTestRnnlab, repoRoot, wasmDir } from './load_wasm.js';

const exportBuild = path.join(wasmDir, 'rnnlab_export_node.js');
const cli = path.join(repoRoot, 'build/release/rnnlab');

function load() {
  if (!existsSync(exportBuild)) throw new Error(`${exportBuild} is missing: run scripts/build-wasm.sh first`);
  return { factory: createRequire(import.meta.url)(exportBuild) };
}

/** @param {string[]} args */
function cliExport(args) {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build the native preset first (cmake --build --preset release)`);
  return execFileSync(cli, ['export', 'torch', ...args], { encoding: 'utf8' });
}

test('the module writes the CLI\'s program for the same run (hello, sine LSTM with SGD and clipping)', async () => {
  const hello = await exportTorch({ task: 'hello' }, { steps: 20 }, load());
  assert.equal(hello, cliExport(['--steps', '20']));
  assert.match(hello, /self\.rnn = nn\.RNNCell\(4, 4\)/);
  assert.match(hello, /print\("Predicted string: %s, Epoch \[%d\/%d\] loss=%s" % \(predicted, epoch, EPOCHS, LOSS_FORMAT % loss\.item\(\)\)\)/);
  assert.match(hello, /^LOSS_FORMAT = "%\.4f"/m);
  const config = { task: 'sine', cell: 'lstm', hidden: 8, optim: 'sgd', lr: 0.05, momentum: 0.9, clip: 1, seed: 4 };
  const sine = await exportTorch(config, { steps: 30 }, load());
  assert.equal(sine, cliExport(['--task', 'sine', '--cell', 'lstm', '--hidden', '8', '--optim', 'sgd', '--lr', '0.05',
    '--momentum', '0.9', '--clip', '1', '--seed', '4', '--steps', '30']));
  assert.match(sine, /torch\.optim\.SGD\(model\.parameters\(\), lr=0\.05, momentum=0\.9\)/);
  assert.match(sine, /nn\.utils\.clip_grad_norm_\(model\.parameters\(\), max_norm=1\.0\)/);
});

test('a saved model: its iteration is the default length, and weights "current" are its weights', async () => {
  const rnnlab = await loadTestRnnlab();
  const trainer = rnnlab.createTrainer({ task: 'seq', input: 'hello', target: 'ohlol', arch: 'layer', cell: 'gru' });
  trainer.step(7);
  const saved = trainer.saveStateDict();
  const config = trainer.config();
  trainer.dispose();
  const initial = await exportTorch(config, { model: saved }, load());
  assert.match(initial, /^EPOCHS = 7$/m);
  const current = await exportTorch(config, { model: saved, weights: 'current' }, load());
  const weight = JSON.parse(saved).tensors['head.bias'].data[0];
  assert.ok(current.includes(`"head.bias": ([4], [\n        ${weight},`), 'the saved head.bias starts the weights');
  assert.ok(!initial.includes(`"head.bias": ([4], [\n        ${weight},`), 'the initial weights are not the saved ones');
});

test('errors name the key at fault', async () => {
  await assert.rejects(exportTorch({ task: 'seq', hidden: 0, arch: 'layer' }, {}, load()), (e) => e.key === 'hidden');
  await assert.rejects(exportTorch({ task: 'hello' }, { weights: 'current' }, load()), /weights: "current" needs a saved model/);
  await assert.rejects(exportTorch({ task: 'hello' }, { steps: 1.5 }, load()), /steps: expected a whole number/);
});

test('the classify and tag tasks: the module writes the CLI\'s program (typed classes, a bidirectional tagger)', async () => {
  const examples = JSON.stringify({ classes: [
    { name: 'yes', examples: ['oui', 'ja', 'sí'] }, { name: 'no', examples: ['non', 'nein', '不'] }] });
  const classify = await exportTorch({ task: 'classify', examples, cell: 'gru', hidden: 8, seed: 3 }, { steps: 40 }, load());
  assert.equal(classify, cliExport(['--task', 'classify', '--examples', examples, '--cell', 'gru', '--hidden', '8',
    '--seed', '3', '--steps', '40']));
  assert.match(classify, /^ {4}\("yes", \[\n {8}"oui", "ja", "sí"\n {4}\]\),$/m);
  assert.match(classify, /loss = criterion\(last_steps\(logits, lengths\), y\)/);
  const tag = await exportTorch({ task: 'tag', bidirectional: true, length: 10, symbols: 5 }, { steps: 25 }, load());
  assert.equal(tag, cliExport(['--task', 'tag', '--bidirectional', '--length', '10', '--symbols', '5', '--steps', '25']));
  assert.match(tag, /self\.rnn = nn\.LSTM\(5, 16, bidirectional=True\)/);
  assert.match(tag, /loss = criterion\(logits\.view\(-1, 2\), y\.view\(-1\)\)/);
});
