// Attributes are the model: changing one reconfigures the widget's model (parameter shapes and the trace
// follow), and an invalid value is reported inside the widget, naming the attribute and the limit, while the
// previous model keeps working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { widgetSuite, openSite, addWidget, widgetState, widgetMessages } from './widget-site.js';

const env = widgetSuite();

/** name -> shape of every parameter of the widget's model, from its worker. */
function shapes(page, id) {
  return page.evaluate(async (id) => {
    const reply = await document.getElementById(id).playground.client.request('parameters');
    return Object.fromEntries(reply.parameters.map((p) => [p.name, p.shape]));
  }, id);
}

function waitConfig(page, id, key, value) {
  return page.waitForFunction(([id, key, value]) => document.getElementById(id).config?.[key] === value, [id, key, value], { timeout: 30_000 });
}

test('changing an attribute changes the model; an invalid one is reported and the model keeps working', async () => {
  const { page, errors } = await openSite(env.browser.context, `${env.server.url}blank.html`);
  const id = await addWidget(page, { task: 'sine', cell: 'lstm', hidden: '16', views: 'cells loss' });

  let state = await widgetState(page, id);
  assert.equal(state.config.cell, 'lstm');
  assert.equal(state.config.hidden, 16);
  assert.equal(state.config.layers, 2, 'keys not given keep the task preset');
  let shape = await shapes(page, id);
  assert.deepEqual(shape['rnn.weight_ih_l0'] ?? shape.weight_ih_l0, [64, 1], JSON.stringify(shape));

  const hidden8 = async () => {
    await page.evaluate((id) => document.getElementById(id).setAttribute('hidden', '8'), id);
    await waitConfig(page, id, 'hidden', 8);
  };
  await hidden8();
  shape = await shapes(page, id);
  const key = (name) => Object.keys(shape).find((k) => k.endsWith(name));
  assert.deepEqual(shape[key('weight_ih_l0')], [32, 1], '4 gates x 8 units, 1 input');
  assert.deepEqual(shape[key('weight_hh_l0')], [32, 8]);
  assert.deepEqual(shape[key('weight_hh_l1')], [32, 8]);
  // The trace the views draw has the new size, and the widget is visible (hidden="8" is the hidden size, not HTML's flag).
  await page.evaluate((id) => document.getElementById(id).step(), id);
  const trace = await page.evaluate((id) => document.getElementById(id).playground.lastSnapshot.trace.layers.map((l) => [l.kind, l.hiddenSize, l.gates.map((g) => g.name).join('')]), id);
  assert.deepEqual(trace, [['lstm', 8, 'ifgo'], ['lstm', 8, 'ifgo']]);
  const box = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().height, id);
  assert.ok(box > 100, `the widget shows (height ${box})`);

  await page.evaluate((id) => document.getElementById(id).setAttribute('cell', 'gru'), id);
  await waitConfig(page, id, 'cell', 'gru');
  shape = await shapes(page, id);
  assert.deepEqual(shape[key('weight_ih_l0')], [24, 1], '3 gates x 8 units');
  state = await widgetState(page, id);
  assert.equal(state.iteration, 0, 'a new model starts at iteration 0');

  // Not a number: reported by the attribute parser, nothing sent to the worker.
  await page.evaluate((id) => document.getElementById(id).setAttribute('hidden', 'lots'), id);
  await page.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelector('.rl-message'), id);
  let messages = await widgetMessages(page, id);
  assert.equal(messages.length, 1);
  assert.match(messages[0], /An attribute was not applied:.*hidden: expected a number, got "lots"/);
  assert.match(messages[0], /model already running is unchanged/);
  // Out of range: the worker refuses it, naming the field and its limit; the previous model stays.
  await page.evaluate((id) => document.getElementById(id).setAttribute('hidden', '5000'), id);
  await page.waitForFunction((id) => /5000/.test(document.getElementById(id).shadowRoot.querySelector('.rl-messages').textContent), id);
  messages = await widgetMessages(page, id);
  assert.ok(messages.some((m) => /An attribute was not applied:hidden="5000": hidden: got 5000, expected 1 to 1024\. The model already running is unchanged/.test(m)),
    messages.join(' | '));
  state = await widgetState(page, id);
  assert.equal(state.config.hidden, 8);
  assert.equal(state.config.cell, 'gru');
  shape = await shapes(page, id);
  assert.deepEqual(shape[key('weight_hh_l0')], [24, 8], 'the previous model is still the one in the worker');
  // ...and it still trains.
  await page.evaluate((id) => document.getElementById(id).step(), id);
  state = await widgetState(page, id);
  assert.equal(state.iteration, 1);
  assert.ok(Number.isFinite(state.loss) && state.loss > 0);
  // A valid value again clears the messages.
  await page.evaluate((id) => document.getElementById(id).setAttribute('hidden', '4'), id);
  await waitConfig(page, id, 'hidden', 4);
  assert.deepEqual(await widgetMessages(page, id), []);

  // Text is shown as text, never parsed as HTML.
  await page.evaluate((id) => document.getElementById(id).setAttribute('lr', '<img src=x onerror="window.pwned=1">'), id);
  await page.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelector('.rl-message'), id);
  assert.equal(await page.evaluate((id) => document.getElementById(id).shadowRoot.querySelectorAll('img').length, id), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.deepEqual(errors.filter((e) => !/hidden_size|5000/.test(e)), []);
  await page.close();
});

