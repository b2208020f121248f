// Number() reads "0x10" as 16 and "+10" as 10; parseConfig reads a string as a number only when it is plain
// decimal, and a spelled-out infinity goes on to the range check, which names the limit.
import test from 'node:test';
import assert from 'node:assert/strict';

import { parseConfig } from '../../src/api/rnnlab.js';
import { loadTestRnnlab } from './load_wasm.js';

test('parseConfig: only plain decimal strings are numbers ("0x10" is not 16)', () => {
  for (const text of ['0x10', '0X10', '0b11', '0o7', '+10', ' 5', '5 ', '1e', '.', '-', '1_000', '', '+Infinity', 'NaN', 'nan', 'constructor']) {
    assert.throws(() => parseConfig({ lr: text }), { name: 'RnnlabError', key: 'lr', message: `lr: expected a number, got ${JSON.stringify(text)} (a string)` }, text);
  }
  assert.throws(() => parseConfig({ hidden: '+10' }), { key: 'hidden', message: 'hidden: expected a number, got "+10" (a string)' });
  assert.deepEqual(parseConfig({ lr: '0.01', hidden: '12', momentum: '5e-1', dampening: '-1', eps: '1E-8', beta1: '.9', clip: '1.' }),
    { lr: 0.01, hidden: 12, momentum: 0.5, dampening: -1, eps: 1e-8, beta1: 0.9, clip: 1 });
  // A number (not a string) is taken as it is: the range checks come later and name the limit.
  assert.deepEqual(parseConfig({ lr: 16 }), { lr: 16 });
});

test('parseConfig: an infinity spelled out reaches the range check, which names the limit', async () => {
  const rnnlab = await loadTestRnnlab();
  for (const [text, shown] of [['inf', 'inf'], ['Infinity', 'inf'], ['-Infinity', '-inf']]) {
    const config = parseConfig({ task: 'sine', lr: text });
    assert.throws(() => rnnlab.createTrainer(config), { name: 'RnnlabError', key: 'lr', message: `lr: got ${shown}, expected a finite number >= 0` }, text);
  }
});
