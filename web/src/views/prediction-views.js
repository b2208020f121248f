// The prediction views, by the name a task's snapshot gives in `prediction.view` (src/tasks/*_task.cpp sets it).
// The page and the widget make one element per entry and show the one of the current task; a new task adds its
// view file and one entry here, not a branch in the controller.
import { ClassifyView } from './classify-view.js';
import { DigitsView } from './digits-view.js';
import { PredictedString } from './predicted-string.js';
import { RememberView } from './remember-view.js';
import { SinePlot } from './sine-plot.js';
import { TagView } from './tag-view.js';
import { TextSample } from './text-sample.js';

/** @typedef {import('../api/rnnlab.js').Prediction} Prediction */

/**
 * @typedef {object} PredictionView
 * @property {new (root: HTMLElement) => {update(snapshot: {prediction?: Prediction}): void, clear(): void, dispose(): void}} View
 * @property {string} element  the element's id on the page and class in the widget
 * @property {import('../i18n/i18n.js').MessageKey} lossLabel  what the loss chart's axis says for this task (a catalog key)
 */

/** @type {Readonly<Record<string, PredictionView>>} */
export const PREDICTION_VIEWS = Object.freeze({
  seq: { View: PredictedString, element: 'predicted', lossLabel: 'lossLabel.crossEntropy' },
  sine: { View: SinePlot, element: 'sine', lossLabel: 'lossLabel.mse' },
  text: { View: TextSample, element: 'text-sample', lossLabel: 'lossLabel.crossEntropyPerChar' },
  remember: { View: RememberView, element: 'remember', lossLabel: 'lossLabel.crossEntropyLastStep' },
  classify: { View: ClassifyView, element: 'classify', lossLabel: 'lossLabel.crossEntropyLastStep' },
  tag: { View: TagView, element: 'tag', lossLabel: 'lossLabel.crossEntropy' },
  digits: { View: DigitsView, element: 'digits', lossLabel: 'lossLabel.crossEntropyBatch' },
});

/**
 * The view a task's predictions are drawn with before its first snapshot says so (its view has the task's name).
 * @param {string} task
 * @returns {string}
 */
export function predictionViewOf(task) {
  return Object.hasOwn(PREDICTION_VIEWS, task) ? task : 'seq';
}
