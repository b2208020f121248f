// MNIST's files in the page: gzip'd IDX, decompressed with the browser's DecompressionStream and parsed with the
// same checks and words as the C++ reader (src/io/idx.cpp, src/io/labelled_images.cpp), so a corrupt file gets the
// same message natively and here. The pixels stay bytes (Uint8Array views of the decompressed file): 10,000
// digits are 7.8 MB, not the 31 MB a float copy would be.
//
//   const bytes = await gunzipLimited(compressed, MAX_IDX_BYTES, 't10k-images-idx3-ubyte.gz');
//   const images = parseIdx(bytes, 't10k-images-idx3-ubyte.gz');          // {dims: [10000, 28, 28], data}
//   const set = labelledImages(images, labels, 'mnist');                 // {count, rows, cols, pixels, labels}
//
// The IDX format, unsigned bytes only: bytes 0-1 zero; byte 2 the element type (0x08: unsigned byte); byte 3 the
// rank D; then D big-endian uint32 dimensions, then prod(dims) elements in row-major order, nothing after them.
import { RnnlabError } from './rnnlab.js';

/** The most dimensions and bytes an IDX file may have (kMaxIdxRank, kMaxIdxBytes of src/io/idx.h). */
export const MAX_IDX_RANK = 3;
export const MAX_IDX_BYTES = 48 * 1024 * 1024;
/** The classes of a labelled image set (kImageClasses). */
export const IMAGE_CLASSES = 10;

/** @typedef {{dims: number[], data: Uint8Array}} IdxArray */
/**
 * @typedef {object} LabelledImages
 * @property {number} count
 * @property {number} rows
 * @property {number} cols
 * @property {Uint8Array} pixels  (count, rows, cols), 0 = background, 255 = ink
 * @property {Uint8Array} labels  (count), each < 10
 */

const TYPE_NAMES = /** @type {Record<number, string>} */ ({
  0x08: 'unsigned byte', 0x09: 'signed byte', 0x0b: 'short', 0x0c: 'int', 0x0d: 'float', 0x0e: 'double',
});

/** @param {number} b */
function hexByte(b) {
  return `0x${b.toString(16).padStart(2, '0')}`;
}

