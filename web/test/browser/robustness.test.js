// Hardening on the page (docs/robustness.md): a diverging run stops with the reason and the remedy; a setting
// over the memory budget is refused with a message and the page keeps working; any Unicode text trains and its
// whitespace and invisible characters are drawn visibly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, runAction, waitIdle, waitForAttribute } from './harness.js';

const suite = useBrowser({ before, after });

test('a diverging run (lr 1e6) stops; the page says why and what to change', async () => {
  const { page, errors } = await suite.open('task=seq&arch=layer&hidden=8&optim=sgd&lr=1000000&epochs=200&speed=max');
  await runAction(page, 'train');
  const stopped = page.locator('#messages .rl-message[data-topic="stopped"]');
  await stopped.waitFor();
  await waitIdle(page);
  const text = await stopped.textContent();
  assert.match(text, /^Training stopped:the (loss|gradient norm) became (NaN|infinite) at iteration \d+, so training stopped/);
  assert.match(text, /Lower the learning rate \(now 1e\+06\) or turn on gradient clipping, then start again\. Press Reset \(R\) to start again/);
  assert.equal(await page.isDisabled('.rl-run-bar button[data-action="train"]'), true);
  // The weights in the worker are finite (the last good ones).
  const finite = await page.evaluate(async () => (await window.rnnlab.client.request('parameters')).parameters.every((p) => Array.from(p.value).every(Number.isFinite)));
  assert.equal(finite, true);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a link over the memory budget is refused with the estimate; the preset runs instead', async () => {
  const { page, errors } = await suite.open('task=seq&arch=layer&cell=lstm&hidden=1024&layers=8&bidirectional=true');
  const message = await page.textContent('#messages .rl-message[data-topic="configure"]');
  assert.match(message, /memory: a lstm with hidden size 1024, 8 layers, bidirectional, 4 inputs and 5 steps needs about [\d.]+ MB, over the budget of 128\.0 MB for one model; lower the hidden size, the number of layers or the sequence length\. The preset runs instead\./);
  await runAction(page, 'step');
  await page.waitForFunction(() => window.rnnlab.iteration === 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test('emoji, combining marks and right-to-left text train; invisible characters are shown', async () => {
  const family = '\u{1F469}\u200D\u{1F467}';  // 👩 ZWJ 👧: 3 code points, 3 positions
  const input = `${family}e\u0301 \u05E9\u05DC`;
  const target = `\u05E9\u05DC ${family}e\u0301`;
  const { page, errors } = await suite.open(`task=seq&arch=layer&cell=lstm&hidden=16&lr=0.05&epochs=300&speed=max&input=${encodeURIComponent(input)}&target=${encodeURIComponent(target)}`);
  await runAction(page, 'train');
  await waitForAttribute(page, '#predicted', 'data-predicted', target, 60_000);
  await waitIdle(page);
  const shown = await page.locator('#predicted .rl-pos-in.rl-char').allTextContents();
  assert.deepEqual(shown, ['\u{1F469}', 'ZWJ', '\u{1F467}', 'e', '\u25CC\u0301', '␣', '\u05E9', '\u05DC']);
  await page.waitForFunction(() => document.querySelectorAll('#cells .rl-cell').length === 8);  // drawn on a frame
  assert.equal(await page.textContent('#cells .rl-cell[data-step="1"] .rl-cell-input'), 'ZWJ');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a one-character sequence trains', async () => {
  const { page, errors } = await suite.open('task=seq&input=a&target=b&epochs=60&speed=max');
  await runAction(page, 'train');
  await waitForAttribute(page, '#predicted', 'data-predicted', 'b', 30_000);
  await waitIdle(page);
  await page.waitForFunction(() => document.querySelectorAll('#cells .rl-cell').length === 1);  // drawn on a frame
  assert.equal(await page.textContent('#cells .rl-cell[data-step="0"] .rl-cell-input'), 'a');
  assert.deepEqual(errors, []);
  await page.close();
});
