// The text task on the page: no corpus is downloaded before one is picked; a picked corpus (tang300, 78 KB)
// trains, a live sample appears whose every character is in the corpus, and the validation loss shows on the
// chart and in the view. The user's own text: every bad input is refused with a message naming the limit while
// the model that was training keeps training; a good one trains. A link and a widget name the corpus too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { useBrowser, runAction, pageConfig, pageIteration } from './harness.js';
import { repoRoot } from '../node/load_wasm.js';

const suite = useBrowser({ before, after });
const tang300 = readFileSync(path.join(repoRoot, 'data/corpora/tang300.txt'), 'utf8');
const TANG300_CHARACTERS = new Set(tang300);
const VIEW = '#text-sample';

/** Every corpus file the server was asked for. @param {string[]} requests */
const corpusRequests = (requests) => requests.filter((r) => r.includes('/corpora/'));

/** Switches the page to the text task and picks `corpus` in the picker. */
async function pickCorpus(page, corpus) {
  await page.click('.rl-segment:has(input[value="text"])');
  await page.waitForFunction(() => window.rnnlab.config?.task === 'text', null, { timeout: 30_000 });
  await page.selectOption('.rl-corpus-picker select', corpus);
  if (corpus !== 'own') await page.waitForFunction((c) => window.rnnlab.config?.corpus === c, corpus, { timeout: 30_000 });
}

/** Sets a number field of the form as a person would (type, then leave it). */
async function setNumber(page, key, value) {
  await page.fill(`#rl1-${key}`, String(value));
  await page.press(`#rl1-${key}`, 'Tab');
  await page.waitForFunction(([k, v]) => window.rnnlab.config?.[k] === v, [key, value], { timeout: 30_000 });
}

test('no corpus before it is picked; tang300 trains, writes a sample in its own characters, and shows validation', async () => {
  const requests = suite.server.requests;
  requests.length = 0;
  const { page, errors } = await suite.open();
  await page.waitForTimeout(500);
  assert.deepEqual(corpusRequests(requests), [], 'the first load fetches no corpus');
  await pickCorpus(page, 'tang300');
  assert.ok(corpusRequests(requests).some((r) => r.endsWith('/corpora/tang300.txt')), requests.join(' '));
  assert.ok(!corpusRequests(requests).some((r) => r.endsWith('/corpora/tang5.txt')), 'only what was picked');
  const config = await pageConfig(page);
  assert.deepEqual([config.batch, config.seqLen], [16, 32], 'sized for 2,573 symbols');
  assert.match(await page.evaluate(() => location.hash), /task=text.*corpus=tang300/);
  // A smaller model, validated every 5 steps, keeps the test short on a busy machine.
  await setNumber(page, 'hidden', 32);
  await page.click('.rl-more summary');  // "More settings"
  await setNumber(page, 'valEvery', 5);

  await runAction(page, 'train');
  // A sample drawn while training (the first comes with the new model), all of it streamed in.
  await page.waitForFunction((v) => Number(document.querySelector(v)?.dataset.sampleNumber ?? 0) >= 2, VIEW, { timeout: 60_000 });
  const sample = await page.getAttribute(VIEW, 'data-sample');
  assert.ok(sample && Array.from(sample).length > 100, sample ?? '');
  const outside = Array.from(sample).filter((c) => !TANG300_CHARACTERS.has(c));
  assert.deepEqual(outside, [], 'every character of the sample is in the corpus');
  const vocabulary = new Set(await page.getAttribute(VIEW, 'data-vocabulary'));
  assert.equal(vocabulary.size, 2573);
  assert.match(await page.textContent(`${VIEW} .rl-text-poems`), /五字，五字。 lines: (\d+% of the sample|the sample has no full line yet)/);
  // Validation every 5 steps: on the chart (its own line and readout) and in the view, in nats and bits.
  await page.waitForFunction(() => document.querySelector('#loss-chart')?.dataset.validation, null, { timeout: 60_000 });
  const valLoss = Number(await page.getAttribute('#loss-chart', 'data-validation'));
  assert.ok(valLoss > 0 && valLoss < 10, String(valLoss));
  assert.match(await page.textContent('#loss-chart .rl-chart-readout'), /validation \d/);
  assert.equal(await page.isVisible('#loss-chart .rl-legend-validation'), true);
  assert.match(await page.textContent(`${VIEW} .rl-text-validation`), /validation [\d.]+ nats · [\d.]+ bits per character/);
  // On demand, while training.
  const before = await pageIteration(page);
  await page.click(`${VIEW} button:has-text("Measure now")`);
  await page.waitForFunction((b) => window.rnnlab.iteration > b, before);
  // A hotter sample: the settings go to the worker and the next sample comes at once.
  const number = Number(await page.getAttribute(VIEW, 'data-sample-number'));
  await page.fill(`${VIEW} .rl-text-temperature input`, '1.5');
  await page.waitForFunction(([v, n]) => Number(document.querySelector(v)?.dataset.sampleNumber) > n, [VIEW, number], { timeout: 30_000 });
  assert.deepEqual(errors, []);
  await page.close();
});

