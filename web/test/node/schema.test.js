// One schema for every setting: the JS API's keys, the widget's attributes and the doc table are the schema's
// (web/src/api/config-schema.js, generated from src/tasks/config_schema.cpp; the C++ tests hold the module and
// the table equal to it, and the CLI's flags); the wasm module reads and completes configs the same way.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { CONFIG_KEYS, PRESETS, configSchema, completeConfig } from '../../src/api/rnnlab.js';
import { STATE_KEYS } from '../../src/widget/options.js';
import { loadTestRnnlab } from './load_wasm.js';

const keys = configSchema().keys.map((k) => k.key);

test('schema: CONFIG_KEYS, the widget attributes and the docs table hold exactly the schema\'s keys', async () => {
  assert.deepEqual(CONFIG_KEYS.map((k) => k.key), keys);
  assert.deepEqual(STATE_KEYS.map((k) => k.key).filter((k) => k !== 'epochs' && k !== 'speed'), keys);
  assert.deepEqual(STATE_KEYS.map((k) => k.attribute).filter((a) => a !== 'epochs' && a !== 'speed'), keys.map((k) => k.toLowerCase()));
  const doc = await readFile(new URL('../../../docs/js-api.md', import.meta.url), 'utf8');
  const table = doc.slice(doc.indexOf('<!-- schema:begin'), doc.indexOf('<!-- schema:end -->'));
  const documented = [...table.matchAll(/^\| `([A-Za-z0-9]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual(documented, keys);
  for (const k of CONFIG_KEYS) assert.ok(Object.isFrozen(k) && k.doc.length > 0, k.key);
});

test('schema: the presets are the wasm module\'s, and completeConfig completes a config as the module does', async () => {
  const rnnlab = await loadTestRnnlab();
  for (const task of Object.keys(PRESETS)) assert.deepEqual(rnnlab.defaults(task), PRESETS[task]);
  for (const given of [
    { input: 'abcd', target: 'bcda', arch: 'layer', cell: 'rnn' },  // hidden left out: 16
    { task: 'sine' },                                              // the preset's own 10 stays
    { task: 'sine', arch: 'layer' },
    { arch: 'layer', hidden: 5 },
    { task: 'hello', arch: 'cell' },                               // a cell: 0, the vocabulary size
  ]) {
    const trainer = rnnlab.createTrainer(given);
    assert.deepEqual(completeConfig(given), trainer.config(), JSON.stringify(given));
    trainer.dispose();
  }
  assert.equal(completeConfig({ arch: 'layer' }).hidden, 16);
  assert.equal(completeConfig({ task: 'sine' }).hidden, 10);
  assert.throws(() => completeConfig({ task: /** @type {any} */ ('cosine') }), { key: 'task', message: `task: got "cosine", expected ${CONFIG_KEYS[0].expected}` });
});
