// Compare mode's settings as a link and the widget write them (state/compare-spec.js, state/hash-state.js), and
// the sweep's CSV writer (state/csv.js): each bad value is named with its limit, and a link reads back as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCompare, formatCompare, entryLabel, entryConfig, entryProblems, COMPARE_DEFAULT, parseSweepLengths, parseSweepSteps, COMPARE_MAX, SWEEP_MAX_LENGTHS, SWEEP_MAX_STEPS } from '../../src/state/compare-spec.js';
import { readHash, writeHash, configFromHash } from '../../src/state/hash-state.js';
import { toCsv, csvField } from '../../src/state/csv.js';
import { defaultConfig } from '../../src/api/rnnlab.js';

test('compare: cells, key:value models, commas or spaces', () => {
  const cells = parseCompare('rnn,lstm,gru');
  assert.deepEqual(cells.errors, []);
  assert.deepEqual(cells.entries.map((e) => e.changes), [{ cell: 'rnn' }, { cell: 'lstm' }, { cell: 'gru' }]);
  assert.deepEqual(cells.entries.map(entryLabel), ['RNN', 'LSTM', 'GRU']);
  assert.equal(formatCompare(cells.entries), 'rnn,lstm,gru');
  // The widget's attribute: spaces, any case.
  assert.deepEqual(parseCompare(' RNN  lstm ').entries.map((e) => e.text), ['rnn', 'lstm']);
  const keys = parseCompare('lr:0.01;hidden:64,cell:gru;lr:1e-3');
  assert.deepEqual(keys.errors, []);
  assert.deepEqual(keys.entries.map((e) => e.changes), [{ lr: 0.01, hidden: 64 }, { cell: 'gru', lr: 0.001 }]);
  assert.equal(formatCompare(keys.entries), 'lr:0.01;hidden:64,cell:gru;lr:0.001');
  assert.deepEqual(keys.entries.map(entryLabel), ['lr=0.01 hidden=64', 'cell=gru lr=0.001']);
  const shared = defaultConfig('remember');
  assert.deepEqual(entryConfig(shared, keys.entries[0]), { ...shared, lr: 0.01, hidden: 64 });
});

test('compare on the digits task: a bare word is its model (rnn, lstm, gru by rows; mlp; cnn), a cell key is refused', () => {
  const { entries, errors } = parseCompare('lstm,mlp,CNN');
  assert.deepEqual(errors, []);
  assert.deepEqual(entries.map(entryLabel), ['LSTM', 'MLP', 'CNN']);
  assert.equal(formatCompare(entries), 'lstm,mlp,cnn');
  const digits = defaultConfig('digits');
  // each model with the settings tuned for it (the schema's implied defaults of `model`)
  assert.deepEqual(entries.map((e) => entryConfig(digits, e)), [{ ...digits, model: 'lstm', lr: 5e-3, clip: 1 },
    { ...digits, model: 'mlp', lr: 2e-3, clip: 0 }, { ...digits, model: 'cnn', lr: 1e-3, clip: 0, batch: 32 }]);
  assert.deepEqual(entryProblems('digits', entries), []);
  // on a task of cells a bare cell stays a cell; mlp and cnn are named as the digits task's
  const remember = defaultConfig('remember');
  assert.deepEqual(entryConfig(remember, entries[0]), { ...remember, cell: 'lstm' });
  assert.deepEqual(entryProblems('remember', entries), [
    'compare: model 2 ("mlp"): model is a setting of digits, not of remember',
    'compare: model 3 ("cnn"): model is a setting of digits, not of remember',
  ]);
  assert.deepEqual(entryProblems('digits', parseCompare('mlp,cell:gru').entries),
    ['compare: model 2 ("cell:gru"): cell is a setting of seq, sine, text, remember, classify, tag, not of digits']);
  // key:value models work as anywhere: the same network with another learning rate
  const lrs = parseCompare('model:cnn;lr:0.01,model:cnn;lr:0.001').entries;
  assert.deepEqual(entryConfig(digits, lrs[0]), { ...digits, model: 'cnn', lr: 0.01, clip: 0, batch: 32 }, 'a given setting wins');
  // the switch's default follows the task
  assert.equal(formatCompare(COMPARE_DEFAULT('digits')), 'lstm,mlp,cnn');
  assert.equal(formatCompare(COMPARE_DEFAULT('remember')), 'rnn,lstm,gru');
  assert.equal(formatCompare(COMPARE_DEFAULT()), 'rnn,lstm,gru');
  // a digits link reads back as it was written
  const hash = '#task=digits&compare=lstm,mlp,cnn';
  assert.equal(formatCompare(readHash(hash).page.compare ?? []), 'lstm,mlp,cnn');
});

