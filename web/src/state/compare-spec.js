// What a compare setting and a sweep setting mean, as the page's link and the widget's attributes write them
// (no DOM; web/test/node/compare-spec.test.js drives it):
//
//   compare=rnn,lstm,gru                 three models that differ in their cell, all else shared
//   compare=lr:0.01,lr:0.001             two models that differ in a key (any config key but task and seed)
//   compare=cell:gru;hidden:64,lstm      a model may change a few keys, `;` between them
//   #task=digits&compare=lstm,mlp,cnn    the digits task: a bare word is its model (an RNN/LSTM/GRU by rows, the
//                                        MLP, the CNN)
//   <rnn-playground compare="rnn lstm gru">   the same list, spaces allowed between models
//   sweep=5,10,20,30,50&sweepSteps=2000  the remember task's length T for each run, and each run's steps
//
// A bare word is the network: for a task with a `model` key (digits) that key, else the cell (rnn, lstm, gru;
// mlp and cnn only where `model` applies: entryProblems says so). The models share the task, its data and the seed, so `task` and `seed`
// are refused in an entry: the point of a comparison is that nothing else differs. Each value is checked as the
// schema checks it (its choices, its range), and a bad one is named with its limit; reading never throws.
import { CONFIG_KEYS, parseConfig } from '../api/rnnlab.js';
import SCHEMA from '../api/config-schema.js';

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
/** The `model` key's choices (the digits task's networks): a bare word may name one of these too. */
const MODELS = /** @type {readonly string[]} */ (KEYS.get('model')?.choices ?? ['rnn', 'lstm', 'gru', 'mlp', 'cnn']);
/** A bare word: a cell or a model. */
const BARE = [...new Set([...CELLS, ...MODELS])];

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
  const bare = word.toLowerCase();
  if (CELLS.includes(bare)) return { entry: { text: bare, changes: { cell: /** @type {Config['cell']} */ (bare) } } };
  if (MODELS.includes(bare)) return { entry: { text: bare, changes: { model: /** @type {Config['model']} */ (bare) } } };
  const pairs = word.split(';').filter((p) => p !== '');
  if (pairs.length > MAX_CHANGES) return { error: `got ${pairs.length} keys, expected at most ${MAX_CHANGES}` };
  /** @type {Record<string, unknown>} */
  const changes = {};
  for (const pair of pairs) {
    const colon = pair.indexOf(':');
    if (colon <= 0) return { error: `got "${pair.slice(0, 40)}", expected a cell (${CELLS.join(', ')}), a digits model (${MODELS.filter((m) => !CELLS.includes(m)).join(', ')}) or key:value` };
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

/** The comparison the page's switch turns on for each task: the three cells; for digits the seeds' three networks. */
export const COMPARE_DEFAULT_TEXT = Object.freeze({ cells: 'rnn,lstm,gru', digits: 'lstm,mlp,cnn' });

/**
 * The comparison the page's switch turns on for a task: the three cells, or for a task with a `model` key (digits)
 * an LSTM by rows, the MLP and the CNN.
 * @param {string} [task]
 * @returns {CompareEntry[]}
 */
export const COMPARE_DEFAULT = (task) => parseCompare(task && appliesTo('model', task) ? COMPARE_DEFAULT_TEXT.digits : COMPARE_DEFAULT_TEXT.cells).entries;

/** Whether config key `key` means something in `task`. @param {string} key @param {string} task */
function appliesTo(key, task) {
  return KEYS.get(key)?.tasks.includes(/** @type {import('../api/rnnlab.js').Task} */ (task)) ?? false;
}

/**
 * What keeps these models from comparing on this task: a key that means nothing there (mlp on the remember task,
 * a cell on the digits task, whose networks are its `model`), named with the model and the tasks it belongs to. Empty when they can start.
 * @param {string} task
 * @param {CompareEntry[]} entries
 * @returns {string[]}
 */
export function entryProblems(task, entries) {
  return entries.flatMap((entry, k) => Object.keys(entryChanges(task, entry)).filter((key) => !appliesTo(key, task)).map((key) =>
    `compare: model ${k + 1} ("${entry.text}"): ${key} is a setting of ${KEYS.get(key)?.tasks.join(', ')}, not of ${task}`));
}

/**
 * The keys a model sets in a task: its own, except that a bare cell (rnn, lstm, gru) in a task that picks its
 * network with `model` (digits: the recurrent layer that reads by rows) sets `model`.
 * @param {string} task
 * @param {CompareEntry} entry
 * @returns {Partial<Config>}
 */
function entryChanges(task, entry) {
  if (BARE.includes(entry.text) && appliesTo('model', task)) return { model: /** @type {Config['model']} */ (entry.text) };
  return entry.changes;
}

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
  return BARE.includes(entry.text) ? entry.text.toUpperCase() : entry.text.replace(/;/g, ' ').replace(/:/g, '=');
}

/**
 * The config of each model: the shared config with the model's keys on top, and what those keys imply for the keys
 * the model leaves out (the schema's implied defaults: a digits `cnn` trains with its Adam 1e-3 and batch 32, an
 * `mlp` with Adam 2e-3, each as tuned for it, whatever the shared config's model had).
 * @param {Config} shared
 * @param {CompareEntry} entry
 * @returns {Config}
 */
export function entryConfig(shared, entry) {
  const changes = entryChanges(shared.task, entry);
  /** @type {Record<string, unknown>} */
  const implied = {};
  for (const { when, key, value } of SCHEMA.implied) {
    if (key in changes || !appliesTo(key, shared.task)) continue;
    const entries = Object.entries(when);
    if (entries.every(([k, v]) => k in changes && appliesTo(k, shared.task) && /** @type {Record<string, unknown>} */ (changes)[k] === v))
      implied[key] = value;
  }
  return { ...shared, ...implied, ...changes };
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
