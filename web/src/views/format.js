// Formatting shared by the views: numbers with a fixed look and characters made visible. No DOM here.

const VISIBLE = new Map([
  [' ', '␣'], ['\n', '↵'], ['\r', '␍'], ['\t', '⇥'], ['\u00a0', '⍽'], ['\f', '␌'], ['\v', '␋'],
]);

// Invisible characters a typed text may hold (the model sees each code point on its own): zero-width joiners,
// direction marks and overrides (which would otherwise reorder the text around them), variation selectors.
const NAMED = new Map([
  ['\u200b', 'ZWSP'], ['\u200c', 'ZWNJ'], ['\u200d', 'ZWJ'], ['\u200e', 'LRM'], ['\u200f', 'RLM'],
  ['\u202a', 'LRE'], ['\u202b', 'RLE'], ['\u202c', 'PDF'], ['\u202d', 'LRO'], ['\u202e', 'RLO'],
  ['\u2066', 'LRI'], ['\u2067', 'RLI'], ['\u2068', 'FSI'], ['\u2069', 'PDI'], ['\ufeff', 'BOM'],
  ['\ufe0e', 'VS15'], ['\ufe0f', 'VS16'],
]);

/**
 * One character as it should be shown: whitespace and control characters get a visible stand-in, invisible
 * format characters their short name (ZWJ, RLO, ...), a combining mark sits on a dotted circle (◌́).
 * @param {string} ch  one code point
 * @returns {string}
 */
export function visibleChar(ch) {
  const stand = VISIBLE.get(ch) ?? NAMED.get(ch);
  if (stand !== undefined) return stand;
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (/^\p{Cf}$/u.test(ch)) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (/^\p{M}$/u.test(ch)) return `\u25cc${ch}`;
  return ch;
}

/**
 * A string split into code points (the positions the model sees), each made visible.
 * @param {string} text
 * @returns {string[]}
 */
export function visibleChars(text) {
  return Array.from(text, visibleChar);
}

/**
 * A number with a real minus sign and `digits` decimals; tiny values keep their sign visible.
 * @param {number} value
 * @returns {string}
 */
export function fixed(value, digits = 2) {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '−∞';
  const text = Math.abs(value).toFixed(digits);
  const isZero = Number(text) === 0;
  return (value < 0 && !isZero ? '−' : '') + text;
}

/**
 * A loss or gradient: 4 significant digits, exponent form when small or large.
 * @param {number} value
 * @returns {string}
 */
export function compact(value) {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '—' : value > 0 ? '∞' : '−∞';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e5)) {
    return value.toExponential(2).replace('-', '−').replace('e+', 'e');
  }
  return value.toPrecision(4).replace('-', '−');
}

/**
 * Iterations per second as a short readout ("1.2k/s").
 * @param {number} perSecond
 * @returns {string}
 */
export function rate(perSecond) {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '–';
  if (perSecond >= 1000) return `${(perSecond / 1000).toFixed(1)}k/s`;
  return `${perSecond.toFixed(perSecond < 10 ? 1 : 0)}/s`;
}
