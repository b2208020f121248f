// The page's entry point: styles, the language, the worker, the playground, the keyboard shortcuts and the link.
import 'uplot/dist/uPlot.min.css';
import '../style/tokens.css';
import '../style/views.css';
import '../style/page.css';
import { Playground } from './playground.js';
import { PREDICTION_VIEWS } from '../views/prediction-views.js';
import { bindShortcuts } from './shortcuts.js';
import { wasmUrls } from './wasm-urls.js';
import { el } from '../views/dom.js';
import { readHash, writeHash } from '../state/hash-state.js';
import { translator, browserLang } from '../i18n/i18n.js';
import { translatePage } from './page-text.js';

// The language: `lang` in the link, else the browser's. It is set on <html> before any view is built, since each
// view takes its words from the language of the element it is drawn in.
const lang = readHash(location.hash).page.lang ?? browserLang();
document.documentElement.lang = lang;
translatePage(document, translator(lang));

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
  replay: byId('replay'),
  version: byId('version'),
}, {
  createWorker: () => new Worker(new URL('../worker/worker.js', import.meta.url), { type: 'module', name: 'rnnlab' }),
  ...wasmUrls(),
  // ?test-hooks lets the browser tests make the worker fail on purpose (protocol.js: crash).
  testHooks: new URLSearchParams(location.search).has('test-hooks'),
});

bindShortcuts(document, (action) => playground.action(action));

// The language switch: the choice goes into the link, and the page is built again in that language (the setup
// is in the link, so it comes back as it was; the trained weights start again from the seed).
const langSwitch = /** @type {HTMLSelectElement | null} */ (document.getElementById('lang-switch'));
if (langSwitch) {
  langSwitch.value = lang;
  langSwitch.addEventListener('change', () => {
    const chosen = /** @type {import('../i18n/i18n.js').Lang} */ (langSwitch.value);
    const hash = playground.config ? writeHash(playground.config, playground.run, { ...playground.page, lang: chosen })
      : `#lang=${chosen}`;
    history.replaceState(null, '', hash);
    location.reload();
  });
}

// A link edited by hand (or the back button) restores its setup; one in another language builds the page again.
window.addEventListener('hashchange', () => {
  if ((readHash(location.hash).page.lang ?? browserLang()) !== lang) location.reload();
  else playground.restoreFromHash();
});

// For the browser tests and the curious: the page's controller.
window.rnnlab = playground;
playground.start();
