// rnnlab's JavaScript API: loads the WebAssembly module and wraps its trainer. The contract (every export, the
// config keys, the shapes returned, the errors) is docs/js-api.md; the page reaches this module through the
// worker (web/src/worker/), the widget and the Node tests import it directly.
//
// Every array returned is a copy owned by JS (the binding never hands out views of wasm memory, which go stale
// when the memory grows). Every error thrown is an RnnlabError.

import schemaData from './config-schema.js';
import { moduleOfTask } from './task-modules.js';

/** @typedef {'seq' | 'sine' | 'text' | 'remember' | 'classify' | 'tag' | 'digits'} Task */

/**
 * The flat config: every key is also a URL-hash key and a widget attribute (docs/js-api.md, "The config object").
 * @typedef {object} Config
 * @property {Task} task
 * @property {string} input
 * @property {string} target
 * @property {number} points
 * @property {number} span
 * @property {number} starts
 * @property {'tinyshakespeare' | 'tang5' | 'tang300' | 'own'} corpus
 * @property {number} seqLen
 * @property {number} batch
 * @property {number} embedding
 * @property {boolean} tbptt
 * @property {number} valEvery
 * @property {number} length  remember, tag: symbols per sequence (T)
 * @property {number} distance  remember: the answer is this many steps back from the end; 0: the first symbol
 * @property {number} symbols  remember, tag: distinct symbols (K)
 * @property {string} examples  classify: the classes and their examples as JSON; '' the bundled surnames
 * @property {'rnn' | 'lstm' | 'gru' | 'mlp' | 'cnn'} model  digits: the model
 * @property {'mnist' | 'fashion'} data  digits: which images
 * @property {'cell' | 'layer'} arch
 * @property {'rnn' | 'lstm' | 'gru'} cell
 * @property {'tanh' | 'relu'} nonlinearity
 * @property {number} hidden
 * @property {number} layers
 * @property {boolean} bidirectional
 * @property {number} dropout
 * @property {'adam' | 'sgd' | 'rmsprop'} optim
 * @property {number} lr
 * @property {number} momentum
 * @property {number} dampening
 * @property {boolean} nesterov
 * @property {number} beta1
 * @property {number} beta2
 * @property {number} eps
 * @property {boolean} amsgrad
 * @property {number} alpha
 * @property {boolean} centered
 * @property {number} weightDecay
 * @property {number} clip
 * @property {number} seed
 */

/** @typedef {{data: Float32Array, shape: number[]}} Tensor */

/**
 * @typedef {object} StepResult
 * @property {number} iteration  steps taken so far, the last one included
 * @property {number} loss  the loss of the last step run (NaN when none ran)
 * @property {Float32Array} losses  the loss of every step run by this call
 * @property {number} steps  how many steps this call ran
 * @property {number} gradNorm  total 2-norm of the last step's gradients, before clipping
 * @property {boolean} stopped  a loss or gradient was not finite: training stopped (see message)
 * @property {string} message
 */

/**
 * @typedef {object} SeqPrediction
 * @property {'seq'} task
 * @property {'seq'} view  the view that draws it (web/src/views/prediction-views.js)
 * @property {string} input
 * @property {string} target
 * @property {string} vocabulary  class i is the i-th code point
 * @property {string} predicted  '' before the first step
 * @property {Int32Array} predictedIndices  (T)
 * @property {Int32Array} targetIndices  (T)
 * @property {Uint8Array} correct  (T) 1 where the prediction is the target
 * @property {number} accuracy
 * @property {Tensor} probabilities  (T, V); [0, V] before the first step
 */

/**
 * @typedef {object} SinePrediction
 * @property {'sine'} task
 * @property {'sine'} view
 * @property {number} start
 * @property {Float32Array} time  (N) x coordinate of each target point
 * @property {Float32Array} input  (N) points 0..N-1
 * @property {Float32Array} truth  (N) points 1..N
 * @property {Float32Array} oneStep  (N) one-step predictions from the true previous point
 * @property {Float32Array} generation  (N) the first point, then each prediction fed back
 * @property {number} generationMse
 */

/**
 * @typedef {object} TextPrediction
 * @property {'text'} task
 * @property {'text'} view
 * @property {string} window  the first training window of the last step (T characters); '' before a step
 * @property {string} predicted  the model's most likely next character at each of its positions
 * @property {Int32Array} targetIndices  (T)
 * @property {Int32Array} predictedIndices  (T)
 * @property {string} vocabulary  class i is the i-th code point
 * @property {number} valLoss  nats per character on the validation windows; NaN before the first pass
 * @property {number} valBitsPerChar  the same in bits
 * @property {string} sample  the last text sample() drew, '' before one
 */

/**
 * @typedef {object} RememberPrediction
 * @property {'remember'} task
 * @property {'remember'} view
 * @property {string} alphabet  the K symbols; class i is alphabet[i]
 * @property {number} length  T
 * @property {number} distance  D; 0: the first symbol
 * @property {number} position  0-based index of the remembered symbol
 * @property {string} sequence  the last training batch's first sequence ('' before the first step)
 * @property {Int32Array} sequenceIndices  (T)
 * @property {number} label  the answer's class (-1 before the first step)
 * @property {number} predicted  the model's (argmax; -1 before the first step)
 * @property {Float32Array} probabilities  (K)
 * @property {number} batchAccuracy
 * @property {number} heldOutAccuracy  on the fixed held-out set
 * @property {number} heldOutAt  the update count of that evaluation
 * @property {number} heldOutSize
 */