/** src/io/read_file.cpp's describe_byte_limit: "50331648 bytes (48 MB)". @param {number} bytes */
export function describeByteLimit(bytes) {
  const KiB = 1024, MiB = KiB * 1024;
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes} bytes (${bytes / MiB} MB)`;
  if (bytes >= KiB && bytes % KiB === 0) return `${bytes} bytes (${bytes / KiB} KB)`;
  return `${bytes} bytes`;
}

/**
 * @param {string} what
 * @param {string} text
 */
function fail(what, text) {
  return new RnnlabError(`${what}: ${text}`, 'data');
}

/**
 * Parses an IDX file's bytes; `what` names the file in messages. The data is a view of `bytes` (no copy).
 * @param {Uint8Array} bytes
 * @param {string} what
 * @returns {IdxArray}
 */
export function parseIdx(bytes, what) {
  if (bytes.length < 4) throw fail(what, `${bytes.length} bytes, too short for an IDX header (4 bytes and the dimensions)`);
  if (bytes[0] !== 0 || bytes[1] !== 0)
    throw fail(what, `not an IDX file (its first two bytes are ${hexByte(bytes[0])} ${hexByte(bytes[1])}, expected 0x00 0x00)`);
  if (bytes[2] !== 0x08)
    throw fail(what, `element type ${hexByte(bytes[2])} (${TYPE_NAMES[bytes[2]] ?? 'not an IDX type'}), expected 0x08 (unsigned byte)`);
  const rank = bytes[3];
  if (rank < 1 || rank > MAX_IDX_RANK) throw fail(what, `${rank} dimensions, expected 1 to ${MAX_IDX_RANK}`);
  const header = 4 + 4 * rank;
  if (bytes.length < header) throw fail(what, `truncated header: ${bytes.length} bytes, the ${rank} dimensions need ${header}`);
  /** @type {number[]} */
  const dims = [];
  let count = 1;
  for (let d = 0; d < rank; ++d) {
    const at = 4 + 4 * d;
    const n = ((bytes[at] << 24) >>> 0) + (bytes[at + 1] << 16) + (bytes[at + 2] << 8) + bytes[at + 3];
    if (n < 1) throw fail(what, `dimension ${d} is 0, expected >= 1`);
    count *= n;  // each factor < 2^32 and the product checked after each: exact in a double
    if (count > MAX_IDX_BYTES) throw fail(what, `dimensions hold more than ${describeByteLimit(MAX_IDX_BYTES)} of data, the limit for an IDX file`);
    dims.push(n);
  }
  const dataBytes = bytes.length - header;
  if (dataBytes < count) throw fail(what, `truncated: ${dataBytes} bytes of data, the dimensions need ${count}`);
  if (dataBytes > count) throw fail(what, `${dataBytes - count} bytes after the ${count} bytes of data`);
  return { dims, data: bytes.subarray(header) };
}

/**
 * Images (count, rows, cols) and labels (count) as one set: ranks, equal counts and every label < 10 checked.
 * @param {IdxArray} images
 * @param {IdxArray} labels
 * @param {string} what  names the pair
 * @returns {LabelledImages}
 */
export function labelledImages(images, labels, what) {
  if (images.dims.length !== 3)
    throw fail(what, `the images file has ${images.dims.length} dimensions, expected 3 (count, rows, cols)`);
  if (labels.dims.length !== 1) throw fail(what, `the labels file has ${labels.dims.length} dimensions, expected 1 (count)`);
  if (images.dims[0] !== labels.dims[0])
    throw fail(what, `${images.dims[0]} images but ${labels.dims[0]} labels, expected as many of each`);
  for (let i = 0; i < labels.data.length; ++i) {
    if (labels.data[i] >= IMAGE_CLASSES) throw fail(what, `label ${i} is ${labels.data[i]}, expected 0 to ${IMAGE_CLASSES - 1}`);
  }
  return { count: images.dims[0], rows: images.dims[1], cols: images.dims[2], pixels: images.data, labels: labels.data };
}

/**
 * The decompressed bytes of a gzip file, read as a stream that stops as soon as it passes `limit` (a small file
 * may expand a thousandfold). A file that is not gzip, a truncated or corrupt stream: an RnnlabError naming `what`.
 * @param {Uint8Array | ArrayBuffer} compressed
 * @param {number} limit
 * @param {string} what
 * @returns {Promise<Uint8Array>}
 */
export async function gunzipLimited(compressed, limit, what) {
  const input = compressed instanceof Uint8Array ? compressed : new Uint8Array(compressed);
  if (input.length > limit) throw fail(what, `larger than ${describeByteLimit(limit)}, the limit for this file`);
  if (input.length < 2 || input[0] !== 0x1f || input[1] !== 0x8b)
    throw fail(what, 'not a gzip file (it does not start with the bytes 1f 8b)');
  const stream = new Blob([/** @type {Uint8Array<ArrayBuffer>} */ (input)]).stream().pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  /** @type {Uint8Array[]} */
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) {
        await reader.cancel();
        throw fail(what, `decompresses to more than ${describeByteLimit(limit)}, the limit for this file`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof RnnlabError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw fail(what, `corrupt or truncated gzip data (${reason})`);
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * A labelled set of 28x28 images from its two gzip'd IDX files, as the digits task takes it: decompressed (each at
 * most MAX_IDX_BYTES), parsed, paired, and checked to be 28 x 28. Errors name the file.
 * @param {Uint8Array | ArrayBuffer} imagesGz
 * @param {Uint8Array | ArrayBuffer} labelsGz
 * @param {{images: string, labels: string, set: string}} names  for messages
 * @returns {Promise<LabelledImages>}
 */
export async function digitsFromGzip(imagesGz, labelsGz, names) {
  const images = parseIdx(await gunzipLimited(imagesGz, MAX_IDX_BYTES, names.images), names.images);
  const labels = parseIdx(await gunzipLimited(labelsGz, MAX_IDX_BYTES, names.labels), names.labels);
  const set = labelledImages(images, labels, names.set);
  if (set.rows !== 28 || set.cols !== 28) throw fail(names.images, `images of ${set.rows} x ${set.cols} pixels, expected 28 x 28`);
  return set;
}
