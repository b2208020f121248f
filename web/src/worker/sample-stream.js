// The live sample of the text task, on the worker's side: how it is asked for (prime, temperature, top-k,
// length), when the next one is due (every SAMPLE_INTERVAL_MS while training), and the one sample being sent,
// a few characters at a time, so that it appears on the page as if typed. Only the current sample is kept: a
// new one replaces it, so a page that trains for a day holds one sample, never a history.
//
//   const stream = new SampleStream();
//   stream.configure({prime: 'ROMEO:', temperature: 0.8});  // checked here; the prime against the vocabulary by C++
//   if (stream.due(now)) stream.begin(trainer.sample(stream.options()), now);
//   const piece = stream.next(now);   // {sample, seed, offset, text, done} or null when all was sent

/** A new sample this often while training. */
export const SAMPLE_INTERVAL_MS = 3000;
/** Characters per message, and the pause between messages: about 100 characters a second on the page. When the
 * worker could not send for longer (a training step of half a second), the next piece catches up: it holds every
 * character due by then, so a sample takes the same time to appear however slow the steps are. */
export const CHARACTERS_PER_PIECE = 4;
export const PIECE_INTERVAL_MS = 40;
/** The longest sample one request may ask for (one call of the C++ sampler; see docs/js-api.md for its cost). */
export const MAX_SAMPLE_LENGTH = 2000;

/**
 * What a sample is drawn with. `prime`, `temperature` and `topK` are the JS API's sample() options; `poemLines`
 * asks for the share of 五字，五字。 lines of each finished sample (the Tang poem corpora).
 * @typedef {{prime: string, temperature: number, topK: number, length: number, poemLines: boolean}} SampleSettings
 */

/** @type {Readonly<SampleSettings>} */
export const DEFAULT_SAMPLE_SETTINGS = Object.freeze({ prime: '', temperature: 0.8, topK: 0, length: 300, poemLines: false });

/**
 * One piece of the current sample, as the worker posts it.
 * @typedef {{sample: number, seed: number, offset: number, text: string, done: boolean}} SamplePiece
 *   sample: which sample (1, 2, ... since the worker started); offset: code points before `text`; done: the last
 */

/**
 * The settings with `changes` on top, each checked (the prime's characters are checked by the sampler itself).
 * @param {SampleSettings} current
 * @param {Record<string, unknown>} changes
 * @returns {SampleSettings}
 */
export function sampleSettings(current, changes) {
  const next = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (key === 'prime') {
      if (typeof value !== 'string') throw new Error(`prime: expected a string, got ${typeof value}`);
      next.prime = value;
    } else if (key === 'temperature') {
      if (typeof value !== 'number' || !(value > 0 && value <= 2))
        throw new Error(`temperature: got ${String(value)}, expected a number in (0, 2]`);
      next.temperature = value;
    } else if (key === 'topK' || key === 'length') {
      const [min, max] = key === 'topK' ? [0, 8192] : [1, MAX_SAMPLE_LENGTH];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
        throw new Error(`${key}: got ${String(value)}, expected an integer from ${min} to ${max}`);
      next[key] = value;
    } else if (key === 'poemLines') {
      next.poemLines = Boolean(value);
    } else {
      throw new Error(`sampling: unknown setting ${JSON.stringify(key)}; expected prime, temperature, topK, length or poemLines`);
    }
  }
  return next;
}

export class SampleStream {
  /** @type {SampleSettings} */
  settings = { ...DEFAULT_SAMPLE_SETTINGS };
  /** @type {string[]} the current sample's code points */
  #characters = [];
  #sent = 0;
  #number = 0;
  #seed = 0;
  #nextAt = -Infinity;
  #beganAt = 0;

  /** @param {Record<string, unknown>} changes  checked; on error nothing changes */
  configure(changes) {
    this.settings = sampleSettings(this.settings, changes);
  }

  /** The JS API's sample() options for the next sample: its seed is the sample's number. */
  options() {
    const { prime, temperature, topK, length } = this.settings;
    return { prime, temperature, topK, length, seed: this.#number + 1 };
  }

  /** Whether a new sample is due at `now` (training: every SAMPLE_INTERVAL_MS, once the last was sent). */
  due(/** @type {number} */ now) {
    return now >= this.#nextAt && this.#sent >= this.#characters.length;
  }

  /**
   * Starts sending `text` (drawn with options()), replacing whatever was left of the previous sample.
   * @param {string} text
   * @param {number} now
   */
  begin(text, now) {
    this.#number += 1;
    this.#seed = this.#number;
    this.#characters = Array.from(text);
    this.#sent = 0;
    this.#beganAt = now;
    this.#nextAt = now + SAMPLE_INTERVAL_MS;
  }

  /** Drops the current sample (a new model: its text no longer belongs to what is shown). */
  stop() {
    this.#characters = [];
    this.#sent = 0;
    this.#nextAt = -Infinity;
  }

  /** @returns {boolean} characters of the current sample are still to be sent */
  get sending() {
    return this.#sent < this.#characters.length;
  }

  /** The current sample's text (for the poem-line share once it is done). */
  get text() {
    return this.#characters.join('');
  }

  /**
   * The next piece: CHARACTERS_PER_PIECE characters, or all those due at `now` if more (the pace is
   * CHARACTERS_PER_PIECE every PIECE_INTERVAL_MS since the sample began).
   * @param {number} [now]
   * @returns {SamplePiece | null} null when the sample was all sent
   */
  next(now = -Infinity) {
    if (!this.sending) return null;
    const offset = this.#sent;
    const due = Math.floor((now - this.#beganAt) / PIECE_INTERVAL_MS) * CHARACTERS_PER_PIECE;
    this.#sent = Math.min(this.#characters.length, Math.max(offset + CHARACTERS_PER_PIECE, due));
    return {
      sample: this.#number, seed: this.#seed, offset,
      text: this.#characters.slice(offset, this.#sent).join(''), done: this.#sent >= this.#characters.length,
    };
  }
}
