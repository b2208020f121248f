// The inspector's speed in Chromium (docs/benchmarks.md, "The inspector"): on W6's model (the text preset on Tiny
// Shakespeare: Embedding 65x128, 2 x LSTM 128, Linear 65) over 2,000 characters of the validation text, the
// median time of activations (one evaluation pass and the copies out), one saliency (the last position: the
// longest backward) and the unit ranking, in a dedicated worker as the page runs them. The weights are the
// preset's after a few steps: the work does not depend on their values.
//
//   cd web && node_modules/.bin/vite build && cd .. && node bench/inspect/run.mjs [--repeats 15]
// Needs the page built (web/dist, with the .wasm of scripts/build-wasm.sh). Prints one line per measure.
import { runInPageWorker, printMedians } from './in-worker.mjs';

const repeats = Number(process.argv[process.argv.indexOf('--repeats') + 1]) || 15;

// Runs in the worker: the module's own entries (the same the JS API calls), timed with performance.now().
const WORKER = `
self.onmessage = async ({ data }) => {
  const { default: createRnnlab } = await import(data.origin + '/wasm/rnnlab_text.mjs');
  const m = await createRnnlab({ locateFile: (f) => data.origin + '/wasm/' + f });
  const corpus = await (await fetch(data.origin + '/corpora/tinyshakespeare.txt')).text();
  const h = new m.TrainerHandle();
  const config = h.configure({ task: 'text', corpus: 'tinyshakespeare' }, corpus, undefined);
  if (config instanceof Error) throw config;
  h.step(3);
  const text = m.inspectOwnText(h, 2000);
  const times = { activations: [], saliency: [], ranking: [] };
  const check = (v) => { if (v instanceof Error) throw v; return v; };
  for (let r = 0; r < data.repeats; r++) {
    h.step(1);  // new weights: nothing is reused from the previous round
    let t0 = performance.now();
    check(m.inspectActivations(h, text));
    times.activations.push(performance.now() - t0);
    t0 = performance.now();
    check(m.inspectSaliency(h, text, 2000, -1));
    times.saliency.push(performance.now() - t0);
    h.step(1);
    t0 = performance.now();
    check(m.inspectUnitRanking(h, text, 5));  // its own evaluation pass, then the correlations
    times.ranking.push(performance.now() - t0);
  }
  self.postMessage({ times, characters: [...text].length, config: { hidden: config.hidden, layers: config.layers, embedding: config.embedding, cell: config.cell } });
};`;

const result = await runInPageWorker(WORKER, repeats);
console.log(`model ${JSON.stringify(result.config)}, ${result.characters} characters, ${repeats} repeats (median ms, min ms)`);
printMedians(result.times);
