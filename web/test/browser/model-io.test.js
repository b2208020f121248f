// Keep: the trained model downloads as state-dict JSON and loads back; a corrupt file is refused with a
// visible message and the current model stays; "Open in PyTorch" downloads the run as the CLI's Python program.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBrowser, runAction, waitIdle, pageIteration, waitForAttribute } from './harness.js';

const suite = useBrowser({ before, after });

async function download(page) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('.rl-model-io button:has-text("Download model")')]);
  assert.match(file.suggestedFilename(), /^rnnlab-seq-rnn-iteration-\d+\.json$/);
  return readFile(await file.path(), 'utf8');
}

async function upload(page, name, text) {
  await page.setInputFiles('.rl-model-io input[type="file"]', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

async function train(page) {
  const before = await pageIteration(page);
  await runAction(page, 'train');
  await page.waitForFunction((n) => window.rnnlab.iteration > n, before);
  await waitIdle(page);
}

test('download the trained model, train on, load it back: the same weights and the same predictions', async () => {
  const { page, errors } = await suite.open('speed=max');
  await train(page);
  await waitForAttribute(page, '#predicted', 'data-predicted', 'ohlol');
  const saved = await download(page);
  const model = JSON.parse(saved);
  assert.ok(JSON.stringify(model).includes('weight_ih'), 'PyTorch parameter names');

  // Move the weights on, then load the saved ones back.
  await page.fill('#rl1-epochs', '200');
  await page.press('#rl1-epochs', 'Enter');
  await train(page);
  const moved = await download(page);
  assert.notEqual(moved, saved);
  await upload(page, 'saved.json', saved);
  await page.waitForFunction(() => /Loaded saved\.json/.test(document.querySelector('.rl-model-io').textContent));
  assert.equal(await download(page), saved, 'what loads is what was saved');
  // The next step runs forward with the loaded weights: its prediction is the saved model's.
  await page.click('.rl-run-bar button[data-action="step"]');
  await waitForAttribute(page, '#predicted', 'data-predicted', 'ohlol');
  assert.equal(await page.locator('.rl-message-error').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a corrupt model file shows its error and the current model stays', async () => {
  const { page, errors } = await suite.open('speed=max');
  await train(page);
  const before = await download(page);
  const iteration = await pageIteration(page);
  for (const [name, text, pattern] of [
    ['cut-short.json', before.slice(0, before.length / 2), /JSON/i],
    ['renamed.json', before.replace('"rnn.weight_ih', '"rnn.nonsense'), /nonsense|weight_ih/],
    ['other-vocabulary.json', before.replace('"ehlo"', '"abcd"'), /vocabulary/i],
    ['not-json.json', 'this is not json', /JSON/i],
  ]) {
    await upload(page, name, text);
    const message = page.locator('.rl-message-error');
    await message.waitFor();
    const shown = await message.textContent();
    assert.match(shown, new RegExp(`Could not load ${name.replace('.', '\\.')}`));
    assert.match(shown, pattern);
    assert.match(shown, /current model is unchanged/);
    assert.equal(await download(page), before, `after ${name} the model is the one before`);
    assert.equal(await pageIteration(page), iteration);
    await page.click('.rl-message-error .rl-message-close');
  }
  // And it still trains.
  await page.click('.rl-run-bar button[data-action="step"]');
  await page.waitForFunction((n) => window.rnnlab.iteration === n + 1, iteration);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a loaded model shows its prediction and unrolled cells at once, and counts on from the iteration it was saved at', async () => {
  const { page, errors } = await suite.open('epochs=60&speed=max');
  await train(page);
  assert.equal(await pageIteration(page), 60);
  // The view draws on a frame: read its prediction once it shows the last snapshot's.
  await page.waitForFunction(() => document.querySelector('#predicted')?.getAttribute('data-predicted') === window.rnnlab.lastSnapshot.prediction.predicted);
  const predicted = await page.getAttribute('#predicted', 'data-predicted');
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('.rl-model-io button:has-text("Download model")')]);
  assert.equal(file.suggestedFilename(), 'rnnlab-seq-rnn-iteration-60.json');
  const saved = await readFile(await file.path(), 'utf8');
  assert.equal(JSON.parse(saved).task.iteration, 60, 'the file keeps its iteration');
  await runAction(page, 'reset');
  await page.waitForFunction(() => window.rnnlab.iteration === 0);
  await upload(page, file.suggestedFilename(), saved);
  await page.waitForFunction(() => /Loaded rnnlab/.test(document.querySelector('.rl-model-io').textContent));
  // No step yet: the iteration is the file's, the prediction and the unrolled network are the loaded model's.
  assert.equal(await pageIteration(page), 60);
  await page.waitForFunction(() => document.querySelector('#run-bar .rl-readout-iteration dd').textContent === '60');
  await waitForAttribute(page, '#predicted', 'data-predicted', predicted);
  assert.doesNotMatch(await page.textContent('#predicted'), /Not trained yet/);
  await page.waitForFunction(() => document.querySelectorAll('#cells .rl-cell').length === 5);
  await page.click('.rl-run-bar button[data-action="step"]');
  await page.waitForFunction(() => window.rnnlab.iteration === 61);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a file saved without task.iteration takes the iteration from its name (rnnlab-...-iteration-N.json)', async () => {
  const { page, errors } = await suite.open('epochs=30&speed=max');
  await train(page);
  const saved = JSON.parse(await download(page));
  delete saved.task.iteration;  // as files were saved before the task object kept it
  await runAction(page, 'reset');
  await page.waitForFunction(() => window.rnnlab.iteration === 0);
  await upload(page, 'rnnlab-seq-rnn-iteration-30 (1).json', JSON.stringify(saved));
  await page.waitForFunction(() => /Loaded rnnlab/.test(document.querySelector('.rl-model-io').textContent));
  assert.equal(await pageIteration(page), 30);
  // Another name: the count starts at 0.
  await upload(page, 'my-model.json', JSON.stringify(saved));
  await page.waitForFunction(() => /Loaded my-model/.test(document.querySelector('.rl-model-io').textContent));
  assert.equal(await pageIteration(page), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('"Open in PyTorch" downloads the run as a Python program: the CLI\'s export of the same saved model', async () => {
  const { page, errors } = await suite.open('speed=max');
  await train(page);
  const saved = await download(page);
  const iteration = await pageIteration(page);
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('.rl-model-io button:has-text("Open in PyTorch")')]);
  assert.equal(file.suggestedFilename(), 'rnnlab-seq-train.py');
  const program = await readFile(await file.path(), 'utf8');
  assert.match(program, new RegExp(`^EPOCHS = ${iteration}$`, 'm'));
  assert.match(program, /self\.rnn = nn\.RNNCell\(4, 4\)/);
  // One generator: the CLI, given the model the page saved, writes the same file.
  const dir = await mkdtemp(path.join(tmpdir(), 'rnnlab-export-'));
  await writeFile(path.join(dir, 'm.json'), saved);
  const cli = path.resolve(fileURLToPath(import.meta.url), '../../../../build/release/rnnlab');
  assert.equal(program, execFileSync(cli, ['export', 'torch', '--model', path.join(dir, 'm.json')], { encoding: 'utf8' }));
  await rm(dir, { recursive: true });
  await page.waitForFunction(() => /rnnlab-seq-train\.py/.test(document.querySelector('.rl-model-io').textContent));
  assert.equal(await page.locator('.rl-message-error').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('"Open in PyTorch" for the remember task: the CLI\'s program for the same saved model', async () => {
  const { page, errors } = await suite.open('task=remember&length=12&distance=3&symbols=5&epochs=25');
  await runAction(page, 'train');
  await waitIdle(page);
  assert.equal(await pageIteration(page), 25);
  const [model] = await Promise.all([page.waitForEvent('download'), page.click('.rl-model-io button:has-text("Download model")')]);
  assert.equal(model.suggestedFilename(), 'rnnlab-remember-lstm-iteration-25.json');
  const saved = await readFile(await model.path(), 'utf8');
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('.rl-model-io button:has-text("Open in PyTorch")')]);
  assert.equal(file.suggestedFilename(), 'rnnlab-remember-train.py');
  const program = await readFile(await file.path(), 'utf8');
  assert.match(program, /^STEPS = 25$/m);
  assert.match(program, /^POSITION = 9 {2}# the answer is the symbol at this position \(0-based\): 3 steps back from the end$/m);
  assert.match(program, /return self\.head\(out\[-1\]\), hidden/);
  const dir = await mkdtemp(path.join(tmpdir(), 'rnnlab-export-'));
  await writeFile(path.join(dir, 'm.json'), saved);
  const cli = path.resolve(fileURLToPath(import.meta.url), '../../../../build/release/rnnlab');
  assert.equal(program, execFileSync(cli, ['export', 'torch', '--model', path.join(dir, 'm.json')], { encoding: 'utf8' }));
  await rm(dir, { recursive: true });
  assert.equal(await page.locator('.rl-message-error').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

/**
 * "Open in PyTorch" on the digits task: the program, then the two data files it reads, offered as links under the
 * status with where they come from. Returns the program, the files ({name: bytes}) and the status with the note.
 * @param {import('playwright-core').Page} page
 */
async function exportDigits(page) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('.rl-model-io button:has-text("Open in PyTorch")')]);
  assert.equal(file.suggestedFilename(), 'rnnlab-digits-train.py');
  const program = await readFile(await file.path(), 'utf8');
  const links = page.locator('.rl-model-io .rl-model-files a');
  await links.first().waitFor();
  /** @type {Record<string, Buffer>} */
  const files = {};
  for (const link of await links.all()) {
    const [data] = await Promise.all([page.waitForEvent('download'), link.click()]);
    files[data.suggestedFilename()] = await readFile(await data.path());
  }
  return { program, files, status: await page.textContent('.rl-model-io') };
}

test('"Open in PyTorch" for digits: the program reads the MNIST or Fashion-MNIST files the page offers beside it', async () => {
  const { page, errors } = await suite.open('task=digits&model=mlp&optim=sgd&lr=0.1');
  await page.waitForFunction(() => window.rnnlab.config?.task === 'digits', null, { timeout: 60_000 });
  await page.click('.rl-run-bar button[data-action="step"]');
  await page.waitForFunction(() => window.rnnlab.iteration === 1);
  await waitIdle(page);
  const [model] = await Promise.all([page.waitForEvent('download'), page.click('.rl-model-io button:has-text("Download model")')]);
  const saved = await readFile(await model.path(), 'utf8');
  const mnist = await exportDigits(page);
  assert.match(mnist.program, /^IMAGES_FILE = "mnist-t10k-images-idx3-ubyte\.gz"\nLABELS_FILE = "mnist-t10k-labels-idx1-ubyte\.gz"$/m);
  assert.match(mnist.program, /^DATA_DIR = os\.path\.dirname\(os\.path\.abspath\(__file__\)\)/m);
  assert.match(mnist.program, /^IMAGES = 10000 /m);
  assert.match(mnist.program, /^STEPS = 1 /m);
  // The files are the bundled ones, unchanged, under the names the program opens.
  const bundled = path.resolve(fileURLToPath(import.meta.url), '../../../../data/digits/mnist');
  assert.deepEqual(Object.keys(mnist.files).sort(), ['mnist-t10k-images-idx3-ubyte.gz', 'mnist-t10k-labels-idx1-ubyte.gz']);
  assert.equal(mnist.files['mnist-t10k-images-idx3-ubyte.gz'].length, 1_529_611);
  assert.equal(mnist.files['mnist-t10k-labels-idx1-ubyte.gz'].length, 4_318);
  assert.ok(mnist.files['mnist-t10k-labels-idx1-ubyte.gz'].equals(await readFile(path.join(bundled, 't10k-labels-idx1-ubyte.gz'))));
  assert.match(mnist.status, /Saved rnnlab-digits-train\.py: save the two data files below beside it/);
  assert.match(mnist.status, /Save mnist-t10k-images-idx3-ubyte\.gz \(1\.5 MB\)/);
  assert.match(mnist.status, /Yann LeCun, Corinna Cortes and Christopher J\.C\. Burges \(license CC BY-SA 3\.0\)/);
  assert.doesNotMatch(mnist.status, /CLI|rnnlab export/);
  // One generator: the CLI, given the model the page saved and --data-beside, writes the same file.
  const dir = await mkdtemp(path.join(tmpdir(), 'rnnlab-export-'));
  await writeFile(path.join(dir, 'm.json'), saved);
  const cli = path.resolve(fileURLToPath(import.meta.url), '../../../../build/release/rnnlab');
  assert.equal(mnist.program, execFileSync(cli, ['export', 'torch', '--model', path.join(dir, 'm.json'), '--data-beside'],
    { encoding: 'utf8', maxBuffer: 64 << 20 }));
  await rm(dir, { recursive: true });

  // Fashion-MNIST: its own files, names and source.
  await page.selectOption('select[id$="-data"]', 'fashion');
  await page.waitForFunction(() => window.rnnlab.config?.data === 'fashion', null, { timeout: 60_000 });
  await waitIdle(page);
  const fashion = await exportDigits(page);
  assert.match(fashion.program, /^IMAGES_FILE = "fashion-t10k-images-idx3-ubyte\.gz"\nLABELS_FILE = "fashion-t10k-labels-idx1-ubyte\.gz"$/m);
  assert.deepEqual(Object.fromEntries(Object.entries(fashion.files).map(([name, bytes]) => [name, bytes.length])),
    { 'fashion-t10k-images-idx3-ubyte.gz': 4_422_079, 'fashion-t10k-labels-idx1-ubyte.gz': 5_125 });
  assert.match(fashion.status, /Fashion-MNIST.s 10,000 test images, by Zalando Research \(MIT license\)/);
  assert.doesNotMatch(fashion.status, /mnist-t10k|LeCun/, 'the links and the note of the MNIST export are gone');
  assert.equal(await page.locator('.rl-message-error').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});
