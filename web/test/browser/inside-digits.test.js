// "Inside the network" on the digits task (an LSTM reading a digit row by row): after a step, Look inside draws the
// held-out digit's rows tinted by a unit (pointing at a row and the arrow keys read the unit and the classes after
// it), the saliency of its answer as a 28 x 28 heat map of finite cells and the rows' norms, another class's
// saliency, the units ranked by the rows' features (pressing one tints the rows by it) and the gates' saturation;
// no serious axe violation; then the digit drawn on the pad, looked inside the same way; the MLP gets a note of what does not apply and its
// pixel saliency.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { useBrowser, runAction } from './harness.js';

const suite = useBrowser({ before, after });

/** The saliency heat map's cells: how many of the 784 are drawn opaque in a colour of the scale (not NaN's magenta). */
const finiteCells = (page) => page.$eval('#inside .rl-inside-digit-heat', (canvas) => {
  const data = /** @type {HTMLCanvasElement} */ (canvas).getContext('2d')?.getImageData(0, 0, 28, 28).data ?? new Uint8ClampedArray(0);
  let n = 0;
  for (let p = 0; p < data.length; p += 4) if (data[p + 3] === 255 && !(data[p] === 204 && data[p + 1] === 42 && data[p + 2] === 138)) n++;
  return n;
});

