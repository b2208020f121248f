// What the units track, on the page (views/inside-network.js and the four views it holds), for a typed pair whose
// texts are markup: "Look inside" draws the text coloured by a unit (one span per character, set as text: no <b>
// or <script> element ever appears), pointing at a character and the arrow keys read out its value and five
// guesses, Enter draws the saliency strip over the characters before it, a ranked unit recolours the text, the
// gate saturation plot draws for an LSTM; the reader's own text likewise, and one with a character the model does
// not know is refused naming it. axe finds no serious or critical violation in the section, in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { useBrowser, runAction } from './harness.js';

const suite = useBrowser({ before, after });
const INPUT = '<b>x</b>';
const TARGET = '<script>';
const HASH = `task=seq&input=${encodeURIComponent(INPUT)}&target=${encodeURIComponent(TARGET)}&arch=layer&cell=lstm&hidden=8&layers=2`;

/** No element was made of the text: the section holds no b, script, or any element the views do not make. */
async function noMarkup(page) {
  return page.evaluate(() => {
    const section = document.querySelector('#inside-section');
    return section ? section.querySelectorAll('b, script, i, img, iframe').length : -1;
  });
}

test('inside: each view draws, pointing and the keyboard read values out, the text is never HTML', async () => {
  const { page, errors } = await suite.open(HASH);
  await runAction(page, 'step');
  await page.click('#inside .rl-inside-source button');
  await page.waitForFunction((n) => document.querySelectorAll('#inside .rl-activation-char').length === n, Array.from(INPUT).length, { timeout: 30_000 });
  const chars = await page.$$eval('#inside .rl-activation-char', (spans) => spans.map((s) => s.textContent));
  assert.deepEqual(chars, Array.from(INPUT));
  assert.equal(await noMarkup(page), 0);
  // Every character has a colour.
  const backgrounds = await page.$$eval('#inside .rl-activation-char', (spans) => spans.map((s) => /** @type {HTMLElement} */ (s).style.background));
  assert.ok(backgrounds.every((b) => b.startsWith('rgb')), backgrounds.join(' '));

  // Pointing at the fourth character: its value and five guesses with probabilities.
  await page.hover('#inside .rl-activation-char[data-index="3"]');
  const readout = await page.textContent('#inside .rl-activation-readout');
  assert.match(readout ?? '', /^Character 4 “x”: h · layer 0 · unit 0 = −?\d\.\d{3}\. Next: (.+ \d+\.\d%(, )?){5}$/);
  // The keyboard: focus the text, move right, Enter: the saliency strip over the characters before it.
  await page.focus('#inside .rl-activation-body');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('#inside .rl-activation-readout') ?? '', /^Character 3 “>”/);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('#inside .rl-saliency-char').length === 3, null, { timeout: 30_000 });
  assert.match(await page.textContent('#inside .rl-saliency-label') ?? '', /^Prediction after character 3 \(of “x”\)/);
  await page.hover('#inside .rl-saliency-char[data-index="1"]');
  assert.match(await page.textContent('#inside .rl-saliency-readout') ?? '', /^Character 2 “b”: \d/);
  const heat = await page.$$eval('#inside .rl-saliency-char', (spans) => spans.map((s) => /** @type {HTMLElement} */ (s).style.background));
  assert.ok(heat.every((b) => b.startsWith('rgb')));

  // A ranked unit recolours the text by it.
  const buttons = await page.$$('#inside .rl-unit-button');
  assert.ok(buttons.length >= 5, `${buttons.length} ranked units`);
  const name = await buttons[0].evaluate((b) => b.textContent?.replace(/ r .*$/, '').trim());
  await buttons[0].click();
  assert.equal(await buttons[0].getAttribute('aria-pressed'), 'true');
  assert.ok((await page.textContent('#inside .rl-activation-label'))?.includes(name ?? '?'), name);
  // The gate saturation plot: one figure per layer, named with the gates' average saturation.
  const figures = await page.$$eval('#inside .rl-gate-canvas', (cs) => cs.map((c) => c.getAttribute('aria-label')));
  assert.equal(figures.length, 2);
  assert.match(figures[0] ?? '', /^Layer 0: gate i below 0\.1 on \d+% and above 0\.9 on \d+% of steps on average; gate f/);

  // The reader's own text, with markup in it.
  const own = '<b>scrip</b><script>';
  await page.selectOption('#inside .rl-inside-source select', 'own');
  await page.fill('#inside .rl-inside-own', own);
  await page.click('#inside .rl-inside-source button');
  await page.waitForFunction((n) => document.querySelectorAll('#inside .rl-activation-char').length === n, own.length, { timeout: 30_000 });
  assert.equal(await page.textContent('#inside .rl-activation-body'), own);
  assert.equal(await noMarkup(page), 0);
  // A character the model does not know: refused, naming it; the drawn text stays.
  await page.fill('#inside .rl-inside-own', '<b>zz</b>');
  await page.click('#inside .rl-inside-source button');
  await page.waitForFunction(() => document.querySelector('#inside .rl-inside-status')?.textContent?.includes("'z'"), null, { timeout: 30_000 });
  assert.equal(await page.textContent('#inside .rl-activation-body'), own);
  assert.deepEqual(errors, []);
});

for (const lang of ['en', 'zh-CN']) {
  test(`inside: axe finds no serious or critical violation in the section (${lang})`, async () => {
    const { page } = await suite.open(`${HASH}&lang=${lang}`);
    await runAction(page, 'step');
    await page.click('#inside .rl-inside-source button');
    await page.waitForSelector('#inside .rl-gate-canvas', { timeout: 30_000 });
    await page.hover('#inside .rl-activation-char[data-index="2"]');
    await page.click('#inside .rl-activation-char[data-index="2"]');
    await page.waitForSelector('#inside .rl-saliency-char', { timeout: 30_000 });
    await page.click('#inside .rl-gate-saturation details summary');
    const results = await new AxeBuilder({ page }).include('#inside-section').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}: ${v.help}`);
    assert.deepEqual(serious, []);
    assert.ok(results.passes.length > 10, `axe ran its rules (${results.passes.length} passed)`);
  });
}
