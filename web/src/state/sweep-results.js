// The sweep's runs and results, apart from the DOM (web/test/node/compare-spec.test.js drives them): the order the
// runs go in, and the CSV of what they measured.
import { toCsv } from './csv.js';

/** @typedef {import('../views/sweep-panel.js').SweepCell} SweepCell */

/** Runs at once: a worker each, on a machine that may have two cores (compare mode's bound too). */
export const SWEEP_WORKERS = 3;

/**
 * Every run of a sweep, shortest length first and the models in turn within a length, so the figure fills
 * from the left and each length's models finish close together.
 * @param {number} lengths  how many lengths
 * @param {number} models  how many models
 * @returns {{t: number, k: number}[]}  t: the length's index, k: the model's
 */
export function sweepJobs(lengths, models) {
  return Array.from({ length: lengths * models }, (_, j) => ({ t: Math.floor(j / models), k: j % models }));
}

/** The CSV's columns: one row per (length, model). */
export const SWEEP_COLUMNS = Object.freeze(['length', 'model', 'steps', 'held_out_accuracy', 'held_out_at_step',
  'last_loss', 'jacobian_norm_dhT_dh1', 'state']);

/**
 * The sweep's numbers as CSV: one row per length and model, in the figure's order; a run not measured yet has
 * empty numbers and its state (waiting, running, failed).
 * @param {readonly number[]} lengths
 * @param {readonly string[]} models
 * @param {readonly (readonly SweepCell[])[]} cells  [length][model]
 * @returns {string}
 */
export function sweepCsv(lengths, models, cells) {
  const rows = lengths.flatMap((length, t) => models.map((model, k) => {
    const cell = cells[t][k];
    return [length, model, cell.steps, cell.accuracy, cell.at, cell.loss, cell.jacobianFirst, cell.state];
  }));
  return toCsv(SWEEP_COLUMNS, rows);
}