/**
 * @typedef {object} ClassifyPrediction
 * @property {'classify'} task
 * @property {'classify'} view
 * @property {string} classes  the class names, one per line; class i is line i
 * @property {string} text  the last training batch's first example ('' before the first step)
 * @property {number} label  its class (-1 before the first step)
 * @property {number} predicted  the model's (argmax; -1 before the first step)
 * @property {Float32Array} probabilities  (C)
 * @property {number} batchAccuracy
 * @property {number} heldOutAccuracy  on the held-out examples
 * @property {number} heldOutAt  the update count of that evaluation
 * @property {number} heldOutSize
 * @property {number} trainSize
 */

/**
 * @typedef {object} TagPrediction
 * @property {'tag'} task
 * @property {'tag'} view
 * @property {string} alphabet  the K symbols
 * @property {string} sequence  the last training batch's first sequence ('' before the first step)
 * @property {Int32Array} sequenceIndices  (T)
 * @property {Int32Array} tags  (T) 1: the symbol occurs again later
 * @property {Int32Array} predictedTags  (T)
 * @property {Float32Array} tagProbabilities  (T) the probability of tag 1
 * @property {number} batchAccuracy  per tag
 * @property {number} heldOutAccuracy  per tag, on the fixed held-out set
 * @property {number} heldOutAt
 * @property {number} heldOutSize  sequences
 * @property {number} positionBound  the best per-tag accuracy of a model that reads only the past
 */

/**
 * @typedef {object} DigitsPrediction
 * @property {'digits'} task
 * @property {'digits'} view
 * @property {'rnn' | 'lstm' | 'gru' | 'mlp' | 'cnn'} model
 * @property {'mnist' | 'fashion'} data
 * @property {string} classes  the 10 class names, one per line ('0'..'9', or Fashion-MNIST's)
 * @property {number} trainSize  the first 80% of the images
 * @property {number} heldOutSize  the rest; held-out image i is dataset image trainSize + i
 * @property {number} stepsPerEpoch
 * @property {number} epoch  whole epochs completed
 * @property {number} batchAccuracy  the last training batch's (NaN before the first step)
 * @property {number} heldOutAccuracy  the latest evaluation (after each epoch; once for initial / loaded weights)
 * @property {number} heldOutAt  the update count of that evaluation
 * @property {Float32Array} accuracyPerEpoch  (epoch) held-out accuracy after each epoch
 * @property {Float32Array} lossPerEpoch  (epoch) mean training loss of each epoch
 * @property {Float32Array} secondsPerEpoch  (epoch) each epoch's seconds: its training steps and its evaluation, not
 *   the pauses between them (steady clock, in the worker)
 * @property {Int32Array} confusion  (10 * 10) [true * 10 + predicted]
 * @property {Int32Array} misclassified  dataset indices of held-out images answered wrong (at most 200)
 * @property {Int32Array} misclassifiedPredicted  the class given to each
 * @property {Uint8Array} image  (784) the last training batch's first image; empty before the first step
 * @property {number} label  its label (-1 before the first step)
 * @property {number} predicted  the model's answer (-1 before the first step)
 * @property {Float32Array} probabilities  (10)
 */

/** @typedef {SeqPrediction | SinePrediction | TextPrediction | RememberPrediction | ClassifyPrediction | TagPrediction | DigitsPrediction} Prediction */

/**
 * One image through a digits model (Trainer.classify).
 * @typedef {object} Classification
 * @property {Float32Array} probabilities  (10) softmax of the logits
 * @property {number} predicted  argmax
 * @property {Tensor} [perRow]  rnn / lstm / gru: (28, 10) the class probabilities after each row
 * @property {LayerTrace[]} [layers]  rnn / lstm / gru: the forward's trace (batch 1; dh, dhNorm, jacobianNorm null)
 */

/**
 * @typedef {object} GateTrace
 * @property {string} name  LSTM i, f, g, o; GRU r, z, n
 * @property {Float32Array} data
 * @property {number[]} shape  (T, B, H)
 */

/**
 * @typedef {object} LayerTrace
 * @property {number} layer
 * @property {'forward' | 'reverse'} direction
 * @property {'rnn_tanh' | 'rnn_relu' | 'lstm' | 'gru'} kind
 * @property {number} steps
 * @property {number} batch
 * @property {number} inputSize
 * @property {number} hiddenSize
 * @property {Tensor} x  (T, B, I)
 * @property {Tensor} h  (T, B, H) in time order
 * @property {Tensor} h0  (B, H)
 * @property {Tensor | null} c  (T, B, H), LSTM only
 * @property {Tensor | null} c0  (B, H), LSTM only
 * @property {GateTrace[]} gates
 * @property {Tensor | null} dh  (T, B, H) dL/dh_t
 * @property {Float32Array | null} dhNorm  (T, B) |dL/dh_t|
 * @property {Float64Array | null} jacobianNorm  (T) ||dh_last/dh_t||_F of batch row 0, h_last the state after the
 *   direction's last step (the gradient through time of the state itself); null when too costly (T * G * H^3 above
 *   2^26 multiply-adds)
 */

/**
 * @typedef {object} Trace
 * @property {number} iteration
 * @property {number} weightsAfter  how many updates the weights that recorded it had had: iteration - 1 for a
 *   step's trace (recorded before its update), iteration for inspect()'s
 * @property {Task} task
 * @property {number} steps
 * @property {LayerTrace[]} layers
 * @property {Tensor | null} output  seq: probabilities (T, V); sine: the step's predictions (T, 1)
 * @property {Int32Array | Float32Array | null} target  seq: target class per step (Int32Array); sine: the
 *   target value per step (Float32Array)
 */

/** @typedef {{name: string, shape: number[], value: Float32Array, grad: Float32Array}} ParameterCopy */

