// The keyboard as a new user meets it: Space trains right after a model was loaded through "Load model…" and
// right after a click on a cell-type segment (a radio); a new model clears the run bar's "done".
// The basic shortcuts (S, R, Space, typing never triggers them): hello.test.js.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useBrowser, runAction, waitIdle, pageConfig, pageIteration } from './harness.js';

const suite = useBrowser({ before, after });

const status = (page) => page.evaluate(() => document.querySelector('#run-bar .rl-status').textContent);

test('after a run is done, a click on LSTM clears "done"; Space then trains the LSTM, the radio stays', async () => {
  const { page, errors } = await suite.open('epochs=3&speed=max');
  await page.locator('body').press(' ');
  await page.waitForFunction(() => window.rnnlab.iteration === 3);
  await waitIdle(page);
  await page.waitForFunction(() => document.querySelector('#run-bar .rl-status').textContent === 'done');
  await page.click('.rl-segment:has-text("LSTM")');
  await page.waitForFunction(() => window.rnnlab.config?.cell === 'lstm');
  await page.waitForTimeout(150);  // the run bar draws in the next frame
  assert.equal(await pageIteration(page), 0);
  assert.equal(await status(page), '', 'a new model has no run behind it');
  // The focus is on the LSTM radio: Space trains, it does not touch the radio.
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('type')), 'radio');
  await page.keyboard.press(' ');
  await page.waitForFunction(() => window.rnnlab.iteration === 3);
  await waitIdle(page);
  assert.equal((await pageConfig(page)).cell, 'lstm');
  assert.deepEqual(errors, []);
  await page.close();
});

test('Space trains right after "Load model…"', async () => {
  const { page, errors } = await suite.open('epochs=20&speed=max');
  await runAction(page, 'train');
  await page.waitForFunction(() => window.rnnlab.iteration === 20);
  await waitIdle(page);
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('.rl-model-io button:has-text("Download model")')]);
  const saved = await readFile(await file.path(), 'utf8');
  await runAction(page, 'reset');
  await page.waitForFunction(() => window.rnnlab.iteration === 0);
  // As after a person's click and choice in the file picker: the focus is on "Load model…" (headless Chromium
  // opens no picker here, so the file goes to the input directly).
  await page.focus('.rl-model-io button:has-text("Load model")');
  await page.setInputFiles('.rl-model-io input[type="file"]', { name: 'saved.json', mimeType: 'application/json', buffer: Buffer.from(saved) });
  await page.waitForFunction(() => /Loaded saved\.json/.test(document.querySelector('.rl-model-io').textContent));
  const before = await pageIteration(page);
  let choosers = 0;
  page.on('filechooser', () => { choosers += 1; });
  await page.keyboard.press(' ');
  await page.waitForFunction((n) => window.rnnlab.iteration > n, before, { timeout: 10_000 });
  await waitIdle(page);
  assert.equal(choosers, 0, 'Space did not open the file picker again');
  assert.deepEqual(errors, []);
  await page.close();
});