test('views and controls choose what shows; an unknown name is reported', async () => {
  const { page, errors } = await openSite(env.browser.context, `${env.server.url}blank.html`);
  const id = await addWidget(page, { task: 'hello', views: 'cells', controls: 'train' });
  const shown = () => page.evaluate((id) => {
    const root = document.getElementById(id).shadowRoot;
    const visible = (node) => !!node && node.getClientRects().length > 0;
    return {
      panels: [...root.querySelectorAll('.panel')].map((p) => p.classList[1]),
      buttons: [...root.querySelectorAll('.rl-run-bar button')].filter(visible).map((b) => b.dataset.action),
      readouts: visible(root.querySelector('.rl-readouts')),
      settings: !!root.querySelector('.rl-controls'),
    };
  }, id);
  assert.deepEqual(await shown(), { panels: ['cells'], buttons: ['train'], readouts: false, settings: false });
  await page.evaluate((id) => {
    const w = document.getElementById(id);
    w.setAttribute('views', 'loss gradients');
    w.setAttribute('controls', 'train reset readouts settings');
  }, id);
  await page.waitForFunction((id) => document.getElementById(id).ready && document.getElementById(id).shadowRoot.querySelector('.rl-controls'), id, { timeout: 30_000 });
  assert.deepEqual(await shown(), { panels: ['loss', 'gradients'], buttons: ['train', 'reset'], readouts: true, settings: true });

  await page.evaluate((id) => document.getElementById(id).setAttribute('views', 'cells charts'), id);
  await page.waitForFunction((id) => document.getElementById(id).ready && document.getElementById(id).shadowRoot.querySelector('.rl-message'), id, { timeout: 30_000 });
  const messages = await widgetMessages(page, id);
  assert.match(messages.join(' '), /views: got "charts", expected some of prediction, loss, cells, gradients, equation, inside, log \(or none\)/);
  assert.deepEqual((await shown()).panels, ['cells']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an unknown task attribute is reported naming the choices, and the preset runs; changed later, the model stays', async () => {
  const { page, errors } = await openSite(env.browser.context, `${env.server.url}blank.html`);
  // Not addWidget: before the fix this widget never became ready, and addWidget would wait a minute for it.
  const id = 'cosine';
  await page.evaluate((id) => {
    const widget = document.createElement('rnn-playground');
    widget.id = id;
    widget.setAttribute('task', 'cosine');
    widget.setAttribute('cell', 'gru');
    document.body.append(widget);
  }, id);
  await page.waitForFunction((id) => document.getElementById(id)?.ready, id, { timeout: 20_000 });
  let messages = await widgetMessages(page, id);
  assert.ok(messages.some((m) => m.includes('task: got "cosine", expected seq, sine, text, remember, classify, tag or digits') && m.includes('The other attributes were applied')), messages.join(' | '));
  let state = await widgetState(page, id);
  assert.equal(state.config.task, 'seq', 'the seq preset runs');
  assert.equal(state.config.cell, 'gru', 'the other attributes apply');
  await page.evaluate((id) => document.getElementById(id).step(), id);
  assert.equal((await widgetState(page, id)).iteration, 1);

  // Changed on a running widget: reported, and the model already running stays.
  await page.evaluate((id) => document.getElementById(id).setAttribute('task', 'SINE'), id);
  await page.waitForFunction((id) => /SINE/.test(document.getElementById(id).shadowRoot.querySelector('.rl-messages').textContent), id);
  messages = await widgetMessages(page, id);
  assert.ok(messages.some((m) => /An attribute was not applied:.*task: got "SINE", expected seq, sine, text, remember, classify, tag or digits.*unchanged/.test(m)), messages.join(' | '));
  state = await widgetState(page, id);
  assert.equal(state.config.task, 'seq');
  assert.equal(state.iteration, 1, 'the model kept its training');
  assert.deepEqual(errors, []);
  await page.close();
});

test('an attribute set by a script right after adding the widget is a change: refused, the first model keeps running', async () => {
  const { page, errors } = await openSite(env.browser.context, `${env.server.url}blank.html`);
  const id = 'late';
  await page.evaluate((id) => {
    const widget = document.createElement('rnn-playground');
    widget.id = id;
    widget.setAttribute('task', 'sine');
    widget.setAttribute('cell', 'lstm');
    document.body.append(widget);
    widget.setAttribute('hidden', '5000');  // after it entered the document, before it rendered
  }, id);
  await page.waitForFunction((id) => document.getElementById(id)?.ready && /5000/.test(document.getElementById(id).shadowRoot.querySelector('.rl-messages').textContent), id, { timeout: 30_000 });
  const messages = await widgetMessages(page, id);
  assert.ok(messages.some((m) => /An attribute was not applied:hidden="5000": hidden: got 5000, expected 1 to 1024\. The model already running is unchanged/.test(m)), messages.join(' | '));
  assert.ok(!messages.some((m) => /preset runs instead/.test(m)), messages.join(' | '));
  const state = await widgetState(page, id);
  assert.equal(state.config.cell, 'lstm', 'the model of the attributes it came with');
  assert.equal(state.config.hidden, 10);
  await page.evaluate((id) => document.getElementById(id).step(), id);
  assert.equal((await widgetState(page, id)).iteration, 1, 'and it trains');
  assert.deepEqual(errors.filter((e) => !/hidden_size|5000/.test(e)), []);
  await page.close();
});

test('corpus: <rnn-playground task="text" corpus="tang300"> fetches that corpus from its own folder, sized for it, and writes', async () => {
  const { page, errors } = await openSite(env.browser.context, `${env.server.url}blank.html`);
  const requests = env.server.requests;
  requests.length = 0;
  const id = await addWidget(page, { task: 'text', corpus: 'tang300', hidden: '32', views: 'prediction loss' });
  const state = await widgetState(page, id);
  assert.deepEqual([state.config.task, state.config.corpus, state.config.batch, state.config.seqLen], ['text', 'tang300', 16, 32]);
  assert.deepEqual(requests.filter((r) => r.includes('/corpora/')), ['/rnnlab/corpora/tang300.txt'], 'next to the widget, only the one named');
  // The untrained model's sample, in the widget's text view, in the corpus's characters.
  await page.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelector('.text-sample')?.dataset.sample, id, { timeout: 30_000 });
  const sample = await page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector('.text-sample').dataset.sample, id);
  const vocabulary = await page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector('.text-sample').dataset.vocabulary, id);
  assert.ok(sample.length > 0 && Array.from(sample).every((c) => vocabulary.includes(c)), sample);
  // A bad corpus name: reported naming the choices; the model keeps its corpus.
  await page.evaluate((id) => document.getElementById(id).setAttribute('corpus', 'tang7'), id);
  await page.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelector('.rl-message'), id);
  assert.match((await widgetMessages(page, id)).join(' '), /corpus: got "tang7", expected tinyshakespeare, tang5, tang300 or own/);
  assert.equal((await widgetState(page, id)).config.corpus, 'tang300');
  assert.deepEqual(errors, []);
  await page.close();
});