/**
 * The digits task's images: `images` (count * 784 bytes, 0 background .. 255 ink: the bytes after an IDX image
 * file's 16-byte header) and `labels` (count bytes 0..9: after the label file's 8-byte header); count 10 to 70,000.
 * @typedef {{images: Uint8Array, labels: Uint8Array}} DigitsData
 */

/**
 * What a trainer learns from besides its config: the text task's corpus (the whole text) and the digits task's
 * images; the wasm module holds each once.
 * @typedef {{corpus?: string, digits?: DigitsData}} TrainerData
 */

/** Every error this module throws. `key` is the config key at fault, when there is one. */
export class RnnlabError extends Error {
  /**
   * @param {string} message
   * @param {string} [key]
   * @param {unknown} [cause]
   */
  constructor(message, key, cause) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'RnnlabError';
    /** @type {string | undefined} */
    this.key = key;
  }
}

/**
 * One key of the config schema (src/tasks/config_schema.cpp, generated into ./config-schema.js).
 * @typedef {object} ConfigKey
 * @property {keyof Config} key  the JS object, URL hash and widget attribute name
 * @property {string | null} flag  the CLI flag ('--weight-decay'); null for task (the command word)
 * @property {string} field  the C++ field
 * @property {'string' | 'number' | 'integer' | 'boolean'} type
 * @property {readonly string[]} [choices]
 * @property {number} [min]
 * @property {number} [max]
 * @property {boolean} [minOpen]
 * @property {boolean} [maxOpen]
 * @property {string} [zero]  what 0 means, where it is accepted outside [min, max]
 * @property {string} expected  what a value must be, in words
 * @property {readonly Task[]} tasks  the tasks it applies to
 * @property {string} [optimizers]  the optimizers that read it, space-separated (all when absent)
 * @property {string} doc
 */

/**
 * @typedef {object} ImpliedDefault
 * @property {Record<string, string>} when
 * @property {keyof Config} key
 * @property {number} value
 * @property {boolean} onlyZero
 */

/**
 * @typedef {object} ConfigSchema
 * @property {readonly ConfigKey[]} keys
 * @property {Readonly<Record<Task, Readonly<Config>>>} presets
 * @property {Readonly<Record<string, Task>>} aliases  other names of tasks ('hello' is 'seq')
 * @property {Readonly<Record<Task, string>>} families  each task's family: which WebAssembly module trains it
 *   (./task-modules.js)
 * @property {readonly ImpliedDefault[]} implied  a key left out takes `value` when the config has `when` (and,
 *   with onlyZero, only if the key is 0)
 */

/**
 * @param {any} value
 * @returns {any}
 */
function deepFreeze(value) {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** @type {ConfigSchema} */
const SCHEMA = deepFreeze(schemaData);

/** @returns {ConfigSchema} the one schema of every config key (docs/js-api.md's table is made from it) */
export function configSchema() {
  return SCHEMA;
}

/** @type {readonly ConfigKey[]} */
export const CONFIG_KEYS = SCHEMA.keys;

/**
 * The full default config of each task: seq = the hello -> ohlol seed, sine = the sine seed.
 * @type {Readonly<Record<Task, Readonly<Config>>>}
 */
export const PRESETS = SCHEMA.presets;

/** @type {Map<string, ConfigKey>} */
const KEY_INFO = new Map(CONFIG_KEYS.map((k) => [k.key, k]));

/**
 * @param {string} [task]
 * @returns {Task}
 */
function taskName(task = 'seq') {
  const name = SCHEMA.aliases[task] ?? task;
  if (Object.hasOwn(PRESETS, name)) return /** @type {Task} */ (name);
  throw new RnnlabError(`task: got ${JSON.stringify(task)}, expected ${KEY_INFO.get('task')?.expected}`, 'task');
}

/**
 * A fresh copy of a task's full default config ('hello' means 'seq').
 * @param {string} [task]
 * @returns {Config}
 */
export function defaultConfig(task = 'seq') {
  return { ...PRESETS[taskName(task)] };
}

/**
 * The full config for the keys given: the preset of their task, the keys on top, and the defaults the keys imply
 * for what was left out (arch 'layer' without hidden: 16 units), as the C++ readers complete a config.
 * @param {Partial<Config>} given
 * @returns {Config}
 */
export function completeConfig(given) {
  /** @type {Record<string, unknown>} */
  const config = { ...defaultConfig(given.task), ...given };
  const task = taskName(given.task);
  for (const { when, key, value, onlyZero } of SCHEMA.implied) {
    if (given[key] !== undefined || (onlyZero && config[key] !== 0)) continue;
    // Only where the implying key applies (the digits task has no arch).
    if (!Object.keys(when).every((k) => SCHEMA.keys.some((row) => row.key === k && row.tasks.includes(task)))) continue;
    if (Object.entries(when).every(([k, v]) => config[k] === v)) config[key] = value;
  }
  config.task = task;
  return /** @type {Config} */ (/** @type {unknown} */ (config));
}

/**
 * Converts string values (URL hash, HTML attributes) to typed values; values that already have their type pass
 * through. Throws an RnnlabError naming the key for an unknown key or a value that does not parse.
 * @param {Record<string, unknown>} record
 * @returns {Partial<Config>}
 */
export function parseConfig(record) {
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, value] of Object.entries(record)) {
    const info = KEY_INFO.get(key);
    if (!info) throw new RnnlabError(`unknown config key ${JSON.stringify(key)}`);
    if (value === undefined) continue;
    out[key] = parseValue(info, value);
  }
  return /** @type {Partial<Config>} */ (out);
}

/**
 * @param {ConfigKey} info
 * @param {unknown} value
 */
