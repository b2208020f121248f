import { serveStatic, launch, openPage } from './harness.js';
const server = await serveStatic();
const browser = await launch();
for (const lang of ['en', 'zh-CN']) {
  for (const width of [1280, 375]) {
    const { page, errors } = await openPage(browser.context, server.url, { hash: `task=digits&epochs=2&lang=${lang}&compare=lstm,mlp,cnn`, viewport: { width, height: 800 } });
    await page.waitForFunction(() => document.querySelector('#compare')?.dataset.ready === 'true', null, { timeout: 60_000 });
    await page.click('#compare .rl-compare-bar button[data-action="train"]');
    await page.waitForFunction(() => document.querySelector('#compare')?.dataset.status === 'done', null, { timeout: 120_000 });
    await page.waitForTimeout(600);
    const card = page.locator('#compare-card');
    await card.screenshot({ path: `/tmp/digcmp-shots/compare-${lang}-${width}.png` });
    await page.screenshot({ path: `/tmp/digcmp-shots/page-${lang}-${width}.png` });
    console.log(lang, width, errors);
    await page.close();
  }
}
// the digits task's button, en, 1280
const { page } = await openPage(browser.context, server.url, { hash: 'task=digits', viewport: { width: 1280, height: 800 } });
await page.locator('#digits .rl-digits-compare').scrollIntoViewIfNeeded();
await page.locator('#digits .rl-digits-compare').evaluate((b) => b.closest('section').scrollIntoView());
await page.screenshot({ path: '/tmp/digcmp-shots/button-en-1280.png' });
await browser.close();
await server.close();
