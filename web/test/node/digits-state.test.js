// The digits task in the link and the widget's attributes: its `epochs` key is the run's length (passes over the
// training images), read and written once; its model and images come back from a link as they went in.
import test from 'node:test';
import assert from 'node:assert/strict';

import { readHash, writeHash, runDefaults, configFromHash } from '../../src/state/hash-state.js';
import { STATE_KEYS } from '../../src/widget/options.js';
import { completeConfig, configToRecord, parseConfig } from '../../src/api/rnnlab.js';
import { trainSizeOf, digitsDataset, digitsModelSettings, FASHION_CLASSES } from '../../src/state/digits-data.js';

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

test('each digits model\'s settings come from the schema\'s implied defaults; the ones tests/tasks/test_digits_task.cpp holds floors for', () => {
  // The C++ test "the page's tuned settings pass their floors" trains these three; keep them in step.
  assert.deepEqual(digitsModelSettings('mlp'), { optim: 'adam', lr: 2e-3, clip: 0, batch: 64 });
  assert.deepEqual(digitsModelSettings('cnn'), { optim: 'adam', lr: 1e-3, clip: 0, batch: 32 });
  assert.deepEqual(digitsModelSettings('lstm'), { optim: 'adam', lr: 5e-3, clip: 1, batch: 64 });
  // A link or attribute that names the model takes them; given settings win.
  assert.deepEqual(['lr', 'clip', 'batch'].map((k) => completeConfig({ task: 'digits', model: 'cnn' })[k]), [1e-3, 0, 32]);
  assert.deepEqual(['lr', 'batch'].map((k) => completeConfig({ task: 'digits', model: 'cnn', lr: 0.01, batch: 8 })[k]), [0.01, 8]);
  assert.equal(completeConfig({ task: 'digits' }).lr, 5e-3, 'the preset is the LSTM\'s');
  // A link writes what reading it back would not imply: model=cnn alone; the preset's batch 64 with cnn, kept.
  assert.deepEqual(configToRecord(completeConfig({ task: 'digits', model: 'cnn' })), { task: 'digits', model: 'cnn' });
  const cnn64 = completeConfig({ task: 'digits', model: 'cnn', batch: 64 });
  assert.deepEqual(configToRecord(cnn64), { task: 'digits', model: 'cnn', batch: '64' });
  assert.deepEqual(completeConfig(parseConfig(configToRecord(cnn64))), cnn64);
  // Fashion-MNIST's names as the C++ task gives them (src/tasks/digits_data.cpp), which the page translates.
  assert.deepEqual(FASHION_CLASSES, ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot']);
});
