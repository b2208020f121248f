// Share: the whole setup lives in the URL hash, and opening the link restores it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, pageConfig } from './harness.js';

const suite = useBrowser({ before, after });

test('a link restores task, texts, model, optimizer and seed', async () => {
  const hash = 'task=seq&input=to%20be&target=eb%20ot&arch=layer&cell=gru&hidden=12&layers=2&optim=rmsprop&lr=0.02&clip=0.5&seed=7&epochs=40&speed=20';
  const { page, errors } = await suite.open(hash);
  const config = await pageConfig(page);
  assert.deepEqual(
    { task: config.task, input: config.input, target: config.target, arch: config.arch, cell: config.cell, hidden: config.hidden,
      layers: config.layers, optim: config.optim, lr: config.lr, clip: config.clip, seed: config.seed },
    { task: 'seq', input: 'to be', target: 'eb ot', arch: 'layer', cell: 'gru', hidden: 12, layers: 2, optim: 'rmsprop', lr: 0.02, clip: 0.5, seed: 7 });
  // The form shows it.
  assert.equal(await page.isChecked('.rl-segment input[value="own"]'), true);
  assert.equal(await page.inputValue('#rl1-input'), 'to be');
  assert.equal(await page.inputValue('#rl1-target'), 'eb ot');
  assert.equal(await page.inputValue('#rl1-arch'), 'layer');
  assert.equal(await page.isChecked('.rl-segment input[value="gru"]'), true);
  assert.equal(await page.inputValue('#rl1-hidden'), '12');
  assert.equal(await page.inputValue('#rl1-layers'), '2');
  assert.equal(await page.isChecked('.rl-segment input[value="rmsprop"]'), true);
  assert.equal(await page.inputValue('#rl1-lr'), '0.02');
  assert.equal(await page.inputValue('#rl1-clip'), '0.5');
  assert.equal(await page.inputValue('#rl1-seed'), '7');
  assert.equal(await page.inputValue('#rl1-epochs'), '40');
  assert.equal(await page.inputValue('#rl1-speed'), '20');
  assert.deepEqual(errors, []);
  await page.close();
});

test('changing a setting writes the hash, and that link opens the same setup', async () => {
  const { page, errors } = await suite.open();
  assert.equal(await page.evaluate(() => location.hash), '#task=hello', 'the preset needs nothing but its task');
  await page.click('.rl-segment:has(input[value="lstm"])');
  await page.waitForFunction(() => window.rnnlab.config.cell === 'lstm');
  await page.fill('#rl1-lr', '0.05');
  await page.press('#rl1-lr', 'Enter');
  await page.fill('#rl1-seed', '42');
  await page.press('#rl1-seed', 'Tab');
  await page.waitForFunction(() => window.rnnlab.config.seed === 42 && window.rnnlab.config.lr === 0.05);
  const url = page.url();
  assert.match(url, /#task=hello&cell=lstm&lr=0\.05&seed=42$/);
  const config = await pageConfig(page);

  const { page: reopened } = await suite.open(new URL(url).hash);
  assert.deepEqual(await pageConfig(reopened), config);
  assert.equal(await reopened.isChecked('.rl-segment input[value="lstm"]'), true);
  // Editing the hash by hand (or going back) applies it too.
  await reopened.evaluate(() => { location.hash = '#task=sine&hidden=6'; });
  await reopened.waitForFunction(() => window.rnnlab.config.task === 'sine' && window.rnnlab.config.hidden === 6);
  assert.equal(await reopened.isChecked('.rl-segment input[value="sine"]'), true);
  assert.deepEqual(errors, []);
  await page.close();
  await reopened.close();
});

test('a link with a bad value keeps the rest and says what was wrong', async () => {
  const { page } = await suite.open('task=seq&cell=lstm&hiden=3&lr=fast');
  const config = await pageConfig(page);
  assert.equal(config.cell, 'lstm');
  assert.equal(config.lr, 0.1);
  const warning = await page.textContent('.rl-message-warning');
  assert.match(warning, /unknown config key "hiden"/);
  assert.match(warning, /lr: expected a number, got "fast"/);
  await page.close();
});

test('a link the worker refuses shows its message next to the field and falls back to the preset', async () => {
  const { page } = await suite.open('task=seq&arch=layer&hidden=5000');
  const error = await page.textContent('.rl-message-error');
  assert.match(error, /hidden/);
  assert.match(await page.textContent('#rl1-hidden-error'), /hidden/);
  const config = await pageConfig(page);
  assert.equal(config.arch, 'cell', 'the preset runs instead');
  assert.equal(await page.isEnabled('.rl-run-bar button[data-action="train"]'), true);
  await page.close();
});

test('a link with an unknown task (cosine, empty, SINE) says so, naming the choices, and the preset runs', async () => {
  for (const [task, shown] of [['cosine', 'cosine'], ['', ''], ['SINE', 'SINE']]) {
    // Before the fix the page threw here and never became ready (openPage waits for data-ready).
    const { page, errors } = await suite.open(`task=${task}&cell=lstm`);
    const warning = await page.textContent('.rl-message-warning');
    assert.ok(warning.includes(`task: got "${shown}", expected seq, sine, text, remember or digits`), warning);
    const config = await pageConfig(page);
    assert.equal(config.task, 'seq', 'the seq preset runs');
    assert.equal(config.cell, 'lstm', 'the rest of the link applies');
    assert.equal(await page.isEnabled('.rl-run-bar button[data-action="train"]'), true);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('task=hello is a link of its own: written for the hello preset, read as it; another pair is task=seq', async () => {
  const { page, errors } = await suite.open('task=hello');
  assert.equal(await page.evaluate(() => location.hash), '#task=hello');
  assert.equal(await page.isChecked('.rl-segment input[value="hello"]'), true);
  const config = await pageConfig(page);
  assert.deepEqual([config.task, config.input, config.target], ['seq', 'hello', 'ohlol']);
  assert.equal(await page.locator('.rl-message').count(), 0, 'no warning about the link');
  // Another pair is written as seq with its texts; back on hello the link says hello again.
  await page.click('.rl-segment:has(input[value="own"])');
  await page.fill('#rl1-input', 'abc');
  await page.fill('#rl1-target', 'bca');
  await page.press('#rl1-target', 'Enter');
  await page.waitForFunction(() => window.rnnlab.config.input === 'abc' && window.rnnlab.config.target === 'bca');
  assert.match(await page.evaluate(() => location.hash), /^#task=seq&input=abc&target=bca/);
  await page.click('.rl-segment:has(input[value="hello"])');
  await page.waitForFunction(() => window.rnnlab.config.input === 'hello');
  assert.equal(await page.evaluate(() => location.hash), '#task=hello');
  assert.deepEqual(errors, []);
  await page.close();
});
