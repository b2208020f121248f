// The replay ring keeps its budget however long a run goes: at most REPLAY_SNAPSHOTS snapshots and REPLAY_BYTES
// bytes, the first and the newest always kept, the rest spread over the whole run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReplayRing, REPLAY_SNAPSHOTS, REPLAY_BYTES, snapshotBytes } from '../../src/page/replay-ring.js';

/** A snapshot of `iteration` with a trace of `floats` numbers (what a worker sends, in shape). */
function snapshot(iteration, floats = 64) {
  return {
    iteration, loss: 1 / iteration, gradNorm: 1, losses: new Float32Array(100), firstIteration: iteration - 99,
    iterationsPerSecond: 0, running: true, stopped: false, message: '',
    prediction: { task: 'seq', view: 'seq', predicted: 'ohlol' },
    trace: { iteration, weightsAfter: iteration - 1, task: 'seq', steps: 5, layers: [{ h: new Float32Array(floats) }] },
    weights: [{ name: 'rnn.weight_ih_l0', shape: [4, 4], value: new Float32Array(16) }],
  };
}

test('a day of snapshots: the ring stays at its bound, spread over the whole run', () => {
  const ring = new ReplayRing();
  for (let i = 1; i <= 50_000; i++) {
    ring.add(snapshot(i));
    assert.ok(ring.length <= REPLAY_SNAPSHOTS);
  }
  assert.equal(ring.length, REPLAY_SNAPSHOTS);
  const kept = ring.iterations();
  assert.equal(kept[0], 1, 'the first snapshot stays');
  assert.equal(kept.at(-1), 50_000, 'the newest is kept');
  const gaps = kept.slice(1).map((k, i) => k - kept[i]);
  assert.ok(gaps.every((g) => g > 0), 'iterations increase');
  // About evenly spread: no gap more than 4 times the mean (a FIFO ring would keep only the last 200).
  const mean = (50_000 - 1) / (REPLAY_SNAPSHOTS - 1);
  assert.ok(Math.max(...gaps) < 4 * mean, `largest gap ${Math.max(...gaps)}, mean ${mean.toFixed(0)}`);
  // The bytes counted are the kept snapshots', the losses not among them.
  assert.equal(ring.bytes, Array.from({ length: ring.length }, (_, i) => snapshotBytes(ring.at(i))).reduce((a, b) => a + b));
  assert.equal(ring.at(0).losses.length, 0);
});

test('large snapshots: the byte budget binds before the count does', () => {
  const floats = 1_000_000;  // a 4 MB trace
  const ring = new ReplayRing();
  for (let i = 1; i <= 40; i++) ring.add(snapshot(i, floats));
  assert.ok(ring.bytes <= REPLAY_BYTES, `${ring.bytes} bytes`);
  assert.equal(ring.length, Math.floor(REPLAY_BYTES / snapshotBytes(snapshot(1, floats))));
  assert.equal(ring.iterations()[0], 1);
  assert.equal(ring.iterations().at(-1), 40);
  // A single snapshot larger than the budget is still kept (the newest), alone.
  const tiny = new ReplayRing({ maxBytes: 1000 });
  tiny.add(snapshot(1, 10_000));
  tiny.add(snapshot(2, 10_000));
  assert.deepEqual(tiny.iterations(), [2]);
});

test('what is kept: traced snapshots only; the same iteration replaces; an earlier one starts again', () => {
  const ring = new ReplayRing({ maxSnapshots: 5 });
  ring.add({ ...snapshot(1), trace: null });
  assert.equal(ring.length, 0);
  ring.add(snapshot(1));
  ring.add(snapshot(2));
  ring.add({ ...snapshot(2), loss: 7 });
  assert.deepEqual(ring.iterations(), [1, 2]);
  assert.equal(ring.at(1).loss, 7);
  for (let i = 3; i <= 9; i++) ring.add(snapshot(i));
  assert.equal(ring.length, 5);
  assert.equal(ring.nearest(4), ring.iterations().indexOf(ring.iterations().reduce((a, b) => (Math.abs(b - 4) < Math.abs(a - 4) ? b : a))));
  ring.add(snapshot(3));  // a new run (reset, load)
  assert.deepEqual(ring.iterations(), [3]);
});
