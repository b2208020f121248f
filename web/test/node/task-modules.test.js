// Which module trains which task (web/src/api/task-modules.js) agrees with the C++ side: the families are the task
// registry's (src/tasks/task_registry.cpp, through the generated schema), each family module is one that
// src/wasm/CMakeLists.txt builds, and the Node module (every family) trains every task. Chromium's test
// (chromium.test.js) loads the page's family modules themselves and checks which tasks each trains.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { PRESETS, configSchema } from '../../src/api/rnnlab.js';
import { FAMILY_MODULES, moduleOfTask, moduleUrls, taskOfName } from '../../src/api/task-modules.js';
import { loadTestRnnlab, repoRoot, wasmDir } from './load_wasm.js';

test('task modules: one module per family of the registry, as CMake builds them', () => {
  const families = new Set(Object.values(configSchema().families));
  assert.deepEqual([...families].sort(), Object.keys(FAMILY_MODULES).sort());
  const cmake = readFileSync(path.join(repoRoot, 'src/wasm/CMakeLists.txt'), 'utf8');
  const built = Object.fromEntries([...cmake.matchAll(/^rnnlab_family_module\((\w+)\s+(\w+)/gm)].map((m) => [m[1], m[2]]));
  assert.deepEqual(built, { ...FAMILY_MODULES });
  for (const module of Object.values(FAMILY_MODULES))
    for (const ext of ['mjs', 'wasm']) assert.ok(existsSync(path.join(wasmDir, `${module}.${ext}`)), `${module}.${ext}: run scripts/build-wasm.sh`);
});

test('task modules: every task and alias maps to its family\'s module; anything else to none', async () => {
  assert.equal(moduleOfTask('seq'), 'rnnlab');
  assert.equal(moduleOfTask('hello'), 'rnnlab');
  assert.equal(moduleOfTask('sine'), 'rnnlab');
  for (const task of ['remember', 'classify', 'tag']) assert.equal(moduleOfTask(task), 'rnnlab_memory', task);
  assert.equal(moduleOfTask('digits'), 'rnnlab_digits');
  assert.equal(moduleOfTask('text'), 'rnnlab_text');
  assert.equal(moduleOfTask('text'), 'rnnlab_text');
  for (const name of ['', 'Text', 'toString', '__proto__', 'rnnlab']) {
    assert.equal(taskOfName(name), null, name);
    assert.equal(moduleOfTask(name), null, name);
  }
  assert.equal(taskOfName('hello'), 'seq');
  assert.deepEqual(moduleUrls('https://example.org/a/wasm/', 'rnnlab_text'),
    { moduleUrl: 'https://example.org/a/wasm/rnnlab_text.mjs', wasmUrl: 'https://example.org/a/wasm/rnnlab_text.wasm' });
  const rnnlab = await loadTestRnnlab();
  assert.deepEqual([...rnnlab.tasks].sort(), Object.keys(PRESETS).sort(), 'the Node module trains every task');
});
