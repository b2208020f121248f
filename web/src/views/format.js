// Formatting shared by the views: numbers with a fixed look and characters made visible. No DOM here.

const VISIBLE = new Map([
  [' ', '␣'], ['\n', '↵'], ['\r', '␍'], ['\t', '⇥'], ['\u00a0', '⍽'], ['\f', '␌'], ['\v', '␋'],
]);

/** One character as it should be shown: whitespace and control characters get a visible stand-in. */
export function visibleChar(ch) {
  if (VISIBLE.has(ch)) return VISIBLE.get(ch);
  const code = ch.codePointAt(0);
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  return ch;
}

/** A string split into code points (the positions the model sees), each made visible. */
export function visibleChars(text) {
  return Array.from(text, visibleChar);
}

/** A number with a real minus sign and `digits` decimals; tiny values keep their sign visible. */
export function fixed(value, digits = 2) {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '−∞';
  const text = Math.abs(value).toFixed(digits);
  const isZero = Number(text) === 0;
  return (value < 0 && !isZero ? '−' : '') + text;
}

/** A loss or gradient: 4 significant digits, exponent form when small or large. */
export function compact(value) {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '—' : value > 0 ? '∞' : '−∞';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e5)) {
    return value.toExponential(2).replace('-', '−').replace('e+', 'e');
  }
  return value.toPrecision(4).replace('-', '−');
}

/** Iterations per second as a short readout ("1.2k/s"). */
export function rate(perSecond) {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '–';
  if (perSecond >= 1000) return `${(perSecond / 1000).toFixed(1)}k/s`;
  return `${perSecond.toFixed(perSecond < 10 ? 1 : 0)}/s`;
}
