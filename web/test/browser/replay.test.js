// Replay: the page keeps snapshots while training (page/replay-ring.js, a stated budget) and the scrubber
// (views/replay-bar.js) takes the prediction, the unrolled cells and the equation back to any kept iteration, each
// showing what it showed live at that iteration, with the weights that step ran with, and back to live. The ring
// stays at its bound however long the run. The widget has it too (controls="replay").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, runAction, waitIdle, waitForAttribute } from './harness.js';
import { openSite, serveSite, makeSite } from './widget-site.js';

const suite = useBrowser({ before, after });

/**
 * What the prediction, the cells and the equation show, once each has drawn `iteration` (they draw on later
 * frames) and the equation adds up exactly.
 */
async function shown(page, iteration) {
  await page.waitForFunction((n) => document.querySelector('#equation').dataset.exact === 'true' &&
    document.querySelector('#equation').dataset.iteration === String(n) && window.rnnlab.views.cells.trace?.iteration === n &&
    document.querySelector('#predicted').dataset.predicted === window.rnnlab.views.cells.prediction?.predicted, iteration);
  await new Promise((resolve) => setTimeout(resolve, 300));  // a frame for each view
  return page.evaluate(() => ({
    prediction: document.querySelector('#predicted').textContent,
    // The cells draw on canvases: the trace they draw, and each cell's label.
    cells: [window.rnnlab.views.cells.trace?.iteration,
      ...[...document.querySelectorAll('#cells .rl-cell')].map((c) => c.getAttribute('aria-label'))].join(' | '),
    equation: [...document.querySelectorAll('#equation .rl-num')].map((n) => n.textContent).join(' '),
    note: document.querySelector('#equation .rl-eq-note').textContent,
    difference: Number(document.querySelector('#equation').dataset.maxDifference),
  }));
}

async function step(page) {
  const before = await page.evaluate(() => window.rnnlab.iteration);
  await runAction(page, 'step');
  await page.waitForFunction((n) => window.rnnlab.iteration === n + 1, before);
}

test('hello: scrub back to iteration 3 and 0, the views show what they showed then; End comes back to live', async () => {
  const { page, errors } = await suite.open('task=hello&hidden=4');
  await page.click('#cells .rl-cell[data-step="2"]');
  await waitForAttribute(page, '#equation', 'data-step', '2');
  const live = [await shown(page, 0)];  // iteration 0: the untrained network
  for (let i = 1; i <= 6; i++) {
    await step(page);
    live.push(await shown(page, i));
  }
  assert.equal(await page.getAttribute('#replay', 'data-kept'), '7');
  assert.equal(await page.getAttribute('#replay', 'data-live'), 'true');
  assert.match(await page.textContent('#replay .rl-replay-readout'), /^live, iteration 6$/);

  // The keyboard: Home is the first kept snapshot, the arrows one at a time.
  await page.focus('#replay input[type=range]');
  await page.keyboard.press('Home');
  await waitForAttribute(page, '#replay', 'data-iteration', '0');
  assert.deepEqual(await shown(page, 0), live[0]);
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await waitForAttribute(page, '#replay', 'data-iteration', '3');
  assert.equal(await page.getAttribute('#replay', 'data-live'), 'false');
  assert.equal(await page.getAttribute('#replay input[type=range]', 'aria-valuetext'), 'iteration 3');
  const three = await shown(page, 3);
  assert.deepEqual(three, live[3], 'iteration 3 as it was shown live');
  assert.ok(three.difference < 1e-5, `the equation adds up with the weights step 3 ran with (${three.difference})`);
  assert.match(three.note, /These are the weights step 3 ran with/);
  // The numbers are the kept snapshot's: its prediction, and its trace's h_t.
  const kept = await page.evaluate(() => {
    const s = window.rnnlab.replay.at(3);
    return { iteration: s.iteration, predicted: s.prediction.predicted, weightsAfter: s.trace.weightsAfter };
  });
  assert.deepEqual(kept, { iteration: 3, predicted: kept.predicted, weightsAfter: 2 });
  assert.ok(three.prediction.includes(kept.predicted), `${three.prediction} shows ${kept.predicted}`);

  // End: live again, the views as they were at iteration 6.
  await page.keyboard.press('End');
  await waitForAttribute(page, '#replay', 'data-live', 'true');
  assert.deepEqual(await shown(page, 6), live[6]);

  // Back to 1 with the arrows, then a step: the step shows the live network again.
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await waitForAttribute(page, '#replay', 'data-iteration', '1');
  assert.deepEqual(await shown(page, 1), live[1]);
  await step(page);
  await waitForAttribute(page, '#replay', 'data-live', 'true');
  await waitForAttribute(page, '#replay', 'data-iteration', '7');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a long run: the ring stays at its bound, from the first iteration to the newest; replayed while training', async () => {
  const { page, errors } = await suite.open('task=seq&input=abcabc&target=bcabca&epochs=0&speed=max');
  await page.evaluate(() => { window.rnnlab.replay.maxSnapshots = 12; });
  await runAction(page, 'train');
  await page.waitForFunction(() => window.rnnlab.replay.length === 12, null, { timeout: 20_000 });
  // Drag back while it trains: the inspector stays there as the live snapshots come in.
  await page.focus('#replay input[type=range]');
  await page.keyboard.press('Home');
  await waitForAttribute(page, '#replay', 'data-live', 'false');
  const replayed = await page.getAttribute('#replay', 'data-iteration');
  const cells = await page.textContent('#cells');
  const seen = await page.evaluate(() => window.rnnlab.iteration);
  await page.waitForFunction((n) => window.rnnlab.iteration > n + 500, seen, { timeout: 20_000 });
  assert.equal(await page.getAttribute('#replay', 'data-iteration'), replayed);
  assert.equal(await page.textContent('#cells'), cells);
  await runAction(page, 'train');  // pause
  await waitIdle(page);
  const ring = await page.evaluate(() => ({ length: window.rnnlab.replay.length, iterations: window.rnnlab.replay.iterations() }));
  assert.equal(ring.length, 12);
  assert.equal(ring.iterations[0], 0, 'the untrained network stays');
  assert.equal(await page.getAttribute('#replay', 'data-kept'), '12');
  assert.deepEqual(errors, []);
  await page.close();
});

