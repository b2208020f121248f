// The text task through the worker protocol (protocol.js: corpus, sampling, validate, the streamed `sample`
// messages), and the pieces it is made of: the corpus's bytes -> text checks (api/corpus-text.js), the sample
// stream (worker/sample-stream.js) and the window sizes each corpus starts with (state/corpora.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';

import { WorkerClient } from '../../src/worker/client.js';
import { PRESETS } from '../../src/api/rnnlab.js';
import { decodeCorpus, checkCorpusSize, MAX_CORPUS_BYTES } from '../../src/api/corpus-text.js';
import { SampleStream, sampleSettings, DEFAULT_SAMPLE_SETTINGS, CHARACTERS_PER_PIECE } from '../../src/worker/sample-stream.js';
import { BUNDLED_CORPORA, MAX_SYMBOLS, sizedForVocabulary, withCorpusSizes } from '../../src/state/corpora.js';
import { loadTestRnnlab, repoRoot } from './load_wasm.js';

const corporaDir = path.join(repoRoot, 'data/corpora');
const tang300 = readFileSync(path.join(corporaDir, 'tang300.txt'), 'utf8');
const SMALL = { task: 'text', corpus: 'tang300', seqLen: 16, batch: 4, embedding: 16, hidden: 24, layers: 1, valEvery: 5, seed: 3 };

test('corpus bytes: size, binary data and invalid UTF-8 are refused with a message naming the limit', () => {
  assert.equal(decodeCorpus(new TextEncoder().encode('床前明月光，疑是地上霜。')), '床前明月光，疑是地上霜。');
  assert.equal(decodeCorpus(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x62])), 'ab', 'a byte-order mark is not text');
  assert.throws(() => decodeCorpus(new Uint8Array([0x61, 0x00, 0x62])), { name: 'RnnlabError', key: 'corpus', message: 'corpus: binary data (a NUL byte at byte 1), expected a UTF-8 text file' });
  assert.throws(() => decodeCorpus(new Uint8Array([0x61, 0xc3, 0x28])), { key: 'corpus', message: /^corpus: invalid UTF-8, expected a UTF-8 text file/ });
  assert.throws(() => checkCorpusSize(MAX_CORPUS_BYTES + 1), { key: 'corpus', message: 'corpus: 10485761 bytes, the limit is 10485760 bytes (10 MB)' });
  checkCorpusSize(MAX_CORPUS_BYTES);
});

test('corpus limit: the JS size check says what the C++ corpus check says, at the same limit', async () => {
  const rnnlab = await loadTestRnnlab();
  const big = 'ab'.repeat(MAX_CORPUS_BYTES / 2) + 'c';
  const js = (() => { try { checkCorpusSize(Buffer.byteLength(big)); } catch (e) { return /** @type {Error} */ (e).message; } return ''; })();
  assert.throws(() => rnnlab.checkCorpus(big, 8), { key: 'corpus', message: js });
  assert.deepEqual(rnnlab.checkCorpus(big.slice(0, -1), 8), { characters: MAX_CORPUS_BYTES, symbols: 2 });
  // The checks only C++ makes, through the same call the worker uses.
  assert.throws(() => rnnlab.checkCorpus('abc', 8), { key: 'corpus', message: /expected at least seqLen \+ 1 = 9/ });
  assert.throws(() => rnnlab.checkCorpus('a'.repeat(100), 8), { key: 'corpus', message: /one distinct character/ });
  const many = Array.from({ length: 8193 }, (_, k) => String.fromCodePoint(0x4e00 + k)).join('');
  assert.throws(() => rnnlab.checkCorpus(many, 8), { key: 'corpus', message: /more than 8192 distinct characters, the limit is 8192/ });
  // The picker states the core's limit (MAX_SYMBOLS): one distinct character fewer passes.
  assert.deepEqual(rnnlab.checkCorpus(many.slice(0, MAX_SYMBOLS), 8), { characters: MAX_SYMBOLS, symbols: MAX_SYMBOLS });
  assert.throws(() => rnnlab.checkCorpus(many.slice(0, MAX_SYMBOLS + 1), 8), { message: new RegExp(`the limit is ${MAX_SYMBOLS}$`) });
});

