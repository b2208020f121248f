// The unrolled network: a cell per time step; a clicked cell shows its equation with the step's numbers (and
// those numbers reproduce the trace's h_t); the gradient bars are there and change with clipping; hovering a
// unit reads it out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, runAction, waitIdle, waitForAttribute } from './harness.js';

const suite = useBrowser({ before, after });

async function step(page) {
  const before = await page.evaluate(() => window.rnnlab.iteration);
  await page.click('.rl-run-bar button[data-action="step"]');
  await page.waitForFunction((n) => window.rnnlab.iteration === n + 1, before);
}

test('hello: five cells, and a clicked cell shows h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh) with its numbers', async () => {
  const { page, errors } = await suite.open();
  // Before any step the untrained network is drawn (a forward and backward pass without an update).
  await waitForAttribute(page, '#cells', 'data-steps', '5');
  assert.equal(await page.evaluate(() => window.rnnlab.iteration), 0);
  await step(page);
  await waitForAttribute(page, '#cells', 'data-steps', '5');
  assert.equal(await page.locator('#cells .rl-cell').count(), 5);
  assert.deepEqual(await page.locator('#cells .rl-cell-input').allTextContents(), ['h', 'e', 'l', 'l', 'o']);

  await page.click('#cells .rl-cell[data-step="2"]');
  await waitForAttribute(page, '#equation', 'data-step', '2');
  await page.waitForFunction(() => document.querySelector('#equation').dataset.exact !== '' && document.querySelector('#equation').dataset.exact !== undefined);
  assert.equal(await page.getAttribute('#cells .rl-cell[data-step="2"]', 'aria-pressed'), 'true');
  const text = await page.textContent('#equation');
  assert.match(text, /Step t = 3: RNN cell \(tanh\)/);
  assert.match(text, /ht = tanh\(Wih xt \+ bih \+ Whh ht−1 \+ bhh\)/);
  // 4 x 4 weights written out: two matrices of 16 numbers, and the vectors.
  assert.equal(await page.locator('#equation .rl-mat').count(), 2);
  assert.equal(await page.locator('#equation .rl-mat .rl-num').count(), 32);
  assert.ok(await page.locator('#equation .rl-vec').count() >= 6);
  for (const number of await page.locator('#equation .rl-num').allTextContents()) assert.match(number, /^−?\d+\.\d\d$/);

  // The weights fetched before a step are the ones that step ran with: the numbers add up to the trace's h_t.
  await step(page);
  await page.waitForFunction(() => document.querySelector('#equation').dataset.exact === 'true');
  const difference = Number(await page.getAttribute('#equation', 'data-max-difference'));
  assert.ok(difference < 1e-5, `recomputed h_t matches the trace to ${difference}`);
  assert.match(await page.textContent('#equation .rl-eq-note'), /These are the weights step 2 ran with/);

  // Keyboard: arrows move between cells.
  await page.focus('#cells .rl-cell[data-step="2"]');
  await page.keyboard.press('ArrowRight');
  await waitForAttribute(page, '#equation', 'data-step', '3');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.step), '3');
  assert.deepEqual(errors, []);
  await page.close();
});

