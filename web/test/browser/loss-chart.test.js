// The loss chart stays bounded whatever the loss does: a loss of 0 drove the smoothed line's moving
// average to a denormal, and uPlot's log-axis tick code looped forever on it (RangeError: Invalid array length,
// the tab at 2 GB). Here the page's chart gets such losses directly, then a real max-speed run whose loss
// underflows to 0; the page must stay responsive, without errors, with a small JS heap.
// The long version (60 s, page and widget): soak.test.js. The data path alone: web/test/node/loss-series.test.js.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, runAction, within, heapBytes } from './harness.js';

const suite = useBrowser({ before, after });
const MB = 1024 * 1024;

/** Two animation frames, so that the chart (at most one draw per 66 ms) has drawn what it was given. */
const drawn = (page) => page.evaluate(() => new Promise((resolve) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => resolve(null))), 100)));

test('the loss chart stays bounded whatever the loss: 0, a denormal, 1e-30, 1e30, NaN, Infinity', async () => {
  const { page, errors } = await suite.open('');
  const feed = (losses, first) => page.evaluate(([losses, first]) => {
    window.rnnlab.views.lossChart.update({ losses: Float32Array.from(losses, (v) => (v === null ? NaN : v)), firstIteration: first });
  }, [losses.map((v) => (Number.isNaN(v) ? null : v)), first]);
  // 50 losses of 1, then 5000 of exactly 0: the smoothed line's average decays to about 1e-44.
  await feed(Array(50).fill(1), 0);
  await feed(Array(5000).fill(0), 50);
  await within(10_000, drawn(page), 'after a loss of 0');
  await feed([1.4e-45, 1e-30, 1e30, 3e38, Infinity, NaN, 0.5], 5050);
  await within(10_000, drawn(page), 'after odd losses');
  for (const log of [false, true]) {
    await page.evaluate((log) => window.rnnlab.views.lossChart.setLogScale(log), log);
    await within(10_000, drawn(page), `${log ? 'log' : 'linear'} scale`);
    const scale = await page.evaluate(() => {
      const { plot } = window.rnnlab.views.lossChart;
      const { min, max } = plot.scales.y;
      return { min, max, points: Number(document.querySelector('#loss-chart').dataset.points), ticks: plot.axes[1]._splits?.length ?? -1 };
    });
    assert.ok(Number.isFinite(scale.min) && Number.isFinite(scale.max) && scale.min < scale.max, JSON.stringify(scale));
    if (log) assert.ok(scale.min >= 1e-12 && scale.max <= 1e20, `log axis range ${scale.min}..${scale.max}`);
    assert.ok(scale.points <= 4000, `${scale.points} points`);
    // At most 32 decades of 9 ticks each on the log axis (uPlot labels only some): 289.
    assert.ok(scale.ticks > 0 && scale.ticks <= 289, `${scale.ticks} ticks`);
  }
  assert.ok(await heapBytes(page) < 64 * MB);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a max-speed run whose loss underflows to 0 (abc2 -> bca2) keeps the page alive, its heap small', async () => {
  const { page, errors } = await suite.open('task=seq&input=abc2&target=bca2&arch=layer&hidden=8&epochs=0&speed=max');
  await runAction(page, 'train');
  const heaps = [];
  const started = Date.now();
  // The loss is exactly 0 from about iteration 10,000 (well under a second here); the old chart hung a few
  // thousand iterations later, once the smoothed line's average passed 1e-25.
  while (Date.now() - started < 12_000) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    heaps.push(await within(10_000, heapBytes(page), 'heap'));
  }
  const state = await within(10_000, page.evaluate(() => {
    const chart = window.rnnlab.views.lossChart;
    return { iteration: window.rnnlab.iteration, points: chart.pointCount, zeros: chart.losses.filter((v) => v === 0).length, running: window.rnnlab.running };
  }), 'state');
  await runAction(page, 'train');  // pauses
  assert.ok(state.running, 'still training');
  assert.ok(state.iteration > 50_000, `${state.iteration} iterations`);
  assert.ok(state.zeros > 0, 'the loss underflowed to 0');
  assert.ok(state.points <= 4000, `${state.points} points`);
  const peak = Math.max(...heaps);
  console.log(`abc2: ${state.iteration} iterations, ${state.points} points, page JS heap peak ${(peak / MB).toFixed(1)} MB`);
  assert.ok(peak < 64 * MB, `page JS heap ${(peak / MB).toFixed(1)} MB`);
  assert.deepEqual(errors, []);
  await page.close();
});

