// The example tutorial (web/dist/examples/tutorial.html): every widget has its own worker and model, two widgets
// train independently of each other, and the `epoch` / `snapshot` events carry the losses the wasm trainer
// computes (checked against the same trainer run in Node).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic, launch } from './harness.js';
import { openSite, waitWidgetsReady, widgetState } from './widget-site.js';
import { loadTestRnnlab } from '../node/load_wasm.js';
import { defaultConfig } from '../../src/api/rnnlab.js';

let server;
let browser;
before(async () => {
  server = await serveStatic();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Scrolls a widget into view (a widget out of view does not train) and presses its Train button. */
async function pressTrain(page, id) {
  await page.evaluate((id) => document.getElementById(id).scrollIntoView({ block: 'center' }), id);
  await page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector('[data-action="train"]').click(), id);
}

async function waitRunDone(page, id, iterations, timeout = 120_000) {
  await page.waitForFunction(([id, n]) => { const w = document.getElementById(id); return w.iteration === n && !w.running && w.playground.settled; },
    [id, iterations], { timeout });
}

test('tutorial: seven widgets, nine workers (the comparison has three); two of them train independently; epoch events carry the trainer\'s losses', async () => {
  const { page, errors } = await openSite(browser.context, `${server.url}examples/tutorial.html`);
  await waitWidgetsReady(page);
  const ids = await page.evaluate(() => [...document.querySelectorAll('rnn-playground')].map((w) => w.id));
  assert.deepEqual(ids, ['one-hot-widget', 'equation-widget', 'hello-widget', 'sine-widget', 'clip-widget', 'lstm-widget', 'compare-widget']);
  assert.equal(page.workers().length, 9, 'one worker per widget, one per model of the comparison');

  // The attributes became each widget's model.
  const configs = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('rnn-playground')].map((w) => [w.id, w.config])));
  assert.equal(configs['hello-widget'].task, 'seq');
  assert.equal(configs['hello-widget'].arch, 'cell');
  assert.equal(configs['sine-widget'].task, 'sine');
  assert.equal(configs['sine-widget'].hidden, 10);
  assert.equal(configs['clip-widget'].points, 120);
  assert.equal(configs['clip-widget'].clip, 0.25);
  assert.equal(configs['lstm-widget'].cell, 'lstm');
  assert.equal(configs['lstm-widget'].hidden, 8);

  // Record every event the hello widget sends.
  await page.evaluate(() => {
    window.heard = { epoch: [], snapshot: [], bubbled: 0 };
    const hello = document.getElementById('hello-widget');
    hello.addEventListener('epoch', (e) => window.heard.epoch.push([e.detail.iteration, e.detail.loss, e.detail.prediction?.predicted ?? null]));
    hello.addEventListener('snapshot', (e) => window.heard.snapshot.push([e.detail.iteration, e.detail.loss, e.detail.prediction.predicted]));
    document.addEventListener('epoch', () => { window.heard.bubbled += 1; });
  });

  // Train hello: the sine widget does not move.
  await pressTrain(page, 'hello-widget');
  await waitRunDone(page, 'hello-widget', 15);
  const hello = await widgetState(page, 'hello-widget');
  let sine = await widgetState(page, 'sine-widget');
  assert.equal(hello.iteration, 15);
  assert.equal(sine.iteration, 0, 'training one widget leaves the other at iteration 0');
  assert.ok(Number.isNaN(sine.loss));

  // The events: one epoch event per iteration, in order, bubbling to the document; the losses are the trainer's.
  const heard = await page.evaluate(() => window.heard);
  assert.deepEqual(heard.epoch.map((e) => e[0]), Array.from({ length: 15 }, (_, k) => k + 1));
  assert.equal(heard.bubbled, 15, 'epoch events bubble out of the shadow root');
  const rnnlab = await loadTestRnnlab();
  const trainer = rnnlab.createTrainer(defaultConfig('seq'));
  const reference = Array.from(trainer.step(15).losses);
  const referencePredicted = trainer.predict().predicted;
  trainer.dispose();
  heard.epoch.forEach(([iteration, loss], k) => {
    assert.ok(Math.abs(loss - reference[k]) <= 1e-6 * Math.abs(reference[k]), `epoch ${iteration}: event loss ${loss}, trainer in Node ${reference[k]}`);
  });
  const lastSnapshot = heard.snapshot.at(-1);
  assert.equal(lastSnapshot[0], 15);
  assert.ok(Math.abs(lastSnapshot[1] - reference[14]) <= 1e-6 * reference[14], `snapshot loss ${lastSnapshot[1]} vs ${reference[14]}`);
  assert.equal(lastSnapshot[2], referencePredicted);
  assert.equal(heard.epoch.at(-1)[2], referencePredicted, 'the last epoch event carries the prediction');
  assert.equal(lastSnapshot[2], 'ohlol');
  assert.equal(hello.loss, lastSnapshot[1]);
  // The page's own script wrote what it heard.
  assert.equal(await page.textContent('p[data-lang="en"] .hello-log'), `epoch 15, loss ${reference[14].toFixed(4)}`);

  // Train sine: its own run, its own numbers; hello stays where it was.
  await pressTrain(page, 'sine-widget');
  await waitRunDone(page, 'sine-widget', 1500);
  sine = await widgetState(page, 'sine-widget');
  const helloAfter = await widgetState(page, 'hello-widget');
  assert.equal(sine.iteration, 1500);
  assert.ok(sine.loss < 0.02, `the sine widget learned: MSE ${sine.loss}`);
  assert.deepEqual([helloAfter.iteration, helloAfter.loss], [hello.iteration, hello.loss], 'hello did not move while sine trained');
  assert.notEqual(sine.loss, hello.loss);

  // Reset one: the other keeps its model.
  await page.evaluate(() => document.getElementById('hello-widget').reset());
  assert.equal((await widgetState(page, 'hello-widget')).iteration, 0);
  assert.equal((await widgetState(page, 'sine-widget')).iteration, 1500);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.ready), undefined, 'the widgets leave <html> alone');
  assert.deepEqual(errors, []);
  await page.close();
});
