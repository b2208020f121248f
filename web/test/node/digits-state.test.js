// The digits task in the link and the widget's attributes: its `epochs` key is the run's length (passes over the
// training images), read and written once; its model and images come back from a link as they went in.
import test from 'node:test';
import assert from 'node:assert/strict';

import { readHash, writeHash, runDefaults, configFromHash } from '../../src/state/hash-state.js';
import { STATE_KEYS } from '../../src/widget/options.js';
import { completeConfig } from '../../src/api/rnnlab.js';
import { trainSizeOf, digitsDataset } from '../../src/state/digits-data.js';

test('digits in the link: model, data and the run\'s epochs, each written once', () => {
  const parsed = readHash('#task=digits&model=cnn&data=fashion&epochs=3');
  assert.deepEqual(parsed.errors, []);
  const config = configFromHash(parsed);
  assert.deepEqual([config.task, config.model, config.data], ['digits', 'cnn', 'fashion']);
  assert.deepEqual(parsed.run, { epochs: 3 });
  assert.deepEqual(runDefaults(config), { epochs: 5, speed: 'max' });
  // A config whose own epochs differs from the preset still writes `epochs` once: the run's.
  const hash = writeHash({ ...config, epochs: 9 }, { epochs: 3, speed: 'max' });
  assert.equal(hash, '#task=digits&model=cnn&data=fashion&epochs=3');
  assert.equal(writeHash(completeConfig({ task: 'digits' }), { epochs: 5, speed: 'max' }), '#task=digits');
  assert.equal(STATE_KEYS.filter((k) => k.key === 'epochs').length, 1, 'one epochs attribute');
});

test('digits data: the files each set is served as, and the split the C++ task makes (count * 4 / 5)', () => {
  assert.deepEqual(digitsDataset('mnist'), { folder: 'mnist/', images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz', bytes: 1_533_929 });
  assert.equal(digitsDataset('cifar'), undefined);
  assert.deepEqual([10000, 10, 11, 14, 70000].map(trainSizeOf), [8000, 8, 8, 11, 56000]);
});
