// The page's Fashion-MNIST subset, made at build time (vite.config.js) from Debian's dataset-fashion-mnist: the
// 10,000 images and labels of its test files, checked (IDX magic, 10,000 images of 28 x 28, labels 0-9) and handed
// back unchanged with the package's copyright and MIT notice as LICENSE.txt. The same 10,000 the CLI trains on
// (src/io/labelled_images.h), in the same order: the first 8,000 train, the last 2,000 are held out.
// Without the package it throws a message naming it: a page whose data picker offers a set it lacks is not built.
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

export const FASHION_SOURCE = '/usr/share/datasets/fashion-mnist/';
export const FASHION_COPYRIGHT = '/usr/share/doc/dataset-fashion-mnist/copyright';
export const DIGITS_FILES = ['t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'];
const SUBSET = 10_000;

/**
 * The page's Fashion-MNIST files, checked: {name: bytes} for digits/fashion/.
 * @param {{source?: string, copyright?: string}} [from]  where the package put them (tests point elsewhere)
 * @returns {Promise<Record<string, Buffer>>}
 */
export async function fashionSubset({ source = FASHION_SOURCE, copyright = FASHION_COPYRIGHT } = {}) {
  const missing = 'install Debian\'s dataset-fashion-mnist (scripts/install-deps.sh does), which the digits page\'s Fashion-MNIST choice is made from';
  /** @type {Record<string, Buffer>} */
  const files = {};
  for (const name of [...DIGITS_FILES, 'LICENSE.txt']) {
    const path = name === 'LICENSE.txt' ? copyright : `${source}${name}`;
    try {
      files[name] = await readFile(path);
    } catch {
      throw new Error(`Fashion-MNIST: ${path} is missing: ${missing}`);
    }
  }
  const unzip = (/** @type {string} */ name) => {
    try {
      return gunzipSync(files[name]);
    } catch {
      throw new Error(`Fashion-MNIST: ${source}${name} is not a gzip file: ${missing}`);
    }
  };
  const images = unzip(DIGITS_FILES[0]), labels = unzip(DIGITS_FILES[1]);
  const header = (/** @type {Buffer} */ b, /** @type {number} */ k) => (b.length >= 4 * (k + 1) ? b.readUInt32BE(4 * k) : -1);
  if (images.length !== 16 + SUBSET * 784 || header(images, 0) !== 2051 || header(images, 1) !== SUBSET || header(images, 2) !== 28 || header(images, 3) !== 28)
    throw new Error(`Fashion-MNIST: ${source}${DIGITS_FILES[0]} is not ${SUBSET} images of 28 x 28 in IDX form: ${missing}`);
  if (labels.length !== 8 + SUBSET || header(labels, 0) !== 2049 || header(labels, 1) !== SUBSET || labels.subarray(8).some((y) => y > 9))
    throw new Error(`Fashion-MNIST: ${source}${DIGITS_FILES[1]} is not ${SUBSET} labels 0-9 in IDX form: ${missing}`);
  files['LICENSE.txt'] = Buffer.concat([Buffer.from(
    `Fashion-MNIST (Han Xiao, Kashif Rasul, Roland Vollgraf; Zalando Research): its ${SUBSET.toLocaleString('en-US')} test images and labels,\n` +
    'unchanged, as Debian\'s package dataset-fashion-mnist ships them. Its copyright and MIT (Expat) license:\n\n'), files['LICENSE.txt']]);
  return files;
}
