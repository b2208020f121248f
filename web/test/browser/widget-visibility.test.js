// A widget scrolled out of view stops training (its iteration count stops moving while a widget still in view
// keeps going) and carries on from where it was when it comes back, if it was training when it left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { widgetSuite, openSite, addWidget, widgetState } from './widget-site.js';

const env = widgetSuite();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const iterationOf = async (page, id) => (await widgetState(page, id)).iteration;

test('a widget out of view pauses while the one in view keeps training, and resumes when shown again', async () => {
  const { page, errors } = await openSite(env.browser.context, `${env.server.url}blank.html`);
  await page.setViewportSize({ width: 1000, height: 700 });
  // Two sine widgets training until paused (epochs 0), a screen and a half apart, then room to scroll.
  const first = await addWidget(page, { task: 'sine', epochs: '0', views: 'loss' }, { id: 'first' });
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<div style="height: 1200px"></div>'));
  const second = await addWidget(page, { task: 'sine', epochs: '0', views: 'loss', seed: '1' }, { id: 'second' });
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<div style="height: 3000px"></div>'));
  await page.evaluate(() => Promise.all([document.getElementById('first').train(), document.getElementById('second').train()]));
  // The second, out of view, waits to be shown before it starts.
  await page.waitForFunction(() => document.getElementById('first').iteration > 20);
  assert.equal(await iterationOf(page, second), 0, 'train() on a widget out of view waits until it is shown');

  // Scroll so that the first is out of view and the second in it.
  await page.evaluate(() => window.scrollTo(0, document.getElementById('second').getBoundingClientRect().top + window.scrollY - 5));
  const visible = await page.evaluate(() => ['first', 'second'].map((id) => {
    const box = document.getElementById(id).getBoundingClientRect();
    return box.bottom > 0 && box.top < innerHeight;
  }));
  assert.deepEqual(visible, [false, true]);
  await page.waitForFunction(() => !document.getElementById('first').running && document.getElementById('first').playground.settled);
  await page.waitForFunction(() => document.getElementById('second').iteration > 20);
  const firstAtLeave = await iterationOf(page, first);
  const secondAtLeave = await iterationOf(page, second);
  await sleep(1500);
  const firstLater = await iterationOf(page, first);
  const secondLater = await iterationOf(page, second);
  assert.equal(firstLater, firstAtLeave, `out of view: ${firstAtLeave} -> ${firstLater} iterations`);
  assert.ok(secondLater > secondAtLeave + 20, `in view: ${secondAtLeave} -> ${secondLater} iterations`);
  assert.equal((await widgetState(page, second)).running, true);

  // Back to the top: the first comes into view and trains on from where it stopped; the second now pauses.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction((n) => document.getElementById('first').iteration > n + 20, firstLater, { timeout: 30_000 });
  assert.equal((await widgetState(page, first)).running, true);
  await page.waitForFunction(() => !document.getElementById('second').running);
  await page.waitForFunction(() => document.getElementById('second').playground.settled);
  const secondAtTop = await iterationOf(page, second);
  await sleep(800);
  assert.equal(await iterationOf(page, second), secondAtTop, 'the second stopped once it left the view');

  // A widget paused by its reader stays paused when it comes back into view.
  await page.evaluate(() => document.getElementById('first').pause());
  await page.evaluate(() => window.scrollTo(0, 2000));
  await sleep(300);
  await page.evaluate(() => window.scrollTo(0, 0));
  const pausedAt = await iterationOf(page, first);
  await sleep(800);
  assert.equal(await iterationOf(page, first), pausedAt);
  assert.equal((await widgetState(page, first)).running, false);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a removed widget terminates its worker', async () => {
  const { page, errors } = await openSite(env.browser.context, `${env.server.url}blank.html`);
  // After DETACHED_MS out of the document (60 s by default: a move keeps the model; see the re-attach test).
  await page.evaluate(() => { customElements.get('rnn-playground').DETACHED_MS = 200; });
  await addWidget(page, { task: 'hello' }, { id: 'a' });
  await addWidget(page, { task: 'hello' }, { id: 'b' });
  assert.equal(page.workers().length, 2);
  const closed = new Promise((resolve) => page.workers()[0].once('close', resolve));
  await page.evaluate(() => document.getElementById('a').remove());
  await closed;
  assert.equal(page.workers().length, 1);
  await page.evaluate(() => document.getElementById('b').step());
  assert.equal((await widgetState(page, 'b')).iteration, 1, 'the other widget still works');
  assert.deepEqual(errors, []);
  await page.close();
});

