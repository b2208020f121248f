// What a compare setting and a sweep setting mean, as the page's link and the widget's attributes write them
// (no DOM; web/test/node/compare-spec.test.js drives it):
//
//   compare=rnn,lstm,gru                 three models that differ in their cell, all else shared
//   compare=lr:0.01,lr:0.001             two models that differ in a key (any config key but task and seed)
//   compare=cell:gru;hidden:64,lstm      a model may change a few keys, `;` between them
//   <rnn-playground compare="rnn lstm gru">   the same list, spaces allowed between models
//   sweep=5,10,20,30,50&sweepSteps=2000  the remember task's length T for each run, and each run's steps
//
// A bare word is a cell (rnn, lstm, gru). The models share the task, its data and the seed, so `task` and `seed`
// are refused in an entry: the point of a comparison is that nothing else differs. Each value is checked as the
// schema checks it (its choices, its range), and a bad one is named with its limit; reading never throws.
import { CONFIG_KEYS, parseConfig } from '../api/rnnlab.js';

/** @typedef {import('../api/rnnlab.js').Config} Config */
/**
 * One model of a comparison: `text` is how a link writes it (canonical: `rnn`, or `key:value;key:value`),
 * `changes` the config keys it sets on top of the shared config.
 * @typedef {{text: string, changes: Partial<Config>}} CompareEntry
 */

/** A comparison has 2 or 3 models: three workers train at once, on a machine that may have two cores. */
export const COMPARE_MIN = 2;
export const COMPARE_MAX = 3;
/** Keys a model may not change: the models share the task, its data and the initial draw. */
/** @type {readonly string[]} */
export const SHARED_KEYS = Object.freeze(['task', 'seed']);
/** At most this many keys per model ("a few keys"). */
export const MAX_CHANGES = 4;
/** The sweep: at most this many lengths, each run at most SWEEP_MAX_STEPS steps. */
export const SWEEP_MAX_LENGTHS = 8;
export const SWEEP_MAX_STEPS = 20000;
/** A sweep's defaults: the figure of remember.md's table, short enough to finish in about a minute. */
export const SWEEP_DEFAULT_LENGTHS = Object.freeze([5, 10, 20, 30, 50]);
export const SWEEP_DEFAULT_STEPS = 2000;

/** @type {Map<string, import('../api/rnnlab.js').ConfigKey>} */
const KEYS = new Map(CONFIG_KEYS.map((k) => [k.key, k]));
const CELLS = /** @type {readonly string[]} */ (KEYS.get('cell')?.choices ?? ['rnn', 'lstm', 'gru']);

/**
 * A value's problem against its schema row (choices, range), or '' when it is fine. The worker checks it again
 * with the C++ schema; this early check lets a link name the model it belongs to.
 * @param {import('../api/rnnlab.js').ConfigKey} info
 * @param {unknown} value
 */
function rangeProblem(info, value) {
  if (info.choices && !info.choices.includes(/** @type {string} */ (value))) return `got "${String(value).slice(0, 40)}", expected ${info.expected}`;
  if (typeof value !== 'number') return '';
  const { min, max, zero } = info;
  if (value === 0 && zero) return '';
  const below = min !== undefined && (info.minOpen ? value <= min : value < min);
  const above = max !== undefined && (info.maxOpen ? value >= max : value > max);
  return below || above || !Number.isFinite(value) ? `got ${value}, expected ${info.expected}` : '';
}

/**
 * One model's text: `rnn`, or `key:value;key:value`.
 * @param {string} word
 * @returns {{entry?: CompareEntry, error?: string}}  error: without the 'compare: model N: ' prefix
 */
