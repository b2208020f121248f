// The classify task's typed classes (web/src/state/class-lines.js): lines to the `examples` key's JSON and back.
import test from 'node:test';
import assert from 'node:assert/strict';

import { linesToExamples, examplesToLines } from '../../src/state/class-lines.js';

test('class lines: one class a line, "name: example, ..." becomes the examples JSON', () => {
  const parsed = linesToExamples('positive: great, lovely ,happy,\n\n  negative :awful, sad\n');
  assert.deepEqual(parsed, { ok: true, json: JSON.stringify({ classes: [
    { name: 'positive', examples: ['great', 'lovely', 'happy'] },
    { name: 'negative', examples: ['awful', 'sad'] },
  ] }) });
  // No class at all is the C++'s to refuse (it names the limit, 2 to 16 classes): the lines are well formed.
  assert.deepEqual(linesToExamples(''), { ok: true, json: '{"classes":[]}' });
});

test('class lines: a line without a name or a colon is refused by its number', () => {
  assert.deepEqual(linesToExamples('a: x, y\nno colon here'), { ok: false, line: 2 });
  assert.deepEqual(linesToExamples('\n: x, y'), { ok: false, line: 2 });
});

test('class lines: the JSON back to lines; the bundled set (empty key) and other JSON give none', () => {
  const json = JSON.stringify({ classes: [{ name: 'A', examples: ['x', 'y'] }, { name: 'B', examples: ['z'] }] });
  assert.equal(examplesToLines(json), 'A: x, y\nB: z');
  const back = linesToExamples(examplesToLines(json));
  assert.equal(back.ok && back.json, json);
  assert.equal(examplesToLines(''), '');
  assert.equal(examplesToLines('{not json'), '');
  assert.equal(examplesToLines('[1, 2]'), '');
});
