// The page's state in the URL hash, so any setup can be shared as a link (as in tensorflow/playground):
//   #task=seq&input=abc&target=bca&cell=lstm&seed=3&epochs=200
// Config keys are js-api.md's (only those that differ from the task's preset are written); the page adds two
// keys of its own for the training run: `epochs` (iterations per Train press, 0 = until paused; for the digits
// task passes over its training images, which is that task's own `epochs` key) and `speed`
// ('max' or steps per second). Reading never throws: a bad key is dropped and reported, the rest still applies.
// The seed's task has a name of its own in links: a seq config on hello -> ohlol (the seq preset's texts) is
// written `task=hello`, and `task=hello` reads as that preset, so the first thing a person shares says what it is.
// Any other pair is `task=seq&input=...&target=...`.
// One more key is the page's own, not the model's: `lang` (en or zh-CN), the language the page is shown in; it
// is written only when the reader chose one, so a shared link shows in each reader's own language otherwise.
// Three more are the page's compare mode (state/compare-spec.js): `compare=rnn,lstm,gru` trains two or three
// models side by side, and `sweep=5,10,20,30,50&sweepSteps=2000` sets up its sweep over the remember task's
// length; they are written when set, so a comparison is shared like any other setup.
import { parseConfig, configToRecord, completeConfig } from '../api/rnnlab.js';
import { resolveLang, LANGS } from '../i18n/i18n.js';
import { parseCompare, formatCompare, parseSweepLengths, parseSweepSteps } from './compare-spec.js';

/** @typedef {import('../api/rnnlab.js').Config} Config */
/**
 * How a Train press runs: `epochs` iterations (digits: passes over the training images; 0 = until paused), at
 * `speed` ('max' or steps per second).
 * @typedef {{epochs: number, speed: string}} RunSettings
 */
/**
 * The page's own settings: its language, and compare mode's models and sweep (compare-spec.js).
 * @typedef {{lang?: import('../i18n/i18n.js').Lang, compare?: import('./compare-spec.js').CompareEntry[],
 *   sweep?: number[], sweepSteps?: number}} PageSettings
 */
/** @typedef {{config: Partial<Config>, run: Partial<RunSettings>, page: PageSettings, errors: string[]}} ParsedHash */

export const SPEEDS = ['max', '20', '5', '1'];
/**
 * A link longer than this many characters gets a note on the page: chat apps, mail clients and some browsers
 * cut or refuse URLs past about 2,000 characters, and only long typed texts make one that long (each text may
 * have 1000 characters; one that is not ASCII takes up to 12 characters of link per character).
 */
export const LONG_LINK = 2000;

/**
 * The run settings a config starts with: the seed's 15 epochs for hello -> ohlol, shown slowly enough to watch;
 * a text corpus until paused.
 * @param {Partial<Config>} config
 * @returns {RunSettings}
 */
export function runDefaults(config) {
  if (config.task === 'sine') return { epochs: 6000, speed: 'max' };
  if (config.task === 'text') return { epochs: 0, speed: 'max' };  // a corpus trains until paused
  // Remember the first of 50: a GRU learns it in 4,250 steps natively, 5,250 in the browser (wasm's float sums
  // differ in the last bits, and the jump from chance is chaotic); a tanh RNN never does.
  if (config.task === 'remember') return { epochs: 6000, speed: 'max' };
  // Surnames: the held-out accuracy settles at 70-77% within 300 steps; tagging: a bidirectional LSTM passes 95%
  // by about 750 steps (docs/classify-and-tag.md).
  if (config.task === 'classify') return { epochs: 500, speed: 'max' };
  if (config.task === 'tag') return { epochs: 1500, speed: 'max' };
  // Digits: epochs are passes over the 8,000 training images (the config's `epochs`, which the run's carries).
  if (config.task === 'digits') return { epochs: 5, speed: 'max' };
  if (config.input === 'hello' && config.target === 'ohlol') return { epochs: 15, speed: '5' };
  return { epochs: 500, speed: 'max' };
}

/**
 * @param {string} hash  location.hash (with or without the leading '#')
 * @returns {ParsedHash}  config: the keys given, typed (apply them on top of the preset of config.task)
 */
