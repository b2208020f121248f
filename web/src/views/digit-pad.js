// DigitPad: a square to draw a digit on with a mouse, a pen or a finger (pointer events), and a button that
// clears it. Each finished stroke hands the drawing's ink up as an event; the page turns it into MNIST's 28x28
// (web/src/api/digit-image.js) and asks the model. The keyboard's way in is the held-out digit picker beside it
// (views/digits-view.js), which shows its digit here too.
//
//   const pad = new DigitPad(root);
//   root.addEventListener('digit-drawn', (e) => e.detail);   // {ink: Float32Array (H, W) in [0, 1], width, height}
//   root.addEventListener('digit-cleared', () => ...);
//   pad.showDigit(bytes);    // a 28x28 digit (0..255), drawn scaled up; the next stroke starts afresh
import { el, sizeCanvas } from './dom.js';
import { digitRgba } from './digit-pixels.js';
import { PALETTE } from './colors.js';
import { translatorFor } from '../i18n/i18n.js';

/** The pad's side in CSS pixels (smaller when its box is narrower) and the pen's width as a share of it. */
const SIDE = 224;
const PEN_SHARE = 1 / 14;  // ~16 px on 224: after scaling into 20x20 a stroke is ~2 px wide, as MNIST's are

export class DigitPad {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.t = translatorFor(root);
    root.classList.add('rl-digit-pad');
    root.replaceChildren();
    this.canvas = el('canvas', 'rl-digit-pad-canvas');
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', this.t('digits.pad.label'));
    this.clearButton = el('button', 'rl-button rl-digit-pad-clear', this.t('digits.pad.clear'));
    this.clearButton.type = 'button';
    this.clearButton.addEventListener('click', () => this.clear(true));
    const hint = el('p', 'rl-hint rl-digit-pad-hint', this.t('digits.pad.hint'));
    root.append(this.canvas, this.clearButton, hint);
    this.side = SIDE;
    this.context = sizeCanvas(this.canvas, SIDE, SIDE);
    /** @type {number | null} the pointer drawing now */
    this.pointer = null;
    this.last = { x: 0, y: 0 };
    this.hasInk = false;
    this.shown = false;  // the pad shows a picked digit, not a drawing
    this.listen();
  }

  listen() {
    const c = this.canvas;
    c.addEventListener('pointerdown', (event) => {
      if (this.pointer !== null || (event.pointerType === 'mouse' && event.button !== 0)) return;
      event.preventDefault();
      if (this.shown) this.wipe();  // a digit picked from the held-out set: drawing starts afresh
      this.pointer = event.pointerId;
      try {
        c.setPointerCapture(event.pointerId);  // the stroke goes on past the pad's edge
      } catch {
        // a pointer the browser no longer tracks (released meanwhile, or made by a script): draw without capture
      }
      this.last = this.at(event);
      this.dot(this.last);
    });
    c.addEventListener('pointermove', (event) => {
      if (event.pointerId !== this.pointer) return;
      event.preventDefault();
      // The points the browser merged into this event, for smooth fast strokes.
      const events = event.getCoalescedEvents?.() ?? [event];
      for (const e of events.length > 0 ? events : [event]) {
        const point = this.at(e);
        this.line(this.last, point);
        this.last = point;
      }
    });
    const end = (/** @type {PointerEvent} */ event) => {
      if (event.pointerId !== this.pointer) return;
      this.pointer = null;
      this.emitDrawn();
    };
    c.addEventListener('pointerup', end);
    c.addEventListener('pointercancel', end);
  }

  /** @param {PointerEvent} event @returns {{x: number, y: number}} CSS pixels within the pad */
  at(event) {
    const box = this.canvas.getBoundingClientRect();
    const scale = box.width > 0 ? this.side / box.width : 1;
    return { x: (event.clientX - box.left) * scale, y: (event.clientY - box.top) * scale };
  }

  /** @param {{x: number, y: number}} p */
  dot(p) {
    const c = this.context;
    c.fillStyle = PALETTE.ink;
    c.beginPath();
    c.arc(p.x, p.y, (this.side * PEN_SHARE) / 2, 0, 2 * Math.PI);
    c.fill();
    this.hasInk = true;
  }

  /** @param {{x: number, y: number}} a @param {{x: number, y: number}} b */
  line(a, b) {
    const c = this.context;
    c.strokeStyle = PALETTE.ink;
    c.lineWidth = this.side * PEN_SHARE;
    c.lineCap = 'round';
    c.lineJoin = 'round';
    c.beginPath();
    c.moveTo(a.x, a.y);
    c.lineTo(b.x, b.y);
    c.stroke();
    this.hasInk = true;
  }

  /** The drawing's ink, one value per device pixel: its alpha. */
  ink() {
    const { width, height } = this.canvas;
    const rgba = this.context.getImageData(0, 0, width, height).data;
    const ink = new Float32Array(width * height);
    for (let p = 0; p < ink.length; ++p) ink[p] = rgba[4 * p + 3] / 255;
    return { ink, width, height };
  }

  emitDrawn() {
    if (!this.hasInk) return;
    this.root.dispatchEvent(new CustomEvent('digit-drawn', { detail: this.ink(), bubbles: true, composed: true }));
  }

  /**
   * Shows a 28x28 digit scaled up (a held-out one the reader picked).
   * @param {ArrayLike<number>} pixels  (784) 0..255
   */
  showDigit(pixels) {
    this.wipe();
    const small = el('canvas');
    small.width = 28;
    small.height = 28;
    small.getContext('2d')?.putImageData(new ImageData(digitRgba(pixels, 255), 28, 28), 0, 0);
    this.context.imageSmoothingEnabled = false;
    this.context.drawImage(small, 0, 0, this.side, this.side);
    this.shown = true;
  }

  wipe() {
    this.context.clearRect(0, 0, this.side, this.side);
    this.hasInk = false;
    this.shown = false;
    this.pointer = null;
  }

  /** @param {boolean} [announce]  the reader pressed Clear: say so with an event */
  clear(announce = false) {
    this.wipe();
    if (announce) this.root.dispatchEvent(new CustomEvent('digit-cleared', { bubbles: true, composed: true }));
  }

  dispose() {
    this.root.replaceChildren();
  }
}