test('inside, digits: rows tinted by a unit, the classes after a row, pixel saliency, ranking, gates; a drawn digit', async () => {
  const { page, errors } = await suite.open('task=digits&model=lstm&hidden=16');
  await page.waitForFunction(() => document.querySelector('#digits .rl-digits-picker input')?.max === '2000', null, { timeout: 30_000 });
  await runAction(page, 'step');
  await page.click('#inside .rl-inside-source button');
  await page.waitForFunction(() => /^On the weights after \d+ updates; units ranked and gates measured over the first 200 held-out digits\.$/
    .test(document.querySelector('#inside .rl-inside-status')?.textContent ?? ''), null, { timeout: 30_000 });
  assert.equal(await page.textContent('#inside h3.subhead'), 'Activation over the rows');
  assert.match(await page.textContent('#inside .rl-inside-digit-activation .rl-inside-digit-label') ?? '', /^Each row tinted by h · layer 0 · unit 0 after reading it/);
  const rows = await page.$$eval('#inside .rl-inside-digit-activation .rl-inside-digit-row', (cells) => cells.map((c) => /** @type {HTMLElement} */ (c).style.background));
  assert.equal(rows.length, 28);
  assert.ok(rows.every((b) => b.startsWith('rgb')), 'every row tinted');
  // Pointing at row 14, then the keyboard: the value and the five classes after the row.
  await page.hover('#inside .rl-inside-digit-activation .rl-inside-digit-row[data-row="13"]');
  const readout = /^Row (\d+): h · layer 0 · unit 0 = −?\d\.\d{3}\. Classes after it: (\d \d+\.\d%(, )?){5}$/;
  assert.equal(readout.exec(await page.textContent('#inside .rl-inside-digit-activation .rl-inside-digit-readout') ?? '')?.[1], '14');
  await page.focus('#inside .rl-inside-digit-activation .rl-inside-digit-rows');
  await page.keyboard.press('ArrowDown');
  assert.equal(readout.exec(await page.textContent('#inside .rl-inside-digit-activation .rl-inside-digit-readout') ?? '')?.[1], '15');
  // The answer's saliency: 784 finite cells, 28 row norms; then class 3's.
  assert.match(await page.textContent('#inside .rl-inside-digit-saliency .rl-inside-digit-label') ?? '', /^d log p\(\d\) \/ d pixel for every pixel/);
  assert.equal(await finiteCells(page), 784);
  assert.equal(await page.$$eval('#inside .rl-inside-digit-norms .rl-inside-digit-row', (cells) => cells.filter((c) => /** @type {HTMLElement} */ (c).style.background.startsWith('rgb')).length), 28);
  await page.selectOption('#inside .rl-inside-digit-saliency select', '3');
  await page.waitForFunction(() => (document.querySelector('#inside .rl-inside-digit-saliency .rl-inside-digit-label')?.textContent ?? '').startsWith('d log p(3)'), null, { timeout: 30_000 });
  // The ranking by the rows' features; pressing a unit tints the rows by it. The LSTM's gates.
  const ranking = await page.textContent('#inside .rl-unit-ranking') ?? '';
  for (const feature of ['ink in the row', 'row position', 'strokes crossing the row', 'rows since the first ink']) assert.ok(ranking.includes(feature), `${feature} in ${ranking}`);
  const unit = page.locator('#inside .rl-unit-button').nth(1);
  const name = (await unit.getAttribute('aria-label')) ?? (await unit.textContent()) ?? '';
  await unit.click();
  const label = await page.textContent('#inside .rl-inside-digit-activation .rl-inside-digit-label') ?? '';
  assert.match(label, /^Each row tinted by [hc] · layer 0 · unit \d+ after reading it/, `${name} -> ${label}`);
  assert.ok(await page.$$eval('#inside .rl-gate-canvas', (cs) => cs.length) >= 1);

  // axe over the drawn views: no serious or critical violation.
  const results = await new AxeBuilder({ page }).include('#inside').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}: ${v.help}`);
  assert.deepEqual(serious, []);

  // A digit drawn on the pad: the inside view reads that one.
  await page.locator('#digits .rl-digit-pad-canvas').scrollIntoViewIfNeeded();
  const box = await page.locator('#digits .rl-digit-pad-canvas').boundingBox();
  assert.ok(box);
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15);
  await page.mouse.down();
  for (let k = 1; k <= 12; ++k) await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.15 + (0.7 * k) / 12));
  await page.mouse.up();
  await page.waitForFunction(() => window.rnnlab.predictionViews.digits.input?.index === -1, null, { timeout: 10_000 });
  assert.equal(await page.inputValue('#inside select[id^="rl-inside-digit-source-"]'), 'panel', 'a new digit in the digits panel is the one to look at');
  await page.evaluate(() => { const s = document.querySelector('#inside .rl-inside-status'); if (s) s.textContent = ''; });
  await page.click('#inside .rl-inside-source button');
  await page.waitForFunction(() => /^On the weights/.test(document.querySelector('#inside .rl-inside-status')?.textContent ?? ''), null, { timeout: 30_000 });
  const same = await page.evaluate(() => {
    const looked = window.rnnlab.views.inside.inspection?.pixels;
    const drawn = window.rnnlab.predictionViews.digits.input?.pixels;
    return !!looked && !!drawn && looked.length === 784 && looked.every((v, i) => v === drawn[i]);
  });
  assert.ok(same, 'the drawn digit is the one looked inside');
  assert.equal(await finiteCells(page), 784);

  // The MLP reads the image whole: a note of what does not apply, and the saliency, which does.
  await page.click('#controls .rl-segment:has(input[name$="-model"][value="mlp"])');
  await page.waitForFunction(() => window.rnnlab.config?.model === 'mlp');
  await page.waitForFunction(() => /^The mlp model reads the whole image at once: .* What applies is the saliency/.test(document.querySelector('#inside .rl-muted')?.textContent ?? ''), null, { timeout: 5_000 });
  await page.selectOption('#inside select[id^="rl-inside-digit-source-"]', 'heldOut');
  await page.click('#inside .rl-inside-source button');
  await page.waitForFunction(() => (document.querySelector('#inside .rl-inside-digit-saliency .rl-inside-digit-label')?.textContent ?? '').startsWith('d log p('), null, { timeout: 30_000 });
  assert.equal(await finiteCells(page), 784);
  assert.equal(await page.isVisible('#inside .rl-inside-digit-activation'), false, 'no rows to tint');
  assert.equal(await page.isVisible('#inside .rl-unit-ranking'), false, 'no units ranked');
  assert.deepEqual(errors, []);
  await page.close();
});