test('compare: bad lists and values are named with their limits; nothing half applies', () => {
  assert.deepEqual(parseCompare('rnn'), { entries: [], errors: ['compare: got 1 model, expected 2 or 3 (e.g. rnn,lstm,gru)'] });
  assert.match(parseCompare('rnn,lstm,gru,rnn').errors[0], /^compare: got 4 models, expected 2 or 3/);
  assert.match(parseCompare('').errors[0], /got 0 models/);
  const bad = parseCompare('rnn,layers:0,cell:tpu');
  assert.deepEqual(bad.entries, []);
  assert.deepEqual(bad.errors, [
    'compare: model 2 ("layers:0"): layers: got 0, expected 1 to 8',
    'compare: model 3 ("cell:tpu"): cell: got "tpu", expected rnn, lstm or gru',
  ]);
  assert.match(parseCompare('rnn,seed:3').errors[0], /model 2 \("seed:3"\): seed is shared by every model/);
  assert.match(parseCompare('rnn,task:sine').errors[0], /task is shared by every model/);
  assert.match(parseCompare('rnn,hiden:3').errors[0], /unknown config key "hiden"/);
  assert.match(parseCompare('rnn,lr:fast').errors[0], /lr: expected a number, got "fast"/);
  assert.match(parseCompare('rnn,lr:1;hidden:2;layers:1;clip:1;seed:1').errors[0], /got 5 keys, expected at most 4/);
  assert.match(parseCompare('rnn,beta1:1').errors[0], /beta1: got 1, expected a number in \[0, 1\)/);
  assert.match(parseCompare('rnn,tanh').errors[0], /expected a cell \(rnn, lstm, gru\), a digits model \(mlp, cnn\) or key:value/);
  assert.match(parseCompare('rnn gru', 'compare').errors.join(''), /^$/);
  assert.equal(COMPARE_MAX, 3);
});

test('sweep: lengths in the remember task\'s range, steps up to the limit', () => {
  assert.deepEqual(parseSweepLengths('50, 5 10,20,10'), { lengths: [5, 10, 20, 50], errors: [] });
  assert.deepEqual(parseSweepLengths('5,300').errors, ['sweep: got "300", expected lengths from 2 to 200']);
  assert.deepEqual(parseSweepLengths('1').errors, ['sweep: got "1", expected lengths from 2 to 200']);
  assert.deepEqual(parseSweepLengths('5,x').errors, ['sweep: got "x", expected lengths from 2 to 200']);
  assert.deepEqual(parseSweepLengths('').errors, [`sweep: got 0 lengths, expected 1 to ${SWEEP_MAX_LENGTHS}`]);
  assert.match(parseSweepLengths('2 3 4 5 6 7 8 9 10').errors[0], /got 9 lengths, expected 1 to 8/);
  assert.deepEqual(parseSweepSteps('2000'), { steps: 2000 });
  assert.deepEqual(parseSweepSteps('0'), { error: `sweepSteps: got "0", expected a whole number from 1 to ${SWEEP_MAX_STEPS}` });
  assert.match(parseSweepSteps('1e9').error, /got "1e9", expected a whole number from 1 to 20000/);
  assert.match(parseSweepSteps('20001').error, /got "20001"/);
});

