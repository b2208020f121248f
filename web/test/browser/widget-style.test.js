// Shadow DOM both ways: a host stylesheet that restyles every div and button (and the body's inherited font,
// colour, spacing) leaves every computed style and box inside the widget exactly as it was; and the widget's
// own stylesheet (.rl-* classes, --rl-* tokens) does not style anything on the host page. Two ways in that are
// meant: the --rl-* tokens set on the element theme it, and its keyboard shortcuts act on the widget that has
// focus (bound on the element, not on the host page's document).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { widgetSuite, openSite, addWidget } from './widget-site.js';

const env = widgetSuite();

const HOSTILE = `
  div, button {
    all: unset !important; display: inline !important; font: italic 31px/3 "Comic Sans MS", serif !important;
    color: #f0f !important; background: #ff0 !important; padding: 23px !important; margin: 17px !important;
    border: 7px dashed #0f0 !important; letter-spacing: 4px !important; text-transform: uppercase !important;
    box-sizing: content-box !important; min-height: 90px !important;
  }
  body { font: 29px/4 serif; color: #0a0; letter-spacing: 3px; word-spacing: 9px; text-align: center; cursor: wait; }`;

const PROPERTIES = ['display', 'font-family', 'font-size', 'font-style', 'font-weight', 'line-height', 'color',
  'background-color', 'padding-top', 'padding-left', 'margin-top', 'margin-left', 'border-top-width',
  'border-top-style', 'border-top-color', 'letter-spacing', 'word-spacing', 'text-transform', 'text-align',
  'box-sizing', 'min-height', 'cursor'];

/** Computed styles and boxes of the host and of up to 40 elements of each kind inside the widget. */
function measure(page, id) {
  return page.evaluate(([id, properties]) => {
    const host = document.getElementById(id);
    const selectors = ['.widget', '.bar', '.rl-run-bar', '[data-action="train"]', '[data-action="reset"]',
      '.rl-readout dd', '.label', '.panel', '.rl-cell', '.rl-char', '.rl-predicted-text', 'canvas', '.rl-chart-plot'];
    const out = { count: 0 };
    const read = (key, node) => {
      const style = getComputedStyle(node);
      const box = node.getBoundingClientRect();
      out[key] = { ...Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)])),
        width: box.width.toFixed(2), height: box.height.toFixed(2), x: (box.x - host.getBoundingClientRect().x).toFixed(2) };
      out.count += 1;
    };
    read('host', host);
    for (const selector of selectors) {
      [...host.shadowRoot.querySelectorAll(selector)].slice(0, 40).forEach((node, k) => read(`${selector}#${k}`, node));
    }
    return out;
  }, [id, PROPERTIES]);
}

const frames = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 150)))));

