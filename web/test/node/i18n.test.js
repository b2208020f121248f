// The message catalog (web/src/i18n): English and 简体中文 complete and alike (same keys, same placeholders),
// every key in use, the language rules (zh* -> zh-CN, the link's lang), and no user-visible English left
// hard-coded in the page, the views or the widget where a scan of the source can see it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { en } from '../../src/i18n/messages-en.js';
import { zhCN } from '../../src/i18n/messages-zh-CN.js';
import { resolveLang, browserLang, translator, fill, LANGS, CATALOGS } from '../../src/i18n/i18n.js';
import { readHash, writeHash } from '../../src/state/hash-state.js';
import { defaultConfig } from '../../src/api/rnnlab.js';

const WEB = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(WEB, 'src');

/** The placeholders of a message, sorted: '{n} of {total}' -> ['{n}', '{total}']. */
const placeholders = (text) => (text.match(/\{[^{}]*\}/g) ?? []).sort();
const CJK = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/;

async function sourceFiles(dir) {
  const files = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...await sourceFiles(path));
    else if (entry.name.endsWith('.js')) files.push(path);
  }
  return files;
}

test('catalogs: en and zh-CN have the same keys, none empty, each with the same placeholders', () => {
  assert.deepEqual(LANGS, ['en', 'zh-CN']);
  assert.deepEqual(Object.keys(zhCN).sort(), Object.keys(en).sort());
  for (const lang of LANGS) {
    for (const [key, text] of Object.entries(CATALOGS[lang])) {
      assert.equal(typeof text, 'string', `${lang} ${key}`);
      assert.ok(text.trim().length > 0, `${lang} ${key} is empty`);
      assert.deepEqual(placeholders(text), placeholders(en[key]), `${lang} ${key}: placeholders differ from en`);
    }
  }
});

test('catalogs: every zh-CN message is Chinese (a few technical names read the same in both)', () => {
  // Words a Chinese PyTorch tutorial writes as they are.
  const SAME = new Set(['controls.dropout']);
  for (const [key, text] of Object.entries(zhCN)) {
    if (SAME.has(key)) { assert.equal(text, en[key]); continue; }
    const withoutPlaceholders = en[key].replace(/\{[^{}]*\}/g, '');
    if (!/[A-Za-z]{2,}/.test(withoutPlaceholders)) continue;  // '{first}–{last} of {total}' has words; '({characters})' none
    assert.match(text, CJK, `zh-CN ${key} is not translated: ${text}`);
  }
});

