// What the views say a step's input is, from the prediction that came with the trace, whatever the task: the
// characters a character task read (seq: its input text; text: its first training window), the vocabulary its
// output classes are, and whether a step's input row is a one-hot vector or a learned embedding.

/** @typedef {import('../api/rnnlab.js').Prediction} Prediction */

/**
 * The input characters, one per step, of a prediction over characters; null for one without (sine).
 * @param {Prediction | null | undefined} prediction
 * @returns {string[] | null}
 */
export function stepCharacters(prediction) {
  if (!prediction) return null;
  if ('window' in prediction && typeof prediction.window === 'string') return Array.from(prediction.window);
  if ('input' in prediction && typeof prediction.input === 'string') return Array.from(prediction.input);
  return null;
}

/**
 * The output classes as characters (class k is the k-th), empty for a prediction without a vocabulary.
 * @param {Prediction | null | undefined} prediction
 * @returns {string[]}
 */
export function vocabularyOf(prediction) {
  return prediction && 'vocabulary' in prediction && typeof prediction.vocabulary === 'string'
    ? Array.from(prediction.vocabulary) : [];
}

/**
 * Whether an input row is one-hot (a single 1, the rest 0) rather than an embedding's row of numbers.
 * @param {ArrayLike<number>} row
 */
export function isOneHot(row) {
  let ones = 0;
  for (let k = 0; k < row.length; ++k) {
    if (row[k] === 1) ones += 1;
    else if (row[k] !== 0) return false;
  }
  return ones === 1;
}
