// A drawing -> MNIST's 28x28 input (web/src/api/digit-image.js), against images worked out by hand: crop to the
// ink, scale into 20x20 by area averaging (up and down, whole and partial coverage), centre of mass (MNIST's
// pixel-index coordinates: pixel j at j) to the frame's centre (14, 14), as the C++ digitImage does (digit-image-parity.test.js holds the two equal).
import test from 'node:test';
import assert from 'node:assert/strict';

import { inkFromRgba, mnistFromInk, coverage, centreOfMass, inkBox } from '../../src/api/digit-image.js';

/** A width x height ink image with `value(x, y)` inside [x0, x0 + w) x [y0, y0 + h), 0 elsewhere. */
function canvas(width, height, x0, y0, w, h, value = () => 1) {
  const ink = new Float32Array(width * height);
  for (let y = y0; y < y0 + h; ++y) for (let x = x0; x < x0 + w; ++x) ink[y * width + x] = value(x - x0, y - y0);
  return ink;
}

/** The 28x28 image as rows of numbers rounded to 1e-6, for readable failures. */
function expectImage(actual, expected) {
  assert.equal(actual.length, 784);
  for (let k = 0; k < 784; ++k) {
    const [y, x] = [Math.floor(k / 28), k % 28];
    assert.ok(Math.abs(actual[k] - expected(x, y)) < 1e-6, `pixel (row ${y}, column ${x}): ${actual[k]}, expected ${expected(x, y)}`);
  }
}

test('a filled 40x40 square anywhere on the pad becomes the 20x20 block of rows and columns 5..24', () => {
  // 20x20 of ones: centre of mass 9.5 (index) -> shift round(14 - 9.5) = 5 (halves up); its centre of mass 14.5
  for (const [x0, y0] of [[10, 30], [0, 0], [60, 60]]) {
    const image = mnistFromInk(canvas(100, 100, x0, y0, 40, 40), 100, 100);
    expectImage(image, (x, y) => (x >= 5 && x <= 24 && y >= 5 && y <= 24 ? 1 : 0));
  }
});

test('a cross lands with its centre of mass on pixel index (14, 14), where MNIST puts it (as the C++ test_png.cpp)', () => {
  // column 6 and row 12 of a 20 x 20 box, drawn 2x: cx = 304 / 39 = 7.79 -> column shift round(6.21) = 6,
  // cy = 424 / 39 = 10.87 -> row shift round(3.13) = 3; so frame column 12 (rows 3..22) and frame row 15 (columns
  // 6..25), centre of mass (13.79, 13.87).
  const ink = canvas(60, 50, 11, 5, 40, 40, (x, y) => (Math.floor(x / 2) === 6 || Math.floor(y / 2) === 12 ? 1 : 0));
  const image = mnistFromInk(ink, 60, 50);
  expectImage(image, (x, y) => ((x === 12 && y >= 3 && y <= 22) || (y === 15 && x >= 6 && x <= 25) ? 1 : 0));
  const { cx, cy } = centreOfMass(image, 28, 28);
  assert.ok(Math.abs(cx - 14) <= 0.5 && Math.abs(cy - 14) <= 0.5, `centre of mass (${cx}, ${cy})`);
});

test('an off-centre blob, heavier on its left, scaled up 2x: its centre of mass lands on the nearest pixel to (14, 14)', () => {
  // 10 x 5 box at (60, 0): left half ink 1, right half 0.5. x2 -> 20 x 10 (columns 0-9 = 1, 10-19 = 0.5).
  // cx = (45 * 1 + 145 * 0.5) / 15 = 7.833 -> shift round(14 - 7.833) = 6; cy = 4.5 -> shift round(9.5) = 10.
  const ink = canvas(100, 100, 60, 0, 10, 5, (x) => (x < 5 ? 1 : 0.5));
  expectImage(mnistFromInk(ink, 100, 100), (x, y) => {
    if (y < 10 || y > 19 || x < 6 || x > 25) return 0;
    return x <= 15 ? 1 : 0.5;
  });
});

test('scaled down 1.5x: each output pixel averages the 1.5 source pixels it covers, partial ones by their share', () => {
  // 30 x 15 box, columns repeating [1, 0, 0.5]. Output column 2m covers [3m, 3m + 1.5): (1 + 0.5 * 0) / 1.5 = 2/3;
  // column 2m + 1 covers [3m + 1.5, 3m + 3): (0.5 * 0 + 0.5) / 1.5 = 1/3. 20 x 10 out; cx = (90 * 2/3 + 100 / 3) / 10
  // = 9.333 -> shift round(4.667) = 5; cy = 4.5 -> shift 10.
  const ink = canvas(64, 48, 7, 20, 30, 15, (x) => [1, 0, 0.5][x % 3]);
  expectImage(mnistFromInk(ink, 64, 48), (x, y) => {
    if (y < 10 || y > 19 || x < 5 || x > 24) return 0;
    return (x - 5) % 2 === 0 ? 2 / 3 : 1 / 3;
  });
});