test('the five-character line share is the C++ one: 五字，五字。 lines of a text', async () => {
  const rnnlab = await loadTestRnnlab();
  assert.equal(rnnlab.fiveCharacterLineShare('床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n'), 1);
  assert.equal(rnnlab.fiveCharacterLineShare('床前明月光，疑是地上霜。举头望明，低头思故乡。'), 0.5);
  assert.equal(rnnlab.fiveCharacterLineShare('no lines'), 0);
});

test('sample stream: settings checked, one sample at a time, sent in pieces of a few characters', () => {
  assert.throws(() => sampleSettings(DEFAULT_SAMPLE_SETTINGS, { temperature: 0 }), { message: 'temperature: got 0, expected a number in (0, 2]' });
  assert.throws(() => sampleSettings(DEFAULT_SAMPLE_SETTINGS, { temperature: 2.5 }), { message: /temperature: got 2.5/ });
  assert.throws(() => sampleSettings(DEFAULT_SAMPLE_SETTINGS, { topK: -1 }), { message: 'topK: got -1, expected an integer from 0 to 8192' });
  assert.throws(() => sampleSettings(DEFAULT_SAMPLE_SETTINGS, { length: 5000 }), { message: /length: got 5000, expected an integer from 1 to 2000/ });
  assert.throws(() => sampleSettings(DEFAULT_SAMPLE_SETTINGS, { colour: 1 }), { message: /unknown setting "colour"/ });
  assert.deepEqual(sampleSettings(DEFAULT_SAMPLE_SETTINGS, { temperature: 2, prime: '床' }), { ...DEFAULT_SAMPLE_SETTINGS, temperature: 2, prime: '床' });

  const stream = new SampleStream();
  assert.equal(stream.options().seed, 1);
  assert.ok(stream.due(0));
  stream.begin('床前明月光，疑是地上霜。', 0);
  assert.ok(!stream.due(10_000), 'not while a sample is being sent');
  const pieces = [];
  for (let piece = stream.next(); piece; piece = stream.next()) pieces.push(piece);
  assert.equal(pieces.map((p) => p.text).join(''), '床前明月光，疑是地上霜。');
  assert.ok(pieces.every((p) => Array.from(p.text).length <= CHARACTERS_PER_PIECE && p.sample === 1 && p.seed === 1));
  assert.deepEqual(pieces.map((p) => p.offset), [0, 4, 8]);
  assert.deepEqual(pieces.map((p) => p.done), [false, false, true]);
  assert.ok(!stream.due(2999) && stream.due(3000), 'the next one every SAMPLE_INTERVAL_MS');
  assert.equal(stream.options().seed, 2, 'a seed per sample');
  stream.begin('abcdefgh', 3000);
  stream.next();
  stream.begin('xyz', 3001);  // replaces the rest of the previous sample: only one is kept
  assert.deepEqual(stream.next(), { sample: 3, seed: 3, offset: 0, text: 'xyz', done: true });
  // After a long step the next piece holds all that is due: 4 characters per 40 ms since the sample began.
  stream.begin('a'.repeat(100), 5000);
  assert.equal(stream.next(5000 + 500)?.text.length, 48, '12 intervals of 40 ms');
  assert.equal(stream.next(5000 + 520)?.text.length, 4, 'then at least a piece');
  assert.equal(stream.next(5000 + 100000)?.done, true);
});

