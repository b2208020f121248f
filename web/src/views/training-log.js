// TrainingLog: a line per snapshot in the seed program's own words,
//   Predicted string: ohlol, Epoch [15/15] loss=1.2345
// and for the sine task
//   Iteration [600/6000] loss=0.012345
// A run without a set length (Step, or Train on a task without epochs) has no total to print: "Iteration [600]".
// Keeps the last MAX_LINES lines. The scroller is a column-reverse flex box, so it stays at the newest line by
// itself: drawing never reads the layout (a read after other views' writes would force a layout every frame).
import { FrameScheduler } from './frame.js';
import { visibleChars } from './format.js';
import { el } from './dom.js';
import { translatorFor } from '../i18n/i18n.js';

const MAX_LINES = 400;

export class TrainingLog {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    /** @type {(string | {note: string})[]} lines not drawn yet: a snapshot's line, or a note */
    this.pending = [];
    this.lastIteration = -1;
    root.classList.add('rl-log');
    root.replaceChildren();
    this.list = el('ol', 'rl-log-lines');
    this.list.setAttribute('aria-label', translatorFor(root)('log.label'));
    root.append(this.list);
    this.frame = new FrameScheduler(() => this.draw());
  }

  /**
   * @param {{iteration: number, loss: number, prediction?: import('../api/rnnlab.js').Prediction}} snapshot
   * @param {number} runEnd the iteration the current run stops at (the "15" of "Epoch [3/15]"); 0 = open-ended
   */
  update(snapshot, runEnd = 0) {
    if (!snapshot || !(snapshot.iteration > 0) || snapshot.iteration === this.lastIteration) return;
    this.lastIteration = snapshot.iteration;
    const count = runEnd > 0 ? `${snapshot.iteration}/${runEnd}` : `${snapshot.iteration}`;
    const p = snapshot.prediction;
    const loss = Number.isFinite(snapshot.loss) ? snapshot.loss : NaN;
    let line;
    if (p?.task === 'seq') {
      line = `Predicted string: ${visibleChars(p.predicted).join('')}, Epoch [${count}] loss=${loss.toFixed(4)}`;
    } else {
      line = `Iteration [${count}] loss=${loss.toFixed(6)}`;
    }
    // A task that measures a validation loss (text) logs the newest beside the training loss.
    const valLoss = p && 'valLoss' in p ? p.valLoss : NaN;
    if (Number.isFinite(valLoss)) line += ` val=${valLoss.toFixed(4)}`;
    this.pending.push(line);
    if (this.pending.length > MAX_LINES) this.pending.splice(0, this.pending.length - MAX_LINES);
    this.frame.request();
  }

  /** A line of its own (e.g. why training stopped). @param {string} text */
  note(text) {
    this.pending.push({ note: text });
    this.frame.request();
  }

  clear() {
    this.pending = [];
    this.lastIteration = -1;
    this.list.replaceChildren();
  }

  draw() {
    if (this.pending.length === 0) return;
    const fragment = document.createDocumentFragment();
    for (const line of this.pending) {
      if (typeof line === 'string') fragment.append(el('li', '', line));
      else fragment.append(el('li', 'rl-log-note', line.note));
    }
    this.pending = [];
    this.list.append(fragment);
    while (this.list.childElementCount > MAX_LINES) this.list.firstElementChild?.remove();
  }

  /** The lines currently shown (for tests and copying). */
  lines() {
    return Array.from(this.list.children, (li) => li.textContent ?? '');
  }

  dispose() {
    this.frame.dispose();
    this.root.replaceChildren();
  }
}
