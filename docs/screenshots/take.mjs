// Takes the screenshots in this folder from the built page (web/dist), with headless Chromium:
//   (cd web && npx vite build) && node docs/screenshots/take.mjs [outdir] [only]
// (only: take just the shots whose name has this word, e.g. `text`)
// desktop is 1280 x 800, phone 375 x 812 (device scale 2); each shot is what the screen shows, scrolled to the
// part it is about; the -zh- ones are the page in 简体中文 (they need a CJK font on the machine, e.g. Debian's
// fonts-wqy-microhei, which scripts/install-deps.sh installs).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic, launch, openPage } from '../../web/test/browser/harness.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.resolve(process.argv[2] ?? HERE);
const ONLY = process.argv[3] ?? '';
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 812 } };

async function trained(page) {
  await page.click('.rl-run-bar button[data-action="train"]');
  await page.waitForFunction(() => window.rnnlab.iteration > 0);
  await page.waitForFunction(() => document.querySelector('#run-bar').dataset.running === 'false', null, { timeout: 120_000 });
  await page.waitForTimeout(400);
}

async function shot(page, name, { scrollTo } = {}) {
  if (!name.includes(ONLY)) return;
  if (scrollTo) {
    await page.evaluate((selector) => {
      const target = document.querySelector(selector);
      // (compare mode hides the toolbar: then it takes no room)
      const bar = document.querySelector('.toolbar').getBoundingClientRect().height;
      window.scrollTo(0, target.getBoundingClientRect().top + window.scrollY - bar - 12);
    }, scrollTo);
  } else {
    await page.evaluate(() => window.scrollTo(0, 0));
  }
  await page.mouse.move(1, 1);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(`wrote ${path.join(OUT, `${name}.png`)}`);
}

