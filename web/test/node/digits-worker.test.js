// The worker's side of the digits task (web/src/worker/trainer_host.js), with a stand-in for the wasm trainer that
// records what it is given: the bundled MNIST files are fetched only when asked for, decoded once, handed to the
// trainer as bytes only when it lacks them, the held-out images come back to the page, a corrupt or missing file
// is refused naming it while the set held stays, and classify reaches the trainer.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

import { TrainerHost } from '../../src/worker/trainer_host.js';
import { requester } from './worker_request.js';

const MNIST = new URL('../../../data/digits/mnist/', import.meta.url);
const FILES = {
  '/digits/mnist/t10k-images-idx3-ubyte.gz': readFileSync(new URL('t10k-images-idx3-ubyte.gz', MNIST)),
  '/digits/mnist/t10k-labels-idx1-ubyte.gz': readFileSync(new URL('t10k-labels-idx1-ubyte.gz', MNIST)),
};
FILES['/digits/bad/images.gz'] = FILES['/digits/mnist/t10k-images-idx3-ubyte.gz'].subarray(0, 100_000);
FILES['/digits/bad/labels.gz'] = FILES['/digits/mnist/t10k-labels-idx1-ubyte.gz'];
const IMAGES = new Uint8Array(gunzipSync(FILES['/digits/mnist/t10k-images-idx3-ubyte.gz']).subarray(16));
const LABELS = new Uint8Array(gunzipSync(FILES['/digits/mnist/t10k-labels-idx1-ubyte.gz']).subarray(8));
const MNIST_URLS = { name: 'mnist', imagesUrl: 'http://page/digits/mnist/t10k-images-idx3-ubyte.gz', labelsUrl: 'http://page/digits/mnist/t10k-labels-idx1-ubyte.gz' };

/** A trainer that records what configure and classify get (the wasm module's is tested on its own). */
class FakeTrainer {
  constructor(config, data) {
    this.given = [];
    this.classified = [];
    this.configure(config, data);
  }
  configure(config, data = {}) {
    if (config.task === 'digits' && !data.digits && !this.hasDigits) throw Object.assign(new Error('digits: no images given'), { key: 'digits' });
    this.current = { ...config };
    this.hasDigits = config.task === 'digits' && (!!data.digits || this.hasDigits);
    this.given.push(data.digits ? { images: data.digits.images.length, labels: data.digits.labels.length, first: data.digits.images[7 * 28 + 10] } : null);
    return this.config();
  }
  parameters() { return []; }  // the weights a snapshot carries for replay: none here
  config() { return { ...this.current }; }
  inspect() { return 0; }
  predict() { return { task: this.current.task, view: this.current.task }; }
  trace() { return null; }
  get iteration() { return 0; }
  get stopped() { return false; }
  classify(pixels) {
    this.classified.push(pixels);
    const probabilities = new Float32Array(10).fill(0.05);
    probabilities[7] = 0.55;
    return { probabilities, predicted: 7, perRow: { data: new Float32Array(280), shape: [28, 10] } };
  }
}

function startHost() {
  const fetched = [];
  const messages = [];
  const trainers = [];
  const host = new TrainerHost({
    post: (message) => messages.push(message),
    load: async () => ({ version: 'fake', defaults: () => ({}), tasks: ['seq', 'sine', 'remember', 'classify', 'tag', 'text', 'digits'],
      createTrainer: (config, data) => { const t = new FakeTrainer(config, data); trainers.push(t); return t; } }),
    fetch: async (url) => {
      const path = new URL(url).pathname;
      fetched.push(path);
      const body = FILES[path];
      return body ? { ok: true, status: 200, arrayBuffer: async () => Uint8Array.from(body).buffer } : { ok: false, status: 404, arrayBuffer: async () => new ArrayBuffer(0) };
    },
  });
  const request = requester(host, messages);
  return { request, fetched, trainers };
}