test('catalogs: every key is used by the page, a view or the widget, and every key used exists', async () => {
  const sources = await Promise.all([...await sourceFiles(SRC), join(WEB, 'index.html')]
    .filter((f) => !f.includes('/i18n/messages-')).map((f) => readFile(f, 'utf8')));
  const all = sources.join('\n');
  for (const key of Object.keys(en)) {
    assert.ok(all.includes(`'${key}'`) || all.includes(`"${key}"`), `${key} is in the catalog but nothing uses it`);
  }
  const used = new Set([...all.matchAll(/\bt\('([\w.]+)'/g)].map((m) => m[1]));
  for (const key of used) assert.ok(Object.hasOwn(en, key), `t('${key}') has no message`);
  assert.ok(used.size > 100, `found ${used.size} t() calls`);
});

test('t(): fills placeholders, keeps unknown ones, falls back to English for a missing message', () => {
  assert.equal(translator('en')('predicted.score', { right: 3, total: 5 }), '3 of 5 right');
  assert.equal(translator('zh-CN')('predicted.score', { right: 3, total: 5 }), '5 个中对了 3 个');
  assert.equal(fill('W_{ih} is {ihShape}', { ihShape: '4 × 4' }), 'W_{ih} is 4 × 4');
  assert.equal(fill('{a} and {b}', { a: 1 }), '1 and {b}');
  assert.equal(translator('en')('runBar.train'), 'Train');
  assert.equal(translator('zh-CN')('runBar.train'), '训练');
});

test('language: zh* is zh-CN, en* is en, others none; the browser\'s first known language, else English', () => {
  for (const tag of ['zh', 'zh-CN', 'zh-cn', 'zh-Hans', 'zh-Hans-CN', 'zh-TW', 'zh_CN', 'ZH']) assert.equal(resolveLang(tag), 'zh-CN', tag);
  for (const tag of ['en', 'en-US', 'en-GB', 'EN']) assert.equal(resolveLang(tag), 'en', tag);
  for (const tag of ['fr', 'zhx', '', null, undefined, 'english']) assert.equal(resolveLang(tag), null, String(tag));
  assert.equal(browserLang({ language: 'zh-CN', languages: ['zh-CN', 'en'] }), 'zh-CN');
  assert.equal(browserLang({ language: 'fr-FR', languages: ['fr-FR', 'zh-TW', 'en'] }), 'zh-CN');
  assert.equal(browserLang({ language: 'de', languages: ['de'] }), 'en');
  assert.equal(browserLang({}), 'en');
});

test('the link: lang=zh-CN is read and written back; a bad one is reported and the rest applies', () => {
  const parsed = readHash('#task=sine&lang=zh-CN&cell=lstm');
  assert.deepEqual(parsed.page, { lang: 'zh-CN' });
  assert.equal(parsed.config.cell, 'lstm');
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual(readHash('#lang=zh').page, { lang: 'zh-CN' });
  const bad = readHash('#lang=fr&cell=gru');
  assert.deepEqual(bad.page, {});
  assert.equal(bad.config.cell, 'gru');
  assert.deepEqual(bad.errors, ['lang: got "fr", expected one of en, zh-CN']);
  const config = { ...defaultConfig('seq') };
  assert.equal(writeHash(config, {}, { lang: 'zh-CN' }), '#task=hello&lang=zh-CN');
  assert.equal(writeHash(config, {}), '#task=hello');
  assert.deepEqual(readHash(writeHash(config, { epochs: 3 }, { lang: 'en' })).page, { lang: 'en' });
});

// ---- no hard-coded English ---------------------------------------------------------------------------------

// Where a string becomes text or a name a person reads: el()'s text, setText, textContent, aria-label, title,
// placeholder, a canvas's fillText, a message's text or title, and Lit's template text in the widget.
const SINKS = [
  /\bel\(\s*'[^']*'\s*,\s*(?:'[^']*'|`[^`]*`|[\w.]+)\s*,\s*((?:'[^']*'|`[^`]*`|"[^"]*"))/g,
  /\bsetText\([^,]+,\s*((?:'[^']*'|`[^`]*`|"[^"]*"))/g,
  /\.textContent\s*=\s*((?:'[^']*'|`[^`]*`|"[^"]*"))/g,
  /setAttribute\(\s*'(?:aria-label|title|placeholder|aria-description|aria-roledescription|alt)'\s*,\s*((?:'[^']*'|`[^`]*`|"[^"]*"))/g,
  /\.(?:title|placeholder|ariaLabel|alt)\s*=\s*((?:'[^']*'|`[^`]*`|"[^"]*"))/g,
  /fillText\(\s*((?:'[^']*'|`[^`]*`|"[^"]*"))/g,
  /\.show\(\s*((?:'[^']*'|`[^`]*`|"[^"]*"))/g,
  /\btitle:\s*((?:'[^']*'|`[^`]*`|"[^"]*"))/g,
  /\blabel:\s*((?:'[^']*'|`[^`]*`|"[^"]*"))/g,
  /\.append\([^()]*?((?:'[^']*[A-Za-z]{3}[^']*'|`[^`]*[A-Za-z]{3}[^`]*`))/g,
];
// Words that read the same in every language of the page: names of things, units, the seed's log.
const ALLOWED_WORDS = new Set(['RNN', 'LSTM', 'GRU', 'SGD', 'Adam', 'RMSprop', 'tanh', 'ReLU', 'relu', 'NaN', 'px',
  'system', 'sans', 'serif', 'monospace']);

/** The English words of a string literal's text (interpolations, placeholders and allowed words left out). */
function englishWords(literal) {
  const text = literal.slice(1, -1).replace(/\$\{[^}]*\}/g, ' ').replace(/\\u[0-9a-f]{4}/gi, ' ');
  return (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !ALLOWED_WORDS.has(w));
}

/** A catalog key written as a literal ('sine.truth'), looked up with t() where it shows. */
const isKey = (literal) => Object.hasOwn(en, literal.slice(1, -1));

// Literals the scan sees that no one reads: the shortcut table's key names (the run bar shows t('keys.space')).
const NOT_SHOWN = { 'page/shortcuts.js': ["'Space'"] };

/** Hard-coded English in a file's text: [line, literal] pairs. */
function hardCoded(source, exempt = []) {
  const hits = [];
  const lines = source.split('\n');
  lines.forEach((line, k) => {
    if (line.trim().startsWith('//') || line.trim().startsWith('*')) return;
    for (const sink of SINKS) {
      for (const match of line.matchAll(sink)) {
        if (englishWords(match[1]).length > 0 && !isKey(match[1]) && !exempt.includes(match[1])) hits.push(`${k + 1}: ${match[1]}`);
      }
    }
    // Lit's templates: text between an element's tags.
    if (!/html`|<\/\w/.test(line)) return;
    for (const match of line.matchAll(/<\w[^<>]*>([^<>${}`]*[A-Za-z]{3,}[^<>${}`]*)<\//g)) hits.push(`${k + 1}: >${match[1]}<`);
  });
  return hits;
}

test('the scan finds hard-coded English (it is not vacuous)', () => {
  const sample = [
    "this.button = el('button', 'rl-button', 'Download model');",
    "setText(this.note, `These are the weights after ${n} steps`);",
    "close.setAttribute('aria-label', 'Dismiss this message');",
    "this.showError(message, { title: 'The network could not start:' });",
    "out.title = 'step 1 is right';",
    "context.fillText('backward through time', 0, 0);",
    "item.append(swatch, ' log scale');",
    'html`<summary>Settings</summary>`',
  ].join('\n');
  assert.equal(hardCoded(sample).length, 8, hardCoded(sample).join('\n'));
  assert.deepEqual(hardCoded("el('span', 'rl-pos-in', t('predicted.input')); setText(x, `t=${T}`); el('kbd', '', 'S');"), []);
});

test('no hard-coded user-visible English in page/, views/ or widget/ (every text comes from t())', async () => {
  const files = (await Promise.all(['page', 'views', 'widget'].map((dir) => sourceFiles(join(SRC, dir))))).flat();
  const hits = [];
  for (const file of files) {
    for (const hit of hardCoded(await readFile(file, 'utf8'), NOT_SHOWN[relative(SRC, file)])) hits.push(`${relative(SRC, file)}:${hit}`);
  }
  assert.deepEqual(hits, []);
});

test('index.html: every text is a catalog key\'s English (data-i18n), the rest are names and keys', async () => {
  const html = await readFile(join(WEB, 'index.html'), 'utf8');
  const marked = [...html.matchAll(/<(\w+)[^>]*\sdata-i18n="([\w.]+)"[^>]*>([^<]*)<\/\1>/g)];
  assert.ok(marked.length >= 15, `${marked.length} marked elements`);
  const decode = (s) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  for (const [, , key, text] of marked) {
    assert.ok(Object.hasOwn(en, key), `index.html: ${key} is not in the catalog`);
    assert.equal(decode(text).replace(/\s+/g, ' ').trim(), en[key], `index.html's English for ${key} differs from the catalog's`);
  }
  for (const [, attribute, key] of html.matchAll(/data-i18n-(label|content)="([\w.]+)"/g)) {
    assert.ok(Object.hasOwn(en, key), `index.html: data-i18n-${attribute} ${key} is not in the catalog`);
  }
  // What is left once the marked elements, the head and the scripts are taken out: names and keys only.
  const body = html.slice(html.indexOf('<body>'))
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<(\w+)[^>]*\sdata-i18n="[\w.]+"[^>]*>[^<]*<\/\1>/g, '')
    .replace(/<[^>]*>/g, ' ');
  const words = (body.match(/[^\s]+/g) ?? []).filter((w) => !['rnnlab', 'English', '简体中文', 'S', 'R', '←', '→'].includes(w));
  assert.deepEqual(words, []);
});
