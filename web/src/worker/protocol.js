// The worker protocol: every message the page may send, the reply each one gets, and what the worker sends on
// its own. docs/js-api.md ("The worker protocol") is the prose of this file.
//
// Every request carries a numeric `id`; its reply carries `replyTo: id`. Messages the worker sends unasked
// (snapshots while training, the end of a run) carry `replyTo: null`. Any request can instead be answered by
// an `error` message. Typed arrays in worker messages are transferred (each is a fresh copy).

/** @typedef {import('../api/rnnlab.js').Config} Config */
/** @typedef {import('../api/rnnlab.js').Task} Task */
/** @typedef {import('../api/rnnlab.js').Prediction} Prediction */
/** @typedef {import('../api/rnnlab.js').Trace} Trace */
/** @typedef {import('../api/rnnlab.js').ParameterCopy} ParameterCopy */
/** @typedef {import('./sample-stream.js').SampleSettings} SampleSettings */
/** @typedef {import('./sample-stream.js').SamplePiece} SamplePiece */
/** @typedef {import('./trainer_host.js').CorpusInfo} CorpusInfo */
/** @typedef {import('../api/rnnlab.js').Activations} Activations */
/** @typedef {import('../api/rnnlab.js').TopK} TopK */
/** @typedef {import('../api/rnnlab.js').UnitCorrelation} UnitCorrelation */
/** @typedef {import('../api/rnnlab.js').GateSaturation} GateSaturation */
/** @typedef {import('./trainer_host.js').DigitsInfo} DigitsInfo */
/** @typedef {import('./trainer_host.js').HeldOutImages} HeldOutImages */
/** @typedef {import('./trainer_host.js').Classification} Classification */

/**
 * Page -> worker. `reply` is the type of the message that answers it (ReplyTypes below, held to this table).
 * @type {Readonly<{[R in RequestType]: Readonly<{reply: ReplyTypes[R], fields: readonly string[], doc: string}>}>}
 */
export const REQUESTS = Object.freeze({
  init: { reply: 'ready', fields: ['moduleBase', 'task', 'testHooks'], doc: 'load the wasm module of task\'s family (default seq) from the folder moduleBase (../api/task-modules.js; testHooks: honour `crash`)' },
  corpus: { reply: 'corpus', fields: ['name', 'url', 'bytes', 'seqLen'], doc: 'the text task: fetch a bundled corpus from url, or decode bytes (an ArrayBuffer, transferred), check it for seqLen (in the text module, loaded now if the current one is of another family) and hold it for the next configure; training goes on meanwhile, and on error nothing changes' },
  digits: { reply: 'digits', fields: ['name', 'imagesUrl', 'labelsUrl'], doc: 'the digits task: fetch a labelled image set (two gzip\'d IDX files: (N, 28, 28) images, N labels), decode and check it, and hold it for the configures that follow (a set held is not fetched again); replies with its size and a copy of its held-out images (the last 20%); training goes on meanwhile, and on error nothing changes' },
  configure: { reply: 'configured', fields: ['config'], doc: 'stop training; build a trainer from config (on error the previous one stays); a task of another family first loads its module, which replaces the current one once the trainer is built; the text task takes the corpus loaded for config.corpus, else keeps its own' },
  train: { reply: 'training', fields: ['iterations', 'trace', 'maxSnapshotsPerSecond'], doc: 'train until paused, stopped or `iterations` more; snapshots stream meanwhile' },
  pause: { reply: 'paused', fields: [], doc: 'stop training; answered within 50 ms' },
  step: { reply: 'snapshot', fields: ['n', 'trace'], doc: 'stop training, run n iterations (default 1)' },
  reset: { reply: 'reset', fields: [], doc: 'stop training; iteration 0 and the initial weights of the seed' },
  snapshot: { reply: 'snapshot', fields: ['trace'], doc: 'the current state' },
  validate: { reply: 'validated', fields: [], doc: 'the text task: the validation loss now (also in the next snapshot\'s prediction.valLoss)' },
  sampling: { reply: 'sampling', fields: ['settings'], doc: 'the text task: sample settings {prime, temperature, topK, length, poemLines}; draws a sample now and, while training, every SAMPLE_INTERVAL_MS, each streamed as `sample` messages' },
  classify: { reply: 'classified', fields: ['text', 'pixels'], doc: 'one input through the current weights; nothing changes. The classify task: text, a typed string: its class probabilities. The digits task: pixels, one 28 x 28 image (a Float32Array of 784 values in [0, 1], 1 = ink): the class probabilities, and for a model that reads by rows the probabilities after each row and the forward trace' },
  parameters: { reply: 'parameters', fields: [], doc: 'named weights and gradients' },
  save: { reply: 'saved', fields: [], doc: 'the model as rnnlab.state_dict JSON' },
  load: { reply: 'loaded', fields: ['json'], doc: 'stop training; load a saved model (on error nothing changes)' },
  memory: { reply: 'memory', fields: [], doc: 'the wasm memory size and what malloc holds (soak, tests)' },
  inspect: { reply: 'inspected', fields: ['text', 'values', 'pixels', 'activations', 'topk', 'saliency', 'class', 'ranking', 'saturation'], doc: 'inside the current model over text (up to 2,000 characters) or, for a model of values, values (up to 2,000 numbers), or for the digits task\'s rnn, lstm and gru one digit\'s pixels (784, in [0, 1]); none: the task\'s own (the text task\'s validation part, seq\'s input, a held-out sequence of remember, tag or classify, sine\'s wave): what is asked of activations (true), topk (k), saliency (a position, and for a digit the class, default the predicted one), ranking (true), saturation (true); topk and ranking are of characters (a digit: its classes after each row; ranking and saturation over the first 200 held-out digits), left out for values; the digits task\'s mlp and cnn answer the saliency alone; computed between training chunks, training goes on' },
  crash: { reply: 'crashing', fields: ['kind'], doc: 'tests only (init with testHooks): fail like a real fault. "trap": the next step hits a WebAssembly trap; "throw": an uncaught error ends the worker' },
});