function parseEntry(word) {
  if (CELLS.includes(word.toLowerCase())) return { entry: { text: word.toLowerCase(), changes: { cell: /** @type {Config['cell']} */ (word.toLowerCase()) } } };
  const pairs = word.split(';').filter((p) => p !== '');
  if (pairs.length > MAX_CHANGES) return { error: `got ${pairs.length} keys, expected at most ${MAX_CHANGES}` };
  /** @type {Record<string, unknown>} */
  const changes = {};
  for (const pair of pairs) {
    const colon = pair.indexOf(':');
    if (colon <= 0) return { error: `got "${pair.slice(0, 40)}", expected a cell (${CELLS.join(', ')}) or key:value` };
    const key = pair.slice(0, colon);
    const info = KEYS.get(key);
    if (!info) return { error: `unknown config key "${key.slice(0, 40)}"` };
    if (SHARED_KEYS.includes(key)) return { error: `${key} is shared by every model (the same task, data and seed), it cannot differ` };
    let value;
    try {
      value = parseConfig({ [key]: pair.slice(colon + 1) })[/** @type {keyof Config} */ (key)];
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
    const problem = rangeProblem(info, value);
    if (problem) return { error: `${key}: ${problem}` };
    changes[key] = value;
  }
  const text = Object.entries(changes).map(([k, v]) => `${k}:${v}`).join(';');
  return { entry: { text, changes: /** @type {Partial<Config>} */ (changes) } };
}

/**
 * Reads a compare list (link or attribute). Models are separated by commas or spaces.
 * @param {string} value
 * @param {string} [name]  how the message names the setting ('compare')
 * @returns {{entries: CompareEntry[], errors: string[]}}  entries: empty when any model is bad (nothing half applies)
 */
export function parseCompare(value, name = 'compare') {
  const words = String(value).split(/[\s,]+/).filter((w) => w !== '');
  if (words.length < COMPARE_MIN || words.length > COMPARE_MAX) {
    return { entries: [], errors: [`${name}: got ${words.length} model${words.length === 1 ? '' : 's'}, expected ${COMPARE_MIN} or ${COMPARE_MAX} (e.g. rnn,lstm,gru)`] };
  }
  /** @type {CompareEntry[]} */
  const entries = [];
  /** @type {string[]} */
  const errors = [];
  words.forEach((word, k) => {
    const { entry, error } = parseEntry(word);
    if (entry) entries.push(entry);
    else errors.push(`${name}: model ${k + 1} ("${word.slice(0, 40)}"): ${error}`);
  });
  return errors.length > 0 ? { entries: [], errors } : { entries, errors };
}

/** The comparison the page's switch turns on: the three cells. @returns {CompareEntry[]} */
export const COMPARE_DEFAULT = () => parseCompare('rnn,lstm,gru').entries;

/**
 * The link's text of a list of models: the inverse of parseCompare.
 * @param {CompareEntry[]} entries
 */
export function formatCompare(entries) {
  return entries.map((e) => e.text).join(',');
}

/**
 * How a model is named in legends and tables: RNN, LSTM, GRU for a bare cell; else its keys as written.
 * @param {CompareEntry} entry
 */
export function entryLabel(entry) {
  return CELLS.includes(entry.text) ? entry.text.toUpperCase() : entry.text.replace(/;/g, ' ').replace(/:/g, '=');
}

/**
 * The config of each model: the shared config with the model's keys on top.
 * @param {Config} shared
 * @param {CompareEntry} entry
 * @returns {Config}
 */
export function entryConfig(shared, entry) {
  return { ...shared, ...entry.changes };
}

/**
 * Reads the sweep's lengths: a list of T values (commas or spaces), each in the remember task's length range,
 * at most SWEEP_MAX_LENGTHS of them; returned sorted, without repeats.
 * @param {string} value
 * @param {string} [name]
 * @returns {{lengths: number[], errors: string[]}}
 */
export function parseSweepLengths(value, name = 'sweep') {
  const info = KEYS.get('length');
  const min = info?.min ?? 2;
  const max = info?.max ?? 200;
  const words = String(value).split(/[\s,]+/).filter((w) => w !== '');
  if (words.length < 1 || words.length > SWEEP_MAX_LENGTHS) {
    return { lengths: [], errors: [`${name}: got ${words.length} lengths, expected 1 to ${SWEEP_MAX_LENGTHS}`] };
  }
  /** @type {Set<number>} */
  const lengths = new Set();
  for (const word of words) {
    const number = /^\d+$/.test(word) ? Number(word) : NaN;
    if (!Number.isInteger(number) || number < min || number > max) {
      return { lengths: [], errors: [`${name}: got "${word.slice(0, 40)}", expected lengths from ${min} to ${max}`] };
    }
    lengths.add(number);
  }
  return { lengths: [...lengths].sort((a, b) => a - b), errors: [] };
}

/**
 * Reads the steps each sweep run trains.
 * @param {string} value
 * @param {string} [name]
 * @returns {{steps?: number, error?: string}}
 */
export function parseSweepSteps(value, name = 'sweepSteps') {
  const number = /^\d+$/.test(String(value).trim()) ? Number(String(value).trim()) : NaN;
  if (!Number.isInteger(number) || number < 1 || number > SWEEP_MAX_STEPS) {
    return { error: `${name}: got "${String(value).slice(0, 40)}", expected a whole number from 1 to ${SWEEP_MAX_STEPS}` };
  }
  return { steps: number };
}
