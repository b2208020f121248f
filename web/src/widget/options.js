// What an <rnn-playground> element's attributes mean. The model and run keys are the page's URL-hash keys
// (state/hash-state.js), so an attribute set reads exactly like a link: <rnn-playground task="sine" cell="lstm">
// is the page at #task=sine&cell=lstm, parsed and checked by the same code. Two more attributes choose what
// shows: `views` (panels) and `controls` (buttons, readouts, the settings form).
import { CONFIG_KEYS } from '../api/rnnlab.js';

/** The URL-hash keys, each with its HTML attribute name (attributes are case-insensitive: weightDecay -> weightdecay). */
// `epochs` once: the digits task's config key of that name is the run's length (state/hash-state.js).
export const STATE_KEYS = Object.freeze([...new Set([...CONFIG_KEYS.map((k) => k.key), 'epochs', 'speed'])]
  .map((key) => Object.freeze({ key, attribute: key.toLowerCase() })));

/**
 * Panels a widget can show, in the order they are laid out. `prediction` is the predicted text or the sine plot;
 * `inside` is what the units track and what each prediction looked at (views/inside-network.js), computed by the
 * worker when the reader presses its button.
 */
export const VIEWS = Object.freeze(['prediction', 'loss', 'cells', 'gradients', 'equation', 'inside', 'log']);
export const DEFAULT_VIEWS = Object.freeze(['prediction', 'loss', 'cells']);

/**
 * Controls: the run bar's buttons and readouts, the settings form, save/load of the model file, and the replay
 * scrubber (views/replay-bar.js: the prediction, cells, gradients and equation shown go back to a kept iteration).
 */
export const CONTROLS = Object.freeze(['train', 'step', 'reset', 'readouts', 'settings', 'file', 'replay']);
export const DEFAULT_CONTROLS = Object.freeze(['train', 'step', 'reset', 'readouts']);

/**
 * The hash-state string of an element's state attributes (absent ones left out): 'task=sine&cell=lstm'.
 * @param {(attribute: string) => string | null} getAttribute
 */
export function stateHash(getAttribute) {
  /** @type {string[]} */
  const parts = [];
  for (const { key, attribute } of STATE_KEYS) {
    const value = getAttribute(attribute);
    if (value !== null) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  }
  return parts.join('&');
}

/**
 * A space- or comma-separated list attribute (`views`, `controls`), checked against the names it may hold.
 * Absent: the defaults; 'none' or '': nothing. An unknown name is reported, the others still apply.
 * @param {string} attribute  its name, for the message
 * @param {string | null} value
 * @param {readonly string[]} allowed
 * @param {readonly string[]} defaults
 * @returns {{names: string[], errors: string[]}}
 */
export function parseList(attribute, value, allowed, defaults) {
  if (value === null || value === undefined) return { names: [...defaults], errors: [] };
  const words = value.split(/[\s,]+/).filter((w) => w !== '' && w !== 'none');
  /** @type {string[]} */
  const names = [];
  const errors = [];
  for (const word of words) {
    const name = word.toLowerCase();
    if (allowed.includes(name)) {
      if (!names.includes(name)) names.push(name);
    } else {
      errors.push(`${attribute}: got "${word.slice(0, 40)}", expected some of ${allowed.join(', ')} (or none)`);
    }
  }
  return { names, errors };
}
