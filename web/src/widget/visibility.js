// Pauses a widget's training while it is scrolled out of view, and resumes it when it comes back if it was
// training when it left (a reader who scrolls back finds it where they left it, still going; a widget they
// paused stays paused). Nothing trains unseen, so a long tutorial with many widgets costs only what shows.

export class VisibilityPause {
  /**
   * @param {Element} element
   * @param {{isTraining: () => boolean, pause: () => Promise<void> | void, resume: () => void}} actions
   */
  constructor(element, actions) {
    this.actions = actions;
    this.visible = true;
    this.resumeOnShow = false;
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
      this.resumeOnShow = this.actions.isTraining();
      if (this.resumeOnShow) this.actions.pause();
    } else if (this.resumeOnShow) {
      this.resumeOnShow = false;
      this.actions.resume();
    }
  }

  /** The reader paused or reset by hand: coming back into view must not restart it. */
  forget() {
    this.resumeOnShow = false;
  }

  disconnect() {
    this.observer.disconnect();
  }
}
