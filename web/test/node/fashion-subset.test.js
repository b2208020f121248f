// The page's Fashion-MNIST subset (build-data/fashion-subset.js, called by vite.config.js): from Debian's package
// the 10,000 test images and labels unchanged with the MIT notice; a missing or malformed file stops the build with
// a message naming the file and the package.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { fashionSubset, FASHION_SOURCE, DIGITS_FILES } from '../../build-data/fashion-subset.js';

const PACKAGE = /install Debian's dataset-fashion-mnist \(scripts\/install-deps\.sh does\)/;

/** An IDX file: magic, dims, then the bytes. */
function idx(magic, dims, body) {
  const header = Buffer.alloc(4 * (1 + dims.length));
  header.writeUInt32BE(magic, 0);
  dims.forEach((d, k) => header.writeUInt32BE(d, 4 * (k + 1)));
  return gzipSync(Buffer.concat([header, body]));
}

test('fashion subset: Debian\'s 10,000 test images and labels, unchanged, with the MIT notice', async () => {
  const files = await fashionSubset();  // CI installs dataset-fashion-mnist (scripts/install-deps.sh)
  for (const name of DIGITS_FILES) assert.ok(files[name].equals(await readFile(`${FASHION_SOURCE}${name}`)), name);
  assert.equal(files[DIGITS_FILES[0]].length, 4_422_079);  // the sizes web/src/state/digits-data.js announces
  assert.equal(files[DIGITS_FILES[1]].length, 5_125);
  const notice = files['LICENSE.txt'].toString('utf8');
  assert.match(notice, /^Fashion-MNIST \(Han Xiao, Kashif Rasul, Roland Vollgraf; Zalando Research\)/);
  assert.match(notice, /Copyright: 2017, Zalando SE/);
  assert.match(notice, /Permission is hereby granted, free of charge/);
});

test('fashion subset: a missing or malformed file stops the build, naming the file and the package', async () => {
  const dir = `${await mkdtemp(path.join(tmpdir(), 'rnnlab-fashion-'))}/`;
  try {
    const copyright = `${dir}copyright`;
    await writeFile(copyright, 'License: Expat\n');
    await assert.rejects(fashionSubset({ source: dir, copyright }),
      (e) => e.message.startsWith(`Fashion-MNIST: ${dir}t10k-images-idx3-ubyte.gz is missing: `) && PACKAGE.test(e.message));
    const labels = idx(2049, [10_000], Buffer.alloc(10_000, 3));
    await writeFile(`${dir}t10k-labels-idx1-ubyte.gz`, labels);
    // 9,999 images where 10,000 are expected
    await writeFile(`${dir}t10k-images-idx3-ubyte.gz`, idx(2051, [9_999, 28, 28], Buffer.alloc(9_999 * 784)));
    await assert.rejects(fashionSubset({ source: dir, copyright }),
      (e) => e.message.startsWith(`Fashion-MNIST: ${dir}t10k-images-idx3-ubyte.gz is not 10000 images of 28 x 28 in IDX form`) && PACKAGE.test(e.message));
    // not gzip'd
    await writeFile(`${dir}t10k-images-idx3-ubyte.gz`, Buffer.from('not gzip'));
    await assert.rejects(fashionSubset({ source: dir, copyright }), (e) => e.message.includes('is not a gzip file'));
    // the images right, a label 10
    await writeFile(`${dir}t10k-images-idx3-ubyte.gz`, idx(2051, [10_000, 28, 28], Buffer.alloc(10_000 * 784)));
    const bad = Buffer.alloc(10_000, 3);
    bad[42] = 10;
    await writeFile(`${dir}t10k-labels-idx1-ubyte.gz`, idx(2049, [10_000], bad));
    await assert.rejects(fashionSubset({ source: dir, copyright }),
      (e) => e.message.startsWith(`Fashion-MNIST: ${dir}t10k-labels-idx1-ubyte.gz is not 10000 labels 0-9 in IDX form`));
    // all right: handed back as they are
    await writeFile(`${dir}t10k-labels-idx1-ubyte.gz`, labels);
    const files = await fashionSubset({ source: dir, copyright });
    assert.ok(files['t10k-labels-idx1-ubyte.gz'].equals(labels));
    assert.match(files['LICENSE.txt'].toString('utf8'), /License: Expat\n$/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
