// Your own sequences: a typed pair trains to its target; lengths show as you type; a mismatch is explained
// inline and disables Train; typed text is only ever text (a script in the boxes never runs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, runAction, waitIdle, pageConfig, typeInto, waitForAttribute } from './harness.js';

const suite = useBrowser({ before, after });
const INPUT = '#rl1-input';
const TARGET = '#rl1-target';
const TRAIN = '.rl-run-bar button[data-action="train"]';
const STEP = '.rl-run-bar button[data-action="step"]';

async function chooseOwn(page) {
  await page.click('.rl-segment:has(input[value="own"])');
  await page.waitForFunction(() => window.rnnlab.config.input !== 'hello');
}

test('a typed pair different from the preset trains to its target (whitespace shown as ␣)', async () => {
  const { page, errors } = await suite.open();
  await chooseOwn(page);
  await typeInto(page, INPUT, 'to be');
  await typeInto(page, TARGET, 'eb ot');
  await page.waitForFunction(() => window.rnnlab.config.target === 'eb ot');
  const config = await pageConfig(page);
  assert.equal(config.input, 'to be');
  assert.equal(config.task, 'seq');
  await runAction(page, 'train');
  await page.waitForFunction(() => window.rnnlab.iteration > 0);
  await waitIdle(page);
  await waitForAttribute(page, '#predicted', 'data-predicted', 'eb ot');
  assert.match(await page.textContent('#predicted .rl-predicted-summary'), /eb␣ot/);
  const inputs = await page.locator('#predicted .rl-pos-in.rl-char').allTextContents();
  assert.deepEqual(inputs, ['t', 'o', '␣', 'b', 'e']);
  assert.equal(await page.locator('#cells .rl-cell').count(), 5);
  assert.equal(await page.textContent('#cells .rl-cell[data-step="2"] .rl-cell-input'), '␣');
  assert.deepEqual(errors, []);
  await page.close();
});

test('lengths show as you type; a mismatch is explained inline and disables Train and Step', async () => {
  const { page, errors } = await suite.open();
  await chooseOwn(page);
  await typeInto(page, INPUT, 'abcdef');
  assert.match(await page.textContent('label[for="rl1-input"] .rl-count'), /6 characters/);
  await typeInto(page, TARGET, 'abc');
  assert.match(await page.textContent('label[for="rl1-target"] .rl-count'), /3 characters/);
  const error = page.locator('#rl1-text-error');
  assert.match(await error.textContent(), /input has 6 characters and the target 3 characters/);
  assert.equal(await page.isDisabled(TRAIN), true);
  assert.equal(await page.isDisabled(STEP), true);
  assert.equal(await page.getAttribute(TARGET, 'aria-invalid'), 'true');
  // Space must not train either.
  await page.locator('body').press('Tab');
  await page.evaluate(() => document.activeElement.blur());
  await page.locator('body').press('s');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.rnnlab.iteration), 0);

  await page.click(TARGET);
  await page.keyboard.press('End');
  await page.keyboard.type('def');
  assert.equal(await page.inputValue(TARGET), 'abcdef');
  await page.waitForFunction(() => window.rnnlab.config.target === 'abcdef');
  assert.equal(await error.textContent(), '');
  assert.equal(await page.isEnabled(TRAIN), true);
  assert.deepEqual(errors, []);
  await page.close();
});

test('typed markup is shown as text and never runs', async () => {
  const { page, errors } = await suite.open();
  await chooseOwn(page);
  const attack = '<img src=x onerror="window.__pwned=1">';
  const target = '<b onmouseover="window.__pwned=2">xx</b>'.slice(0, Array.from(attack).length).padEnd(Array.from(attack).length, '!');
  await typeInto(page, INPUT, attack);
  await typeInto(page, TARGET, target);
  await page.waitForFunction((t) => window.rnnlab.config.target === t, target);
  await page.click(STEP);
  await page.waitForFunction(() => window.rnnlab.iteration === 1);
  await page.click('#cells .rl-cell[data-step="0"]');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('img').count(), 0, 'no <img> element was made from the text');
  assert.equal(await page.locator('#predicted b, #log b, #cells b').count(), 0);
  const shown = (await page.locator('#predicted .rl-pos-in.rl-char').allTextContents()).join('');
  assert.equal(shown, attack.replace(/ /g, '␣'));
  // The same text through a shared link.
  const { page: linked } = await suite.open(`task=seq&input=${encodeURIComponent(attack)}&target=${encodeURIComponent(target)}`);
  await linked.click(STEP);
  await linked.waitForFunction(() => window.rnnlab.iteration === 1);
  assert.equal(await linked.evaluate(() => window.__pwned), undefined);
  assert.equal(await linked.locator('img').count(), 0);
  assert.equal(await linked.inputValue(INPUT), attack);
  assert.deepEqual(errors, []);
  await page.close();
  await linked.close();
});