test('window sizes: every bundled corpus and an 8,192-symbol text configure under the memory budget', async () => {
  assert.deepEqual(sizedForVocabulary(65), { batch: PRESETS.text.batch, seqLen: PRESETS.text.seqLen });
  assert.deepEqual(withCorpusSizes({ ...PRESETS.text, corpus: 'tang5' }, { corpus: 'tang5' }), { ...PRESETS.text, corpus: 'tang5', batch: 8, seqLen: 32 });
  assert.equal(withCorpusSizes({ ...PRESETS.text, corpus: 'tang5', batch: 2 }, { batch: 2 }).batch, 2, 'a batch given is kept');
  const rnnlab = await loadTestRnnlab();
  for (const [name, corpus] of Object.entries(BUNDLED_CORPORA)) {
    const text = readFileSync(path.join(corporaDir, corpus.file), 'utf8');
    assert.equal(Buffer.byteLength(text), corpus.bytes, `${name}: bytes`);
    assert.equal(new Set(text).size, corpus.symbols, `${name}: symbols`);
    const sized = sizedForVocabulary(corpus.symbols);
    const trainer = rnnlab.createTrainer({ task: 'text', corpus: /** @type {any} */ (name), ...sized }, { corpus: text });
    assert.ok(Number.isFinite(trainer.step(1).loss), name);
    trainer.dispose();
    if (name === 'tang5') {
      // Why the page sizes it: the preset's B = 32, T = 64 is refused by the budget.
      assert.throws(() => rnnlab.createTrainer({ task: 'text', corpus: 'tang5' }, { corpus: text }), { message: /over the budget of 128.0 MB/ });
    }
  }
  const many = Array.from({ length: 8192 }, (_, k) => String.fromCodePoint(0x4e00 + k)).join('').repeat(2);
  const trainer = rnnlab.createTrainer({ task: 'text', corpus: 'own', ...sizedForVocabulary(8192) }, { corpus: many });
  trainer.dispose();
});