test('own text: each bad input names its limit and the model keeps training; a good text trains', async () => {
  const { page, errors } = await suite.open('#task=text&corpus=tang300&hidden=32');
  assert.equal((await pageConfig(page)).corpus, 'tang300');
  await runAction(page, 'train');
  await page.waitForFunction(() => window.rnnlab.iteration > 0, null, { timeout: 30_000 });
  await page.selectOption('.rl-corpus-picker select', 'own');

  /** Checks the message, that the config did not change and that training goes on. */
  async function refused(pattern) {
    await page.waitForFunction(() => document.querySelector('.rl-corpus-picker .rl-field-error')?.textContent, null, { timeout: 30_000 });
    const inline = await page.textContent('.rl-corpus-picker .rl-field-error');
    assert.match(inline ?? '', pattern);
    assert.match(await page.textContent('#messages'), pattern);
    assert.equal((await pageConfig(page)).corpus, 'tang300', 'the model is the one it was');
    const at = await pageIteration(page);
    await page.waitForFunction((a) => window.rnnlab.iteration > a && window.rnnlab.running, at, { timeout: 30_000 });
    await page.evaluate(() => { document.querySelector('.rl-corpus-picker .rl-field-error').textContent = ''; });
  }
  async function paste(text) {
    await page.evaluate((t) => { const a = document.querySelector('.rl-own-textarea'); a.value = t; }, text);
    await page.click('.rl-own-text button');
  }
  async function file(name, buffer) {
    await page.setInputFiles('.rl-own-file', { name, mimeType: 'text/plain', buffer });
  }

  await paste('abc');
  await refused(/corpus: 3 characters, .*expected at least seqLen \+ 1 = 33/);
  await paste('a'.repeat(200));
  await refused(/one distinct character/);
  await paste(Array.from({ length: 8193 }, (_, k) => String.fromCodePoint(0x4e00 + k)).join(''));
  await refused(/more than 8192 distinct characters, the limit is 8192/);
  await file('picture.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
  await refused(/binary data \(a NUL byte at byte 8\), expected a UTF-8 text file/);
  await file('latin1.txt', Buffer.from('caf\xe9 au lait, '.repeat(10), 'latin1'));
  await refused(/invalid UTF-8, expected a UTF-8 text file/);
  await file('big.txt', Buffer.alloc(10 * 1024 * 1024 + 1, 0x61));
  await refused(/10485761 bytes, the limit is 10485760 bytes \(10 MB\)/);

  await paste('the quick brown fox jumps over the lazy dog. '.repeat(30));
  await page.waitForFunction(() => window.rnnlab.config?.corpus === 'own', null, { timeout: 30_000 });
  assert.match(await page.textContent('.rl-own-status'), /pasted text: 1,350 characters, 28 distinct/);
  await page.waitForFunction((v) => document.querySelector(v)?.dataset.sample, VIEW, { timeout: 30_000 });
  const sample = await page.getAttribute(VIEW, 'data-sample');
  assert.ok(Array.from(sample).every((c) => 'the quick brown fox jumps over the lazy dog. '.includes(c)), sample);

  // Open in PyTorch: the program opens the text under the name the page offers it for download, as it was given.
  const { program, files, status } = await exportText(page);
  assert.match(program, /^CORPUS = "own-corpus\.txt"/m);
  assert.deepEqual(Object.keys(files), ['own-corpus.txt']);
  assert.equal(files['own-corpus.txt'].toString('utf8'), 'the quick brown fox jumps over the lazy dog. '.repeat(30));
  assert.match(status, /save the corpus own-corpus\.txt below beside it.*The text: your own/);
  assert.deepEqual(errors, []);
  await page.close();
});

/**
 * "Open in PyTorch" on the text task: the program, then the corpus it opens, offered as a link under the status.
 * @param {import('playwright-core').Page} page
 */
async function exportText(page) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('.rl-model-io button:has-text("Open in PyTorch")')]);
  assert.equal(file.suggestedFilename(), 'rnnlab-text-train.py');
  const program = readFileSync(await file.path(), 'utf8');
  const links = page.locator('.rl-model-io .rl-model-files a');
  await links.first().waitFor();
  /** @type {Record<string, Buffer>} */
  const files = {};
  for (const link of await links.all()) {
    const [data] = await Promise.all([page.waitForEvent('download'), link.click()]);
    files[data.suggestedFilename()] = readFileSync(await data.path());
  }
  return { file, program, files, status: await page.textContent('.rl-model-io') };
}

test('"Open in PyTorch" on a bundled corpus: the CLI\'s program for the same saved model, opening the corpus by name', async () => {
  const { page, errors } = await suite.open('#task=text&corpus=tang300&hidden=16&embedding=16');
  await page.waitForFunction(() => window.rnnlab.config?.corpus === 'tang300', null, { timeout: 30_000 });
  await page.click('button:has-text("Step")');
  await page.waitForFunction(() => window.rnnlab.iteration >= 1, null, { timeout: 30_000 });
  const [saved] = await Promise.all([page.waitForEvent('download'), page.click('.rl-model-io button:has-text("Download model")')]);
  const { program, files, status } = await exportText(page);
  assert.match(program, /^CORPUS = "tang300\.txt"/m);
  const cli = path.join(repoRoot, 'build/release/rnnlab');
  const expected = execFileSync(cli, ['export', 'torch', '--model', await saved.path(), '--corpus', 'tang300.txt'],
    { cwd: path.join(repoRoot, 'data/corpora'), encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.ok(program === expected, 'the page writes the CLI\'s program');
  assert.deepEqual(Object.keys(files), ['tang300.txt']);
  assert.ok(files['tang300.txt'].equals(readFileSync(path.join(repoRoot, 'data/corpora/tang300.txt'))), 'the bundled file, unchanged');
  assert.match(status, /save the corpus tang300\.txt below beside it.*唐诗三百首, Three Hundred Tang Poems/);
  assert.equal(await page.locator('.rl-message-error').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});