export function readHash(hash) {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  /** @type {Partial<Config>} */
  const config = {};
  /** @type {Partial<RunSettings>} */
  const run = {};
  /** @type {PageSettings} */
  const page = {};
  /** @type {string[]} */
  const errors = [];
  if (text.trim() === '') return { config, run, page, errors };
  for (const part of text.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    let key;
    let value;
    try {
      key = decodeURIComponent(equals < 0 ? part : part.slice(0, equals));
      value = equals < 0 ? '' : decodeURIComponent(part.slice(equals + 1).replace(/\+/g, ' '));
    } catch {
      errors.push(`the link has a malformed part "${part.slice(0, 40)}"`);
      continue;
    }
    if (key === 'epochs') {
      const epochs = Number(value);
      if (Number.isInteger(epochs) && epochs >= 0) run.epochs = epochs;
      else errors.push(`epochs: got "${value}", expected a whole number >= 0`);
      continue;
    }
    if (key === 'lang') {
      const lang = resolveLang(value);
      if (lang) page.lang = lang;
      else errors.push(`lang: got "${value.slice(0, 40)}", expected one of ${LANGS.join(', ')}`);
      continue;
    }
    if (key === 'compare') {
      const { entries, errors: bad } = parseCompare(value);
      if (bad.length === 0) page.compare = entries;
      errors.push(...bad);
      continue;
    }
    if (key === 'sweep') {
      const { lengths, errors: bad } = parseSweepLengths(value);
      if (bad.length === 0) page.sweep = lengths;
      errors.push(...bad);
      continue;
    }
    if (key === 'sweepSteps') {
      const { steps, error } = parseSweepSteps(value);
      if (steps !== undefined) page.sweepSteps = steps;
      if (error) errors.push(error);
      continue;
    }
    if (key === 'speed') {
      if (SPEEDS.includes(value)) run.speed = value;
      else errors.push(`speed: got "${value}", expected one of ${SPEEDS.join(', ')}`);
      continue;
    }
    try {
      // An unknown task is a bad value like any other (parseConfig checks the schema's choices): reported, and
      // the rest applies on the seq preset.
      Object.assign(config, parseConfig({ [key]: value }));
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  return { config, run, page, errors };
}

/**
 * The hash for a full config and run settings; keys at their defaults are left out.
 * @param {Config} config
 * @param {Partial<RunSettings>} [run]
 * @param {PageSettings} [page]
 * @returns {string} starting with '#'
 */
export function writeHash(config, run = {}, page = {}) {
  const record = configToRecord(config);
  // The digits task's `epochs` (passes a run makes) is the run's, written below as every task's run length is.
  delete record.epochs;
  // configToRecord leaves out the texts when they are the preset's: hello -> ohlol.
  if (record.task === 'seq' && record.input === undefined && record.target === undefined) record.task = 'hello';
  const defaults = runDefaults(config);
  if (run.epochs !== undefined && run.epochs !== defaults.epochs) record.epochs = String(run.epochs);
  if (run.speed !== undefined && run.speed !== defaults.speed) record.speed = run.speed;
  if (page.compare !== undefined && page.compare.length > 0) record.compare = formatCompare(page.compare);
  if (page.sweep !== undefined && page.sweep.length > 0) record.sweep = page.sweep.join(',');
  if (page.sweepSteps !== undefined) record.sweepSteps = String(page.sweepSteps);
  if (page.lang !== undefined) record.lang = page.lang;
  const parts = Object.entries(record).map(([k, v]) => `${encodeURIComponent(k)}=${encodeComponent(v)}`);
  return `#${parts.join('&')}`;
}

/**
 * encodeURIComponent, but keeping characters that read well in a link and are safe in a fragment.
 * @param {string} value
 */
function encodeComponent(value) {
  return encodeURIComponent(value).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%2F/g, '/').replace(/%3B/g, ';');
}

/**
 * The full config a hash asks for: the preset of its task with its keys on top, and the defaults they imply for
 * what was left out (arch=layer without hidden: 16 units), as every reader of a config completes it.
 * @param {ParsedHash} parsed
 * @returns {Config}
 */
export function configFromHash(parsed) {
  return completeConfig(parsed.config);
}