/** A static server for data/corpora, recording each path asked for. */
async function serveCorpora() {
  /** @type {string[]} */
  const requests = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    try {
      const body = readFileSync(path.join(corporaDir, path.basename(request.url ?? '')));
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(body);
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { url: `http://127.0.0.1:${address.port}/`, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

test('worker: a bundled corpus fetched once by URL, samples streamed in pieces, validation every valEvery and on demand', async () => {
  const server = await serveCorpora();
  const worker = new Worker(new URL('./worker_entry.js', import.meta.url));
  const client = new WorkerClient(worker);
  /** @type {any[]} */
  const pieces = [];
  /** @type {any[]} */
  const snapshots = [];
  client.on('sample', (m) => pieces.push(m));
  client.on('snapshot', (m) => snapshots.push(m));
  try {
    await client.request('init');
    await assert.rejects(client.request('configure', { config: SMALL }), { key: 'corpus', message: /no text given/ });
    await assert.rejects(client.request('corpus', { name: 'tang300', url: `${server.url}missing.txt`, seqLen: 16 }),
      { key: 'corpus', message: 'corpus: could not fetch tang300 (HTTP 404)' });
    const url = `${server.url}tang300.txt`;
    const loaded = await client.request('corpus', { name: 'tang300', url, seqLen: 16 });
    assert.deepEqual({ ...loaded, replyTo: 0 }, { type: 'corpus', replyTo: 0, name: 'tang300', url, characters: 27680, symbols: 2573, bytes: 77980 });
    const configured = await client.request('configure', { config: SMALL });
    assert.equal(configured.snapshot.prediction.view, 'text');
    // The same corpus again: answered from what the trainer holds, not fetched a second time.
    await client.request('corpus', { name: 'tang300', url, seqLen: 16 });
    const second = await client.request('configure', { config: { ...SMALL, hidden: 20 } });
    assert.equal(server.requests.filter((r) => r === '/tang300.txt').length, 1, server.requests.join(' '));

    // A sample at once, in pieces, equal to the JS API's sample() of the same weights and seed.
    await assert.rejects(client.request('sampling', { settings: { prime: 'Q' } }), { message: /prime: character 'Q'/ });
    const settings = { prime: '床前', temperature: 0.7, topK: 5, length: 30, poemLines: true };
    const sampling = await client.request('sampling', { settings });
    assert.deepEqual(sampling.settings, settings);
    while (!pieces.some((p) => p.done)) await sleep(20);
    const first = pieces.filter((p) => p.sample === pieces[0].sample);
    const text = first.map((p) => p.text).join('');
    const rnnlab = await loadTestRnnlab();
    const reference = rnnlab.createTrainer({ ...SMALL, hidden: 20 }, { corpus: tang300 });
    assert.equal(text, reference.sample({ ...settings, seed: first[0].seed }), 'the streamed sample is sample() with its seed');
    // In pieces (a late timer catches up with a longer one), in order.
    assert.ok(first.length >= 3, `${first.length} pieces`);
    assert.deepEqual(first.map((p) => p.offset), first.map((_, k) => Array.from(first.slice(0, k).map((p) => p.text).join('')).length));
    assert.equal(first.at(-1).lineShare, rnnlab.fiveCharacterLineShare(text));
    // The snapshot's trace is sequence 0 of the batch, exactly (the views draw nothing else).
    reference.inspect();
    const full = reference.trace().layers[0];
    const sent = second.snapshot.trace.layers[0];
    assert.equal(full.batch, SMALL.batch);
    assert.equal(sent.batch, 1);
    assert.deepEqual(sent.h.shape, [SMALL.seqLen, 1, 20]);
    for (const t of [0, 7, SMALL.seqLen - 1]) {
      assert.deepEqual(sent.x.data.subarray(t * 16, t * 16 + 16), full.x.data.subarray(t * SMALL.batch * 16, t * SMALL.batch * 16 + 16));
      assert.deepEqual(sent.gates[2].data.subarray(t * 20, t * 20 + 20), full.gates[2].data.subarray(t * SMALL.batch * 20, t * SMALL.batch * 20 + 20));
      assert.equal(sent.dhNorm[t], full.dhNorm[t * SMALL.batch]);
    }
    assert.deepEqual(sent.h0.data, full.h0.data.subarray(0, 20));
    assert.deepEqual(sent.c.data, Float32Array.from({ length: SMALL.seqLen * 20 }, (_, k) =>
      full.c.data[Math.floor(k / 20) * SMALL.batch * 20 + (k % 20)]), 'c: every step of sequence 0');
    assert.deepEqual(sent.dh.data.subarray(20 * 5, 20 * 6), full.dh.data.subarray(5 * SMALL.batch * 20, 5 * SMALL.batch * 20 + 20));
    assert.deepEqual(sent.jacobianNorm, full.jacobianNorm);
    reference.dispose();

    // Training: a new sample every few seconds, the validation loss every valEvery (5) steps.
    pieces.length = 0;
    await client.request('train', { trace: false });
    await sleep(6600);  // SAMPLE_INTERVAL_MS is 3 s
    const validation = await client.request('validate');
    assert.ok(Number.isFinite(validation.valLoss) && validation.valLoss > 0 && validation.valLoss < 9, String(validation.valLoss));
    assert.equal(validation.valBitsPerChar, validation.valLoss / Math.LN2);
    await client.request('pause');
    const numbers = new Set(pieces.map((p) => p.sample));
    assert.ok(numbers.size >= 2, `samples while training: ${[...numbers]}`);
    const withVal = snapshots.filter((s) => Number.isFinite(s.prediction.valLoss));
    assert.ok(withVal.length > 0 && snapshots.at(-1).iteration >= 5, 'a validation loss by valEvery steps');

    // The user's own text: decoded and checked in the worker while the model trains on; its bytes transferred.
    await client.request('train', { trace: false });
    const bad = new Uint8Array([0x61, 0x62, 0x00, 0x63]).buffer;
    await assert.rejects(client.request('corpus', { name: 'own', bytes: bad, seqLen: 16 }, [bad]), { key: 'corpus', message: /binary data/ });
    assert.equal(bad.byteLength, 0, 'the bytes were handed over, not copied');
    const before = snapshots.at(-1).iteration;
    await sleep(300);
    assert.ok(snapshots.at(-1).iteration > before && snapshots.at(-1).running, 'the model kept training');
    const short = new TextEncoder().encode('abcabc').buffer;
    await assert.rejects(client.request('corpus', { name: 'own', bytes: short, seqLen: 16 }, [short]), { message: /expected at least seqLen \+ 1 = 17/ });
    const own = new TextEncoder().encode('to be or not to be, that is the question. '.repeat(20)).buffer;
    const ownInfo = await client.request('corpus', { name: 'own', bytes: own, seqLen: 16 }, [own]);
    assert.equal(ownInfo.symbols, 15);
    const ownConfigured = await client.request('configure', { config: { ...SMALL, corpus: 'own' } });
    assert.equal(ownConfigured.config.corpus, 'own');
    assert.equal(Array.from(ownConfigured.snapshot.prediction.vocabulary).length, 15);
  } finally {
    await worker.terminate();
    await server.close();
  }
});
