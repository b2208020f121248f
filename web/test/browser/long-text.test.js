// A long typed text (500 characters) as a new user types one: the prediction view draws it compact (one strip of
// small columns that scrolls sideways, in a fixed height) instead of a wall of boxes, and the page notes when the
// link to the setup grows past LONG_LINK characters (chat apps cut such links); a short text clears the note.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, runAction, waitIdle } from './harness.js';

const suite = useBrowser({ before, after });

const PHRASE = 'Съешь же ещё этих мягких французских булок, да выпей чаю. The quick brown fox. ';
const input = PHRASE.repeat(10).slice(0, 500);
const target = input.slice(1) + input[0];

test('a 500-character text: a compact, scrollable prediction and a note on the long link', async () => {
  const hash = `task=seq&input=${encodeURIComponent(input)}&target=${encodeURIComponent(target)}&arch=layer&hidden=16&epochs=5&speed=max`;
  for (const width of [1280, 375]) {
    const { page, errors } = await suite.open(hash, { viewport: { width, height: 800 } });
    await runAction(page, 'train');
    await page.waitForFunction(() => window.rnnlab.iteration === 5);
    await waitIdle(page);
    await page.waitForFunction(() => document.querySelector('#predicted').dataset.compact === 'true');
    const view = await page.evaluate(() => {
      const root = document.querySelector('#predicted');
      const grid = root.querySelector('.rl-predicted-grid');
      return {
        height: root.getBoundingClientRect().height, scrolls: grid.scrollWidth > grid.clientWidth,
        columns: grid.querySelectorAll('.rl-pos').length, pageWidth: document.documentElement.scrollWidth,
        summary: root.querySelector('.rl-predicted-summary').textContent,
      };
    });
    assert.ok(view.height < 200, `${width} px: the prediction view is ${view.height} px high`);
    assert.ok(view.scrolls, 'the strip scrolls sideways');
    assert.equal(view.columns, 501, 'every position is still there (and the row names)');
    assert.ok(view.pageWidth <= width, `the page stays ${width} px wide (${view.pageWidth})`);
    assert.match(view.summary, /of 500 right|all right/);
    assert.ok(view.summary.length < 120, `the summary does not repeat the string: ${view.summary.length} characters`);
    // The link: over 2,000 characters, and the page says so.
    const link = await page.evaluate(() => location.hash.length);
    assert.ok(link > 2000, `${link} characters`);
    assert.match(await page.textContent('#messages'), /The link to this setup is [\d,]+ characters long/);
    assert.deepEqual(errors, []);
    await page.close();
  }
  // A short text: neither compact nor a note.
  const { page, errors } = await suite.open(hash);
  await page.evaluate(() => { location.hash = '#task=seq&input=abc&target=bca'; });
  await page.waitForFunction(() => window.rnnlab.config.input === 'abc');
  await page.waitForFunction(() => !document.querySelector('#messages [data-topic="long-link"]'));
  await runAction(page, 'step');
  await page.waitForFunction(() => document.querySelector('#predicted').dataset.compact === 'false');
  assert.deepEqual(errors, []);
  await page.close();
});