const server = await serveStatic();
const browser = await launch();
try {
  for (const [device, viewport] of Object.entries(SIZES)) {
    const context = browser.context;
    if (!ONLY || 'hello inspector'.includes(ONLY)) {
      const { page } = await openPage(context, server.url, { viewport });
      await trained(page);
      await shot(page, `${device}-hello-trained`, device === 'phone' ? { scrollTo: '#stage' } : {});
      await page.click('#cells .rl-cell[data-step="2"]');
      await page.click('.rl-run-bar button[data-action="step"]');
      await page.waitForFunction(() => document.querySelector('#equation').dataset.exact === 'true');
      await shot(page, `${device}-inspector`, { scrollTo: '.inspector' });
      await page.close();
    }
    for (const [lang, prefix] of [['en', ''], ['zh-CN', 'zh-']]) {
      // 唐诗三百首: 80 steps of the page's default model for it, then its sample, validation and inspector; in
      // English and in 简体中文.
      const names = ['trained', 'inspector', 'settings'].map((n) => `${device}-${prefix}text-${n}`);
      if (!names.some((n) => n.includes(ONLY))) continue;
      const { page } = await openPage(context, server.url, { viewport, hash: `task=text&corpus=tang300&epochs=80&valEvery=20&lang=${lang}` });
      await trained(page);
      await page.waitForFunction(() => document.querySelector('#text-sample')?.dataset.sample, null, { timeout: 60_000 });
      await page.waitForTimeout(3000);  // the last sample streamed in
      await shot(page, names[0], device === 'phone' ? { scrollTo: '#text-sample' } : {});
      await page.click('#cells .rl-cell[data-step="3"]');
      await page.waitForTimeout(500);
      await shot(page, names[1], { scrollTo: '.inspector' });
      await shot(page, names[2], { scrollTo: '#task' });
      await page.close();
    }
    if (!ONLY || 'sine'.includes(ONLY)) {
      const { page } = await openPage(context, server.url, { viewport, hash: 'task=sine' });
      await trained(page);
      await page.click('#cells .rl-cell[data-step="40"]');
      await page.waitForTimeout(300);
      await shot(page, `${device}-sine-trained`, device === 'phone' ? { scrollTo: '#stage' } : {});
      await shot(page, `${device}-sine-inspector`, { scrollTo: '.inspector' });
      await page.close();
    }
    for (const cell of ['rnn', 'gru']) {
      // Remember the first of 50 symbols: after 6,000 steps the tanh RNN is at chance and its ||dh_T/dh_t|| has
      // fallen tens of decades by t=1; the GRU answers right and its ||dh_T/dh_1|| is about 10. First the answer
      // and the picker, then the gradient through time.
      // (the GRU's answer on the desktop; the gradient through time of both, on both screens)
      const names = ['trained', 'gradient'].map((n) => `${device}-remember-${cell}-${n}`);
      if (device === 'phone' || cell === 'rnn') names[0] = '';
      if (!names.some((n) => n && n.includes(ONLY))) continue;
      const { page } = await openPage(context, server.url, { viewport, hash: `task=remember&cell=${cell}` });
      await trained(page);
      await page.waitForFunction(() => document.querySelector('#grad-bars')?.dataset.jacobian, null, { timeout: 60_000 });
      await page.click('#cells .rl-cell[data-step="0"]');
      await page.waitForTimeout(500);
      if (names[0]) await shot(page, names[0]);
      await shot(page, names[1], { scrollTo: '.gradient-panel' });
      await page.close();
    }
    for (const [lang, prefix] of [['en', ''], ['zh-CN', 'zh-']]) {
      // Compare mode: RNN, LSTM and GRU remembering the first of 20 symbols, 1,500 steps each in three workers;
      // the curves overlaid, then the gradients through time stacked on one axis.
      const names = ['compare', 'compare-gradients'].map((n) => `${device}-${prefix}${n}`);
      if (!names.some((n) => n.includes(ONLY))) continue;
      const { page } = await openPage(context, server.url, { viewport, hash: `task=remember&length=20&epochs=1500&compare=rnn,lstm,gru&lang=${lang}` });
      await page.waitForFunction(() => document.querySelector('#compare')?.dataset.ready === 'true', null, { timeout: 60_000 });
      await page.click('#compare .rl-compare-bar button[data-action="train"]');
      await page.waitForFunction(() => document.querySelector('#compare')?.dataset.status === 'done', null, { timeout: 300_000 });
      await page.waitForTimeout(600);
      await shot(page, names[0], { scrollTo: '#compare-card' });
      await shot(page, names[1], { scrollTo: '#compare .rl-compare-gradients-root' });
      await page.close();
    }
    for (const [lang, prefix] of [['en', ''], ['zh-CN', 'zh-']]) {
      // The digits task's comparison: an LSTM by rows, the MLP and the CNN, 3 epochs each in three workers; the
      // table (parameters, held-out accuracy and seconds per epoch) and the chart by epoch.
      const name = `${device}-${prefix}digits-compare`;
      if (!name.includes(ONLY)) continue;
      const { page } = await openPage(context, server.url, { viewport, hash: `task=digits&epochs=3&compare=lstm,mlp,cnn&lang=${lang}` });
      await page.waitForFunction(() => document.querySelector('#compare')?.dataset.ready === 'true', null, { timeout: 60_000 });
      await page.click('#compare .rl-compare-bar button[data-action="train"]');
      await page.waitForFunction(() => document.querySelector('#compare')?.dataset.status === 'done', null, { timeout: 300_000 });
      await page.waitForTimeout(600);
      await shot(page, name, { scrollTo: device === 'phone' ? '#compare .rl-compare-epochs-root' : '#compare-card' });
      await page.close();
    }
    if (device === 'desktop' && (!ONLY || 'desktop-compare-sweep'.includes(ONLY))) {
      // The sweep with its defaults: the first of T = 5, 10, 20, 30, 50 symbols, 2,000 steps per run, 15 runs.
      const { page } = await openPage(context, server.url, { viewport, hash: 'task=remember&compare=rnn,lstm,gru' });
      await page.waitForFunction(() => document.querySelector('#compare')?.dataset.ready === 'true', null, { timeout: 60_000 });
      await page.click('#compare .rl-sweep button[type="submit"]');
      await page.waitForFunction(() => document.querySelector('#compare .rl-sweep')?.dataset.done === '15'
        && document.querySelector('#compare .rl-sweep')?.dataset.running === 'false', null, { timeout: 900_000 });
      await page.waitForTimeout(600);
      await shot(page, 'desktop-compare-sweep', { scrollTo: '#compare .rl-sweep' });
      await page.close();
    }
    if (['hello-trained', 'inspector', 'settings'].some((n) => `${device}-zh-${n}`.includes(ONLY))) {
      // 简体中文: the page as a Chinese reader gets it (#lang=zh-CN, or a browser in Chinese).
      const { page } = await openPage(context, server.url, { viewport, hash: 'task=hello&lang=zh-CN' });
      await trained(page);
      await shot(page, `${device}-zh-hello-trained`);
      await page.click('#cells .rl-cell[data-step="2"]');
      await page.click('.rl-run-bar button[data-action="step"]');
      await page.waitForFunction(() => document.querySelector('#equation').dataset.exact === 'true');
      await shot(page, `${device}-zh-inspector`, { scrollTo: '.inspector' });
      await page.evaluate(() => { document.querySelector('#controls details').open = true; });
      await shot(page, `${device}-zh-settings`, { scrollTo: '.settings' });
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
