// The labelled image sets the page offers the digits task (the `data` key's choices), each a pair of gzip'd IDX
// files copied into the built page's digits/ folder (vite.config.js): MNIST's 10,000 test digits from the
// repository's data/digits/mnist/, and Fashion-MNIST's 10,000 test images from Debian's dataset-fashion-mnist when
// the build machine has it. The worker fetches a pair only when the digits task is picked (`digits` request),
// decodes it (web/src/api/idx.js) and hands the bytes to the wasm module; the page keeps only the held-out images
// (for the misclassified grid and the held-out picker).
import { completeConfig } from '../api/rnnlab.js';

/** @typedef {import('../api/rnnlab.js').Config} Config */

/**
 * @typedef {object} DigitsDataset
 * @property {string} folder  under the page's digits/ folder
 * @property {string} images  the images file (gzip'd IDX, (count, 28, 28) unsigned bytes)
 * @property {string} labels  the labels file (gzip'd IDX, (count) bytes 0-9)
 * @property {number} bytes  both files' size, what picking it downloads
 */

/** @type {Readonly<Record<'mnist' | 'fashion', DigitsDataset>>} */
export const DIGITS_DATASETS = Object.freeze({
  mnist: { folder: 'mnist/', images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz', bytes: 1_529_611 + 4_318 },
  fashion: { folder: 'fashion/', images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz', bytes: 4_422_079 + 5_125 },
});

/**
 * The names "Open in PyTorch" offers a set's two files under, for the program to read from its own folder: the
 * files' own names with the set's in front (mnist-t10k-images-idx3-ubyte.gz), so that both sets' files, named
 * alike, can sit in one folder. The C++ export names them alike (digits_files_beside, src/export/torch_program.h).
 * @param {string} name  the `data` key: mnist, fashion
 * @param {DigitsDataset} dataset
 * @returns {{images: string, labels: string}}
 */
export function exportFiles(name, dataset) {
  return { images: `${name}-${dataset.images}`, labels: `${name}-${dataset.labels}` };
}

/**
 * Fashion-MNIST's class names as the C++ task names them (src/tasks/digits_data.cpp, the prediction's `classes`);
 * the page shows each in its language (the catalog's digits.fashion.0 ... 9).
 */
export const FASHION_CLASSES = Object.freeze(['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot']);
/** The catalog keys of Fashion-MNIST's class names, by class. */
export const FASHION_CLASS_KEYS = /** @type {const} */ (['digits.fashion.0', 'digits.fashion.1', 'digits.fashion.2', 'digits.fashion.3',
  'digits.fashion.4', 'digits.fashion.5', 'digits.fashion.6', 'digits.fashion.7', 'digits.fashion.8', 'digits.fashion.9']);

/** @param {string} name @returns {DigitsDataset | undefined} */
export function digitsDataset(name) {
  return Object.hasOwn(DIGITS_DATASETS, name) ? DIGITS_DATASETS[/** @type {keyof DIGITS_DATASETS} */ (name)] : undefined;
}

/**
 * The images the digits task trains on: the first 80% (rounded down), as the C++ task splits a dataset it is given
 * (digits_train_count of src/tasks/digits_data.h: count * 4 / 5): 8,000 of 10,000. The rest are held out.
 * @param {number} count
 */
export function trainSizeOf(count) {
  return Math.floor((count * 4) / 5);
}

/**
 * The settings a digits model trains with unless given: the schema's implied defaults for its `model` (src/tasks/
 * config_schema.cpp; tuned natively with seed 0 to reach the page's accuracy targets in the first seconds, better
 * than W7's fixed protocol: docs/digits.md). A link, a widget attribute and the CLI take them for a model named
 * without them; the controls apply them when the model (or the digits task) is picked, and the person can change
 * any of them after.
 * @param {'rnn' | 'lstm' | 'gru' | 'mlp' | 'cnn'} model
 * @returns {{optim: Config['optim'], lr: number, clip: number, batch: number}}
 */
export function digitsModelSettings(model) {
  const { optim, lr, clip, batch } = completeConfig({ task: 'digits', model });
  return { optim, lr, clip, batch };
}

/** The side of an image the digits models read. */
export const DIGIT_SIDE = 28;