function parseValue(info, value) {
  const { key, type } = info;
  if (type === 'string') {
    if (typeof value !== 'string') throw new RnnlabError(`${key}: expected a string, got ${describe(value)}`, key);
    // The task picks the preset of every other key, so it is checked here; every other value is checked by the
    // one checker, the schema's in C++ (createTrainer, configure), which names the key the same way.
    return key === 'task' ? taskName(value) : value;
  }
  if (type === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === '1' || value === '') return true;  // a present HTML attribute is ''
    if (value === 'false' || value === '0') return false;
    throw new RnnlabError(`${key}: expected true or false, got ${describe(value)}`, key);
  }
  const number = typeof value === 'number' ? value : typeof value === 'string' ? decimalNumber(value) : NaN;
  if (typeof value !== 'number' && Number.isNaN(number))
    throw new RnnlabError(`${key}: expected a number, got ${describe(value)}`, key);
  if (type === 'integer' && !Number.isInteger(number))
    throw new RnnlabError(`${key}: expected an integer, got ${describe(value)}`, key);
  return number;
}

/**
 * A string as a number if it is plain decimal (an optional '-', digits with an optional fraction, an optional
 * exponent) or a spelled-out infinity (which the range checks then refuse, naming the limit); else NaN.
 * Number() alone reads "0x10" as 16, "+10" as 10 and " 5 " as 5.
 * @param {string} text
 */
function decimalNumber(text) {
  if (/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return Number(text);
  /** @type {Record<string, number>} */
  const infinities = { inf: Infinity, Infinity: Infinity, '-inf': -Infinity, '-Infinity': -Infinity };
  return Object.hasOwn(infinities, text) ? infinities[text] : NaN;
}

/** @param {unknown} value */
function describe(value) {
  return typeof value === 'string' ? `${JSON.stringify(value)} (a string)` : `${String(value)} (${typeof value})`;
}

/**
 * The inverse of parseConfig for URL hashes: `task` and the keys that completeConfig would not give back from the
 * rest: those that differ from the task's preset, less the ones the others imply (digits model=cnn: batch 32), plus
 * a preset's value the others would imply away (model=cnn with batch 64).
 * @param {Partial<Config>} config
 * @returns {Record<string, string>}
 */
export function configToRecord(config) {
  const preset = PRESETS[taskName(config.task)];
  /** @type {Record<string, unknown>} */
  const given = { task: preset.task };
  for (const { key } of CONFIG_KEYS) {
    const value = config[key];
    if (key !== 'task' && value !== undefined && !Object.is(value, preset[key])) given[key] = value;
  }
  for (const { key } of SCHEMA.implied) {
    const value = config[key];
    if (value === undefined) continue;
    const { [key]: _, ...rest } = given;
    if (Object.is(completeConfig(rest)[key], value)) delete given[key];
    else given[key] = value;
  }
  return Object.fromEntries(Object.entries(given).map(([k, v]) => [k, String(v)]));
}

/**
 * A config is a plain object; embind would read an array, a Map, a Date or null as an empty one (the preset).
 * Other values (strings, numbers) get the binding's own message.
 * @param {unknown} config
 */
function checkPlainObject(config) {
  if (config === null || (typeof config === 'object' && ![Object.prototype, null].includes(Object.getPrototypeOf(config)))) {
    const got = config === null ? 'null' : Array.isArray(config) ? 'an array' : `a ${config.constructor?.name || 'non-plain object'}`;
    throw new RnnlabError(`config: expected a plain object ({key: value, ...}), got ${got}`, 'config');
  }
}

/**
 * What an embind call returned: its value, or the JS Error the binding made of a C++ exception (the binding
 * returns errors instead of throwing them through wasm frames; src/wasm/js_result.h says why).
 * @template T
 * @param {T | Error} result
 * @returns {T}
 */
function unwrap(result) {
  if (result instanceof Error) {
    const key = /** @type {{key?: string}} */ (result).key;
    throw new RnnlabError(result.message, key);
  }
  return result;
}

/**
 * Calls into the wasm module; a JS exception from embind itself (a wrong argument type) becomes an RnnlabError.
 * @template T
 * @param {() => T | Error} call
 * @returns {T}
 */
function invoke(call) {
  let result;
  try {
    result = call();
  } catch (error) {
    if (error instanceof RnnlabError) throw error;
    throw new RnnlabError(`rnnlab: ${error instanceof Error ? error.message : String(error)}`, undefined, error);
  }
  return unwrap(result);
}

/** The longest text the inspector reads (characters, or values for a model of values). */
export const MAX_INSPECT_LENGTH = 2000;
/** A digit's side and pixels: the digits task's models read 28 rows of 28 pixels. */
const DIGIT_SIDE = 28;
const DIGIT_PIXELS = DIGIT_SIDE * DIGIT_SIDE;

/**
 * What every unit did over a text (Trainer#activations). Slot s = layer * directions + direction.
 * @typedef {object} Activations
 * @property {number} steps  T, the text's characters
 * @property {number} slots  S = layers * directions
 * @property {number} hidden  H
 * @property {number} layers
 * @property {number} directions
 * @property {string} kind  'rnn_tanh', 'rnn_relu', 'lstm' or 'gru'
 * @property {number} outputs  K, what the model gives per step: its classes (topk's largest k), 1 for a value
 * @property {Tensor} h  (S, T, H) h_t after each character
 * @property {Tensor} [c]  (S, T, H) LSTM only
 * @property {Tensor & {names: string[]}} [gates]  (S, T, G*H) LSTM i|f|g|o, GRU r|z|n; not for an RNN
 */

/**
 * The k most probable next characters after each character (Trainer#topk).
 * @typedef {object} TopK
 * @property {number} steps
 * @property {number} k
 * @property {Int32Array} classes  (T * k) best first
 * @property {Float32Array} probabilities  (T * k)
 * @property {string[]} symbols  (T * k) the characters of `classes`
 */

/**
 * @typedef {object} UnitCorrelation
 * @property {string} feature  'quote', 'bracket', 'line', 'space', 'vowel', 'digit', 'capital' or 'poem'; for
 *   digits (Trainer#digitUnits) 'ink', 'row', 'strokes', 'centre' or 'sinceInk'
 * @property {number} layer
 * @property {number} direction
 * @property {number} unit
 * @property {'h' | 'c'} kind
 * @property {number} correlation  Pearson r over the text
 */

/**
 * @typedef {object} GateSaturation
 * @property {number} layer
 * @property {number} direction
 * @property {string} gate  'i', 'f', 'o' (LSTM) or 'r', 'z' (GRU)
 * @property {Float32Array} left  (H) fraction of steps with activation < 0.1
 * @property {Float32Array} right  (H) fraction of steps with activation > 0.9
 */

/**
 * The inspector's text argument checked before it reaches the module: a string of 1 .. 2000 characters (code
 * points), or for a model of values an array of 1 .. 2000 numbers.
 * @param {unknown} text
 * @returns {string | number[] | Float32Array}
 */
function inspectText(text) {
  const limit = MAX_INSPECT_LENGTH;
  if (typeof text === 'string') {
    const n = text.length > 4 * limit ? text.length : Array.from(text).length;
    if (n < 1 || n > limit) throw new RnnlabError(`text: got ${n} characters, expected 1 to ${limit}`, 'text');
    return text;
  }
  if (Array.isArray(text) || text instanceof Float32Array) {
    if (text.length < 1 || text.length > limit) throw new RnnlabError(`text: got ${text.length} values, expected 1 to ${limit}`, 'text');
    return /** @type {number[] | Float32Array} */ (text);
  }
  throw new RnnlabError(`text: expected a string (or, for a model of values, an array of numbers), got ${text === null ? 'null' : typeof text}`, 'text');
}

/**
 * An integer argument in [lo, hi], else an RnnlabError naming it and the range.
 * @param {string} name
 * @param {unknown} value
 * @param {number} lo
 * @param {number} hi
 * @returns {number}
 */
function integerIn(name, value, lo, hi) {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < lo || value > hi)
    throw new RnnlabError(`${name}: got ${String(value)}, expected a whole number ${lo} to ${hi}`, name);
  return value;
}

