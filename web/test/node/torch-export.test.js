// The page's "Open in PyTorch" module (build/wasm/web/rnnlab_export_node.js, the same C++ generator as the CLI's
// `rnnlab export torch`) through web/src/api/torch-export.js: its program is the CLI's, byte for byte, for the same
// run (the digits task's: the page's own decoded images and file names, the CLI's --data-beside); a saved model's
// weights and iteration are used; errors name the key. That the programs train as rnnlab does
// is scripts/test_torch_export.py's check (it runs them under torch).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { exportTorch } from '../../src/api/torch-export.js';
import { digitsFromGzip } from '../../src/api/idx.js';
import { digitsDataset, exportFiles } from '../../src/state/digits-data.js';
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
  return execFileSync(cli, ['export', 'torch', ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
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

/**
 * A set's two gzip'd files as the page has them (web/src/state/digits-data.js), decoded by the page's own reader.
 * @param {string} folder
 * @param {string} name  the `data` key
 */
async function pageDigits(folder, name) {
  const dataset = digitsDataset(name);
  if (!dataset) throw new Error(`no set ${name}`);
  const [imagesGz, labelsGz] = [dataset.images, dataset.labels].map((file) => readFileSync(path.join(folder, file)));
  const set = await digitsFromGzip(imagesGz, labelsGz, { images: dataset.images, labels: dataset.labels, set: name });
  return { digits: { images: set.pixels, labels: set.labels }, digitsFiles: exportFiles(name, dataset),
    bytes: imagesGz.length + labelsGz.length, total: dataset.bytes };
}

test('digits: the page\'s program is the CLI\'s --data-beside program, reading the files it offers beside it', async () => {
  const mnist = await pageDigits(path.join(repoRoot, 'data/digits/mnist'), 'mnist');
  assert.equal(mnist.bytes, mnist.total, 'the page says what the files weigh');
  const { digits, digitsFiles } = mnist;
  const program = await exportTorch({ task: 'digits' }, { steps: 20, digits, digitsFiles }, load());
  assert.equal(program, cliExport(['--task', 'digits', '--data-beside', '--steps', '20']));
  assert.match(program, /^DATA_DIR = os\.path\.dirname\(os\.path\.abspath\(__file__\)\) {2}# this program's folder$/m);
  assert.match(program, /^IMAGES_FILE = "mnist-t10k-images-idx3-ubyte\.gz"\nLABELS_FILE = "mnist-t10k-labels-idx1-ubyte\.gz"$/m);
  assert.match(program, /^IMAGES = 10000 {2}# the first IMAGES of the files/m);
  assert.match(program, /Yann LeCun, Corinna Cortes and Christopher J\.C\. Burges; CC BY-SA 3\.0/);

  // Fashion-MNIST as Debian's dataset-fashion-mnist installs it (scripts/install-deps.sh), where the page's build copies it from.
  const fashion = await pageDigits('/usr/share/datasets/fashion-mnist', 'fashion');
  assert.equal(fashion.bytes, fashion.total, 'the page says what the files weigh');
  const config = { task: 'digits', data: 'fashion', model: 'mlp', optim: 'sgd', lr: 0.1 };
  const dir = mkdtempSync(path.join(tmpdir(), 'rnnlab-export-'));
  try {
    writeFileSync(path.join(dir, 'c.json'), JSON.stringify(config));
    const fromPage = await exportTorch(config, { steps: 20, digits: fashion.digits, digitsFiles: fashion.digitsFiles }, load());
    assert.equal(fromPage, cliExport(['--config', path.join(dir, 'c.json'), '--data-beside', '--steps', '20']));
    assert.match(fromPage, /^IMAGES_FILE = "fashion-t10k-images-idx3-ubyte\.gz"$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('digits: without the images or the files\' names the module says what is missing', async () => {
  const { digits, digitsFiles } = await pageDigits(path.join(repoRoot, 'data/digits/mnist'), 'mnist');
  await assert.rejects(exportTorch({ task: 'digits' }, { digitsFiles }, load()), (e) => e.key === 'data' && /no images/.test(e.message));
  await assert.rejects(exportTorch({ task: 'digits' }, { digits }, load()),
    /the digits export needs the names of the files the program reads the images from/);
  await assert.rejects(exportTorch({ task: 'digits' }, { digits, digitsFiles: { images: 'a.gz', labels: '' } }, load()),
    /digitsFiles\.labels: expected a file name/);
  await assert.rejects(exportTorch({ task: 'digits' }, { digits: { images: digits.images, labels: digits.labels.subarray(1) }, digitsFiles }, load()),
    /digits/);
});