test('简体中文: the scrubber speaks Chinese', async () => {
  const { page, errors } = await suite.open('lang=zh-CN&task=hello');
  assert.equal(await page.textContent('#replay .rl-replay-title'), '回放');
  assert.equal(await page.textContent('#replay .rl-replay-live'), '实时');
  assert.match(await page.textContent('#replay .rl-replay-readout'), /^实时，第 0 次迭代$/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the widget: controls="replay" scrubs its prediction and cells back, and to live', async () => {
  const site = await makeSite();
  const server = await serveSite(site.root);
  try {
    const { page, errors } = await openSite(suite.browser.context, `${server.url}blank.html`);
    await page.evaluate(() => {
      const w = document.createElement('rnn-playground');
      w.id = 'w';
      w.setAttribute('task', 'hello');
      w.setAttribute('views', 'prediction cells');
      w.setAttribute('controls', 'step replay');
      document.body.append(w);
    });
    await page.waitForFunction(() => document.getElementById('w')?.ready);
    const inWidget = (selector) => page.evaluate((s) => document.getElementById('w').shadowRoot.querySelector(s)?.textContent, selector);
    const texts = [];
    for (let i = 1; i <= 3; i++) {
      await page.evaluate(() => document.getElementById('w').shadowRoot.querySelector('[data-action="step"]').click());
      await page.waitForFunction((n) => document.getElementById('w').iteration === n, i);
      await page.waitForFunction((n) => document.getElementById('w').shadowRoot.querySelector('.rl-replay')?.dataset.iteration === String(n), i);
      texts.push(await inWidget('.predicted'));
    }
    await page.evaluate(() => {
      const slider = document.getElementById('w').shadowRoot.querySelector('.rl-replay input[type=range]');
      slider.value = '1';
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.waitForFunction(() => document.getElementById('w').shadowRoot.querySelector('.rl-replay').dataset.iteration === '1');
    assert.equal(await inWidget('.predicted'), texts[0]);
    await page.evaluate(() => document.getElementById('w').shadowRoot.querySelector('.rl-replay-live').click());
    await page.waitForFunction(() => document.getElementById('w').shadowRoot.querySelector('.rl-replay').dataset.live === 'true');
    assert.equal(await inWidget('.predicted'), texts[2]);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await server.close();
    await site.remove();
  }
});
