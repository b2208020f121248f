// FrameScheduler: coalesces redraw requests so a view draws at most once per animation frame, however many
// snapshots arrive in between (the worker may stream up to ~30 per second, the user may hover many times).
export class FrameScheduler {
  /** @param {() => void} draw called once in the next animation frame after one or more request() calls */
  constructor(draw) {
    this.draw = draw;
    this.pending = 0;
    this.disposed = false;
  }

  request() {
    if (this.pending || this.disposed) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      if (!this.disposed) this.draw();
    });
  }

  /** Draws now if a frame was pending (e.g. before a test reads the DOM, or when a view is detached). */
  flush() {
    if (!this.pending) return;
    cancelAnimationFrame(this.pending);
    this.pending = 0;
    this.draw();
  }

  dispose() {
    this.disposed = true;
    if (this.pending) cancelAnimationFrame(this.pending);
    this.pending = 0;
  }
}
