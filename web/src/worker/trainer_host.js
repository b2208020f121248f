// The worker's logic, apart from the worker global so that Node tests can run it in a worker_threads thread:
// owns the one Trainer, answers every request of protocol.js, and trains in time-sized chunks that yield to
// the event loop so that pause, reset and configure are answered within 50 ms.
import {
  CHUNK_MILLISECONDS, MAX_SNAPSHOTS_PER_SECOND, RATE_WINDOW_MILLISECONDS, REQUESTS, WEIGHTS_IN_SNAPSHOTS_LIMIT,
} from './protocol.js';
import { PRESETS, RnnlabError } from '../api/rnnlab.js';
import { decodeCorpus } from '../api/corpus-text.js';
import { moduleOfTask, moduleUrls, taskOfName } from '../api/task-modules.js';
import { digitsFromGzip } from '../api/idx.js';
import { trainSizeOf, DIGIT_SIDE } from '../state/digits-data.js';
import { SampleStream, PIECE_INTERVAL_MS } from './sample-stream.js';

/** @typedef {import('../api/rnnlab.js').Rnnlab} Rnnlab */
/** @typedef {import('../api/rnnlab.js').Trainer} Trainer */
/** @typedef {import('../api/rnnlab.js').LoadOptions} LoadOptions */
/** @typedef {import('../api/rnnlab.js').Config} Config */
/** @typedef {import('../api/rnnlab.js').Task} Task */
/** @typedef {import('./protocol.js').SnapshotPayload} SnapshotPayload */
/** @typedef {import('../api/rnnlab.js').Classification} Classification */

/**
 * @typedef {object} HostOptions
 * @property {(message: object, transfer: Transferable[]) => void} post  sends a message to the page
 * @property {(options: LoadOptions) => Promise<Rnnlab>} load  instantiates a wasm module (a fresh instance each call)
 * @property {() => number} [now]  milliseconds, monotonic (default performance.now)
 * @property {(url: string) => Promise<{ok: boolean, status: number, arrayBuffer(): Promise<ArrayBuffer>}>} [fetch]
 *   fetches a bundled corpus (default globalThis.fetch)
 */

/**
 * A corpus the worker holds: its name (the `corpus` key: tinyshakespeare, ..., own), where it came from (the URL
 * of a bundled one, '' for a user's text) and its size.
 * @typedef {{name: string, url: string, characters: number, symbols: number, bytes: number}} CorpusInfo
 */

/**
 * A labelled image set the worker holds for the digits task: its name (the `data` key: mnist, fashion), where its
 * two files came from, how many images and how many of them train (the rest are held out).
 * @typedef {{name: string, imagesUrl: string, labelsUrl: string, count: number, trainSize: number, bytes: number}} DigitsInfo
 */
/**
 * The held-out images, sent to the page once with the set: image i is dataset image start + i.
 * @typedef {{pixels: Uint8Array, labels: Uint8Array, start: number}} HeldOutImages
 */

/**
 * Runs `callback(token)` on a later turn of the event loop, after the messages already waiting, without
 * setTimeout's 4 ms clamp on nested timers. Browsers: a MessageChannel message (a task, interleaved with the
 * worker's incoming messages). Node has setImmediate, and needs it: a MessagePort there drains up to ~1000
 * messages per turn, including ones posted meanwhile, so a self-posting loop starves the other ports for
 * seconds.
 * @param {(token: number) => void} callback
 * @returns {(token: number) => void}
 */
function makeScheduler(callback) {
  const immediate = /** @type {any} */ (globalThis).setImmediate;
  if (typeof immediate === 'function') return (token) => immediate(callback, token);
  const channel = new MessageChannel();
  channel.port1.onmessage = (event) => callback(event.data);
  return (token) => channel.port2.postMessage(token);
}

/**
 * Every ArrayBuffer under `value` (typed arrays in snapshots are fresh copies, safe to transfer).
 * @param {unknown} value
 * @param {Set<ArrayBuffer>} [out]
 * @returns {Set<ArrayBuffer>}
 */
export function transferables(value, out = new Set()) {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
  } else if (Array.isArray(value)) {
    for (const v of value) transferables(v, out);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) transferables(v, out);
  }
  return out;
}

/**
 * True for a failure after which the wasm module cannot be trusted: a WebAssembly trap (RuntimeError:
 * unreachable, out of bounds, ...) or an Emscripten abort ("Aborted(...)").
 * @param {unknown} error
 */