/** What the chart shows: whether it smooths, the legend's visible entries, the loss line's colour, the smoothed data. */
const chartState = (page) => page.evaluate(() => {
  const chart = window.rnnlab.views.lossChart;
  const root = document.querySelector('#loss-chart');
  const legend = [...root.querySelectorAll('.rl-chart-legend li')].filter((li) => li.offsetParent !== null).map((li) => li.textContent);
  const stroke = chart.plot.series[1].stroke;
  return {
    smoothed: root.dataset.smoothed,
    legend,
    lossStroke: typeof stroke === 'function' ? stroke(chart.plot, 1) : stroke,
    smoothedValues: chart.plot.data[2].filter((v) => v !== null).length,
  };
});

test('the loss chart: the real loss is the main line, labelled; a smoothed line only for a noisy loss, labelled too', async () => {
  const { page, errors } = await suite.open('');
  const feed = (losses) => page.evaluate((losses) => {
    window.rnnlab.views.lossChart.clear();
    window.rnnlab.views.lossChart.update({ losses: Float32Array.from(losses), firstIteration: 0 });
  }, losses);
  // A loss falling smoothly (hello): one line, full colour, no smoothed line lagging behind it.
  await feed(Array.from({ length: 300 }, (_, k) => 1.6 * Math.exp(-k / 60) + 0.01));
  await drawn(page);
  let state = await chartState(page);
  assert.deepEqual(state.legend, ['loss']);
  assert.equal(state.smoothed, 'false');
  assert.equal(state.smoothedValues, 0);
  assert.equal(state.lossStroke, '#2d6f7c');
  // A noisy loss (sine): the smoothed line joins, and the legend names it; the loss keeps its colour.
  await feed(Array.from({ length: 300 }, (_, k) => 0.2 * (1 + 0.6 * Math.sin(k * 2.4))));
  await drawn(page);
  state = await chartState(page);
  assert.deepEqual(state.legend, ['loss', 'smoothed']);
  assert.equal(state.smoothed, 'true');
  assert.equal(state.smoothedValues, 300);
  assert.equal(state.lossStroke, '#2d6f7c');
  assert.deepEqual(errors, []);
  await page.close();
});

test('real runs: sine gets the smoothed line, hello does not; one step draws a visible point', async () => {
  for (const [hash, expected] of [['task=sine&epochs=0&speed=max', 'true'], ['task=hello&epochs=0&speed=max', 'false']]) {
    const { page, errors } = await suite.open(hash);
    await runAction(page, 'train');
    await page.waitForFunction(() => window.rnnlab.iteration >= 400, null, { timeout: 60_000 });
    await runAction(page, 'train');
    await drawn(page);
    const state = await chartState(page);
    assert.equal(state.smoothed, expected, `${hash}: ${JSON.stringify(state)}`);
    assert.deepEqual(errors, []);
    await page.close();
  }
  // One step: one loss, drawn as a dot in the loss colour (a line of one point draws nothing).
  const { page, errors } = await suite.open('');
  await runAction(page, 'step');
  await page.waitForFunction(() => window.rnnlab.iteration >= 1);
  await drawn(page);
  const coloured = await page.evaluate(() => {
    const canvas = document.querySelector('#loss-chart canvas');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - 45) < 30 && Math.abs(data[i + 1] - 111) < 30 && Math.abs(data[i + 2] - 124) < 30 && data[i + 3] > 128) count += 1;
    }
    return count;
  });
  assert.ok(coloured >= 4, `${coloured} pixels in the loss colour after one step`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('before the first loss the chart keeps its full height, its note over the plot', async () => {
  const { page, errors } = await suite.open('');
  const box = await page.evaluate(() => {
    const chart = document.querySelector('#loss-chart').getBoundingClientRect();
    const plot = document.querySelector('#loss-chart .rl-chart-plot').getBoundingClientRect();
    const note = document.querySelector('#loss-chart .rl-empty').getBoundingClientRect();
    return { chartBottom: chart.bottom, plotBottom: plot.bottom, plotTop: plot.top, noteTop: note.top, noteBottom: note.bottom, noteHeight: note.height };
  });
  assert.ok(box.noteHeight > 0, 'the note shows');
  assert.ok(box.chartBottom >= box.plotBottom, `the chart (bottom ${box.chartBottom}) holds its plot (bottom ${box.plotBottom})`);
  assert.ok(box.noteTop > box.plotTop && box.noteBottom < box.plotBottom, 'the note is over the plot');
  assert.deepEqual(errors, []);
  await page.close();
});
