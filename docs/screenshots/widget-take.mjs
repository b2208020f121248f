// Takes docs/screenshots/widget-tutorial.png: the example tutorial (web/dist/examples/tutorial.html) with its
// widgets trained, from the built files, with headless Chromium:
//   (cd web && npx vite build) && node docs/screenshots/widget-take.mjs [outdir]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic, launch } from '../../web/test/browser/harness.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.resolve(process.argv[2] ?? HERE);

const server = await serveStatic();
const browser = await launch();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1100, height: 1400 });
  await page.goto(`${server.url}examples/tutorial.html`);
  await page.waitForFunction(() => [...document.querySelectorAll('rnn-playground')].every((w) => w.ready), null, { timeout: 60_000 });
  // Train the widgets the shot shows, each in view (a widget out of view waits).
  for (const id of ['hello-widget', 'sine-widget']) {
    await page.evaluate((id) => document.getElementById(id).scrollIntoView({ block: 'center' }), id);
    await page.evaluate((id) => document.getElementById(id).train(), id);
    await page.waitForFunction((id) => { const w = document.getElementById(id); return w.iteration > 0 && !w.running; }, id, { timeout: 120_000 });
  }
  await page.evaluate(() => {
    const heading = document.getElementById('hello');
    window.scrollTo(0, heading.getBoundingClientRect().top + window.scrollY - 24);
  });
  await page.mouse.move(1, 1);
  await page.waitForTimeout(500);
  const file = path.join(OUT, 'widget-tutorial.png');
  await page.screenshot({ path: file });
  console.log(`wrote ${file}`);
} finally {
  await browser.close();
  await server.close();
}