/**
 * One task, its model and optimizer (docs/js-api.md, "Trainer"). Made by Rnnlab.createTrainer.
 */
export class Trainer {
  /** @type {any} the embind TrainerHandle, null once disposed */
  #handle;
  /** @type {any} the module that made it (a task family's entry points are functions of the module) */
  #module;

  /**
   * @param {any} handle
   * @param {any} module
   */
  constructor(handle, module) {
    this.#handle = handle;
    this.#module = module;
  }

  #live() {
    if (!this.#handle) throw new RnnlabError('trainer: disposed');
    return this.#handle;
  }

  /**
   * The text family's entry points, which only the module that trains the text task has (docs/wasm.md); another
   * module's trainer trains another task, so the message is the one the text task's module gives for it.
   * @param {string} method
   */
  #textModule(method) {
    const h = this.#live();
    if (typeof this.#module.textSample === 'function') return this.#module;
    const task = invoke(() => h.config()).task;
    throw new RnnlabError(`${method}: the task is "${task}"; ${method} needs the text task`);
  }

  /**
   * The module, if it holds the inspector (the core, memory and text families' modules, and the Node build); a
   * RnnlabError naming the method otherwise.
   * @param {string} method
   */
  #inspectModule(method) {
    if (typeof this.#module.inspectActivations === 'function') return this.#module;
    const task = invoke(() => this.#live().config()).task;
    throw new RnnlabError(`${method}: the inspector reads models of characters, values or rows of pixels; this module trains "${task}"`);
  }

  /** @returns {Config} the full current config */
  config() {
    const h = this.#live();
    return invoke(() => h.config());
  }

  /**
   * Builds a new model and optimizer from `config` (missing keys from its task's preset) and replaces the current
   * ones only if that succeeded; on error, throws and the trainer keeps working as before.
   * @param {Partial<Config>} config
   * @param {TrainerData} [data]  the text task's corpus, the digits task's images; left out, the current ones stay
   * @returns {Config}
   */
  configure(config, data = {}) {
    const h = this.#live();
    if (config !== undefined) checkPlainObject(config);
    return invoke(() => h.configure(config ?? {}, data.corpus, data.digits));
  }

  /**
   * The text task: text generated from `prime`, one character at a time from the softmax of the logits over
   * `temperature` (below 1e-3: the most likely one), among the `topK` most likely (0: all), drawn under `seed`;
   * the same seed gives the same text here and natively (`rnnlab sample`).
   * @param {{prime?: string, length?: number, temperature?: number, topK?: number, seed?: number}} [options]
   * @returns {string} the prime followed by `length` (default 200) generated characters
   */
  sample(options = {}) {
    const module = this.#textModule('sample');
    const h = this.#live();
    return invoke(() => module.textSample(h, options));
  }

  /** @returns {number} the text task's loss in nats per character on its fixed validation windows */
  validationLoss() {
    const module = this.#textModule('validationLoss');
    const h = this.#live();
    return invoke(() => module.textValidationLoss(h));
  }

  /**
   * Inside the model, on its current weights, over `text` (up to 2,000 characters of the task's vocabulary; for a
   * model of values, numbers; for the digits task's rnn, lstm and gru, one digit: Float32Array(784), pixels in
   * [0, 1] as the task reads them, 28 steps of a row each): h (and c, the gates) of every layer and direction after
   * each character (or row). One
   * evaluation pass, shared by the calls below for the same text and weights. Nothing of the trainer changes.
   * @param {string | number[] | Float32Array} text
   * @returns {Activations}
   */
  activations(text) {
    const h = this.#live();
    const input = inspectText(text);
    return invoke(() => this.#inspectModule('activations').inspectActivations(h, input));
  }

  /**
   * The k most probable next characters after each character of `text`, with their probabilities; for a digit
   * (Float32Array(784)), the k most probable classes after each of its 28 rows (`symbols` are the class indices).
   * @param {string | Float32Array} text
   * @param {number} [k]  1 .. the vocabulary size (default 5)
   * @returns {TopK}
   */
  topk(text, k = 5) {
    const h = this.#live();
    const input = inspectText(text);
    integerIn('k', k, 1, 8192);
    return invoke(() => this.#inspectModule('topk').inspectTopk(h, input, k));
  }

  /**
   * How much the prediction after `position` characters of `text` depends on each earlier character:
   * ||d log p(y) / d x_k|| for k = 0 .. position-1, x_k the input (embedding row or one-hot vector) of character k
   * and y the character at `position` (the most likely one when position is the text's length). One backward pass.
   * A digit (Float32Array(784)): `position` counts rows (1 .. 28; 28, the answer, is the default) and the norms
   * are per row; `pixels` holds d log p(class) / d pixel for all 784 pixels; y is the most likely class after that
   * row, or `klass`. The digits task's mlp and cnn read the image whole: position 28 only, the same result, from
   * the tape's backward through the model.
   * @param {string | number[] | Float32Array} text
   * @param {number} [position]  1 .. the text's length (or a digit's 28 rows); default: the last
   * @param {number} [klass]  the class whose log-probability is looked at, 0 .. classes-1; -1 (default): as above
   * @returns {Float32Array & {target: number, pixels?: Float32Array}}  (position); `target` is y's class (-1 for a
   *   model of values); `pixels` (784) for a digit
   */
  saliency(text, position, klass = -1) {
    const h = this.#live();
    const input = inspectText(text);
    const length = typeof input === 'string' ? Array.from(input).length : input.length;
    const steps = this.#readsRows(input) ? length / DIGIT_SIDE : length;
    const at = position ?? steps;
    integerIn('position', at, 1, steps);
    integerIn('class', klass, -1, 8191);
    // The mlp and cnn read the image whole: their saliency is the tape's backward, not the recurrent sweep.
    const module = this.#module;
    if (steps !== length && typeof module.inspectDigitsImageSaliency === 'function' && ['mlp', 'cnn'].includes(invoke(() => h.config()).model)) {
      if (at !== steps) throw new RnnlabError(`position: the ${invoke(() => h.config()).model} model reads the whole image; expected ${steps} (its answer)`, 'position');
      return invoke(() => module.inspectDigitsImageSaliency(h, input, klass));
    }
    return invoke(() => this.#inspectModule('saliency').inspectSaliency(h, input, at, klass));
  }

  /**
   * Whether `input` is a digit for a model that reads rows of pixels (the digits task).
   * @param {string | number[] | Float32Array} input
   */
  #readsRows(input) {
    return typeof input !== 'string' && input.length === DIGIT_PIXELS && invoke(() => this.#live().config()).task === 'digits';
  }

  /**
   * The digits task's rnn, lstm or gru: per feature of the rows of `images` (the ink in the row, its position, the
   * strokes crossing it, the horizontal centre of its ink, the rows since the digit's first ink) the units whose
   * activation correlates best with it, and the gates' saturation, over the images' 28 rows each (each digit read
   * from a zero state, as the task reads it). One pass over the images serves both.
   * @param {{images?: Float32Array | null, perFeature?: number}} [options]  images: N * 784 pixels in [0, 1],
   *   N = 1 .. 200; left out, the task's first 200 held-out digits. perFeature: 1 .. 64 (default 5)
   * @returns {{images: number, ranking: UnitCorrelation[], saturation: GateSaturation[]}}
   */
  digitUnits(options = {}) {
    const h = this.#live();
    const { images = null, perFeature = 5 } = options;
    integerIn('perFeature', perFeature, 1, 64);
    if (images !== null) {
      if (!(images instanceof Float32Array)) throw new RnnlabError('images: expected a Float32Array of whole 784-pixel digits', 'images');
      if (images.length < DIGIT_PIXELS || images.length > 200 * DIGIT_PIXELS || images.length % DIGIT_PIXELS !== 0)
        throw new RnnlabError(`images: got ${images.length} values, expected 1 to 200 digits of 784`, 'images');
    }
    const module = this.#module;
    if (typeof module.inspectDigitsUnits !== 'function')
      throw new RnnlabError(`digitUnits: this module trains "${invoke(() => h.config()).task}"; digitUnits needs the digits task`);
    return invoke(() => module.inspectDigitsUnits(h, images, perFeature));
  }

  /**
   * Per feature of `text` (inside quotes, inside brackets, position in the line, after a space, vowel, digit,
   * capital; for the Tang poems the position in the five-character line), the units (h and c, every layer and
   * direction) whose activation correlates best with it, best first.
   * @param {string} text
   * @param {number} [perFeature]  1 .. 64 (default 5)
   * @returns {UnitCorrelation[]}
   */
  unitRanking(text, perFeature = 5) {
    const h = this.#live();
    const input = inspectText(text);
    integerIn('perFeature', perFeature, 1, 64);
    if (this.#readsRows(input)) throw new RnnlabError('unitRanking: the features of a digit\'s rows are ranked over many digits: digitUnits({images}) does that', 'text');
    return invoke(() => this.#inspectModule('unitRanking').inspectUnitRanking(h, input, perFeature));
  }

  /**
   * LSTM and GRU: per unit of each sigmoid gate, the fraction of the text's steps it spent below 0.1 and above 0.9.
   * @param {string | number[] | Float32Array} text
   * @returns {GateSaturation[]}  empty for an RNN
   */
  gateSaturation(text) {
    const h = this.#live();
    const input = inspectText(text);
    return invoke(() => this.#inspectModule('gateSaturation').inspectGateSaturation(h, input));
  }

  /**
   * A text of the task's own for the inspector: the text task's validation part from its start, seq's input text;
   * remember's, tag's and classify's first held-out sequence; '' for a model of values (sine).
   * @param {number} [max]  1 .. 2000 characters (default 2000)
   * @returns {string}
   */
  inspectionText(max = MAX_INSPECT_LENGTH) {
    const h = this.#live();
    integerIn('max', max, 1, MAX_INSPECT_LENGTH);
    return invoke(() => this.#inspectModule('inspectionText').inspectOwnText(h, max));
  }

  /**
   * A series of the task's own for a model of values: sine's wave from 0, sampled as its training sequences are
   * (at most 120 values); empty for a model of characters.
   * @param {number} [max]  1 .. 2000 values (default 2000)
   * @returns {Float32Array}
   */
  inspectionValues(max = MAX_INSPECT_LENGTH) {
    const h = this.#live();
    integerIn('max', max, 1, MAX_INSPECT_LENGTH);
    return invoke(() => this.#inspectModule('inspectionValues').inspectOwnValues(h, max));
  }

  /**
   * One input through the current weights in eval mode; nothing about the trainer changes. The classify task: a
   * typed string (1 to 32 characters) -> its class probabilities (Float32Array, one per class). The digits task:
   * one 28 x 28 image (Float32Array(784) in [0, 1], row-major, 1 = ink) -> a Classification.
   * @template {string | Float32Array} I
   * @param {I} input
   * @returns {I extends string ? Float32Array : Classification}
   */
  classify(input) {
    const h = this.#live();
    const typed = typeof input === 'string';
    const entry = typed ? this.#module.classifyText : this.#module.digitsClassify;
    if (typeof entry !== 'function') {
      const task = invoke(() => h.config()).task;
      throw new RnnlabError(`classify: the task is "${task}"; classify needs the ${typed ? 'classify' : 'digits'} task`);
    }
    return invoke(() => entry(h, input));
  }

  /** Rebuilds from the current config: iteration 0, the seed's initial weights. */
  reset() {
    const h = this.#live();
    invoke(() => h.reset());
  }

  /** @returns {number} steps taken so far */
  get iteration() {
    const h = this.#live();
    return invoke(() => h.iteration());
  }

  /** @returns {boolean} a non-finite loss or gradient stopped training */
  get stopped() {
    const h = this.#live();
    return invoke(() => h.stopped());
  }

  /**
   * Runs up to n iterations; fewer when training stops.
   * @param {number} [n]
   * @returns {StepResult}
   */
  step(n = 1) {
    if (!Number.isInteger(n) || n < 1 || n > 1e6) throw new RnnlabError(`step: n is ${describe(n)}, expected an integer from 1 to 1000000`);
    const h = this.#live();
    return invoke(() => h.step(n));
  }

  /**
   * A forward and backward pass on the current weights without an update: the trace and the prediction of a model
   * that has not stepped yet (after configure, reset or load). The iteration, the weights and the next step stay
   * as they were.
   * @returns {number} the loss of that pass
   */
  inspect() {
    const h = this.#live();
    return invoke(() => h.inspect());
  }

  /** @returns {Prediction} */
  predict() {
    const h = this.#live();
    return invoke(() => h.predict());
  }

  /**
   * The unrolled record of the last step; null before the first step. With `firstSequence`, every layer's batch is
   * cut to its sequence 0 (batch 1) in the module, so a batched task (text) copies only what a view draws.
   * @param {{firstSequence?: boolean}} [options]
   * @returns {Trace | null}
   */
  trace({ firstSequence = false } = {}) {
    const h = this.#live();
    return invoke(() => h.trace(Boolean(firstSequence)));
  }

  /** @returns {ParameterCopy[]} named weights and gradients, in state_dict order */
  parameters() {
    const h = this.#live();
    return invoke(() => h.parameters());
  }

  /** @returns {string} the model as rnnlab.state_dict JSON */
  saveStateDict() {
    const h = this.#live();
    return invoke(() => h.saveStateDict());
  }

  /**
   * Loads a saved model that fits this task; on error nothing changes.
   * @param {string | object} json
   * @returns {Config} the new full config
   */
  loadStateDict(json) {
    const h = this.#live();
    let text;
    try {
      text = typeof json === 'string' ? json : JSON.stringify(json);
    } catch (error) {
      // JSON.stringify throws a TypeError for an object that refers to itself (or holds a BigInt).
      const message = error instanceof Error ? error.message : String(error);
      const why = /circular/i.test(message) ? 'it refers to itself (a cycle)' : message.split('\n')[0];
      throw new RnnlabError(`model file: the object given is not a state dict that JSON can hold: ${why}; pass the file's text or the object JSON.parse made of it`, undefined, error);
    }
    return invoke(() => h.loadStateDict(text));
  }

  /** Frees the wasm-side trainer. Idempotent. */
  dispose() {
    if (!this.#handle) return;
    this.#handle.delete();
    this.#handle = null;
  }
}

/**
 * @typedef {object} LoadOptions
 * @property {string | URL} [moduleUrl]  the Emscripten ES module (default '/wasm/rnnlab.mjs')
 * @property {string | URL} [wasmUrl]  the .wasm (default: rnnlab.wasm next to the module)
 * @property {ArrayBuffer | Uint8Array} [wasmBinary]  the .wasm's bytes, instead of fetching it
 * @property {(options: object) => Promise<any>} [factory]  an already imported Emscripten factory (Node tests)
 */

/**
 * An instantiated wasm module.
 */
export class Rnnlab {
  /** @type {any} */
  #module;

  /** @param {any} module */
  constructor(module) {
    this.#module = module;
    /** @type {string} what the module was built with, e.g. "rnnlab wasm simd128 wasm-exceptions" */
    this.version = module.buildInfo();
    /**
     * The tasks this module trains: one family's in a page module (./task-modules.js), every task in the Node one.
     * @type {readonly Task[]}
     */
    this.tasks = Object.freeze(/** @type {Task[]} */ (module.linkedTasks()));
  }

  /**
   * @param {Partial<Config>} [config]
   * @param {TrainerData} [data]  the text task's corpus, the digits task's images
   * @returns {Trainer}
   */
  createTrainer(config = {}, data = {}) {
    checkPlainObject(config);
    const handle = new this.#module.TrainerHandle();
    try {
      invoke(() => handle.configure(config, data.corpus, data.digits));
    } catch (error) {
      handle.delete();
      throw error;
    }
    return new Trainer(handle, this.#module);
  }

  /**
   * The C++ presets as this module sees them (equal to PRESETS).
   * @param {string} task
   * @returns {Config}
   */
  defaults(task) {
    return invoke(() => this.#module.presetConfig(task));
  }

  /**
   * Checks a corpus as the text task would (at most 10 MB, two to 8,192 distinct characters, at least
   * seqLen + 1 of them) without building a trainer; throws the RnnlabError (key 'corpus') configure would.
   * @param {string} text
   * @param {number} seqLen
   * @returns {{characters: number, symbols: number}}
   */
  checkCorpus(text, seqLen) {
    const module = this.#textModule('checkCorpus');
    return invoke(() => module.checkCorpus(text, seqLen));
  }

  /**
   * A drawing (or any grayscale picture) made into an MNIST digit as `rnnlab predict --image` makes one: cropped to
   * its ink, scaled to fit 20 x 20, centred by its centre of mass in 28 x 28 (src/io/digit_image.h).
   * @param {Float32Array} gray  width * height values in [0, 1], row-major, 1 = ink
   * @param {number} width
   * @param {number} height
   * @returns {Float32Array} 784 values in [0, 1], ready for Trainer.classify
   */
  digitImage(gray, width, height) {
    if (typeof this.#module.digitImage !== 'function')
      throw new RnnlabError(`digitImage: the digits task's, in its own module (${moduleOfTask('digits')}); this module trains ${this.tasks.join(', ')}`);
    return invoke(() => this.#module.digitImage(gray, width, height));
  }

  /**
   * Tang poems: the share of the lines of `text` of the form 五字，五字。 (0 for a text without lines).
   * @param {string} text
   * @returns {number}
   */
  fiveCharacterLineShare(text) {
    const module = this.#textModule('fiveCharacterLineShare');
    return invoke(() => module.fiveCharacterLineShare(text));
  }

  /**
   * The module's text family entry points; a module of another family has none.
   * @param {string} method
   */
  #textModule(method) {
    if (typeof this.#module.checkCorpus === 'function') return this.#module;
    throw new RnnlabError(`${method}: the text task's, in its own module (${moduleOfTask('text')}); this module trains ${this.tasks.join(', ')}`);
  }

  /** @returns {number} the size of wasm memory in bytes (grows, never shrinks) */
  heapBytes() {
    return this.#module.memoryInfo().heapBytes;
  }

  /** @returns {number} bytes malloc has handed out and not taken back */
  inUseBytes() {
    return this.#module.memoryInfo().inUseBytes;
  }
}

/**
 * Instantiates the wasm module. In a page or worker the ES module build is imported from `moduleUrl`; Node
 * tests pass the CommonJS build's `factory`.
 * @param {LoadOptions} [options]
 * @returns {Promise<Rnnlab>}
 */
export async function loadRnnlab(options = {}) {
  let factory = options.factory;
  let moduleUrl = options.moduleUrl ?? '/wasm/rnnlab.mjs';
  if (!factory) {
    const base = typeof location !== 'undefined' ? location.href : undefined;
    moduleUrl = new URL(moduleUrl, base).href;
    factory = (await import(/* @vite-ignore */ moduleUrl)).default;
  }
  /** @type {Record<string, unknown>} */
  const moduleOptions = {};
  if (options.wasmBinary) moduleOptions.wasmBinary = options.wasmBinary;
  const wasmUrl = options.wasmUrl;
  if (wasmUrl !== undefined || !options.factory) {
    /** @param {string} file */
    moduleOptions.locateFile = (file) =>
      file.endsWith('.wasm') && wasmUrl !== undefined ? String(wasmUrl) : new URL(file, String(moduleUrl)).href;
  }
  let module;
  try {
    module = await /** @type {(o: object) => Promise<any>} */ (factory)(moduleOptions);
  } catch (error) {
    throw new RnnlabError(`rnnlab: could not load the WebAssembly module: ${error instanceof Error ? error.message : String(error)}`, undefined, error);
  }
  return new Rnnlab(module);
}
