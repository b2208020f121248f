// One WebAssembly module per task family (web/src/api/task-modules.js): the page downloads only the module of the
// task it opens on (hello: rnnlab.wasm; text: rnnlab_text.wasm), and switching to a task of another family loads
// that family's module in the same worker, which trains there; switching back trains the first family again. (The
// browser's cache may answer a module asked for a second time, so only the first request of each is counted.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, runAction } from './harness.js';

const suite = useBrowser({ before, after });

/** The wasm modules (.mjs and .wasm) the server was asked for, by file name. @param {string[]} requests */
const moduleRequests = (requests) => requests.filter((r) => /\/wasm\/[^/]+\.(mjs|wasm)$/.test(r)).map((r) => r.slice(r.lastIndexOf('/') + 1));

/** Picks `mode` in the task picker ('hello' is the seq task) and waits until the worker has configured its task. */
async function pickTask(page, mode, task = mode) {
  await page.click(`.rl-segment:has(input[value="${mode}"])`);
  await page.waitForFunction((t) => window.rnnlab.config?.task === t, task, { timeout: 30_000 });
}

/** One step, and the prediction of that step is the task's. */
async function stepOnce(page, task) {
  const before = await page.evaluate(() => window.rnnlab.iteration);
  await runAction(page, 'step');
  await page.waitForFunction((b) => window.rnnlab.iteration === b + 1, before, { timeout: 30_000 });
  const snapshot = await page.evaluate(() => ({ task: window.rnnlab.lastSnapshot?.prediction?.task, loss: window.rnnlab.lastSnapshot?.loss }));
  assert.equal(snapshot.task, task);
  assert.ok(Number.isFinite(snapshot.loss) && snapshot.loss > 0, String(snapshot.loss));
}

test('the hello page downloads only rnnlab.wasm; hello -> text -> hello trains in each, in one worker', async () => {
  const requests = suite.server.requests;
  requests.length = 0;
  const { page, errors } = await suite.open('task=hello');
  assert.deepEqual(moduleRequests(requests), ['rnnlab.mjs', 'rnnlab.wasm']);
  await stepOnce(page, 'seq');
  assert.deepEqual(moduleRequests(requests), ['rnnlab.mjs', 'rnnlab.wasm'], 'training loads nothing more');

  await pickTask(page, 'text');
  assert.deepEqual(moduleRequests(requests).slice(2), ['rnnlab_text.mjs', 'rnnlab_text.wasm'], 'the text module, once picked');
  await stepOnce(page, 'text');
  await pickTask(page, 'hello', 'seq');
  await stepOnce(page, 'seq');
  assert.ok(moduleRequests(requests).every((m) => /^rnnlab(_text)?\.(mjs|wasm)$/.test(m)), moduleRequests(requests).join(' '));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the text page downloads only rnnlab_text.wasm; then the memory family trains (remember)', async () => {
  const requests = suite.server.requests;
  requests.length = 0;
  const { page, errors } = await suite.open('task=text&corpus=tang5&hidden=32');
  assert.deepEqual(moduleRequests(requests), ['rnnlab_text.mjs', 'rnnlab_text.wasm']);
  await stepOnce(page, 'text');
  await pickTask(page, 'remember');
  assert.deepEqual(moduleRequests(requests).slice(2), ['rnnlab_memory.mjs', 'rnnlab_memory.wasm']);
  await stepOnce(page, 'remember');
  assert.deepEqual(errors, []);
  await page.close();
});