export function isFatal(error) {
  if (typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError) return true;
  const { message, cause } = /** @type {{message?: unknown, cause?: unknown}} */ (error ?? {});
  if (cause && cause !== error && isFatal(cause)) return true;  // the JS API wraps what the module threw
  return typeof message === 'string' && /^(rnnlab: )?(Aborted\(|RuntimeError:)/.test(message);
}

/** Runs a real WebAssembly `unreachable` instruction: the trap a broken module would hit (test hook only). */
function trap() {
  // (module (func (export "trap") unreachable))
  const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 7, 8, 1, 4, 116, 114,
    97, 112, 0, 0, 10, 5, 1, 3, 0, 0, 11]);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  /** @type {any} */ (instance.exports).trap();
}

export class TrainerHost {
  /** @type {HostOptions['post']} */ #post;
  /** @type {HostOptions['load']} */ #load;
  /** @type {() => number} */ #now;
  // The module of the trainer's task family (../api/task-modules.js), and at most one other: the module of a task the
  // page is switching to, loaded for its corpus check or its configure and dropped unless that configure succeeds.
  // So a worker keeps one training module, two only while it switches.
  /** @type {Rnnlab | null} */ #rnnlab = null;
  /** @type {Rnnlab | null} */ #switchingTo = null;
  /** @type {string} the folder of the modules (init's moduleBase) */
  #moduleBase = '/wasm/';
  /** @type {Trainer | null} */ #trainer = null;
  /** @type {Promise<void>} requests run one after another (init is asynchronous) */
  #queue = Promise.resolve();
  #schedule;
  /** @type {NonNullable<HostOptions['fetch']>} */ #fetch;

  // The text task's corpus: the one loaded (`corpus`) and not yet given to a trainer, and the trainer's. The
  // wasm module keeps the trainer's text; the worker drops its own copy once configure has handed it over.
  /** @type {{info: CorpusInfo, text: string} | null} */
  #pendingCorpus = null;
  /** @type {CorpusInfo | null} */
  #trainerCorpus = null;
  // The digits task's images: the set fetched for it (`digits`), kept while the worker lives so the task can be
  // picked again without a download (7.8 MB of bytes for MNIST's 10,000); the trainer's copy is the wasm module's.
  /** @type {{info: DigitsInfo, pixels: Uint8Array, labels: Uint8Array} | null} */
  #digits = null;
  /** The set the trainer holds ('' when its task is not digits): configure hands the images over only when it lacks them. */
  #trainerDigits = '';
  // The live sample (text task): drawn when asked (`sampling`) and every few seconds while training.
  #samples = new SampleStream();
  #sampling = false;         // a `sampling` request switched samples on for the current model
  #pieceTimer = 0;

  // Training state.
  #running = false;
  #run = 0;                  // which run a scheduled chunk belongs to: a chunk of a paused run must not go on
  #remaining = Infinity;     // iterations left in this run
  #traceInSnapshots = true;
  #snapshotInterval = 1000 / MAX_SNAPSHOTS_PER_SECOND;
  #lastSnapshotAt = -Infinity;
  #msPerIteration = 0;       // running estimate, sizes the chunks
  /** @type {Float32Array[]} losses since the last snapshot */
  #pendingLosses = [];
  #firstPendingIteration = 1;
  #lastLoss = NaN;
  #lastGradNorm = NaN;       // of the last step, before clipping; NaN until a step after configure/reset/load
  /** @type {import('./protocol.js').WeightCopy[] | null} the weights the next snapshot's trace ran with */
  #weights = null;
  #weightsAfter = -1;        // how many updates those weights had had
  #weightCount = -1;         // numbers in the model's parameters; -1 until counted (after configure or load)
  #message = '';
  /** @type {{t: number, iteration: number}[]} */
  #rateSamples = [];
  #testHooks = false;
  #trapNextStep = false;     // test hook: the next step traps
  /** @type {string} the fatal error that broke the module; every later request gets it */
  #fatal = '';

  /** @param {HostOptions} options */
  constructor(options) {
    this.#post = options.post;
    this.#load = options.load;
    this.#now = options.now ?? (() => performance.now());
    this.#schedule = makeScheduler((run) => this.#chunk(run));
    this.#fetch = options.fetch ?? ((url) => fetch(url));
  }

  /** Handles one message from the page (in order; each is answered before the next is handled). */
  receive(/** @type {any} */ message) {
    this.#queue = this.#queue.then(() => this.#dispatch(message));
  }

  /** @param {any} message */
  async #dispatch(message) {
    const id = typeof message?.id === 'number' ? message.id : null;
    const type = String(message?.type);
    try {
      if (this.#fatal) throw Object.assign(new Error(this.#fatal), { fatal: true });
      if (!Object.hasOwn(REQUESTS, type)) throw new Error(`worker: unknown request type ${JSON.stringify(message?.type)}; expected one of ${Object.keys(REQUESTS).join(', ')}`);
      if (id === null) throw new Error(`worker: request ${type} has no numeric id`);
      const reply = await this.#answer(type, message);
      this.#send({ ...reply, replyTo: id });
    } catch (error) {
      this.#sendError(id, type, error);
    }
  }

