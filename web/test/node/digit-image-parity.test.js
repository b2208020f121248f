// The page's drawing -> MNIST (web/src/api/digit-image.js) and the C++ one behind `rnnlab predict --image`
// (src/io/digit_image.h, bound as Rnnlab.digitImage) give the same 28x28 on the same pictures: hand-made shapes,
// a stroke, and MNIST digits enlarged, shifted and blurred onto larger pads.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { mnistFromInk } from '../../src/api/digit-image.js';
import { gunzipLimited, parseIdx, MAX_IDX_BYTES } from '../../src/api/idx.js';
import { loadTestRnnlab } from './load_wasm.js';

/** Largest |a - b| over the 784 values. */
const maxDiff = (a, b) => a.reduce((worst, v, k) => Math.max(worst, Math.abs(v - b[k])), 0);

test('digitImage (C++) and mnistFromInk (JS) give the same 784 values (within 1e-6) on shapes, a stroke and 60 enlarged MNIST digits', async () => {
  const rnnlab = await loadTestRnnlab();
  const pictures = [];
  const square = new Float32Array(100 * 100);
  for (let y = 30; y < 70; ++y) for (let x = 10; x < 50; ++x) square[y * 100 + x] = 1;
  pictures.push({ name: 'square', ink: square, width: 100, height: 100 });
  const blob = new Float32Array(90 * 70);
  for (let y = 0; y < 5; ++y) for (let x = 60; x < 70; ++x) blob[y * 90 + x] = x < 65 ? 1 : 0.5;
  pictures.push({ name: 'off-centre blob', ink: blob, width: 90, height: 70 });
  const cross = new Float32Array(60 * 50);  // the cross of digit-image.test.js and test_png.cpp
  for (let y = 0; y < 40; ++y) for (let x = 0; x < 40; ++x) if ((x >> 1) === 6 || (y >> 1) === 12) cross[(y + 5) * 60 + x + 11] = 1;
  pictures.push({ name: 'cross', ink: cross, width: 60, height: 50 });
  const thirds = new Float32Array(64 * 48);  // ties: an even box of values 2/3 and 1/3 (float rounding differs)
  for (let y = 20; y < 35; ++y) for (let x = 7; x < 37; ++x) thirds[y * 64 + x] = [1, 0, 0.5][(x - 7) % 3];
  pictures.push({ name: 'thirds', ink: thirds, width: 64, height: 48 });
  const stroke = new Float32Array(224 * 224);  // a slanted, anti-aliased stroke, as the pad draws one
  for (let y = 30; y < 190; ++y) for (let x = 0; x < 224; ++x) {
    const d = Math.abs(x - (130 - 0.3 * y));
    stroke[y * 224 + x] = d < 8 ? 1 : d < 9 ? 9 - d : 0;
  }
  pictures.push({ name: 'stroke', ink: stroke, width: 224, height: 224 });
  const file = new URL('../../../data/digits/mnist/t10k-images-idx3-ubyte.gz', import.meta.url);
  const images = parseIdx(await gunzipLimited(readFileSync(file), MAX_IDX_BYTES, 'images'), 'images').data;
  for (let k = 8000; k < 8060; ++k) {
    const scale = 2 + (k % 3), dx = k % 17, dy = (k * 7) % 13, side = 28 * scale + 20;
    const ink = new Float32Array(side * side);
    for (let y = 0; y < 28 * scale; ++y) for (let x = 0; x < 28 * scale; ++x)
      ink[(y + dy) * side + x + dx] = images[784 * k + Math.floor(y / scale) * 28 + Math.floor(x / scale)] / 255;
    pictures.push({ name: `digit ${k} x${scale}`, ink, width: side, height: side });
  }
  for (const { name, ink, width, height } of pictures) {
    const cpp = rnnlab.digitImage(ink, width, height);
    const js = mnistFromInk(ink, width, height);
    assert.ok(maxDiff(cpp, js) < 1e-6, `${name}: largest difference ${maxDiff(cpp, js)}`);
  }
});
