// Remember: the page trains the remember task (one answer at the end), shows the sequence with the remembered
// symbol marked and the held-out accuracy; the gradient bars' log axis spans every decade of |dL/dh_t|, however
// many (a tanh RNN over 50 steps: tens of decades), and draws the trace's Jacobian norm ||dh_T/dh_t|| on it.
// The task picker's fifth entry sets it up like a link does.
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
  // The bars draw on a later frame than the snapshot arrives: wait for the last trace's.
  await page.waitForFunction((want) => document.querySelector('.rl-grad-bars')?.dataset.values === want,
    values.map((v) => v.toPrecision(6)).join(','));
  const [lo, hi] = (await page.getAttribute('.rl-grad-bars', 'data-decades')).split(',').map(Number);
  assert.ok(lo <= Math.log10(Math.min(...positive)) && hi >= Math.log10(Math.max(...positive)),
    `axis 1e${lo}..1e${hi} holds ${Math.min(...positive)}..${Math.max(...positive)}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('remember from the picker: length 20, a GRU learns it; the bars draw ||dh_T/dh_t|| as the trace has it', async () => {
  const { page, errors } = await suite.open('task=hello');
  // The remember fields are hidden until the task is picked.
  assert.equal(await page.isVisible('#task input[type=number][id$="length"]'), false);
  await page.click('#task .rl-segment:has(input[value="remember"])');
  await page.waitForFunction(() => window.rnnlab.config?.task === 'remember');
  assert.equal(await page.isVisible('#task .rl-segment:has(input[value="remember"]) input:checked'), true);
  assert.match(await page.textContent('#task'), /a plain RNN forgets what came long ago; an LSTM or GRU keeps it/);
  const length = page.locator('#task input[id$="-length"]');
  assert.equal(await length.inputValue(), '50');
  assert.equal(await page.inputValue('#task input[id$="-distance"]'), '0');
  assert.equal(await page.inputValue('#task input[id$="-symbols"]'), '8');
  await length.fill('20');
  await length.press('Enter');  // 'change'
  await page.waitForFunction(() => window.rnnlab.config?.length === 20);
  await page.click('#controls .rl-segment:has(input[value="gru"])');
  await page.waitForFunction(() => window.rnnlab.config?.cell === 'gru');
  assert.equal((await pageConfig(page)).distance, 0);
  // Natively (rnnlab train remember --cell gru --length 20, seed 0): 13% at step 1000, 100% from step 1200.
  await page.fill('#controls input[id$="-epochs"]', '1400');
  await page.press('#controls input[id$="-epochs"]', 'Enter');
  await runAction(page, 'train');
  await waitIdle(page, 180_000);
  assert.equal(await page.evaluate(() => window.rnnlab.iteration), 1400);
  await page.waitForFunction(() => document.querySelector('#remember')?.getAttribute('data-sequence')?.length === 20);
  const heldOut = Number(await page.getAttribute('#remember', 'data-held-out'));
  assert.ok(heldOut >= 0.95, `held-out accuracy ${heldOut}`);
  // The Jacobian series: the trace's values, drawn on the bars' axis, named in the legend and in the table.
  const jacobian = await page.evaluate(() => Array.from(window.rnnlab.lastSnapshot.trace.layers[0].jacobianNorm));
  assert.equal(jacobian.length, 20);
  // The bars draw on a later frame than the snapshot arrives: wait for the last trace's.
  await page.waitForFunction((want) => document.querySelector('#grad-bars')?.dataset.jacobian === want,
    jacobian.map((v) => v.toPrecision(6)).join(','));
  const drawn = (await page.getAttribute('#grad-bars', 'data-jacobian')).split(',').map(Number);
  drawn.forEach((v, t) => assert.ok(Math.abs(v - jacobian[t]) <= 1e-5 * Math.abs(jacobian[t]), `step ${t + 1}: ${v} vs ${jacobian[t]}`));
  assert.ok(Math.abs(jacobian[19] - Math.sqrt(32)) < 1e-4, `||dh_T/dh_T|| = sqrt(H): ${jacobian[19]}`);
  const [lo, hi] = (await page.getAttribute('#grad-bars', 'data-decades')).split(',').map(Number);
  const positive = jacobian.filter((v) => v > 0);
  assert.ok(lo <= Math.log10(Math.min(...positive)) && hi >= Math.log10(Math.max(...positive)), `axis 1e${lo}..1e${hi}`);
  assert.match(await page.textContent('#grad-bars .rl-legend'), /line: ‖dh_T\/dh_t‖ \(Jacobian norm\)/);
  assert.match(await page.textContent('#grad-bars .rl-grad-readout'), /‖dh_T\/dh_1‖ = /);
  await page.evaluate(() => { document.querySelector('#grad-bars .rl-data-table').open = true; });
  await page.waitForTimeout(300);
  const table = await page.evaluate(() => {
    const t = document.querySelector('#grad-bars .rl-data-table table');
    return { head: [...t.tHead.rows[0].cells].map((c) => c.textContent), first: [...t.tBodies[0].rows[0].cells].map((c) => c.textContent), rows: t.tBodies[0].rows.length };
  });
  assert.equal(table.rows, 20);
  assert.deepEqual(table.head.slice(0, 1), ['step']);
  assert.match(table.head[2], /‖dh_T\/dh_t‖/);
  const cell = Number(table.first[2].replace('−', '-'));
  assert.ok(Math.abs(cell - jacobian[0]) <= 0.01 * jacobian[0], `table ${table.first[2]} vs ${jacobian[0]}`);
  assert.deepEqual(errors, []);
  await page.close();
});