/** Worker -> page messages that are not replies (`replyTo: null`). */
export const EVENTS = Object.freeze(['snapshot', 'paused', 'sample', 'error']);

// An `error` with `fatal: true` means the wasm module can no longer be trusted (a WebAssembly trap such as
// "unreachable" or an out-of-bounds access, or an Emscripten abort): the worker answers every later request with
// the same fatal error, and the page should end the worker and offer a restart from its last saved state.

/** @typedef {'init' | 'corpus' | 'digits' | 'configure' | 'train' | 'pause' | 'step' | 'reset' | 'snapshot' | 'validate' | 'sampling' | 'classify' | 'parameters' | 'save' | 'load' | 'memory' | 'inspect' | 'crash'} RequestType */
/** @typedef {'ready' | 'corpus' | 'digits' | 'configured' | 'training' | 'paused' | 'snapshot' | 'validated' | 'sampling' | 'classified' | 'reset' | 'parameters' | 'saved' | 'loaded' | 'memory' | 'inspected' | 'crashing' | 'error'} ReplyType */
/**
 * The reply type of each request, as REQUESTS lists it (tsc holds the two to each other).
 * @typedef {{init: 'ready', corpus: 'corpus', digits: 'digits', configure: 'configured', train: 'training', pause: 'paused',
 *   step: 'snapshot', reset: 'reset', snapshot: 'snapshot', validate: 'validated', sampling: 'sampling',
 *   classify: 'classified', parameters: 'parameters', save: 'saved', load: 'loaded', memory: 'memory',
 *   inspect: 'inspected', crash: 'crashing'}} ReplyTypes
 */

/**
 * @typedef {{type: 'init', id: number, moduleBase?: string, task?: string, testHooks?: boolean}
 *   | {type: 'corpus', id: number, name: string, url?: string, bytes?: ArrayBuffer, seqLen?: number}
 *   | {type: 'digits', id: number, name: string, imagesUrl: string, labelsUrl: string}
 *   | {type: 'configure', id: number, config: Partial<Config>}
 *   | {type: 'train', id: number, iterations?: number, trace?: boolean, maxSnapshotsPerSecond?: number}
 *   | {type: 'pause', id: number}
 *   | {type: 'step', id: number, n?: number, trace?: boolean}
 *   | {type: 'reset', id: number}
 *   | {type: 'snapshot', id: number, trace?: boolean}
 *   | {type: 'validate', id: number}
 *   | {type: 'sampling', id: number, settings: Partial<SampleSettings>}
 *   | {type: 'classify', id: number, text?: string, pixels?: Float32Array}
 *   | {type: 'parameters', id: number}
 *   | {type: 'save', id: number}
 *   | {type: 'load', id: number, json: string}
 *   | {type: 'memory', id: number}
 *   | {type: 'inspect', id: number, text?: string, values?: number[], pixels?: Float32Array, activations?: boolean, topk?: number, saliency?: number, class?: number, ranking?: boolean, saturation?: boolean}
 *   | {type: 'crash', id: number, kind: 'trap' | 'throw'}} Request
 */

/**
 * What the page draws. Sent as the `snapshot` message and nested in `configured`, `reset` and `loaded`.
 * @typedef {object} SnapshotPayload
 * @property {number} iteration
 * @property {number} loss  the last loss; NaN before the first step
 * @property {number} gradNorm  total 2-norm of the last step's gradients, before clipping; NaN before the first
 *   step and after reset or load
 * @property {Float32Array} losses  every loss since the previous snapshot, in order
 * @property {number} firstIteration  the iteration of losses[0]
 * @property {number} iterationsPerSecond  over the last ~0.5 s of training; 0 when not training
 * @property {boolean} running
 * @property {boolean} stopped  a non-finite loss or gradient stopped training
 * @property {string} message  why it stopped, else ''
 * @property {Prediction} prediction
 * @property {Trace | null} trace  null when not asked for, or before the first step
 * @property {WeightCopy[] | null} [weights]  the weights `trace` ran with (after trace.weightsAfter updates), so its
 *   equation adds up and a replayed snapshot has its own; null without a trace, for a model of more than
 *   WEIGHTS_IN_SNAPSHOTS_LIMIT numbers, or when a snapshot falls between two chunks' kept weights
 */

