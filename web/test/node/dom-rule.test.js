// The DOM rule of web/src (web/src/views/dom.js, docs/widget.md "Building DOM"): views and the page build
// elements with el(), only el() calls document.createElement, Lit's templates live in the custom element only,
// and no string is ever parsed as HTML, so no user text (a typed input, an attribute, a loaded file's name) can
// become markup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

async function sourceFiles(dir = SRC) {
  const files = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...await sourceFiles(path));
    else if (entry.name.endsWith('.js')) files.push(path);
  }
  return files;
}

/** Lines of web/src matching `pattern` (comments included: a comment naming a sink is worth a look too). */
async function find(pattern, { except = [] } = {}) {
  const hits = [];
  for (const file of await sourceFiles()) {
    const name = relative(SRC, file);
    if (except.includes(name)) continue;
    (await readFile(file, 'utf8')).split('\n').forEach((line, k) => {
      if (pattern.test(line) && !line.trim().startsWith('//')) hits.push(`${name}:${k + 1}: ${line.trim()}`);
    });
  }
  return hits;
}

test('nothing in web/src parses a string as HTML', async () => {
  assert.deepEqual(await find(/\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|DOMParser|createContextualFragment|unsafeHTML|document\.write/), []);
});

test('only views/dom.js el() creates elements', async () => {
  assert.deepEqual(await find(/document\.createElement/, { except: ['views/dom.js'] }), []);
});

test("Lit's templates are only in the custom element", async () => {
  assert.deepEqual(await find(/from 'lit'|html`/, { except: ['widget/rnn-playground.js'] }), []);
});