for (const [cell, gates, title] of [['lstm', ['i', 'f', 'g', 'o'], 'LSTM cell'], ['gru', ['r', 'z', 'n'], 'GRU cell']]) {
  test(`${cell}: gate equations with numbers that reproduce the trace, and the gates drawn in each cell`, async () => {
    const { page, errors } = await suite.open(`cell=${cell}`);
    await step(page);
    await page.click('#cells .rl-cell[data-step="1"]');
    await step(page);
    await page.waitForFunction(() => document.querySelector('#equation').dataset.exact === 'true');
    const difference = Number(await page.getAttribute('#equation', 'data-max-difference'));
    assert.ok(difference < 1e-5, `recomputed h_t matches the trace to ${difference}`);
    const text = await page.textContent('#equation');
    assert.match(text, new RegExp(title));
    for (const gate of gates) assert.match(text, new RegExp(`${gate}t = (σ|tanh)\\(W`), `the ${gate} gate's equation`);
    if (cell === 'lstm') assert.match(text, /ct = ft ⊙ ct−1 \+ it ⊙ gt/);
    if (cell === 'gru') assert.match(text, /ht = \(1 − zt\) ⊙ nt \+ zt ⊙ ht−1/);
    assert.match(await page.textContent('#cells .rl-cells-legend'), cell === 'lstm' ? /i, f, g, o/ : /r, z, n/);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('sine: one cell per step (59), two layers, and the equation summarised as products', async () => {
  const { page, errors } = await suite.open('task=sine');
  await step(page);
  await waitForAttribute(page, '#cells', 'data-steps', '59');
  assert.equal(await page.locator('#cells .rl-cell').count(), 59);
  await page.click('#cells .rl-cell[data-step="10"]');
  await step(page);
  await page.waitForFunction(() => document.querySelector('#equation').dataset.exact === 'true');
  assert.equal(await page.locator('#equation .rl-mat').count(), 0, '10 x 10 is summarised');
  assert.match(await page.textContent('#equation'), /Wih xt/);
  await page.selectOption('#equation select', '1');
  await page.waitForFunction(() => /layer 2/.test(document.querySelector('#equation .rl-eq-title').textContent));
  assert.equal(await page.getAttribute('#equation', 'data-exact'), 'true');
  assert.ok(Number(await page.getAttribute('#equation', 'data-max-difference')) < 1e-5);
  // Two layers of gradient bars, and the Jacobian norm ||dh_T/dh_t|| of each as a line.
  assert.equal(await page.locator('#grad-bars .rl-legend li.rl-legend-bars').count(), 2);
  assert.equal(await page.locator('#grad-bars .rl-legend li.rl-legend-jacobian').count(), 2);
  assert.deepEqual(await page.locator('#grad-bars .rl-legend li').allTextContents(),
    ['bars: |dL/dh_t|, layer 1', 'bars: |dL/dh_t|, layer 2', 'line: ‖dh_T/dh_t‖, layer 1', 'line: ‖dh_T/dh_t‖, layer 2']);
  assert.deepEqual(errors, []);
  await page.close();
});

async function barsAfter(page, clip) {
  await page.fill('#rl1-clip', String(clip));
  await page.press('#rl1-clip', 'Enter');
  await page.waitForFunction((c) => window.rnnlab.config.clip === c && window.rnnlab.iteration === 0, clip);
  await runAction(page, 'train');
  await page.waitForFunction(() => window.rnnlab.iteration > 0);
  await waitIdle(page);
  await page.waitForFunction(() => window.rnnlab.iteration === 30 && document.querySelector('#grad-bars').dataset.values.split(',').length === 59);
  await page.waitForTimeout(100);
  return {
    values: (await page.getAttribute('#grad-bars', 'data-values')).split(',').map(Number),
    applied: (await page.getAttribute('#grad-bars', 'data-applied')).split(',').map(Number),
    readout: await page.textContent('#grad-bars .rl-grad-readout'),
    gradNorm: Number(await page.getAttribute('#grad-bars', 'data-grad-norm')),
    clipScale: Number(await page.getAttribute('#grad-bars', 'data-clip-scale')),
  };
}

test('gradient bars: |dL/dh_t| per step, and they change when clipping changes', async () => {
  const { page, errors } = await suite.open('task=sine&epochs=30&speed=max&lr=0.05');
  const free = await barsAfter(page, 0);
  assert.equal(free.values.length, 59);
  assert.ok(free.values.every((v) => Number.isFinite(v) && v >= 0));
  assert.ok(free.values.some((v) => v > 0));
  assert.ok(await page.locator('#grad-bars canvas').isVisible());
  const clipped = await barsAfter(page, 0.01);
  const changed = free.applied.some((v, t) => Math.abs(v - clipped.applied[t]) > 1e-6 * Math.max(v, 1e-12));
  assert.ok(changed, 'the bars differ with clipping on');
  assert.match(clipped.readout, /clip/i);
  // The snapshot's gradNorm (before clipping) gives the factor clipping applied: min(1, clip / ||g||), as torch.
  assert.ok(Number.isFinite(free.gradNorm) && free.gradNorm > 0, `gradNorm ${free.gradNorm}`);
  assert.equal(free.clipScale, 1);
  assert.ok(clipped.gradNorm > 0.01, `gradNorm ${clipped.gradNorm} is above the clip`);
  assert.ok(Math.abs(clipped.clipScale - 0.01 / (clipped.gradNorm + 1e-6)) < 1e-9, `clip factor ${clipped.clipScale}`);
  clipped.values.forEach((v, t) => assert.ok(Math.abs(clipped.applied[t] - v * clipped.clipScale) <= 1e-5 * v, `step ${t}`));
  assert.match(clipped.readout, /clip factor min\(1, 0\.01000 \/ \|\|g\|\|\) = ×\S+ with \|\|g\|\| = .*unclipped/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('hovering a hidden unit highlights it in every step and reads it out', async () => {
  const { page } = await suite.open();
  await step(page);
  await waitForAttribute(page, '#cells', 'data-steps', '5');
  const canvas = page.locator('#cells .rl-cell[data-step="1"] canvas');
  const box = await canvas.boundingBox();
  // The first heat-map square of unit 2 (the header row is 12 px, squares 18 px + 1 px gap).
  await page.mouse.move(box.x + 9, box.y + 12 + 19 + 9);
  await page.waitForFunction(() => /unit 2, step 2: h = /.test(document.querySelector('#cells .rl-cells-hover').textContent));
  await page.close();
});

test("before any step, a clicked cell's equation adds up exactly: the untrained trace ran on the current weights", async () => {
  const { page, errors } = await suite.open();
  await waitForAttribute(page, '#cells', 'data-steps', '5');
  await page.click('#cells .rl-cell[data-step="2"]');
  await page.waitForFunction(() => document.querySelector('#equation').dataset.exact === 'true');
  const difference = Number(await page.getAttribute('#equation', 'data-max-difference'));
  assert.ok(difference < 1e-5, `recomputed h_t matches the trace to ${difference}`);
  assert.match(await page.textContent('#equation .rl-eq-note'), /These are the weights after 0 steps, the ones the trace shown ran with/);
  assert.equal(await page.evaluate(() => window.rnnlab.iteration), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the one-hot input is labelled with its character; at 1440 px the GRU\'s n_t line fits inside the equation', async () => {
  const { page, errors } = await suite.open('cell=gru', { viewport: { width: 1440, height: 900 } });
  await page.click('#cells .rl-cell[data-step="2"]');
  await step(page);
  await page.waitForFunction(() => document.querySelector('#equation').dataset.exact === 'true');
  // hello's third character: x_t is the one-hot vector of "l", and its caption says so.
  const captions = await page.locator('#equation .rl-term-caption').allTextContents();
  assert.ok(captions.includes('xt: one-hot "l"'), `captions: ${[...new Set(captions)].join(', ')}`);
  const overflow = await page.evaluate(() => {
    const box = document.querySelector('#equation').getBoundingClientRect();
    const lines = [...document.querySelectorAll('#equation .rl-eq-num, #equation .rl-eq-sym')];
    return {
      lines: lines.length,
      past: lines.map((line) => line.getBoundingClientRect().right - box.right).filter((d) => d > 1),
      scroll: document.querySelector('#equation').scrollWidth - document.querySelector('#equation').clientWidth,
      nLine: lines.some((line) => /^nt = tanh\(/.test(line.textContent)),
    };
  });
  assert.ok(overflow.nLine, 'the n_t line is there');
  assert.deepEqual(overflow.past, [], 'no line reaches past the equation\'s right edge');
  assert.ok(overflow.scroll <= 0, `the equation scrolls sideways by ${overflow.scroll} px`);
  assert.deepEqual(errors, []);
  await page.close();
});
