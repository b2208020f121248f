// The digits task's views on their own, fed a made-up prediction and made-up answers (the model's side has its own
// tests): a stroke drawn with the mouse reaches the model as MNIST's 28x28 (cropped, 20 rows tall, centred), the
// answer shows as ten bars and row by row, the accuracy chart, the confusion matrix (a cell narrows the
// misclassified grid) and a misclassified digit that is clicked is inspected with its true class; the keyboard
// picks a held-out digit; all of it inside a shadow root, with no serious or critical axe violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { useBrowser } from './harness.js';

const suite = useBrowser({ before, after });

test('digits views: draw, classify, read by rows, accuracy, confusion, misclassified, keyboard pick', async () => {
  const { page, errors } = await suite.open();
  await page.evaluate(() => {
    const host = document.createElement('div');
    host.id = 'digits-host';
    host.style.cssText = 'position: absolute; top: 0; left: 0; width: 720px; background: #fff; z-index: 10; padding: 8px';
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    for (const sheet of document.styleSheets) {
      const copy = new CSSStyleSheet();
      copy.replaceSync([...sheet.cssRules].map((r) => r.cssText).join('\n'));
      shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, copy];
    }
    const root = shadow.appendChild(document.createElement('div'));
    const View = window.rnnlab.predictionViews.digits.constructor;
    const view = new View(root);
    // 20 held-out images (dataset 8000..8019): image i is a block in row band i % 10, labels i % 10.
    const count = 20, pixels = new Uint8Array(count * 784), labels = new Uint8Array(count);
    for (let i = 0; i < count; ++i) {
      labels[i] = i % 10;
      for (let y = 6; y < 22; ++y) for (let x = 10 + (i % 5); x < 14 + (i % 5); ++x) pixels[i * 784 + y * 28 + x] = 255;
    }
    view.setImages({ pixels, labels, start: 8000 });
    const confusion = new Int32Array(100);
    for (let c = 0; c < 10; ++c) confusion[c * 11] = 18;
    confusion[4 * 10 + 9] = 2;   // two 4s read as 9
    confusion[7 * 10 + 1] = 1;   // one 7 read as 1
    view.update({ prediction: {
      task: 'digits', view: 'digits', model: 'lstm', classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
      trainSize: 8000, heldOutSize: 20, epoch: 3, epochs: 5, batchAccuracy: 0.9, heldOutAccuracy: 0.85, heldOutAt: 375,
      accuracyPerEpoch: Float32Array.from([0.7, 0.8, 0.85]), lossPerEpoch: Float32Array.from([1.2, 0.6, 0.4]),
      confusion, misclassified: Int32Array.from([8004, 8014, 8007]), misclassifiedPredicted: Int32Array.from([9, 9, 1]),
    } });
    // The model's side, made up: after row t the answer leans to class 3 by t / 27 (so it settles late).
    window.digitsTest = { view, root, requests: [] };
    root.addEventListener('digit-classify', (event) => {
      const { pixels: input, token } = event.detail;
      window.digitsTest.requests.push(Array.from(input));
      const perRow = new Float32Array(28 * 10);
      for (let t = 0; t < 28; ++t) for (let k = 0; k < 10; ++k) perRow[t * 10 + k] = k === 3 ? 0.05 + 0.9 * (t / 27) : (0.95 - 0.9 * (t / 27)) / 9;
      const probabilities = perRow.slice(270);
      const h = new Float32Array(28 * 16).map((_, k) => Math.sin(k));
      setTimeout(() => view.showClassification({ probabilities, predicted: 3, perRow: { data: perRow, shape: [28, 10] },
        layers: [{ layer: 0, direction: 'forward', hiddenSize: 16, h: { data: h, shape: [28, 1, 16] } }] }, token), 10);
    });
  });
  // A snapshot between two held-out evaluations (the same counts in a fresh array, the same heldOutAt) rebuilds no
  // part of the confusion table; the next evaluation (a later heldOutAt) builds it anew, its caption saying when.
  const table = await page.evaluate(async () => {
    const { view, root } = window.digitsTest;
    const settle = () => new Promise((resolve) => setTimeout(resolve, 250));  // the view draws at most every 100 ms
    const again = async (/** @type {number} */ at) => {
      view.update({ prediction: { ...view.prediction, confusion: Int32Array.from(view.prediction.confusion), heldOutAt: at } });
      await settle();
      return root.querySelector('.rl-confusion-table td.rl-confusion-cell');
    };
    await settle();
    const cell = root.querySelector('.rl-confusion-table td.rl-confusion-cell');
    const same = (await again(375)) === cell;
    const fresh = await again(400);
    return { same, rebuilt: fresh !== null && fresh !== cell, caption: root.querySelector('.rl-confusion-table caption')?.textContent ?? '' };
  });
  assert.equal(table.same, true, 'the same counts keep the table as it was');
  assert.equal(table.rebuilt, true, 'a new evaluation rebuilds it');
  assert.match(table.caption, /\b400\b/);
  const host = page.locator('#digits-host');
  // Draw a vertical stroke (a "1") with the mouse.
  const pad = host.locator('.rl-digit-pad-canvas');
  const box = await pad.boundingBox();
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.2);
  await page.mouse.down();
  for (let k = 1; k <= 12; ++k) await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * (0.2 + (0.6 * k) / 12));
  await page.mouse.up();
  await page.waitForFunction(() => window.digitsTest.root.dataset.predicted === '3');
  const drawn = await page.evaluate(() => window.digitsTest.requests[0]);
  assert.equal(drawn.length, 784);
  const rowsWithInk = [...Array(28).keys()].filter((y) => drawn.slice(y * 28, y * 28 + 28).some((v) => v > 0));
  assert.equal(rowsWithInk.length, 20, 'a tall stroke is scaled to 20 rows, as MNIST');
  let mass = 0, mx = 0, my = 0;
  drawn.forEach((v, p) => { mass += v; mx += v * (p % 28); my += v * Math.floor(p / 28); });
  // pixel j at j, as MNIST (and digitImage) measures it: the centre of mass within half a pixel of index (14, 14)
  const [cx, cy] = [mx / mass, my / mass];
  assert.ok(Math.abs(cx - 14) <= 0.5 && Math.abs(cy - 14) <= 0.5, `centre of mass (${cx}, ${cy})`);
  // The answer: ten bars, 3 chosen; the row view: 3 leads from row 3 on (0.05 + 0.9 t / 27 > (0.95 - 0.9 t / 27) / 9
  // from t = 2), before that 0 (the first of nine equals).
  const shown = await page.evaluate(() => {
    const r = window.digitsTest.root;
    return { bars: r.querySelectorAll('.rl-digits-seen .rl-digit-bar').length, chosen: r.querySelector('.rl-digits-seen .rl-digit-bar-chosen .rl-digit-bar-name')?.textContent,
      rows: r.querySelector('.rl-digit-rows').dataset.rows, settled: r.querySelector('.rl-digit-rows').dataset.settled,
      epochs: r.querySelector('.rl-digit-accuracy').dataset.epochs, total: r.querySelector('.rl-confusion').dataset.total,
      wrong: r.querySelector('.rl-misclassified').dataset.shown };
  });
  assert.deepEqual(shown, { bars: 10, chosen: '3', rows: '28', settled: '3', epochs: '3', total: '183', wrong: '3' });
  // Row by row: the slider at row 1 says what the network answers after one row.
  await host.locator('.rl-digit-rows-slider input').fill('1');
  await page.waitForFunction(() => window.digitsTest.root.querySelector('.rl-digit-rows').dataset.row === '1');
  assert.equal(await host.locator('.rl-digit-rows-after').textContent(), 'After row 1: 0 (11%)');
  // The confusion matrix: 4 read as 9 narrows the grid to its two digits; clicking one inspects it (a 4).
  await host.getByRole('button', { name: '2 digits 4 read as 9: show them' }).click();
  await page.waitForFunction(() => window.digitsTest.root.querySelector('.rl-misclassified').dataset.shown === '2');
  await host.locator('.rl-misclassified-digit[data-index="8014"]').click();
  await page.waitForFunction(() => window.digitsTest.requests.length === 2);
  const inspected = await page.evaluate(() => window.digitsTest.requests[1]);
  assert.equal(inspected[6 * 28 + 14], 1, 'held-out image 14\'s block (columns 14-17) reached the model as it is');
  await page.waitForFunction(() => window.digitsTest.root.querySelector('.rl-digits-seen .rl-digit-answer')?.textContent.includes('wrong, it is 4'));
  // The keyboard: held-out digit 7 (dataset 8006) by number.
  await host.locator('.rl-digits-picker input').fill('7');
  await host.locator('.rl-digits-picker input').press('Enter');
  await page.waitForFunction(() => window.digitsTest.requests.length === 3);
  await page.waitForFunction(() => /^Held-out digit 7, a 6:/.test(window.digitsTest.root.querySelector('.rl-digits-status').textContent));
  // A finger and a pen draw as the mouse does (pointer events of type touch and pen): Clear, then a touch stroke.
  await host.locator('.rl-digit-pad-clear').click();
  await page.waitForFunction(() => /^Draw a digit in the box/.test(window.digitsTest.root.querySelector('.rl-digits-status').textContent));
  assert.equal(await host.locator('.rl-digits-seen .rl-digit-bar').count(), 0, 'no answer without a digit');
  for (const pointerType of ['touch', 'pen']) {
    const before = await page.evaluate(() => window.digitsTest.requests.length);
    await page.evaluate(([pointerType, x0, y0, w, h]) => {
      const canvas = window.digitsTest.root.querySelector('.rl-digit-pad-canvas');
      const at = (k) => ({ clientX: x0 + w * 0.4, clientY: y0 + h * (0.2 + 0.05 * k), pointerId: 7, pointerType, bubbles: true, isPrimary: true });
      canvas.dispatchEvent(new PointerEvent('pointerdown', at(0)));
      for (let k = 1; k <= 12; ++k) canvas.dispatchEvent(new PointerEvent('pointermove', at(k)));
      canvas.dispatchEvent(new PointerEvent('pointerup', at(12)));
    }, [pointerType, box.x, box.y, box.width, box.height]);
    await page.waitForFunction((n) => window.digitsTest.requests.length === n + 1, before);
    const input = await page.evaluate(() => window.digitsTest.requests.at(-1));
    const rows = [...Array(28).keys()].filter((y) => input.slice(y * 28, y * 28 + 28).some((v) => v > 0));
    assert.equal(rows.length, 20, `${pointerType}: a stroke 20 rows tall`);
    await host.locator('.rl-digit-pad-clear').click();
  }
  // axe, with the number tables open.
  await page.evaluate(() => { for (const d of window.digitsTest.root.querySelectorAll('details')) d.open = true; });
  const results = await new AxeBuilder({ page }).include('#digits-host').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${n.target.join(' ')} :: ${n.failureSummary.split('\n').slice(0, 2).join(' ')}`));
  assert.deepEqual(serious, []);
  assert.ok(results.passes.some((rule) => rule.id === 'color-contrast' && rule.nodes.length > 100), 'axe read the shadow root\'s text');
  console.log(`axe: ${results.violations.length} rules with minor or moderate findings: ${results.violations.map((v) => v.id).join(', ')}`);
  assert.deepEqual(errors, []);
  await page.close();
});
