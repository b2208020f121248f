// The page's entry point: styles, the worker, the playground, the keyboard shortcuts and the link.
import 'uplot/dist/uPlot.min.css';
import '../style/tokens.css';
import '../style/views.css';
import '../style/page.css';
import { Playground } from './playground.js';
import { PREDICTION_VIEWS } from '../views/prediction-views.js';
import { bindShortcuts } from './shortcuts.js';
import { wasmUrls } from './wasm-urls.js';
import { el } from '../views/dom.js';

/** An element of index.html; undefined when the page has none (then there is no such view). */
const byId = (/** @type {string} */ id) => document.getElementById(id) ?? undefined;

/**
 * One element per prediction view, in `container`, with the view's id (#predicted, #sine); hidden until its task.
 * @param {HTMLElement} container
 * @returns {Record<string, HTMLElement>}
 */
function predictionRoots(container) {
  return Object.fromEntries(Object.entries(PREDICTION_VIEWS).map(([name, { element }]) => {
    const root = el('div');
    root.id = element;
    root.hidden = true;
    container.append(root);
    return [name, root];
  }));
}

const playground = new Playground({
  runBar: byId('run-bar'),
  messages: byId('messages'),
  task: byId('task'),
  controls: byId('controls'),
  lossChart: byId('loss-chart'),
  predictions: predictionRoots(/** @type {HTMLElement} */ (byId('predictions'))),  // index.html has it
  log: byId('log'),
  cells: byId('cells'),
  gradBars: byId('grad-bars'),
  equation: byId('equation'),
  modelIo: byId('model-io'),
  version: byId('version'),
}, {
  createWorker: () => new Worker(new URL('../worker/worker.js', import.meta.url), { type: 'module', name: 'rnnlab' }),
  ...wasmUrls(),
  // ?test-hooks lets the browser tests make the worker fail on purpose (protocol.js: crash).
  testHooks: new URLSearchParams(location.search).has('test-hooks'),
});

bindShortcuts(document, (action) => playground.action(action));

// A link edited by hand (or the back button) restores its setup.
window.addEventListener('hashchange', () => playground.restoreFromHash());

// For the browser tests and the curious: the page's controller.
window.rnnlab = playground;
playground.start();