test('<rnn-playground task="remember" cell="gru" length="50">: the task with its attributes, its view, the Jacobian line', async () => {
  const { page, errors } = await openSite(env.browser.context, `${env.server.url}blank.html`);
  const id = await addWidget(page, { task: 'remember', cell: 'gru', length: '50', views: 'prediction gradients', controls: 'train step settings' });
  const state = await widgetState(page, id);
  assert.deepEqual([state.config.task, state.config.cell, state.config.length, state.config.distance, state.config.symbols],
    ['remember', 'gru', 50, 0, 8]);
  await page.evaluate((id) => document.getElementById(id).step(), id);
  await page.waitForFunction((id) => document.getElementById(id).iteration === 1, id, { timeout: 30_000 });
  const root = (selector) => page.evaluate(([id, s]) => {
    const e = document.getElementById(id).shadowRoot.querySelector(s);
    return e ? { text: e.textContent, sequence: e.getAttribute('data-sequence'), jacobian: e.getAttribute('data-jacobian'), hidden: e.closest('[hidden]') !== null } : null;
  }, [id, selector]);
  await page.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelector('.rl-grad-bars')?.dataset.jacobian, id);
  assert.equal((await root('.rl-remember')).sequence.length, 50);
  assert.equal((await root('.rl-grad-bars')).jacobian.split(',').length, 50);
  // The settings show the picker's remember entry checked and its fields.
  await page.evaluate((id) => { document.getElementById(id).shadowRoot.querySelector('details.settings').open = true; }, id);
  const fields = await page.evaluate((id) => {
    const r = document.getElementById(id).shadowRoot;
    return { checked: r.querySelector('.rl-segmented input[value="remember"]')?.checked,
      length: r.querySelector('input[id$="-length"]')?.value, shown: r.querySelector('input[id$="-length"]')?.closest('[hidden]') === null };
  }, id);
  assert.deepEqual(fields, { checked: true, length: '50', shown: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('<rnn-playground task="tag" bidirectional> and task="classify": each task with its view after a step', async () => {
  const { page, errors } = await openSite(env.browser.context, `${env.server.url}blank.html`);
  const tag = await addWidget(page, { task: 'tag', bidirectional: '', views: 'prediction', controls: 'train step settings' });
  const classify = await addWidget(page, { task: 'classify', views: 'prediction', controls: 'train step settings' });
  assert.deepEqual([(await widgetState(page, tag)).config.task, (await widgetState(page, tag)).config.bidirectional], ['tag', true]);
  assert.equal((await widgetState(page, classify)).config.task, 'classify');
  for (const id of [tag, classify]) {
    await page.evaluate((id) => document.getElementById(id).step(), id);
    await page.waitForFunction((id) => document.getElementById(id).iteration === 1, id, { timeout: 30_000 });
  }
  await page.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelector('.rl-tag')?.dataset.sequence?.length === 16, tag);
  await page.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelector('.rl-classify')?.dataset.heldOut, classify);
  const rows = await page.evaluate((id) => document.getElementById(id).shadowRoot.querySelectorAll('.rl-classify-row').length, classify);
  assert.equal(rows, 5);
  assert.deepEqual(errors, []);
  await page.close();
});
