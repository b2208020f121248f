// Keyboard shortcuts: Space = train / pause, S = step, R = reset. Typing in a text box, a number box or a
// select never triggers them, nor does a key with Ctrl, Alt or Meta; Space on a focused button keeps its
// usual meaning (it presses that button). A radio button is the exception: after a click on a segment (RNN /
// LSTM / GRU) the radio keeps the focus, and Space on a checked radio would do nothing a person wants, so
// Space there trains / pauses (the arrow keys still move between the segments).
export const SHORTCUTS = [
  { key: ' ', label: 'Space', action: 'toggle', doc: 'train / pause' },
  { key: 's', label: 'S', action: 'step', doc: 'one step' },
  { key: 'r', label: 'R', action: 'reset', doc: 'reset' },
];

/** @param {EventTarget | null} target  where the key was pressed */
function typingInto(target) {
  if (!(target instanceof Element)) return false;
  if (/** @type {HTMLElement} */ (target).isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !['checkbox', 'radio', 'button', 'submit', 'range', 'file'].includes(/** @type {HTMLInputElement} */ (target).type);
  return false;
}

/**
 * Binds the shortcuts on `target` (a document or a shadow root's host); returns a function that unbinds them.
 * @param {Document | HTMLElement} target
 * @param {(action: string) => void} run  gets the shortcut's action: 'toggle', 'step' or 'reset'
 * @returns {() => void}
 */
export function bindShortcuts(target, run) {
  /** @param {Event} e */
  const onKey = (e) => {
    const event = /** @type {KeyboardEvent} */ (e);
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || event.repeat) return;
    const origin = event.composedPath?.()[0] ?? event.target;
    if (typingInto(origin)) return;
    const shortcut = SHORTCUTS.find((s) => s.key === event.key.toLowerCase());
    if (!shortcut) return;
    const radio = origin instanceof HTMLInputElement && origin.type === 'radio';
    if (shortcut.key === ' ' && !radio && origin instanceof Element && origin.closest('button, summary, a, label, input, select, [role=button]')) return;
    event.preventDefault();
    run(shortcut.action);
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
