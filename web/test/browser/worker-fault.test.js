// Worker faults: when the training worker dies (a WebAssembly trap in a step, or an uncaught error that ends it),
// the page says so, offers Restart, and Restart brings back the last saved model in a new worker.
// The faults are real: `crash` (protocol.js, honoured only with ?test-hooks) runs a wasm `unreachable`
// instruction inside the next step, or throws an uncaught error in the worker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, runAction, waitIdle } from './harness.js';

const suite = useBrowser({ before, after });
const DEATH = '#messages .rl-message[data-topic="death"]';

/** The page with test hooks on, at `hash`. */
const open = (hash) => openPage(suite.browser.context, `${suite.server.url}?test-hooks`, { hash });

/** @param {import('playwright-core').Page} page */
const weights = (page) => page.evaluate(async () => {
  const reply = await window.rnnlab.client.request('parameters');
  return reply.parameters.map((p) => [p.name, Array.from(p.value)]);
});

/** Trains `n` epochs at full speed and waits for the run to end (and the page's save of it). */
async function trainEpochs(page, n) {
  await page.evaluate((epochs) => { window.rnnlab.run = { epochs, speed: 'max' }; }, n);
  await runAction(page, 'train');
  await waitIdle(page);
  await page.waitForFunction((it) => window.rnnlab.lastSaved?.iteration === it && !window.rnnlab.saving, await page.evaluate(() => window.rnnlab.iteration));
}

test('a WebAssembly trap in a step: the page says so, and Restart brings back the saved model', async () => {
  const { page, errors } = await open('task=seq&input=abcd&target=bcda&arch=layer&cell=gru&hidden=8');
  await trainEpochs(page, 40);
  const saved = await weights(page);
  const iteration = await page.evaluate(() => window.rnnlab.iteration);
  assert.equal(iteration, 40);

  await page.evaluate(() => window.rnnlab.client.request('crash', { kind: 'trap' }));
  await runAction(page, 'step');  // the step traps
  await page.waitForSelector(DEATH);
  const text = await page.textContent(DEATH);
  assert.match(text, /The training worker stopped:its WebAssembly module failed \(RuntimeError: unreachable\)\. Restart brings back the model saved at iteration 40\./);
  assert.equal(await page.isDisabled('.rl-run-bar button[data-action="train"]'), true);
  // One message says it: the step that met the dead worker adds no second box repeating it.
  assert.deepEqual(await page.$$eval('#messages .rl-message', (ms) => ms.map((m) => m.dataset.topic)), ['death']);
  assert.equal(await page.evaluate(() => window.rnnlab.client.dead), true);

  await page.click(`${DEATH} button.rl-restart`);
  await page.waitForFunction(() => window.rnnlab.ready && !window.rnnlab.client.dead);
  assert.match(await page.textContent(DEATH), /Restarted from the model saved at iteration 40\./);
  assert.deepEqual(await weights(page), saved, 'the restored weights are the saved ones');
  // And it trains on, counting from the saved iteration (the saved file keeps it).
  assert.equal(await page.evaluate(() => window.rnnlab.iteration), 40);
  await runAction(page, 'step');
  await page.waitForFunction(() => window.rnnlab.iteration === 41);
  assert.notDeepEqual(await weights(page), saved);
  assert.deepEqual(errors.filter((e) => !/unreachable/.test(e)), []);
  await page.close();
});

test('an uncaught error ends the worker: the page says so; Restart from the initial weights before any training', async () => {
  const { page, errors } = await open('task=sine&hidden=6');
  const initial = await weights(page);
  await page.evaluate(() => window.rnnlab.client.request('crash', { kind: 'throw' }));
  await page.waitForSelector(DEATH);
  assert.match(await page.textContent(DEATH),
    /The training worker stopped:it hit an uncaught error \(.*test hook: an uncaught error in the worker\)\. Restart brings back this setup from its initial weights\./);
  await page.click(`${DEATH} button.rl-restart`);
  await page.waitForFunction(() => window.rnnlab.ready && !window.rnnlab.client.dead);
  assert.deepEqual(await weights(page), initial);
  assert.equal(await page.evaluate(() => window.rnnlab.config.hidden), 6);
  await trainEpochs(page, 20);
  assert.equal(await page.evaluate(() => window.rnnlab.iteration), 20);
  assert.deepEqual(errors.filter((e) => !/test hook/.test(e)), []);
  await page.close();
});

test('without ?test-hooks the worker refuses to crash', async () => {
  const { page } = await openPage(suite.browser.context, suite.server.url, { hash: 'task=seq' });
  const message = await page.evaluate(() => window.rnnlab.client.request('crash', { kind: 'trap' }).then(() => 'crashed', (e) => e.message));
  assert.equal(message, 'crash: a test hook, honoured only after init with testHooks: true');
  await page.close();
});

test('the text task after a trap: Restart fetches the bundled corpus again into the new worker and restores the model', async () => {
  const { page, errors } = await open('task=text&corpus=tang300&hidden=16&layers=1&batch=4&seqLen=16');
  await trainEpochs(page, 5);
  const saved = await weights(page);
  await page.evaluate(() => window.rnnlab.client.request('crash', { kind: 'trap' }));
  await runAction(page, 'step');
  await page.waitForSelector(DEATH);
  await page.click(`${DEATH} button.rl-restart`);
  await page.waitForFunction(() => window.rnnlab.ready && !window.rnnlab.client.dead, null, { timeout: 30_000 });
  assert.match(await page.textContent(DEATH), /Restarted from the model saved at iteration 5\./);
  assert.deepEqual(await weights(page), saved);
  assert.equal(await page.evaluate(() => window.rnnlab.config.corpus), 'tang300');
  await runAction(page, 'step');
  await page.waitForFunction(() => window.rnnlab.iteration === 6);
  assert.deepEqual(errors.filter((e) => !/unreachable/.test(e)), []);
  await page.close();
});
