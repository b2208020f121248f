// Speed of the wasm build in headless Chromium (the page's engine) on W2 and the W5-like char-LSTM, as
// bench/speed.mjs does in Node: for docs/wasm.md, not a unit test. Best of `rounds` runs.
//   node web/test/node/bench/speed_chromium.mjs [rounds]
import { runInChromium } from '../chromium.js';

const rounds = Number(process.argv[2] ?? 5);
const W5 = { task: 'seq', input: 'abcdefghijklmnopabcdefghijklmnop', target: 'bcdefghijklmnopabcdefghijklmnopa', arch: 'layer', cell: 'lstm', hidden: 32, lr: 1e-3 };
const result = await runInChromium(`
  const { loadRnnlab } = await import('/web/src/api/rnnlab.js');
  const rnnlab = await loadRnnlab({ moduleUrl: '/build/wasm/web/rnnlab.mjs' });
  const time = (config, iterations) => {
    const t = rnnlab.createTrainer(config);
    t.step(20);
    t.reset();
    const start = performance.now();
    t.step(iterations);
    const ms = performance.now() - start;
    t.dispose();
    return ms;
  };
  let w2 = Infinity, w5 = Infinity;
  for (let i = 0; i < ${rounds}; ++i) {
    w2 = Math.min(w2, time({ task: 'sine' }, 6000));
    w5 = Math.min(w5, time(${JSON.stringify(W5)}, 3000));
  }
  return { version: rnnlab.version, userAgent: navigator.userAgent, w2, w5 };
`, 300000);
console.log(`${result.userAgent}\n${result.version}`);
console.log(`W2 sine, 6000 iterations: ${result.w2.toFixed(0)} ms (${(result.w2 / 6).toFixed(1)} us/it)`);
console.log(`W5-like LSTM(16,32), T=32: ${(3000 / result.w5 * 1000 * 32).toFixed(0)} tokens/s (${(result.w5 / 3).toFixed(1)} us/it)`);