  /**
   * @param {string} type
   * @param {any} m
   * @returns {Promise<object>} the reply, without replyTo
   */
  async #answer(type, m) {
    if (type === 'init') {
      this.#testHooks = Boolean(m.testHooks);
      if (typeof m.moduleBase === 'string') this.#moduleBase = m.moduleBase.endsWith('/') ? m.moduleBase : `${m.moduleBase}/`;
      if (!this.#rnnlab) this.#rnnlab = await this.#moduleFor(typeof m.task === 'string' ? m.task : 'seq');
      this.#switchingTo = null;
      const rnnlab = this.#rnnlab;
      const presets = Object.fromEntries(Object.keys(PRESETS).map((task) => [task, rnnlab.defaults(task)]));
      return { type: 'ready', version: rnnlab.version, presets: /** @type {Record<Task, Config>} */ (presets) };
    }
    if (type === 'crash') {
      if (!this.#testHooks) throw new Error('crash: a test hook, honoured only after init with testHooks: true');
      if (m.kind === 'trap') this.#trapNextStep = true;
      else if (m.kind === 'throw') setTimeout(() => { throw new Error('test hook: an uncaught error in the worker'); }, 0);
      else throw new Error(`crash: kind must be "trap" or "throw", got ${JSON.stringify(m.kind)}`);
      return { type: 'crashing', kind: m.kind };
    }
    const rnnlab = this.#rnnlab;
    if (!rnnlab) throw new Error(`worker: not initialized (send init first, then ${type})`);
    if (type === 'memory') {
      // No JS heap figure: no browser tells a worker its own (performance.memory is Chromium's, on the page only;
      // measureUserAgentSpecificMemory needs cross-origin isolation, which a plain static host does not give).
      return { type: 'memory', heapBytes: rnnlab.heapBytes(), inUseBytes: rnnlab.inUseBytes() };
    }
    if (type === 'corpus') return this.#loadCorpus(m);  // the current model keeps training meanwhile
    if (type === 'digits') return this.#loadDigits(m);  // the same
    if (type === 'configure') {
      const config = m.config ?? {};
      const data = { ...this.#corpusFor(config), ...this.#digitsFor(config) };
      // The module of the config's task (a config without one is the seq task's; an unknown task gets the current
      // module's message); loading another family's leaves the current trainer training meanwhile.
      const task = config.task === undefined ? 'seq' : config.task;
      const target = typeof task === 'string' && taskOfName(task) ? await this.#moduleFor(task) : rnnlab;
      this.#stopRunning();
      if (this.#trainer && target === rnnlab) {
        this.#trainer.configure(config, data);  // throws, keeping the previous trainer, on a bad config
      } else {
        const trainer = target.createTrainer(config, data);  // throws, keeping the previous trainer and module
        this.#trainer?.dispose();
        this.#trainer = trainer;
        this.#rnnlab = target;  // the previous family's module, if any, is dropped
        this.#trainerCorpus = null;  // and with it the corpus it held: a bundled one is fetched again when asked for
      }
      this.#switchingTo = null;
      if (data.corpus !== undefined && this.#pendingCorpus) {
        this.#trainerCorpus = this.#pendingCorpus.info;
        this.#pendingCorpus = null;  // the wasm module holds it now
      }
      if (this.#trainer.config().task !== 'digits') this.#trainerDigits = '';
      else if (data.digits && this.#digits) this.#trainerDigits = this.#digits.info.name;
      this.#resetCounters();
      this.#trainer.inspect();  // the untrained network's prediction and trace, before any step
      this.#weights = this.#copyWeights(this.#trainer);
      return { type: 'configured', config: this.#trainer.config(), snapshot: this.#payload(true) };
    }
    const trainer = this.#trainer;
    if (!trainer) throw new Error(`worker: no trainer (send configure before ${type})`);
    switch (type) {
      case 'train': {
        this.#remaining = m.iterations === undefined ? Infinity : positiveInteger('iterations', m.iterations);
        if (m.trace !== undefined) this.#traceInSnapshots = Boolean(m.trace);
        const rate = m.maxSnapshotsPerSecond ?? MAX_SNAPSHOTS_PER_SECOND;
        this.#snapshotInterval = 1000 / Math.min(Math.max(Number(rate) || MAX_SNAPSHOTS_PER_SECOND, 1), 120);
        if (!this.#running) {
          this.#running = true;
          this.#run += 1;
          this.#rateSamples = [{ t: this.#now(), iteration: trainer.iteration }];
          this.#schedule(this.#run);
        }
        return { type: 'training', iteration: trainer.iteration };
      }
      case 'pause': {
        const wasRunning = this.#running;
        this.#stopRunning();
        if (wasRunning) this.#sampleAfterRun();
        return { type: 'paused', iteration: trainer.iteration, reason: 'pause', message: '' };
      }
      case 'step': {
        this.#stopRunning();
        this.#maybeTrap();
        this.#stepKeepingWeights(trainer, m.n === undefined ? 1 : positiveInteger('n', m.n));
        return { type: 'snapshot', ...this.#payload(m.trace ?? true) };
      }
      case 'reset':
        this.#stopRunning();
        trainer.reset();
        this.#resetCounters();
        trainer.inspect();
        this.#weights = this.#copyWeights(trainer);
        return { type: 'reset', config: trainer.config(), snapshot: this.#payload(true) };
      case 'snapshot':
        return { type: 'snapshot', ...this.#payload(m.trace ?? true) };
      case 'validate': {
        const valLoss = trainer.validationLoss();
        return { type: 'validated', iteration: trainer.iteration, valLoss, valBitsPerChar: valLoss / Math.LN2 };
      }
      case 'sampling': {
        const before = this.#samples.settings;
        this.#samples.configure(m.settings ?? {});
        try {
          this.#drawSample(trainer);  // now, and every few seconds while training
        } catch (error) {
          this.#samples.settings = before;  // a prime outside the vocabulary: the previous settings stay
          throw error;
        }
        this.#sampling = true;
        return { type: 'sampling', settings: { ...this.#samples.settings } };
      }
      case 'classify': {
        if (typeof m.text === 'string')
          return { type: 'classified', text: m.text, iteration: trainer.iteration, probabilities: trainer.classify(m.text) };
        if (!(m.pixels instanceof Float32Array) || m.pixels.length !== DIGIT_SIDE * DIGIT_SIDE)
          throw new RnnlabError(`classify: expected text (the classify task) or pixels, a Float32Array of ${DIGIT_SIDE * DIGIT_SIDE} values in [0, 1] (28 x 28; the digits task), got ${describeValue(m.pixels)}`, 'pixels');
        return { type: 'classified', ...trainer.classify(m.pixels) };
      }
      case 'parameters':
        return { type: 'parameters', parameters: trainer.parameters() };
      case 'inspect':
        return inspectReply(trainer, m);
      case 'save':
        return { type: 'saved', json: trainer.saveStateDict(), config: trainer.config() };
      case 'load': {
        this.#stopRunning();
        if (typeof m.json !== 'string') throw new Error(`load: json must be a string, got ${typeof m.json}`);
        const config = trainer.loadStateDict(m.json);
        this.#message = '';
        this.#lastGradNorm = NaN;  // the loaded weights have not had a step
        this.#sampling = false;    // as after configure: the page's view asks for samples of this model
        this.#samples.stop();
        trainer.inspect();  // the loaded network's prediction and trace at once
        this.#weightCount = -1;
        this.#weights = this.#copyWeights(trainer);
        return { type: 'loaded', config, snapshot: this.#payload(true) };
      }
      default:
        throw new Error(`worker: unhandled request ${type}`);
    }
  }

  // One chunk of training: about CHUNK_MILLISECONDS of steps, then a snapshot if one is due, then yield.
  /** @param {number} run */
  #chunk(run) {
    const trainer = this.#trainer;
    if (!this.#running || run !== this.#run || !trainer) return;
    try {
      const n = Math.max(1, Math.min(this.#remaining,
        this.#msPerIteration > 0 ? Math.round(CHUNK_MILLISECONDS / this.#msPerIteration) : 1, 100000));
      const start = this.#now();
      this.#maybeTrap();
      // A snapshot due after this chunk carries the weights its trace ran with: its last step runs on its own.
      const due = n >= this.#remaining || start + CHUNK_MILLISECONDS - this.#lastSnapshotAt >= this.#snapshotInterval;
      const { result, steps } = due ? this.#stepKeepingWeights(trainer, n) : this.#stepOnly(trainer, n);
      const end = this.#now();
      if (steps > 0) {
        const perIteration = (end - start) / steps;
        this.#msPerIteration = this.#msPerIteration > 0 ? 0.5 * this.#msPerIteration + 0.5 * perIteration : perIteration;
      }
      this.#remaining -= steps;
      this.#rateSamples.push({ t: end, iteration: result.iteration });
      while (this.#rateSamples.length > 2 && end - this.#rateSamples[1].t > RATE_WINDOW_MILLISECONDS) this.#rateSamples.shift();
      const reason = result.stopped ? 'stopped' : this.#remaining <= 0 ? 'done' : null;
      if (reason) {
        this.#sendSnapshot();
        this.#running = false;
        this.#send({ type: 'paused', replyTo: null, iteration: result.iteration, reason, message: this.#message });
        this.#sampleAfterRun();
        return;
      }
      if (due || end - this.#lastSnapshotAt >= this.#snapshotInterval) this.#sendSnapshot();
      if (this.#sampling && this.#samples.due(end)) this.#drawSample(trainer);
      else if (this.#samples.sending) this.#sendPiece();  // a step longer than PIECE_INTERVAL_MS: catch up now
    } catch (error) {
      this.#running = false;
      this.#sendError(null, 'internal', error);
      return;
    }
    this.#schedule(run);
  }

  /**
   * The module that trains `task`: the current one, or the one being switched to, or a fresh instance of the
   * task's family's module, which replaces the one being switched to.
   * @param {string} task  a task name or alias of the schema
   * @returns {Promise<Rnnlab>}
   */
  async #moduleFor(task) {
    const name = taskOfName(task);
    const module = name && moduleOfTask(name);
    if (!name || !module) throw new RnnlabError(`task: got ${JSON.stringify(task)}, which no module trains`, 'task');
    for (const rnnlab of [this.#rnnlab, this.#switchingTo]) if (rnnlab && rnnlab.tasks.includes(name)) return rnnlab;
    this.#switchingTo = null;  // at most one module besides the trainer's
    const rnnlab = await this.#load(moduleUrls(this.#moduleBase, module));
    if (!this.#rnnlab) return rnnlab;  // init: the first module
    this.#switchingTo = rnnlab;
    return rnnlab;
  }

  /**
   * Fetches (a bundled corpus, by URL) or decodes (a user's text, its bytes transferred) a corpus and checks it
   * as the text task will, in the text task's module; holds it for the next configure. Training goes on meanwhile.
   * @param {any} m
   */
  async #loadCorpus(m) {
    const name = m.name;
    if (typeof name !== 'string' || name === '') throw new RnnlabError('corpus: name must be a non-empty string', 'corpus');
    const url = typeof m.url === 'string' ? m.url : '';
    if (url && this.#trainerCorpus?.url === url) {
      this.#pendingCorpus = null;  // the trainer has it already
      return { type: 'corpus', ...this.#trainerCorpus };
    }
    /** @type {ArrayBuffer} */
    let bytes;
    if (url) {
      let response;
      try {
        response = await this.#fetch(url);
      } catch (error) {
        throw new RnnlabError(`corpus: could not fetch ${name} (${error instanceof Error ? error.message : String(error)})`, 'corpus');
      }
      if (!response.ok) throw new RnnlabError(`corpus: could not fetch ${name} (HTTP ${response.status})`, 'corpus');
      bytes = await response.arrayBuffer();
    } else if (m.bytes instanceof ArrayBuffer) {
      bytes = m.bytes;
    } else {
      throw new RnnlabError('corpus: expected url (a bundled corpus) or bytes (an ArrayBuffer of UTF-8 text)', 'corpus');
    }
    const text = decodeCorpus(bytes);
    const seqLen = Number.isInteger(m.seqLen) ? m.seqLen : 1;
    const { characters, symbols } = (await this.#moduleFor('text')).checkCorpus(text, seqLen);
    const info = { name, url, characters, symbols, bytes: bytes.byteLength };
    this.#pendingCorpus = { info, text };  // replaces one loaded and never used: one copy at most
    return { type: 'corpus', ...info };
  }

  /**
   * Fetches and decodes a labelled image set (two gzip'd IDX files) for the digits task and holds it for the
   * configures that follow; a set already held is not fetched again. Training goes on meanwhile; on error the set
   * held before stays. Replies with its size and a copy of its held-out images.
   * @param {any} m
   */
  async #loadDigits(m) {
    const name = m.name;
    if (typeof name !== 'string' || name === '') throw new RnnlabError('digits: name must be a non-empty string (the data key: mnist, fashion)', 'data');
    const imagesUrl = m.imagesUrl, labelsUrl = m.labelsUrl;
    if (typeof imagesUrl !== 'string' || typeof labelsUrl !== 'string' || !imagesUrl || !labelsUrl)
      throw new RnnlabError('digits: imagesUrl and labelsUrl must name the two gzip\'d IDX files', 'data');
    const held = this.#digits;
    if (!(held && held.info.name === name && held.info.imagesUrl === imagesUrl && held.info.labelsUrl === labelsUrl)) {
      const file = (/** @type {string} */ url) => url.slice(url.lastIndexOf('/') + 1);
      const [imagesGz, labelsGz] = await Promise.all([imagesUrl, labelsUrl].map((url) => this.#fetchBytes(url, name)));
      const set = await digitsFromGzip(imagesGz, labelsGz, { images: file(imagesUrl), labels: file(labelsUrl), set: name });
      if (set.count < 10) throw new RnnlabError(`${name}: ${set.count} images, the digits task needs at least 10`, 'data');
      const info = { name, imagesUrl, labelsUrl, count: set.count, trainSize: trainSizeOf(set.count),
        bytes: imagesGz.byteLength + labelsGz.byteLength };
      this.#digits = { info, pixels: set.pixels, labels: set.labels };  // replaces the set held before: one at most
      if (this.#trainerDigits === name) this.#trainerDigits = '';  // the same name from new files: hand them over
    }
    const digits = this.#digits;
    if (!digits) throw new Error('digits: none held');  // set just above
    const { info, pixels, labels } = digits;
    const pixelsPerImage = DIGIT_SIDE * DIGIT_SIDE;
    /** @type {HeldOutImages} */
    const heldOut = { pixels: pixels.slice(info.trainSize * pixelsPerImage), labels: labels.slice(info.trainSize), start: info.trainSize };
    return { type: 'digits', ...info, heldOut };
  }

  /** @param {string} url @param {string} name  for messages @returns {Promise<ArrayBuffer>} */
  async #fetchBytes(url, name) {
    let response;
    try {
      response = await this.#fetch(url);
    } catch (error) {
      throw new RnnlabError(`${name}: could not fetch ${url} (${error instanceof Error ? error.message : String(error)})`, 'data');
    }
    if (!response.ok) throw new RnnlabError(`${name}: could not fetch ${url} (HTTP ${response.status})`, 'data');
    return response.arrayBuffer();
  }

  /**
   * The digits task's images for configure: none when the trainer holds the set the config names (its `data`),
   * else the set held here if it is that one. Another set would train under the wrong class names: refused.
   * @param {Partial<Config>} config
   * @returns {{digits?: {images: Uint8Array, labels: Uint8Array}}}
   */
  #digitsFor(config) {
    if (config.task !== 'digits') return {};
    const name = config.data ?? 'mnist';
    if (this.#trainerDigits === name) return {};
    const held = this.#digits;
    if (!held || held.info.name !== name)
      throw new RnnlabError(`data: the ${name} images are not loaded (the page sends a digits request for them before configure)`, 'data');
    return { digits: { images: held.pixels, labels: held.labels } };
  }

  /**
   * What configure gives the trainer besides the config: the corpus loaded for it, if the config asks for that
   * one; else nothing, and the trainer keeps its own (or the C++ task says none was given).
   * @param {Partial<Config>} config
   * @returns {{corpus?: string}}
   */
  #corpusFor(config) {
    const pending = this.#pendingCorpus;
    if (config.task !== 'text' || !pending) return {};
    if (config.corpus !== undefined && config.corpus !== pending.info.name) return {};
    return { corpus: pending.text };
  }

  /** Draws the next sample now and starts sending it, a few characters at a time. @param {Trainer} trainer */
  #drawSample(trainer) {
    const text = trainer.sample(this.#samples.options());
    this.#samples.begin(text, this.#now());
    this.#sendPiece();
  }

  // The model a run ends with gets a sample of its own (a short run may end before the next one was due), drawn
  // after the pause is answered.
  #sampleAfterRun() {
    if (!this.#sampling) return;
    setTimeout(() => {
      const trainer = this.#trainer;
      if (!this.#sampling || this.#running || !trainer || this.#fatal) return;
      try {
        this.#drawSample(trainer);
      } catch (error) {
        this.#sendError(null, 'sampling', error);
      }
    }, 0);
  }

  // One piece of the current sample; the next one after PIECE_INTERVAL_MS (a timer, so it interleaves with the
  // training chunks and runs when training does not).
  #sendPiece() {
    clearTimeout(this.#pieceTimer);
    const piece = this.#samples.next(this.#now());
    if (!piece) return;
    /** @type {{type: 'sample', replyTo: null, lineShare?: number} & import('./sample-stream.js').SamplePiece} */
    const message = { type: 'sample', replyTo: null, ...piece };
    if (piece.done && this.#samples.settings.poemLines && this.#rnnlab)
      message.lineShare = this.#rnnlab.fiveCharacterLineShare(this.#samples.text);
    this.#post(message, []);
    if (!piece.done) this.#pieceTimer = /** @type {any} */ (setTimeout(() => this.#sendPiece(), PIECE_INTERVAL_MS));
  }

  #maybeTrap() {
    if (!this.#trapNextStep) return;
    this.#trapNextStep = false;
    trap();
  }

  /**
   * n steps; the weights the last one runs with are kept for the next snapshot (#copyWeights).
   * @param {Trainer} trainer @param {number} n
   * @returns {{result: import('../api/rnnlab.js').StepResult, steps: number}}
   */
  #stepKeepingWeights(trainer, n) {
    const head = n > 1 ? this.#stepOnly(trainer, n - 1) : null;
    if (head?.result.stopped) return head;
    this.#weights = this.#copyWeights(trainer);
    const last = this.#stepOnly(trainer, 1);
    return { result: last.result, steps: (head?.steps ?? 0) + last.steps };
  }

  /** @param {Trainer} trainer @param {number} n */
  #stepOnly(trainer, n) {
    const result = trainer.step(n);
    this.#record(result);
    return { result, steps: result.steps };
  }

  /**
   * The model's weights (values only), or null for a model of more than WEIGHTS_IN_SNAPSHOTS_LIMIT numbers.
   * @param {Trainer} trainer
   * @returns {import('./protocol.js').WeightCopy[] | null}
   */
  #copyWeights(trainer) {
    if (this.#weightCount > WEIGHTS_IN_SNAPSHOTS_LIMIT) return null;
    const weights = trainer.parameters().map(({ name, shape, value }) => ({ name, shape, value }));
    this.#weightCount = weights.reduce((sum, w) => sum + w.value.length, 0);
    this.#weightsAfter = trainer.iteration;
    return this.#weightCount > WEIGHTS_IN_SNAPSHOTS_LIMIT ? null : weights;
  }

  /** @param {import('../api/rnnlab.js').StepResult} result */
  #record(result) {
    if (result.steps > 0) {
      if (this.#pendingLosses.length === 0) this.#firstPendingIteration = result.iteration - result.steps + 1;
      this.#pendingLosses.push(result.losses);
      this.#lastLoss = result.loss;
      this.#lastGradNorm = result.gradNorm;
    }
    if (result.stopped) this.#message = result.message;
  }

  #sendSnapshot() {
    this.#send({ type: 'snapshot', replyTo: null, ...this.#payload(this.#traceInSnapshots) });
  }

  /**
   * @param {boolean} withTrace
   * @returns {SnapshotPayload}
   */
  #payload(withTrace) {
    const trainer = /** @type {Trainer} */ (this.#trainer);
    const count = this.#pendingLosses.reduce((sum, l) => sum + l.length, 0);
    const losses = new Float32Array(count);
    let offset = 0;
    for (const l of this.#pendingLosses) { losses.set(l, offset); offset += l.length; }
    const firstIteration = count > 0 ? this.#firstPendingIteration : trainer.iteration + 1;
    this.#pendingLosses = [];
    this.#lastSnapshotAt = this.#now();
    const trace = withTrace ? trainer.trace({ firstSequence: true }) : null;  // the views draw sequence 0 of a batch
    // The weights kept for this trace, if it is the one they ran (a later step would have replaced the trace).
    const weights = trace && this.#weights && this.#weightsAfter === trace.weightsAfter ? this.#weights : null;
    this.#weights = null;
    return {
      iteration: trainer.iteration,
      loss: this.#lastLoss,
      gradNorm: this.#lastGradNorm,
      losses,
      firstIteration,
      iterationsPerSecond: this.#running ? this.#rate() : 0,
      running: this.#running,
      stopped: trainer.stopped,
      message: this.#message,
      prediction: trainer.predict(),
      trace,
      weights,
    };
  }

  #rate() {
    const s = this.#rateSamples;
    if (s.length < 2) return 0;
    const first = s[0], last = s[s.length - 1];
    return last.t > first.t ? (1000 * (last.iteration - first.iteration)) / (last.t - first.t) : 0;
  }

  #stopRunning() {
    this.#running = false;
    this.#rateSamples = [];
  }

  #resetCounters() {
    this.#weightCount = -1;    // a new model
    this.#weights = null;
    this.#sampling = false;    // a new model: its page view asks again (its prime may not fit the vocabulary)
    this.#samples.stop();
    this.#pendingLosses = [];
    this.#lastLoss = NaN;
    this.#lastGradNorm = NaN;
    this.#message = '';
    this.#msPerIteration = 0;
  }

  /** @param {object} message */
  #send(message) {
    this.#post(message, [...transferables(message)]);
  }

  /**
   * @param {number | null} replyTo
   * @param {string} request
   * @param {unknown} error
   */
  #sendError(replyTo, request, error) {
    const e = /** @type {{message?: string, key?: string, fatal?: boolean}} */ (error ?? {});
    /** @type {{type: 'error', replyTo: number | null, request: string, message: string, key?: string, fatal?: boolean}} */
    const message = { type: 'error', replyTo, request, message: typeof e.message === 'string' ? e.message : String(error) };
    if (typeof e.key === 'string') message.key = e.key;
    // A module that failed to load (init) broke nothing: there is no module; the page reports it as a start failure.
    if (request !== 'init' && (e.fatal === true || isFatal(error))) {
      // The module is broken: say so now and to every later request; the page restarts the worker.
      const named = e.fatal !== true && error instanceof Error && error.name !== 'Error' && !message.message.startsWith(error.name);
      const what = named ? `${/** @type {Error} */ (error).name}: ${message.message}` : message.message;
      this.#fatal = what;
      this.#running = false;
      message.message = what;
      message.fatal = true;
    }
    this.#post(message, []);
  }
}

/** @param {unknown} value */
function describeValue(value) {
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of ${/** @type {{length?: number}} */ (value).length ?? value.byteLength}`;
  return value === null ? 'null' : Array.isArray(value) ? `an array of ${value.length}` : typeof value;
}

/**
 * @param {string} name
 * @param {unknown} value
 * @returns {number}
 */
function positiveInteger(name, value) {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 1e9)
    throw new Error(`${name}: expected an integer from 1 to 1000000000, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * The `inspect` request's answer: what it asked for, each computed on the current weights between training
 * chunks (the Trainer shares one evaluation pass among them). Bad input throws the API's RnnlabError.
 * @param {import('../api/rnnlab.js').Trainer} trainer
 * @param {any} m
 * @returns {import('./protocol.js').Inspection & {type: 'inspected'}}
 */
function inspectReply(trainer, m) {
  // Neither text nor values: the task's own (the text task's validation part, seq's input, a held-out sequence of
  // remember, tag or classify; sine's wave).
  /** @type {string | Float32Array} */
  let input;
  const digit = m.pixels !== undefined;
  if (digit) {
    if (!(m.pixels instanceof Float32Array) || m.pixels.length !== 784) throw new Error('inspect: pixels must be a Float32Array of 784 values (28 x 28)');
    input = Float32Array.from(m.pixels);
  } else if (m.values !== undefined) {
    if (!Array.isArray(m.values) && !(m.values instanceof Float32Array)) throw new Error(`inspect: values must be an array of numbers, got ${typeof m.values}`);
    input = Float32Array.from(m.values);
  } else if (m.text !== undefined) {
    if (typeof m.text !== 'string') throw new Error(`inspect: text must be a string, got ${typeof m.text}`);
    input = m.text;
  } else {
    const own = trainer.inspectionText();
    input = own !== '' ? own : trainer.inspectionValues();
  }
  if (input.length === 0) throw new Error('inspect: the task has no text of its own; send one');
  const text = typeof input === 'string' ? input : '';
  /** @type {import('./protocol.js').Inspection & {type: 'inspected'}} */
  const reply = { type: 'inspected', iteration: trainer.iteration, text };
  if (typeof input !== 'string') {
    if (digit) reply.pixels = input;
    else reply.values = input;
  }
  if (digit && ['mlp', 'cnn'].includes(String(trainer.config().model))) {
    // The image read whole: no steps, units or gates; only the pixels' saliency of the answer (or the class asked).
    const norms = trainer.saliency(input, 28, m.class !== undefined ? m.class : -1);
    reply.saliency = { position: 28, target: norms.target, norms, ...(norms.pixels ? { pixels: norms.pixels } : {}) };
    return reply;
  }
  if (m.activations) reply.activations = trainer.activations(input);
  // Next-character guesses and the text's features are of characters; a model of values has neither. The guesses:
  // as many as asked, or every class of a smaller vocabulary (hello's has 4). A digit: its classes after each row.
  if (m.topk !== undefined && (typeof input === 'string' || digit)) {
    const classes = (reply.activations ?? trainer.activations(input)).outputs;
    reply.topk = trainer.topk(input, Math.min(m.topk, classes));
  }
  if (m.saliency !== undefined) {
    const norms = trainer.saliency(input, m.saliency, digit && m.class !== undefined ? m.class : -1);
    reply.saliency = { position: m.saliency, target: norms.target, norms };
    if (norms.pixels) reply.saliency.pixels = norms.pixels;
  }
  if (digit && (m.ranking || m.saturation)) {
    // The rows' features are of a set of digits, not of one: the first 200 held-out ones, one pass for both.
    const units = trainer.digitUnits();
    reply.rankedImages = units.images;
    if (m.ranking) reply.ranking = units.ranking;
    if (m.saturation) reply.saturation = units.saturation;
    return reply;
  }
  if (m.ranking && typeof input === 'string') reply.ranking = trainer.unitRanking(input);
  if (m.saturation) reply.saturation = trainer.gateSaturation(input);
  return reply;
}
