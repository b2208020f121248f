// FrameScheduler: coalesces redraw requests so a view draws at most once per animation frame, however many
// snapshots arrive in between (the worker may stream up to ~30 per second, the user may hover many times).
// The views of a document also share a drawing budget per frame: once the draws of one frame have taken
// FRAME_BUDGET_MS, the views still waiting draw in the next frame, so no frame (one task of the main thread)
// grows long however many views there are.
// `minInterval` (ms) spaces the draws of a view that is costly to draw and need not move at the frame rate (the
// unrolled cells, the equation): requests inside the interval are served by one draw at its end.
const FRAME_BUDGET_MS = 10;
// The frame being drawn (its rAF timestamp) and the time its draws took so far. Shared on purpose: the budget
// is the document's, like requestAnimationFrame itself.
const currentFrame = { time: -1, spent: 0 };

export class FrameScheduler {
  /**
   * @param {() => void} draw called once in an animation frame after one or more request() calls
   * @param {{minInterval?: number}} options
   */
  constructor(draw, { minInterval = 0 } = {}) {
    this.draw = draw;
    this.minInterval = minInterval;
    this.pending = 0;
    this.timer = 0;
    this.lastDraw = -Infinity;
    this.disposed = false;
  }

  /** @param {{now?: boolean}} options  now: the reader acted (a click, a hover): skip minInterval */
  request({ now = false } = {}) {
    if (this.disposed) return;
    if (now && this.timer) {
      clearTimeout(this.timer);
      this.timer = 0;
    }
    if (this.pending || this.timer) return;
    const wait = now ? 0 : this.lastDraw + this.minInterval - performance.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = 0;
        this.request();
      }, wait);
      return;
    }
    this.pending = requestAnimationFrame((time) => this.run(time));
  }

  /** @param {number} [time]  the animation frame's timestamp; undefined for a draw outside a frame (flush) */
  run(time) {
    this.pending = 0;
    if (this.disposed) return;
    if (time !== undefined) {
      if (currentFrame.time !== time) {
        currentFrame.time = time;
        currentFrame.spent = 0;
      } else if (currentFrame.spent > FRAME_BUDGET_MS) {
        this.pending = requestAnimationFrame((next) => this.run(next));  // this frame is full
        return;
      }
    }
    const started = performance.now();
    this.lastDraw = started;
    this.draw();
    currentFrame.spent += performance.now() - started;
  }

  /** Draws now if a draw was pending (e.g. before a test reads the DOM, or when a view is detached). */
  flush() {
    if (!this.pending && !this.timer) return;
    cancelAnimationFrame(this.pending);
    clearTimeout(this.timer);
    this.pending = 0;
    this.timer = 0;
    this.run();
  }

  dispose() {
    this.disposed = true;
    cancelAnimationFrame(this.pending);
    clearTimeout(this.timer);
    this.pending = 0;
    this.timer = 0;
  }
}
