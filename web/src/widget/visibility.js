// Pauses a widget's training while it is scrolled out of view, and resumes it when it comes back if it was
// training when it left (a reader who scrolls back finds it where they left it, still going; a widget they
// paused stays paused). Nothing trains unseen, so a long tutorial with many widgets costs only what shows.

export class VisibilityPause {
  /**
   * @param {Element} element
   * @param {{isTraining: () => boolean, pause: () => unknown, resume: () => void}} actions  resume: go on with the
   *   run that leaving the view paused
   */
  constructor(element, actions) {
    this.actions = actions;
    this.visible = true;
    /** @type {(() => void) | null} what to do when the element comes into view */
    this.onShow = null;
    this.observer = new IntersectionObserver((entries) => {
      for (const entry of entries) this.onChange(entry.isIntersecting);
    });
    this.observer.observe(element);
  }

  /** @param {boolean} visible */
  onChange(visible) {
    if (visible === this.visible) return;
    this.visible = visible;
    if (!visible) {
      if (this.actions.isTraining()) {
        this.onShow = this.actions.resume;
        this.actions.pause();
      }
    } else if (this.onShow) {
      const action = this.onShow;
      this.onShow = null;
      action();
    }
  }

  /**
   * Runs `action` now if the element is in view, else when it comes into view (replacing what was waiting).
   * @param {() => void} action
   */
  whenShown(action) {
    if (this.visible) action();
    else this.onShow = action;
  }

  /** The reader paused or reset by hand: coming back into view must not restart anything. */
  forget() {
    this.onShow = null;
  }

  disconnect() {
    this.observer.disconnect();
  }
}