test('train() out of view runs the whole run once shown: epochs="40" gives 40 iterations', async () => {
  const { page, errors } = await openSite(env.browser.context, `${env.server.url}blank.html`);
  await page.setViewportSize({ width: 1000, height: 700 });
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<div style="height: 1500px"></div>'));
  const id = await addWidget(page, { task: 'hello', epochs: '40', speed: 'max', views: 'loss' });
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<div style="height: 1500px"></div>'));
  await page.evaluate((id) => document.getElementById(id).train(), id);
  await sleep(500);
  assert.equal(await iterationOf(page, id), 0, 'nothing trains out of view');
  await page.evaluate((id) => document.getElementById(id).scrollIntoView(), id);
  await page.waitForFunction((id) => { const w = document.getElementById(id); return w.iteration > 0 && !w.running && w.playground.settled; }, id, { timeout: 30_000 });
  assert.equal(await iterationOf(page, id), 40);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a widget detached and attached again keeps its model, iteration, loss curve and run', async () => {
  const { page, errors } = await openSite(env.browser.context, `${env.server.url}blank.html`);
  const id = await addWidget(page, { task: 'sine', epochs: '0', speed: 'max', views: 'loss' });
  const worker = page.workers()[0];
  let terminated = false;
  worker.once('close', () => { terminated = true; });
  await page.evaluate((id) => document.getElementById(id).train(), id);
  await page.waitForFunction((id) => document.getElementById(id).iteration > 200, id, { timeout: 30_000 });

  // Removed: it pauses, keeping its state.
  await page.evaluate((id) => { window.kept = document.getElementById(id); window.kept.remove(); }, id);
  await page.waitForFunction(() => window.kept.playground?.settled, null, { timeout: 10_000 });
  const detached = await page.evaluate(() => ({ iteration: window.kept.iteration, points: window.kept.playground.views.lossChart.pointCount, running: window.kept.running }));
  assert.equal(detached.running, false, 'out of the document it does not train');
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.kept.iteration), detached.iteration);

  // Put back elsewhere: the same worker and model, the same iteration and curve; the run goes on.
  await page.evaluate(() => { const div = document.createElement('div'); document.body.prepend(div); div.append(window.kept); });
  // (The run may already have gone on: at least where it was, never back to 0.)
  assert.ok(await page.evaluate(() => window.kept.iteration) >= detached.iteration, 'not reset to 0');
  assert.ok(await page.evaluate(() => window.kept.playground.views.lossChart.pointCount) >= detached.points, 'the loss curve stays');
  await page.waitForFunction((at) => window.kept.running && window.kept.iteration > at, detached.iteration, { timeout: 30_000 });
  assert.equal(terminated, false, 'the same worker');
  assert.equal(page.workers().length, 1);

  // A move while paused stays paused, at the same iteration.
  // (Where the worker is: the page's count can trail it by the snapshot that was on its way at the pause.)
  const workerIteration = () => page.evaluate(async () => (await window.kept.playground.client.request('snapshot', { trace: false })).iteration);
  await page.evaluate(() => window.kept.pause());
  const paused = await workerIteration();
  await page.evaluate(() => { document.body.append(window.kept); });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.kept.running), false);
  assert.equal(await workerIteration(), paused);
  await page.evaluate(() => window.kept.step());
  assert.equal(await page.evaluate(() => window.kept.iteration), paused + 1);
  assert.deepEqual(errors, []);
  await page.close();
});