test('a thin vertical stroke keeps its aspect: one column wide, 20 tall, in column 14', () => {
  // 1 x 40 -> ow = max(1, round(0.5)) = 1, oh = 20; cx = 0 -> shift 14; cy = 9.5 -> shift round(4.5) = 5.
  expectImage(mnistFromInk(canvas(50, 50, 3, 5, 1, 40), 50, 50), (x, y) => (x === 14 && y >= 5 && y <= 24 ? 1 : 0));
  // one faint pixel: a 20x20 block of its value
  expectImage(mnistFromInk(canvas(9, 9, 8, 8, 1, 1, () => 0.25), 9, 9), (x, y) => (x >= 5 && x <= 24 && y >= 5 && y <= 24 ? 0.25 : 0));
});

test('an empty pad is refused with "draw a digit first"; wrong sizes name the image and the limit', () => {
  assert.throws(() => mnistFromInk(new Float32Array(100 * 80), 100, 80), { name: 'RnnlabError', key: 'image', message: /no ink .*draw a digit first/ });
  assert.throws(() => mnistFromInk(new Float32Array(10), 4, 4), { key: 'image', message: /10 pixels, expected 4 x 4 = 16/ });
  assert.throws(() => mnistFromInk(new Float32Array(0), 0, 0), { key: 'image', message: /0 x 0 pixels, expected whole sides of at least 1/ });
  assert.throws(() => inkFromRgba(new Uint8ClampedArray(12), 2, 2), { key: 'image', message: /12 bytes, expected 4 x 2 x 2 = 16/ });
});

test('ink from RGBA: the alpha of a transparent pad, or the darkness of black on white', () => {
  const rgba = Uint8ClampedArray.from([0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 51, 0, 0, 0, 102]);
  assert.deepEqual(Array.from(inkFromRgba(rgba, 2, 2)), [1, 0, 0.2, 0.4].map(Math.fround));
  const paper = Uint8ClampedArray.from([255, 255, 255, 255, 0, 0, 0, 255]);
  assert.deepEqual(Array.from(inkFromRgba(paper, 2, 1, 'dark')), [0, 1]);
});

test('the pieces: coverage weights sum to 1 per output pixel, the box and the centre of mass', () => {
  for (const [n, m] of [[30, 20], [7, 20], [20, 20], [401, 20], [3, 1]]) {
    const sums = new Float64Array(m);
    for (const { out, weight } of coverage(n, m)) sums[out] += weight;
    for (const s of sums) assert.ok(Math.abs(s - 1) < 1e-12, `${n} -> ${m}: ${s}`);
  }
  assert.deepEqual(inkBox(canvas(10, 10, 2, 3, 4, 5), 10, 10), { x: 2, y: 3, width: 4, height: 5 });
  assert.deepEqual(centreOfMass([0, 1, 0, 3], 2, 2), { cx: 1, cy: 0.75 });  // pixel (row i, column j) at (j, i)
  // any ink widens the box, as in MNIST's binary scans
  const smudged = canvas(10, 10, 2, 3, 4, 5);
  smudged[0] = 0.04;
  assert.deepEqual(inkBox(smudged, 10, 10), { x: 0, y: 0, width: 6, height: 8 });
});

test('MNIST\'s own digits: a 28x28 digit is taken as it is; enlarged 3x on a larger pad, it comes back pixel for pixel', async () => {
  const { readFileSync } = await import('node:fs');
  const { gunzipLimited, parseIdx, MAX_IDX_BYTES } = await import('../../src/api/idx.js');
  const file = new URL('../../../data/digits/mnist/t10k-images-idx3-ubyte.gz', import.meta.url);
  const images = parseIdx(await gunzipLimited(readFileSync(file), MAX_IDX_BYTES, 'images'), 'images').data;
  let exact = 0, cosine = 0;
  const n = 500;
  for (let k = 0; k < n; ++k) {
    const original = Float32Array.from(images.subarray(784 * k, 784 * (k + 1)), (v) => v / 255);
    assert.deepEqual(mnistFromInk(original, 28, 28), original, `digit ${k} as it is`);
    // 3x nearest-neighbour enlargement at (13, 7) of a 100 x 100 pad
    const big = new Float32Array(100 * 100);
    for (let y = 0; y < 84; ++y) for (let x = 0; x < 84; ++x) big[(y + 7) * 100 + x + 13] = original[Math.floor(y / 3) * 28 + Math.floor(x / 3)];
    const again = mnistFromInk(big, 100, 100);
    let ab = 0, aa = 0, bb = 0, same = true;
    for (let p = 0; p < 784; ++p) {
      ab += original[p] * again[p]; aa += original[p] ** 2; bb += again[p] ** 2;
      if (Math.abs(original[p] - again[p]) > 1e-6) same = false;
    }
    cosine += ab / Math.sqrt(aa * bb);
    if (same) exact += 1;
  }
  // MNIST made them so: a 20 x 20 box of the ink, its centre of mass (pixel j at j) put on (14, 14). With pixel
  // centres at j + 0.5 and a 0.05 ink threshold (this file's steps before) 108 of the 500 came back exact.
  assert.equal(exact, n, `${exact} of ${n} exact, mean cosine similarity ${cosine / n}`);
});
