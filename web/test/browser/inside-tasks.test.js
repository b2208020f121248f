// "Inside the network" on the page beyond the text and seq tasks: sine (a value per step: the sequence of values
// coloured by a unit, saliency over the earlier steps, the ranking's note that text features do not apply), remember
// (a memory task: its held-out sequence of letters, the saliency of its one answer over every symbol) and hello,
// whose 4 characters are fewer than the five guesses the view asks for.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, runAction } from './harness.js';

const suite = useBrowser({ before, after });

test('inside, sine: values coloured by a unit, saliency over earlier steps, the ranking says it does not apply', async () => {
  const { page, errors } = await suite.open('task=sine&cell=lstm&hidden=8');
  await runAction(page, 'step');
  await page.click('#inside .rl-inside-source button');
  await page.waitForFunction(() => document.querySelectorAll('#inside .rl-activation-char').length === 120, null, { timeout: 30_000 });
  // Each step is its input value, written with two decimals: sin(k * 10/59) from 0.
  const cells = await page.$$eval('#inside .rl-activation-char', (spans) => spans.map((s) => s.textContent));
  for (let k = 0; k < cells.length; k++) assert.equal(Number(cells[k]?.replace('\u2212', '-')), Number(Math.sin(k * 10 / 59).toFixed(2)), `step ${k}: ${cells[k]}`);
  const backgrounds = await page.$$eval('#inside .rl-activation-char', (spans) => spans.map((s) => /** @type {HTMLElement} */ (s).style.background));
  assert.ok(backgrounds.every((b) => b.startsWith('rgb')));
  assert.equal(await page.textContent('#inside h3.subhead'), 'Activation over the steps');
  await page.hover('#inside .rl-activation-char[data-index="9"]');
  assert.match(await page.textContent('#inside .rl-activation-readout') ?? '', /^Step 10, input 1\.00: h · layer 0 · unit 0 = −?\d\.\d{3}\.$/);
  // The keyboard: End, then Enter: the saliency of the last prediction over all 120 steps.
  await page.focus('#inside .rl-activation-body');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('#inside .rl-saliency-char').length === 120, null, { timeout: 30_000 });
  assert.match(await page.textContent('#inside .rl-saliency-label') ?? '', /^Prediction after step 120: the gradient norm reaching each earlier input value, largest \d/);
  await page.hover('#inside .rl-saliency-char[data-index="118"]');
  assert.match(await page.textContent('#inside .rl-saliency-readout') ?? '', /^Step 119, input −?\d\.\d\d: \d/);
  // Text features do not apply to values: said, not hidden. The gates of the LSTM are there.
  assert.match(await page.textContent('#inside .rl-unit-ranking') ?? '', /^Does not apply here/);
  assert.equal(await page.$$eval('#inside .rl-gate-canvas', (cs) => cs.length), 2);
  // The reader's own values; a word that is not a number is refused naming it.
  await page.selectOption('#inside .rl-inside-source select', 'own');
  await page.fill('#inside .rl-inside-own', '0, 0.5, 1 0.5');
  await page.click('#inside .rl-inside-source button');
  await page.waitForFunction(() => document.querySelectorAll('#inside .rl-activation-char').length === 4, null, { timeout: 30_000 });
  assert.deepEqual(await page.$$eval('#inside .rl-activation-char', (s) => s.map((x) => x.textContent)), ['0.00', '0.50', '1.00', '0.50']);
  await page.fill('#inside .rl-inside-own', '0.1 <b>');
  await page.click('#inside .rl-inside-source button');
  assert.match(await page.textContent('#inside .rl-inside-status') ?? '', /“<b>” \(number 2\) is not a number/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('inside, remember: the held-out sequence, the saliency of the answer over every symbol', async () => {
  const { page, errors } = await suite.open('task=remember&length=12&symbols=8&cell=lstm&hidden=8');
  await runAction(page, 'step');
  await page.click('#inside .rl-inside-source button');
  await page.waitForFunction(() => document.querySelectorAll('#inside .rl-activation-char').length === 12, null, { timeout: 30_000 });
  const letters = await page.$$eval('#inside .rl-activation-char', (spans) => spans.map((s) => s.textContent).join(''));
  assert.match(letters, /^[A-H]{12}$/);
  await page.hover('#inside .rl-activation-char[data-index="2"]');
  assert.match(await page.textContent('#inside .rl-activation-readout') ?? '', /^Character 3 “[A-H]”: h · layer 0 · unit 0 = −?\d\.\d{3}\. Next: ([A-H] \d+\.\d%(, )?){5}$/);
  await page.click('#inside .rl-activation-char[data-index="11"]');
  await page.waitForFunction(() => document.querySelectorAll('#inside .rl-saliency-char').length === 12, null, { timeout: 30_000 });
  const heat = await page.$$eval('#inside .rl-saliency-char', (spans) => spans.map((s) => /** @type {HTMLElement} */ (s).style.background));
  assert.ok(heat.every((b) => b.startsWith('rgb')));
  assert.equal(await page.$$eval('#inside .rl-gate-canvas', (cs) => cs.length), 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test('inside, hello: a vocabulary of 4 characters gives 4 guesses, not a refusal of 5', async () => {
  const { page, errors } = await suite.open('task=seq');
  await runAction(page, 'step');
  await page.click('#inside .rl-inside-source button');
  await page.waitForFunction(() => document.querySelectorAll('#inside .rl-activation-char').length === 5, null, { timeout: 30_000 });
  await page.hover('#inside .rl-activation-char[data-index="0"]');
  assert.match(await page.textContent('#inside .rl-activation-readout') ?? '', /^Character 1 “h”: .* Next: ([ehlo] \d+\.\d%(, )?){4}$/);
  assert.deepEqual(errors, []);
  await page.close();
});
