// ReplayRing: the snapshots kept while training, for the replay scrubber (views/replay-bar.js), within a stated
// memory budget however long the run: at most REPLAY_SNAPSHOTS (200) snapshots and REPLAY_BYTES (16 MiB) of their arrays.
//
//   const ring = new ReplayRing();
//   ring.add(snapshot);        // a worker snapshot with a trace (one without is not kept)
//   ring.at(i), ring.length    // oldest first
//
// A full ring does not simply drop its oldest snapshot (a teacher replaying a long run wants its beginning): it
// drops the kept snapshot whose neighbours lie closest together in iterations, never the first nor the newest.
// So the kept iterations stay spread over the whole run, about evenly, at a grain that coarsens as the run grows.
// No DOM: the page's controller (page/playground.js) keeps one and the scrubber draws it.

/** @typedef {import('../worker/protocol.js').SnapshotPayload} SnapshotPayload */

/** At most this many snapshots are kept. */
export const REPLAY_SNAPSHOTS = 200;
/**
 * At most this many bytes of their numbers (traces, predictions, weights) are kept: 16 MiB, a quarter of the heap
 * the soak test allows a page (64 MB); a small model's 200 snapshots take well under 1 MiB.
 */
export const REPLAY_BYTES = 16 * 1024 * 1024;

/**
 * The bytes a snapshot holds: its typed arrays, its strings at two bytes a character, 8 per number and 64 per
 * object or array (an estimate of the JS heap it keeps alive, dominated by the arrays).
 * @param {unknown} value
 * @returns {number}
 */
export function snapshotBytes(value) {
  if (ArrayBuffer.isView(value)) return value.byteLength + 64;
  if (typeof value === 'string') return 2 * value.length;
  if (typeof value === 'number' || typeof value === 'boolean') return 8;
  if (Array.isArray(value)) return value.reduce((sum, v) => sum + snapshotBytes(v), 64);
  if (value && typeof value === 'object') return Object.values(value).reduce((sum, v) => sum + snapshotBytes(v), 64);
  return 0;
}

/** @typedef {{snapshot: SnapshotPayload, bytes: number}} Kept */

export class ReplayRing {
  /** @param {{maxSnapshots?: number, maxBytes?: number}} [limits] */
  constructor({ maxSnapshots = REPLAY_SNAPSHOTS, maxBytes = REPLAY_BYTES } = {}) {
    this.maxSnapshots = maxSnapshots;
    this.maxBytes = maxBytes;
    /** @type {Kept[]} oldest first, iterations increasing */
    this.kept = [];
    this.bytes = 0;
  }

  get length() {
    return this.kept.length;
  }

  /** @param {number} index  0 = the oldest kept @returns {SnapshotPayload} */
  at(index) {
    return this.kept[index].snapshot;
  }

  /** The kept iterations, oldest first. @returns {number[]} */
  iterations() {
    return this.kept.map((k) => k.snapshot.iteration);
  }

  /** The index of the kept snapshot nearest to `iteration` (-1 when empty). @param {number} iteration */
  nearest(iteration) {
    let best = -1;
    for (let i = 0; i < this.kept.length; i++) {
      if (best < 0 || Math.abs(this.kept[i].snapshot.iteration - iteration) < Math.abs(this.kept[best].snapshot.iteration - iteration)) best = i;
    }
    return best;
  }

  /**
   * Keeps a snapshot that has a trace (the inspector needs one), then trims to the budget. A snapshot of an
   * iteration the ring already has replaces it; one from before the newest (a new run) starts the ring again.
   * The losses are not kept (the loss chart has them). @param {SnapshotPayload} snapshot
   */
  add(snapshot) {
    if (!snapshot.trace) return;
    const kept = { ...snapshot, losses: new Float32Array(0) };
    const entry = { snapshot: kept, bytes: snapshotBytes(kept) };
    const newest = this.kept.at(-1);
    if (newest && snapshot.iteration < newest.snapshot.iteration) this.clear();
    if (newest && snapshot.iteration === newest.snapshot.iteration) this.remove(this.kept.length - 1);
    this.kept.push(entry);
    this.bytes += entry.bytes;
    while (this.kept.length > this.maxSnapshots || (this.bytes > this.maxBytes && this.kept.length > 1)) {
      this.remove(this.thinnest());
    }
  }

  clear() {
    this.kept = [];
    this.bytes = 0;
  }

  /** @param {number} index */
  remove(index) {
    this.bytes -= this.kept[index].bytes;
    this.kept.splice(index, 1);
  }

  /**
   * The snapshot whose removal leaves the smallest gap: the one whose neighbours lie closest together (the first
   * and the newest stay; with two kept, the first goes).
   */
  thinnest() {
    if (this.kept.length <= 2) return 0;
    let best = 1;
    let bestGap = Infinity;
    for (let i = 1; i < this.kept.length - 1; i++) {
      const gap = this.kept[i + 1].snapshot.iteration - this.kept[i - 1].snapshot.iteration;
      if (gap < bestGap) { best = i; bestGap = gap; }
    }
    return best;
  }
}