test('the link: compare and sweep round trip; bad ones are reported and the rest applies', () => {
  const parsed = readHash('#task=remember&compare=rnn,lstm,gru&sweep=5,10,20&sweepSteps=300&length=20');
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual(parsed.page.compare?.map((e) => e.text), ['rnn', 'lstm', 'gru']);
  assert.deepEqual(parsed.page.sweep, [5, 10, 20]);
  assert.equal(parsed.page.sweepSteps, 300);
  const config = configFromHash(parsed);
  assert.equal(config.length, 20);
  const hash = writeHash(config, {}, parsed.page);
  assert.equal(hash, '#task=remember&length=20&compare=rnn,lstm,gru&sweep=5,10,20&sweepSteps=300');
  assert.deepEqual(readHash(hash).page, parsed.page);
  // Keys on models: `;` and `:` stay readable in the link, and read back the same.
  const keys = readHash('#task=remember&compare=cell:gru;lr:0.003,cell:rnn;lr:0.003');
  const written = writeHash(configFromHash(keys), {}, keys.page);
  assert.equal(written, '#task=remember&compare=cell:gru;lr:0.003,cell:rnn;lr:0.003');
  assert.deepEqual(readHash(written).page.compare, keys.page.compare);
  const bad = readHash('#task=remember&compare=rnn&sweep=5,999&cell=gru');
  assert.equal(bad.page.compare, undefined);
  assert.equal(bad.page.sweep, undefined);
  assert.equal(bad.config.cell, 'gru');
  assert.deepEqual(bad.errors, ['compare: got 1 model, expected 2 or 3 (e.g. rnn,lstm,gru)', 'sweep: got "999", expected lengths from 2 to 200']);
  // No compare: the link is as before.
  assert.equal(writeHash(configFromHash(readHash('#task=remember')), {}, {}), '#task=remember');
});

test('csv: header and rows, quoted where needed, numbers as they read back', () => {
  assert.equal(toCsv(['T', 'model', 'accuracy'], [[5, 'RNN', 0.125], [10, 'lr=0.01, hidden=8', 1 / 3]]),
    'T,model,accuracy\r\n5,RNN,0.125\r\n10,"lr=0.01, hidden=8",0.3333333333333333\r\n');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField(NaN), '');
  assert.equal(csvField('a\nb'), '"a\nb"');
  assert.throws(() => toCsv(['a', 'b'], [[1]]), /row 1 has 1 fields, expected 2/);
});

test('sweep results: runs shortest length first, models in turn; the CSV has a row per length and model', async () => {
  const { sweepJobs, sweepCsv, SWEEP_COLUMNS } = await import('../../src/state/sweep-results.js');
  assert.deepEqual(sweepJobs(2, 3), [{ t: 0, k: 0 }, { t: 0, k: 1 }, { t: 0, k: 2 }, { t: 1, k: 0 }, { t: 1, k: 1 }, { t: 1, k: 2 }]);
  const cell = (accuracy, state) => ({ state, steps: 100, accuracy, at: 100, loss: 0.5, jacobianFirst: 1e-9 });
  const empty = { state: 'waiting', steps: 0, accuracy: NaN, at: 0, loss: NaN, jacobianFirst: NaN };
  const csv = sweepCsv([5, 50], ['RNN', 'lr=0.01 hidden=8'], [[cell(1, 'done'), cell(0.125, 'done')], [cell(0.5, 'running'), empty]]);
  assert.equal(csv, `${SWEEP_COLUMNS.join(',')}\r\n`
    + '5,RNN,100,1,100,0.5,1e-9,done\r\n5,lr=0.01 hidden=8,100,0.125,100,0.5,1e-9,done\r\n'
    + '50,RNN,100,0.5,100,0.5,1e-9,running\r\n50,lr=0.01 hidden=8,0,,0,,,waiting\r\n');
});