test('digits in the worker: fetched when asked, decoded once, handed over when the trainer lacks them', async () => {
  const { request, fetched, trainers } = startHost();
  await request('init');
  await request('configure', { config: { task: 'seq' } });
  assert.deepEqual(fetched, [], 'nothing fetched before the digits task asks');
  const reply = await request('digits', MNIST_URLS);
  assert.deepEqual(fetched.sort(), ['/digits/mnist/t10k-images-idx3-ubyte.gz', '/digits/mnist/t10k-labels-idx1-ubyte.gz']);
  assert.deepEqual([reply.count, reply.trainSize, reply.bytes], [10000, 8000, 1_529_611 + 4_318]);
  assert.equal(reply.heldOut.start, 8000);
  assert.deepEqual(reply.heldOut.labels, LABELS.subarray(8000));
  assert.deepEqual(reply.heldOut.pixels, IMAGES.subarray(8000 * 784));
  assert.equal(reply.heldOut.pixels.buffer.byteLength, 2000 * 784, 'a copy of the held-out images alone, not the whole set');

  const trainer = trainers[0];
  await request('configure', { config: { task: 'digits', data: 'mnist' } });
  assert.deepEqual(trainer.given.at(-1), { images: 7_840_000, labels: 10_000, first: IMAGES[7 * 28 + 10] });
  await request('configure', { config: { task: 'digits', data: 'mnist', hidden: 64 } });
  assert.equal(trainer.given.at(-1), null, 'the trainer holds them: not copied again');
  await request('configure', { config: { task: 'seq' } });
  await request('configure', { config: { task: 'digits', data: 'mnist' } });
  assert.equal(trainer.given.at(-1)?.images, 7_840_000, 'after another task the trainer gets them again, without a download');
  await request('digits', MNIST_URLS);
  assert.equal(fetched.length, 2, 'a set held is not fetched again');
  await assert.rejects(request('configure', { config: { task: 'digits', data: 'fashion' } }),
    { key: 'data', message: 'data: the fashion images are not loaded (the page sends a digits request for them before configure)' },
    'another set than the one held: refused, not trained on MNIST under Fashion-MNIST\'s class names');
  assert.equal(trainer.config().data, 'mnist', 'the trainer stays as it was');
});

test('digits in the worker: a truncated or missing file is refused naming it; the set held stays', async () => {
  const { request, trainers } = startHost();
  await request('init');
  await request('digits', MNIST_URLS);
  await assert.rejects(request('digits', { name: 'mnist', imagesUrl: 'http://page/digits/bad/images.gz', labelsUrl: 'http://page/digits/bad/labels.gz' }),
    { key: 'data', message: /^images\.gz: corrupt or truncated gzip data/ });
  await assert.rejects(request('digits', { name: 'fashion', imagesUrl: 'http://page/digits/fashion/a.gz', labelsUrl: 'http://page/digits/fashion/b.gz' }),
    { key: 'data', message: 'fashion: could not fetch http://page/digits/fashion/a.gz (HTTP 404)' });
  await assert.rejects(request('digits', { name: 'mnist' }), { key: 'data', message: /imagesUrl and labelsUrl/ });
  await request('configure', { config: { task: 'digits', data: 'mnist' } });
  assert.equal(trainers[0].given.at(-1)?.labels, 10_000, 'the MNIST set fetched first is still there');
});

test('classify: an image reaches the trainer, its answer comes back; a wrong image is refused naming pixels', async () => {
  const { request, trainers } = startHost();
  await request('init');
  await request('digits', MNIST_URLS);
  await request('configure', { config: { task: 'digits', data: 'mnist' } });
  const pixels = Float32Array.from(IMAGES.subarray(0, 784), (v) => v / 255);
  const reply = await request('classify', { pixels });
  assert.equal(reply.type, 'classified');
  assert.equal(reply.predicted, 7);
  assert.deepEqual(reply.perRow.shape, [28, 10]);
  assert.deepEqual(trainers[0].classified[0], pixels);
  await assert.rejects(request('classify', { pixels: new Float32Array(783) }), { key: 'pixels', message: /784 values in \[0, 1\] \(28 x 28; the digits task\), got a Float32Array of 783/ });
  await assert.rejects(request('classify', { pixels: [0, 1] }), { key: 'pixels', message: /got an array of 2/ });
});