test('a host stylesheet restyling every div and button leaves the widget unchanged', async () => {
  const { page, errors } = await openSite(env.browser.context, `${env.server.url}blank.html`);
  await page.setViewportSize({ width: 900, height: 900 });
  await page.evaluate(() => { document.body.style.margin = '0'; });
  const id = await addWidget(page, { task: 'hello', views: 'prediction cells', controls: 'train step reset readouts' });
  await page.evaluate((id) => document.getElementById(id).step(), id);
  await page.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelectorAll('.rl-cell').length === 5, id);
  await frames(page);
  const plain = await measure(page, id);
  assert.ok(plain.count > 20, `measured ${plain.count} elements`);

  await page.addStyleTag({ content: HOSTILE });
  await frames(page);
  // The hostile sheet is in force on the host page...
  const hostDiv = await page.evaluate(() => {
    const div = document.createElement('div');
    document.body.prepend(div);
    const style = getComputedStyle(div);
    const result = [style.fontSize, style.backgroundColor, style.paddingTop];
    div.remove();
    return result;
  });
  assert.deepEqual(hostDiv, ['31px', 'rgb(255, 255, 0)', '23px']);
  // ...and changes nothing inside the widget: styles, sizes and positions, element by element.
  const hostile = await measure(page, id);
  assert.equal(hostile.count, plain.count);
  for (const key of Object.keys(plain)) assert.deepEqual(hostile[key], plain[key], `${key} changed under the host stylesheet`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the widget\'s styles do not leak out to the host page', async () => {
  const { page, errors } = await openSite(env.browser.context, `${env.server.url}blank.html`);
  await page.evaluate(() => {
    document.body.insertAdjacentHTML('beforeend', `
      <div id="plain-div"><button id="plain-button" type="button">plain</button><p id="plain-p">p</p></div>
      <div id="classed-div" class="rl-run-bar widget panel"><button id="classed-button" type="button" class="rl-button rl-primary">classed</button><p id="classed-p" class="label rl-hint">p</p></div>`);
  });
  await addWidget(page, { task: 'hello' });
  const compare = await page.evaluate(() => {
    const props = ['display', 'background-color', 'color', 'font-size', 'padding-top', 'border-top-width', 'min-height', 'text-transform', 'gap'];
    const styleOf = (id) => { const s = getComputedStyle(document.getElementById(id)); return props.map((p) => s.getPropertyValue(p)); };
    return {
      div: [styleOf('plain-div'), styleOf('classed-div')],
      button: [styleOf('plain-button'), styleOf('classed-button')],
      p: [styleOf('plain-p'), styleOf('classed-p')],
      token: getComputedStyle(document.documentElement).getPropertyValue('--rl-accent'),
      bodyFont: getComputedStyle(document.body).fontFamily,
    };
  });
  assert.deepEqual(compare.div[1], compare.div[0], 'a div with the widget\'s class names is styled like any div');
  assert.deepEqual(compare.button[1], compare.button[0], 'a button with .rl-button.rl-primary is styled like any button');
  assert.deepEqual(compare.p[1], compare.p[0]);
  assert.equal(compare.token, '', 'the --rl-* tokens are not defined on the host page');
  assert.doesNotMatch(compare.bodyFont, /system-ui/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an author themes the widget on purpose through its --rl-* tokens', async () => {
  const { page, errors } = await openSite(env.browser.context, `${env.server.url}blank.html`);
  await page.addStyleTag({ content: 'rnn-playground.purple { --rl-accent: rgb(122, 62, 157); }' });
  const plain = await addWidget(page, { task: 'hello' });
  const themed = await addWidget(page, { task: 'hello', class: 'purple' });
  const background = (id) => page.evaluate((id) => getComputedStyle(document.getElementById(id).shadowRoot.querySelector('[data-action="train"]')).backgroundColor, id);
  assert.equal(await background(themed), 'rgb(122, 62, 157)');
  assert.equal(await background(plain), 'rgb(45, 111, 124)', 'tokens.css --rl-accent #2d6f7c');
  assert.deepEqual(errors, []);
  await page.close();
});

test('keyboard: with focus inside a widget, S steps it and R resets it; the other widget does not move', async () => {
  const { page, errors } = await openSite(env.browser.context, `${env.server.url}blank.html`);
  const a = await addWidget(page, { task: 'hello', views: 'loss' });
  const b = await addWidget(page, { task: 'hello', views: 'loss' });
  const iterations = () => page.evaluate(([a, b]) => [a, b].map((id) => document.getElementById(id).iteration), [a, b]);
  await page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector('[data-action="reset"]').focus(), a);
  await page.keyboard.press('s');
  await page.waitForFunction((id) => document.getElementById(id).iteration === 1, a);
  await page.keyboard.press('s');
  await page.waitForFunction((id) => document.getElementById(id).iteration === 2, a);
  assert.deepEqual(await iterations(), [2, 0]);
  await page.keyboard.press('r');
  await page.waitForFunction((id) => document.getElementById(id).iteration === 0, a);
  // Focus outside every widget: the keys do nothing (the host page's own keys are left alone).
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('s');
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(await iterations(), [0, 0]);
  assert.deepEqual(errors, []);
  await page.close();
});
