// Remember: the page trains the remember task (one answer at the end), shows the sequence with the remembered
// symbol marked and the held-out accuracy; the gradient bars' log axis spans every decade of |dL/dh_t|, however
// many (a tanh RNN over 50 steps: tens of decades).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, runAction, waitIdle, pageConfig } from './harness.js';

const suite = useBrowser({ before, after });

test('remember: an LSTM learns the symbol 5 back of 10 and the view shows it', async () => {
  const { page, errors } = await suite.open('task=remember&length=10&distance=5&epochs=300');
  const config = await pageConfig(page);
  assert.equal(config.task, 'remember');
  assert.equal(config.cell, 'lstm');
  assert.equal(await page.isVisible('#remember'), true);
  await runAction(page, 'train');
  await waitIdle(page, 120_000);
  assert.equal(await page.evaluate(() => window.rnnlab.iteration), 300);
  await page.waitForFunction(() => document.querySelector('#remember')?.getAttribute('data-sequence')?.length === 10);
  assert.equal(await page.locator('#remember .rl-remember-symbol').count(), 10);
  assert.equal(await page.locator('#remember .rl-remember-target').count(), 1);
  const heldOut = Number(await page.getAttribute('#remember', 'data-held-out'));
  assert.ok(heldOut >= 0.95, `held-out accuracy ${heldOut}`);  // natively 1.0 after 300 steps (the same numbers)
  assert.match(await page.textContent('#remember .rl-remember-held-out'), /^Held-out accuracy \d+\.\d% of 256 sequences/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('remember rnn: the gradient bars span every decade of |dL/dh_t|', async () => {
  const { page, errors } = await suite.open('task=remember&cell=rnn&epochs=400');
  await runAction(page, 'train');
  await waitIdle(page, 120_000);
  const values = await page.evaluate(() => {
    const layer = window.rnnlab.lastSnapshot?.trace?.layers[0];
    return layer ? Array.from({ length: layer.steps }, (_, t) => layer.dhNorm[t * layer.batch]) : [];
  });
  assert.equal(values.length, 50);
  const positive = values.filter((v) => v > 0);
  const spread = Math.log10(Math.max(...positive) / Math.min(...positive));
  assert.ok(spread > 12, `|dL/dh_t| spans ${spread.toFixed(1)} decades`);
  await page.waitForFunction(() => document.querySelector('.rl-grad-bars')?.getAttribute('data-decades'));
  const [lo, hi] = (await page.getAttribute('.rl-grad-bars', 'data-decades')).split(',').map(Number);
  assert.ok(lo <= Math.log10(Math.min(...positive)) && hi >= Math.log10(Math.max(...positive)),
    `axis 1e${lo}..1e${hi} holds ${Math.min(...positive)}..${Math.max(...positive)}`);
  assert.deepEqual(errors, []);
  await page.close();
});
