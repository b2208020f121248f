// The inspector's speed on a digit in Chromium (docs/benchmarks.md, "The inspector on a digit"): the digits task's
// LSTM(28, 128) + Linear(128, 10) reading held-out MNIST digit 8000 one row per step, the median time of
// activations (one evaluation pass of 28 rows and the copies out), topk (the classes after each row), one saliency
// (the answer's d log p / d pixel for the 784 pixels) and digitUnits (200 held-out digits run one by one, the rows'
// features, every unit's correlation and the gates' saturation), in a dedicated worker as the page runs them;
// saliency reuses activations' run (as one inspect request does), run+saliency is a fresh run and its saliency. The
// weights are the preset's after a few steps: the work does not depend on their values.
//
//   cd web && node_modules/.bin/vite build && cd .. && node bench/inspect/digits.mjs [--repeats 15]
// Needs the page built (web/dist, with the .wasm of scripts/build-wasm.sh and the bundled digits). Prints one line
// per measure.
import { runInPageWorker, printMedians } from './in-worker.mjs';

const repeats = Number(process.argv[process.argv.indexOf('--repeats') + 1]) || 15;

// Runs in the worker: the module's own entries (the same the JS API calls), timed with performance.now().
const WORKER = `
const gunzip = async (url) => new Uint8Array(await new Response((await fetch(url)).body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
self.onmessage = async ({ data }) => {
  const { default: createRnnlab } = await import(data.origin + '/wasm/rnnlab_digits.mjs');
  const m = await createRnnlab({ locateFile: (f) => data.origin + '/wasm/' + f });
  const images = (await gunzip(data.origin + '/digits/mnist/t10k-images-idx3-ubyte.gz')).subarray(16);
  const labels = (await gunzip(data.origin + '/digits/mnist/t10k-labels-idx1-ubyte.gz')).subarray(8);
  const h = new m.TrainerHandle();
  const config = h.configure({ task: 'digits', model: 'lstm', hidden: 128 }, undefined, { images, labels });
  if (config instanceof Error) throw config;
  h.step(3);
  const pixels = Float32Array.from(images.subarray(8000 * 784, 8001 * 784), (v) => v / 255);
  const other = Float32Array.from(images.subarray(8001 * 784, 8002 * 784), (v) => v / 255);
  const times = { activations: [], topk: [], saliency: [], 'run+saliency': [], units: [] };
  const check = (v) => { if (v instanceof Error) throw v; return v; };
  for (let r = 0; r < data.repeats; r++) {
    h.step(1);  // new weights: nothing is reused from the previous round
    let t0 = performance.now();
    check(m.inspectActivations(h, pixels));
    times.activations.push(performance.now() - t0);
    t0 = performance.now();
    check(m.inspectTopk(h, pixels, 5));
    times.topk.push(performance.now() - t0);
    t0 = performance.now();
    check(m.inspectSaliency(h, pixels, 28, -1));
    times.saliency.push(performance.now() - t0);
    // Chromium's timer in a worker has 0.1 ms steps: 20 calls alternating two digits (each a new run), per call.
    t0 = performance.now();
    for (let k = 0; k < 20; k++) check(m.inspectSaliency(h, k % 2 ? pixels : other, 28, -1));
    times['run+saliency'].push((performance.now() - t0) / 20);
    t0 = performance.now();
    check(m.inspectDigitsUnits(h, null, 5));
    times.units.push(performance.now() - t0);
  }
  self.postMessage({ times, config: { model: config.model, hidden: config.hidden, layers: config.layers } });
};`;

const result = await runInPageWorker(WORKER, repeats);
console.log(`model ${JSON.stringify(result.config)}, held-out digit 8000, ${repeats} repeats (median ms, min ms)`);
printMedians(result.times, 2);
