// MNIST's files in JS (web/src/api/idx.js): the bundled digits decoded as the C++ reader decodes them, and every
// malformed file (truncated, wrong magic, wrong type, wrong count, too large, a corrupt or truncated gzip stream)
// refused with the C++ reader's words, naming the file and the limit.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

import { parseIdx, labelledImages, gunzipLimited, MAX_IDX_BYTES, describeByteLimit } from '../../src/api/idx.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const MNIST = path.join(repo, 'data/digits/mnist');

/** @param {number} n */
const be32 = (n) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
/** An IDX file of unsigned bytes with these dimensions and `data` bytes (default: as many as they need). */
function idx(dims, data = dims.reduce((a, b) => a * b, 1), type = 0x08) {
  return Uint8Array.from([0, 0, type, dims.length, ...dims.flatMap(be32), ...Array.from({ length: data }, (_, k) => k % 10)]);
}

test('the bundled MNIST digits: 10,000 images of 28x28 and their labels, bytes kept as bytes', async () => {
  const images = parseIdx(await gunzipLimited(readFileSync(path.join(MNIST, 't10k-images-idx3-ubyte.gz')), MAX_IDX_BYTES, 'images'), 'images');
  const labels = parseIdx(await gunzipLimited(readFileSync(path.join(MNIST, 't10k-labels-idx1-ubyte.gz')), MAX_IDX_BYTES, 'labels'), 'labels');
  assert.deepEqual(images.dims, [10000, 28, 28]);
  assert.equal(images.data.byteOffset, 16, 'a view after the 16-byte header, not a copy');
  assert.equal(images.data.buffer.byteLength, 7_840_016);
  const set = labelledImages(images, labels, 'mnist');
  assert.deepEqual([set.count, set.rows, set.cols], [10000, 28, 28]);
  assert.ok(set.pixels instanceof Uint8Array && set.labels instanceof Uint8Array);
  // MNIST's test set starts 7, 2, 1, 0, 4, 1, 4, 9, 5, 9 and has 980 zeros and 1,135 ones.
  assert.deepEqual(Array.from(set.labels.subarray(0, 10)), [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
  assert.equal(set.labels.filter((l) => l === 0).length, 980);
  assert.equal(set.labels.filter((l) => l === 1).length, 1135);
  let sum = 0;
  for (let k = 0; k < 784; ++k) sum += set.pixels[k];
  assert.equal(sum, 18_454, 'the first digit\'s pixel sum (Python: sum(gzip.open(f).read()[16:16 + 784]))');
});

test('malformed IDX files are refused with a message naming the file and the limit', () => {
  const refused = (bytes, message) => assert.throws(() => parseIdx(bytes, 'f.idx'), { name: 'RnnlabError', key: 'data', message });
  refused(Uint8Array.from([0, 0, 8]), 'f.idx: 3 bytes, too short for an IDX header (4 bytes and the dimensions)');
  refused(Uint8Array.from([0x1f, 0x8b, 8, 0, 0]), 'f.idx: not an IDX file (its first two bytes are 0x1f 0x8b, expected 0x00 0x00)');
  refused(idx([2, 2], 4, 0x0d), 'f.idx: element type 0x0d (float), expected 0x08 (unsigned byte)');
  refused(idx([1, 1, 1, 1]), 'f.idx: 4 dimensions, expected 1 to 3');
  refused(Uint8Array.from([0, 0, 8, 3, ...be32(10), ...be32(28)]), 'f.idx: truncated header: 12 bytes, the 3 dimensions need 16');
  refused(idx([10, 0, 28], 0), 'f.idx: dimension 1 is 0, expected >= 1');
  refused(Uint8Array.from([0, 0, 8, 2, ...be32(0xffffffff), ...be32(0xffffffff)]),
    `f.idx: dimensions hold more than ${describeByteLimit(MAX_IDX_BYTES)} of data, the limit for an IDX file`);
  refused(idx([10, 28, 28], 10 * 28 * 28 - 1), 'f.idx: truncated: 7839 bytes of data, the dimensions need 7840');
  refused(idx([3], 5), 'f.idx: 2 bytes after the 3 bytes of data');
  assert.equal(describeByteLimit(MAX_IDX_BYTES), '50331648 bytes (48 MB)');
  // the largest dimension (2^32 - 1) is read unsigned, not as a negative int32
  refused(Uint8Array.from([0, 0, 8, 1, ...be32(0xffffffff)]), /dimensions hold more than/);
});

test('images and labels must be one set: ranks, counts and labels 0-9', () => {
  const images = parseIdx(idx([3, 2, 2]), 'i');
  const labels = (values) => parseIdx(Uint8Array.from([0, 0, 8, 1, ...be32(values.length), ...values]), 'l');
  assert.equal(labelledImages(images, labels([1, 2, 9]), 'pair').count, 3);
  assert.throws(() => labelledImages(images, labels([1, 2]), 'pair'), { message: 'pair: 3 images but 2 labels, expected as many of each' });
  assert.throws(() => labelledImages(images, labels([1, 10, 2]), 'pair'), { message: 'pair: label 1 is 10, expected 0 to 9' });
  assert.throws(() => labelledImages(parseIdx(idx([12]), 'i'), labels([1]), 'pair'),
    { message: 'pair: the images file has 1 dimensions, expected 3 (count, rows, cols)' });
  assert.throws(() => labelledImages(images, parseIdx(idx([3, 1]), 'l'), 'pair'),
    { message: 'pair: the labels file has 2 dimensions, expected 1 (count)' });
});

test('gzip: round trip, the output limit, not gzip, truncated and corrupt streams', async () => {
  const file = idx([4, 28, 28]);
  assert.deepEqual(await gunzipLimited(gzipSync(file), 10_000, 'a.gz'), file);
  // a 1 MB run of zeros compresses to ~1 KB: the limit stops it while streaming
  const bomb = gzipSync(new Uint8Array(1 << 20));
  await assert.rejects(gunzipLimited(bomb, 4096, 'bomb.gz'), { key: 'data', message: 'bomb.gz: decompresses to more than 4096 bytes (4 KB), the limit for this file' });
  await assert.rejects(gunzipLimited(file, 1e6, 'plain'), { message: 'plain: not a gzip file (it does not start with the bytes 1f 8b)' });
  const z = gzipSync(file);
  await assert.rejects(gunzipLimited(z.subarray(0, z.length - 9), 1e6, 'half.gz'), { key: 'data', message: /^half\.gz: corrupt or truncated gzip data/ });
  const corrupt = Uint8Array.from(z);
  corrupt[20] ^= 0xff;
  corrupt[21] ^= 0xff;
  await assert.rejects(gunzipLimited(corrupt, 1e6, 'bad.gz'), { message: /^bad\.gz: corrupt or truncated gzip data/ });
  await assert.rejects(gunzipLimited(new Uint8Array(5000), 4096, 'big'), { message: 'big: larger than 4096 bytes (4 KB), the limit for this file' });
});