/** A parameter's values, by torch's name. @typedef {{name: string, shape: number[], value: Float32Array}} WeightCopy */

/**
 * @typedef {{type: 'ready', replyTo: number, version: string, presets: Record<Task, Config>}
 *   | ({type: 'corpus', replyTo: number} & CorpusInfo)
 *   | ({type: 'digits', replyTo: number, heldOut: HeldOutImages} & DigitsInfo)
 *   | ({type: 'classified', replyTo: number} & Classification)
 *   | {type: 'configured', replyTo: number, config: Config, snapshot: SnapshotPayload}
 *   | {type: 'training', replyTo: number, iteration: number}
 *   | {type: 'validated', replyTo: number, iteration: number, valLoss: number, valBitsPerChar: number}
 *   | {type: 'sampling', replyTo: number, settings: SampleSettings}
 *   | {type: 'classified', replyTo: number, text: string, iteration: number, probabilities: Float32Array}
 *   | ({type: 'sample', replyTo: null, lineShare?: number} & SamplePiece)
 *   | ({type: 'snapshot', replyTo: number | null} & SnapshotPayload)
 *   | {type: 'paused', replyTo: number | null, iteration: number, reason: 'pause' | 'done' | 'stopped', message: string}
 *   | {type: 'reset', replyTo: number, config: Config, snapshot: SnapshotPayload}
 *   | {type: 'parameters', replyTo: number, parameters: ParameterCopy[]}
 *   | {type: 'saved', replyTo: number, json: string, config: Config}
 *   | {type: 'loaded', replyTo: number, config: Config, snapshot: SnapshotPayload}
 *   | {type: 'memory', replyTo: number, heapBytes: number, inUseBytes: number}
 *   | ({type: 'inspected', replyTo: number} & Inspection)
 *   | {type: 'crashing', replyTo: number, kind: string}
 *   | {type: 'error', replyTo: number | null, request: string, message: string, key?: string, fatal?: boolean}} WorkerMessage
 */

/**
 * What an `inspect` request asked for, on the weights after `iteration` updates.
 * @typedef {object} Inspection
 * @property {number} iteration
 * @property {string} text  the characters read ('' for a model of values)
 * @property {Float32Array} [values]  the values read, for a model of values (sine)
 * @property {Float32Array} [pixels]  the digit read (784 pixels, 28 rows), for the digits task
 * @property {Activations} [activations]
 * @property {TopK} [topk]  a digit: the classes after each row
 * @property {{position: number, target: number, norms: Float32Array, pixels?: Float32Array}} [saliency]  a digit:
 *   the norms per row and `pixels`, d log p(target) / d pixel for the 784 pixels
 * @property {number} [rankedImages]  a digit: the held-out digits the ranking and the saturation are over
 * @property {UnitCorrelation[]} [ranking]
 * @property {GateSaturation[]} [saturation]
 */

/**
 * The message that answers a request of type R.
 * @template {RequestType} R
 * @typedef {Extract<WorkerMessage, {type: ReplyTypes[R]}>} ReplyTo
 */
/** @typedef {Extract<WorkerMessage, {type: 'snapshot'}>} SnapshotMessage */
/** @typedef {Extract<WorkerMessage, {type: 'paused'}>} PausedMessage */
/** @typedef {Extract<WorkerMessage, {type: 'error'}>} ErrorMessage */
/**
 * A piece of the live sample (text task), sent unasked: `sample` numbers the samples, `offset` counts the code
 * points before `text`, `done` marks the last piece, which carries `lineShare` (the share of 五字，五字。 lines) when
 * the settings asked for it (poemLines).
 * @typedef {Extract<WorkerMessage, {type: 'sample'}>} SampleMessage
 */

/** Training runs in chunks of about this much work between yields to the event loop. */
export const CHUNK_MILLISECONDS = 8;
/** Default cap on streamed snapshots. */
export const MAX_SNAPSHOTS_PER_SECOND = 30;
/**
 * Snapshots carry the weights their trace ran with up to this many numbers (256 KB of float32: every preset but
 * the text task's); a larger model's snapshots have none, and its equation reads the current weights.
 */
export const WEIGHTS_IN_SNAPSHOTS_LIMIT = 65536;
/** The window of the iterations/s readout. */
export const RATE_WINDOW_MILLISECONDS = 500;
