// The digits task on the page: nothing of MNIST is downloaded until the task is picked, then its two files once;
// the MLP trains an epoch, a digit drawn with the mouse on the pad is read as MNIST's 28x28 and classified (a class
// and ten probabilities shown), an LSTM reads it row by row; the widget runs <rnn-playground task="digits"
// model="cnn"> with its digits served beside it. Fashion-MNIST is fetched only when picked in the data picker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, runAction, waitIdle } from './harness.js';
import { makeSite, serveSite, openSite, addWidget, widgetState } from './widget-site.js';

const suite = useBrowser({ before, after });
const digitsRequests = () => suite.server.requests.filter((r) => r.includes('/digits/'));

/** Draws a "1": a vertical stroke down the middle of the pad, with mouse events. */
async function drawOne(page, pad) {
  const box = await page.locator(pad).boundingBox();
  await page.mouse.move(box.x + box.width * 0.52, box.y + box.height * 0.15);
  await page.mouse.down();
  for (let k = 1; k <= 16; ++k) await page.mouse.move(box.x + box.width * (0.52 - 0.04 * (k / 16)), box.y + box.height * (0.15 + (0.7 * k) / 16));
  await page.mouse.up();
}

test('digits: fetched when picked, an MLP trains, a drawn 1 is read as 1; an LSTM answers row by row', async () => {
  const { page, errors } = await suite.open('task=hello');
  await page.waitForTimeout(300);
  assert.deepEqual(digitsRequests(), [], 'no digits downloaded before the task is picked');
  await page.click('#task .rl-segment:has(input[value="digits"])');
  await page.waitForFunction(() => window.rnnlab.config?.task === 'digits', null, { timeout: 60_000 });
  assert.deepEqual(digitsRequests().sort(), ['/digits/mnist/t10k-images-idx3-ubyte.gz', '/digits/mnist/t10k-labels-idx1-ubyte.gz']);
  assert.equal(await page.isVisible('#digits'), true);
  await page.waitForFunction(() => document.querySelector('#digits .rl-digits-picker input')?.max === '2000');

  // The MLP with the settings the page tuned for it (DIGITS_MODEL_SETTINGS: Adam 2e-3), one epoch.
  await page.click('#controls .rl-segment:has(input[name$="-model"][value="mlp"])');
  await page.waitForFunction(() => window.rnnlab.config?.model === 'mlp');
  const picked = await page.evaluate(() => window.rnnlab.config);
  assert.deepEqual([picked.optim, picked.lr, picked.clip, picked.batch], ['adam', 0.002, 0, 64], 'picking a model applies its settings');
  await page.fill('#controls input[id$="-epochs"]', '1');
  await page.press('#controls input[id$="-epochs"]', 'Enter');
  await runAction(page, 'train');
  await waitIdle(page, 60_000);
  const trained = await page.evaluate(() => window.rnnlab.lastSnapshot.prediction);
  assert.equal(trained.epoch, 1);
  assert.ok(trained.heldOutAccuracy > 0.90, `held-out accuracy after one epoch ${trained.heldOutAccuracy} (91.65% natively)`);
  // The views draw on the next animation frame.
  await page.waitForFunction(() => document.querySelector('#digits .rl-digit-accuracy')?.getAttribute('data-epochs') === '1', null, { timeout: 5_000 })
    .catch(() => {});
  assert.equal(await page.getAttribute('#digits .rl-digit-accuracy', 'data-epochs'), '1');

  await drawOne(page, '#digits .rl-digit-pad-canvas');
  // The pad answers while the stroke is drawn (the first dots may read as 0); the finished stroke must read as 1.
  const answered = await page.waitForFunction(() => document.querySelector('#digits')?.dataset.predicted === '1', null, { timeout: 10_000 })
    .then(() => true, () => false);
  assert.ok(answered, `a stroke down the middle is a 1, read as ${await page.getAttribute('#digits', 'data-predicted')}`);
  const bars = await page.locator('#digits .rl-digits-seen .rl-digit-bar-value').allTextContents();
  const probabilities = await page.evaluate(() => Array.from(window.rnnlab.predictionViews.digits.classification.probabilities));
  assert.equal(bars.length, 10);
  assert.ok(Math.abs(probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-5, `the worker's ten probabilities sum to 1: ${probabilities}`);
  bars.forEach((text, k) => assert.ok(Math.abs(Number(text.replace('%', '')) - 100 * probabilities[k]) <= 0.5, `bar ${k}: ${text} for ${probabilities[k]}`));
  assert.match(await page.textContent('#digits .rl-digits-seen .rl-digit-answer'), /^The model reads 1 \(\d+%\)\.$/);
  assert.equal(await page.getAttribute('#digits .rl-digit-rows', 'data-rows'), '0', 'the MLP has no rows');

  // An LSTM (untrained is enough): the answer after each of the 28 rows.
  await page.click('#controls .rl-segment:has(input[name$="-model"][value="lstm"])');
  await page.waitForFunction(() => window.rnnlab.config?.model === 'lstm');
  await page.waitForFunction(() => document.querySelector('#digits .rl-digit-rows')?.dataset.rows === '28', null, { timeout: 10_000 });
  assert.equal(digitsRequests().length, 2, 'the images were not fetched again');
  assert.deepEqual(errors, []);
  await page.close();
});

test('digits: Fashion-MNIST is fetched only when picked, its classes named in the page language, and a step trains', async () => {
  const { page, errors } = await suite.open('task=digits&lang=zh-CN');
  await page.waitForFunction(() => document.querySelector('#digits .rl-digits-picker input')?.max === '2000', null, { timeout: 60_000 });
  const before = digitsRequests().length;
  assert.ok(digitsRequests().every((r) => r.startsWith('/digits/mnist/')), `only MNIST so far: ${digitsRequests()}`);
  assert.match(await page.textContent('.rl-data-source'), /MNIST.*LeCun.*CC BY-SA 3\.0/);

  await page.selectOption('select[id$="-data"]', 'fashion');
  await page.waitForFunction(() => window.rnnlab.config?.data === 'fashion', null, { timeout: 60_000 });
  assert.deepEqual(digitsRequests().slice(before).sort(), ['/digits/fashion/t10k-images-idx3-ubyte.gz', '/digits/fashion/t10k-labels-idx1-ubyte.gz'],
    'picking Fashion-MNIST fetches its two files, once');
  assert.match(await page.textContent('.rl-data-source'), /Fashion-MNIST.*Zalando Research.*MIT/);
  // The initial weights' evaluation names the classes: Fashion-MNIST's, in Chinese.
  await page.waitForFunction(() => document.querySelector('#digits .rl-confusion-table')?.textContent?.includes('短靴'), null, { timeout: 20_000 });
  const heads = await page.locator('#digits .rl-confusion-table thead th').allTextContents();
  for (const name of ['T 恤/上衣', '裤子', '套头衫', '连衣裙', '外套', '凉鞋', '衬衫', '运动鞋', '包', '短靴']) assert.ok(heads.includes(name), `${name} in ${heads}`);

  await runAction(page, 'step');
  await page.waitForFunction(() => (window.rnnlab.iteration ?? 0) >= 1, null, { timeout: 30_000 });
  const loss = await page.evaluate(() => window.rnnlab.lastSnapshot?.loss);
  assert.ok(Number.isFinite(loss) && loss > 0 && loss < 5, `one step's loss ${loss}`);
  assert.equal(digitsRequests().length, before + 2, 'nothing fetched again');
  assert.deepEqual(errors, []);
  await page.close();
});

test('digits widget: <rnn-playground task="digits" model="cnn"> trains a step and classifies a drawn digit', async () => {
  const site = await makeSite();
  const server = await serveSite(site.root);
  try {
    const { page, errors } = await openSite(suite.browser.context, `${server.url}blank.html`);
    const id = await addWidget(page, { task: 'digits', model: 'cnn', views: 'prediction loss', controls: 'train step readouts' });
    const state = await widgetState(page, id);
    assert.deepEqual([state.config.task, state.config.model], ['digits', 'cnn']);
    assert.ok(server.requests.includes('/rnnlab/digits/mnist/t10k-images-idx3-ubyte.gz'), server.requests.join(' '));
    await page.locator(`#${id} .rl-run-bar button[data-action="step"]`).click();
    await page.waitForFunction((id) => document.getElementById(id).iteration === 1, id);
    await drawOne(page, `#${id} .rl-digit-pad-canvas`);
    await page.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelector('.digits')?.dataset.predicted !== '', id);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await server.close();
    await site.remove();
  }
});
