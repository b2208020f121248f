// The page's entry point: styles, the language, the worker, the playground, the keyboard shortcuts and the link.
import 'uplot/dist/uPlot.min.css';
import '../style/tokens.css';
import '../style/views.css';
import '../style/page.css';
import { Playground } from './playground.js';
import { PREDICTION_VIEWS } from '../views/prediction-views.js';
import { bindShortcuts } from './shortcuts.js';
import { wasmBase } from './wasm-urls.js';
import { el } from '../views/dom.js';
import { readHash, writeHash } from '../state/hash-state.js';
import { translator, browserLang } from '../i18n/i18n.js';
import { translatePage } from './page-text.js';
import { CompareMode } from './compare.js';
import { SweepMode } from './sweep.js';
import { COMPARE_DEFAULT, parseCompare } from '../state/compare-spec.js';

// The language: `lang` in the link, else the browser's. It is set on <html> before any view is built, since each
// view takes its words from the language of the element it is drawn in.
const lang = readHash(location.hash).page.lang ?? browserLang();
document.documentElement.lang = lang;
const t = translator(lang);
translatePage(document, t);

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
  inside: byId('inside'),
  modelIo: byId('model-io'),
  replay: byId('replay'),
  version: byId('version'),
}, {
  createWorker: () => new Worker(new URL('../worker/worker.js', import.meta.url), { type: 'module', name: 'rnnlab' }),
  moduleBase: wasmBase(),
  // ?test-hooks lets the browser tests make the worker fail on purpose (protocol.js: crash).
  testHooks: new URLSearchParams(location.search).has('test-hooks'),
  // Compare mode trains its models on the settings the form sets (the worker has checked them).
  onConfig: () => { if (compare) syncCompare(); else showToggle(); },
});

// ---- compare mode: two or three models side by side (page/compare.js), each in its own worker ----------------

/** @type {CompareMode | null} */
let compare = null;
/** @type {SweepMode | null} */
let sweep = null;
const compareCard = /** @type {HTMLElement} */ (byId('compare-card'));
const compareToggle = /** @type {HTMLButtonElement} */ (byId('compare-toggle'));

/** The switch names what it would compare: the seeds' three networks on the digits task, else the three cells. */
function showToggle() {
  const digits = playground.config?.task === 'digits';
  compareToggle.textContent = t(digits ? 'page.compareOn.digits' : 'page.compareOn');
  const text = document.querySelector('.compare-switch-text');
  if (text) text.textContent = t(digits ? 'page.compareSwitch.digits' : 'page.compareSwitch');
}

/** The page's mode follows its link: `compare=` on, compare mode; off, one model. */
function syncCompare() {
  const entries = playground.page.compare;
  const config = playground.config;
  if (!entries || entries.length === 0 || !config) {
    if (compare) {
      sweep?.dispose();
      sweep = null;
      compare.dispose();
      compare = null;
    }
    compareCard.hidden = true;
    delete document.documentElement.dataset.mode;
    showToggle();
    return;
  }
  playground.stop();
  document.documentElement.dataset.mode = 'compare';
  compareCard.hidden = false;
  compareToggle.textContent = t('page.compareOff');
  if (!compare) {
    compare = new CompareMode(/** @type {HTMLElement} */ (byId('compare')), {
      createWorker: () => new Worker(new URL('../worker/worker.js', import.meta.url), { type: 'module', name: 'rnnlab-compare' }),
      moduleBase: wasmBase(),
      digitsUrl: (path) => playground.digitsUrl(path),
      exit: true,
      sweep: true,
      epochs: () => playground.run.epochs,
      onEntries: (chosen) => {
        playground.page = { ...playground.page, compare: chosen };
        playground.writeHash();
        sweep?.setEntries(chosen);
      },
      onExit: () => setCompare(false),
      beforeTrain: () => sweep?.stop(),
    });
    const sweepRoot = compare.sweepRoot;
    if (sweepRoot) {
      sweep = new SweepMode(sweepRoot, {
        createWorker: () => new Worker(new URL('../worker/worker.js', import.meta.url), { type: 'module', name: 'rnnlab-sweep' }),
        moduleBase: wasmBase(),
        onSettings: (settings) => {
          playground.page = { ...playground.page, ...settings };
          playground.writeHash();
        },
        beforeRun: () => compare?.pauseAll(),
      });
    }
  }
  if (!compare.isSetUp(config, entries)) compare.start(config, entries);
  sweep?.setup(config, entries, { lengths: playground.page.sweep, steps: playground.page.sweepSteps });
}

/** @param {boolean} on */
function setCompare(on) {
  const page = { ...playground.page };
  if (on) page.compare = page.compare ?? COMPARE_DEFAULT(playground.config?.task);
  else {
    delete page.compare;
    delete page.sweep;
    delete page.sweepSteps;
  }
  playground.page = page;
  playground.writeHash();
  syncCompare();
}
compareToggle.addEventListener('click', () => setCompare(!compare));
// A view's own way in (the digits task's "Compare LSTM, MLP and CNN"): its list of models, then compare mode.
document.addEventListener('compare-request', (event) => {
  const { entries } = parseCompare(/** @type {CustomEvent<{text: string}>} */ (event).detail.text);
  if (entries.length === 0) return;
  playground.page = { ...playground.page, compare: entries };
  playground.writeHash();
  syncCompare();
  compareCard.scrollIntoView({ block: 'start' });
});

bindShortcuts(document, (action) => (compare ? compare.action(action) : playground.action(action)));

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
  else playground.restoreFromHash().then(syncCompare);
});

// For the browser tests and the curious: the page's controller (and compare mode's, while it is on).
window.rnnlab = playground;
Object.defineProperty(window, 'rnnlabCompare', { get: () => compare });
Object.defineProperty(window, 'rnnlabSweep', { get: () => sweep });
playground.start().then(syncCompare);
