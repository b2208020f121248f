// The worker's modules (trainer_host.js, api/task-modules.js): init loads the module of the task it names; a task of
// another family is configured in that family's module, which replaces the old one only once the new trainer is
// built; the text corpus is checked in the text module, which the following configure then uses (loaded once); a
// refused config keeps the old trainer and module. Each "module" is a fresh instance of the Node build with its
// `tasks` narrowed to the family of the file asked for, as the page's modules have.
import test from 'node:test';
import assert from 'node:assert/strict';

import { TrainerHost } from '../../src/worker/trainer_host.js';
import { loadTestRnnlab } from './load_wasm.js';
import { requester } from './worker_request.js';

const TEXT = 'to be or not to be, that is the question. '.repeat(20);

/** A TrainerHost whose `load` records every module URL and gives each instance its family's tasks. */
function makeHost() {
  /** @type {any[]} */
  const messages = [];
  /** @type {string[]} */
  const loads = [];
  /** @type {string[]} */
  const fetched = [];
  const host = new TrainerHost({
    post: (message) => messages.push(message),
    fetch: async (url) => {
      fetched.push(url);
      return { ok: true, status: 200, arrayBuffer: async () => new TextEncoder().encode(TEXT).buffer };
    },
    load: async ({ moduleUrl }) => {
      loads.push(String(moduleUrl));
      const rnnlab = await loadTestRnnlab();
      rnnlab.tasks = String(moduleUrl).endsWith('/rnnlab_text.mjs') ? ['text'] : ['seq', 'sine', 'remember'];
      return rnnlab;
    },
  });
  const request = requester(host, messages);
  return { request, loads, fetched };
}

test('worker modules: init loads the named task\'s module; switching families loads the other once', async () => {
  const { request, loads } = makeHost();
  await request('init', { moduleBase: 'https://example.org/wasm', task: 'text' });
  assert.deepEqual(loads, ['https://example.org/wasm/rnnlab_text.mjs']);
  await request('corpus', { name: 'own', bytes: new TextEncoder().encode(TEXT).buffer, seqLen: 8 });
  const text = await request('configure', { config: { task: 'text', corpus: 'own', seqLen: 8, batch: 2, hidden: 8, layers: 1 } });
  assert.equal(text.snapshot.prediction.task, 'text');
  assert.equal(loads.length, 1, 'the text task stays in its module');

  const hello = await request('configure', { config: { task: 'hello' } });
  assert.equal(hello.config.task, 'seq');
  assert.deepEqual(loads.slice(1), ['https://example.org/wasm/rnnlab.mjs']);
  assert.equal((await request('step', { n: 3 })).iteration, 3);
  await request('configure', { config: { task: 'sine' } });
  await request('configure', {});  // no task: the seq task's preset, as the module reads it
  assert.equal(loads.length, 2, 'the core family\'s tasks share its module');

  // The text corpus is checked in the text module, which the configure after it uses: one load for both.
  await request('corpus', { name: 'own', bytes: new TextEncoder().encode(TEXT).buffer, seqLen: 8 });
  assert.deepEqual(loads.slice(2), ['https://example.org/wasm/rnnlab_text.mjs']);
  await request('configure', { config: { task: 'text', corpus: 'own', seqLen: 8, batch: 2, hidden: 8, layers: 1 } });
  assert.equal(loads.length, 3);
  assert.equal((await request('step', { n: 2 })).prediction.task, 'text');
});

test('worker modules: a bundled corpus trains again after a trip to another family (fetched again)', async () => {
  const { request, loads, fetched } = makeHost();
  const corpus = { name: 'tang300', url: 'https://example.org/corpora/tang300.txt', seqLen: 8 };
  const config = { task: 'text', corpus: 'tang300', seqLen: 8, batch: 2, hidden: 8, layers: 1 };
  await request('init', { task: 'text' });
  await request('corpus', corpus);
  await request('configure', { config });
  await request('corpus', corpus);  // the trainer has it: not fetched again
  assert.equal(fetched.length, 1);
  await request('configure', { config: { task: 'sine' } });
  await request('corpus', corpus);  // the text trainer, and its corpus, went with its module
  assert.equal(fetched.length, 2);
  assert.equal((await request('configure', { config })).config.corpus, 'tang300');
  assert.equal((await request('step', { n: 1 })).prediction.task, 'text');
  assert.deepEqual(loads, ['/wasm/rnnlab_text.mjs', '/wasm/rnnlab.mjs', '/wasm/rnnlab_text.mjs']);
});

test('worker modules: a config the other family\'s module refuses keeps the old trainer, module and iteration', async () => {
  const { request, loads } = makeHost();
  await request('init', {});
  assert.deepEqual(loads, ['/wasm/rnnlab.mjs'], 'default: the core module from /wasm/');
  await request('configure', { config: { task: 'sine' } });
  await request('step', { n: 5 });
  await assert.rejects(request('configure', { config: { task: 'text' } }), { key: 'corpus', message: /corpus: no text given/ });
  assert.deepEqual(loads, ['/wasm/rnnlab.mjs', '/wasm/rnnlab_text.mjs']);
  const after = await request('step', { n: 1 });
  assert.equal(after.iteration, 6, 'the sine trainer trains on');
  assert.equal(after.prediction.task, 'sine');
  await assert.rejects(request('configure', { config: { task: 'copy' } }), { key: 'task', message: /task: got "copy", expected seq, sine, text, remember, classify, tag or digits/ });
  await request('configure', { config: { task: 'remember' } });
  assert.equal(loads.length, 2);
  // That configure dropped the text module the refused config had loaded: the text task loads it anew.
  await request('corpus', { name: 'own', bytes: new TextEncoder().encode(TEXT).buffer, seqLen: 8 });
  assert.deepEqual(loads.slice(2), ['/wasm/rnnlab_text.mjs']);
});
