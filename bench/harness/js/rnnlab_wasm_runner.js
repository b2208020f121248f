// rnnlab's WebAssembly side of the benchmark harness, the same code in Node (node_runner.mjs) and in Chromium
// (browser/rnnlab.html). W1 and W2 run through the JS API's Trainer (web/src/api/rnnlab.js), as the page's worker
// does: one step(n) call per chunk, W1 restarting from fresh weights every 15 epochs. W3-W5 run the harness's
// char-LSTM inside wasm (src/wasm/bench_workloads.cpp), because the Trainer trains one sequence and W4 has 16.
// Each workload gets one untimed warm-up run first (V8 tiers the hot functions up to TurboFan).

/**
 * @typedef {{workload: string, iterations: number, runs: number}} PlanItem
 * @typedef {{system: string, workload?: string, kind?: string, run?: number, iterations?: number, seconds: number,
 *   loss?: number, n?: number, reps?: number, gflops?: number}} BenchRecord
 */

/**
 * @param {{Rnnlab: any, module: any, system: string, plan: PlanItem[], gemm?: {n: number, reps: number}[],
 *   emit: (r: BenchRecord) => void}} options
 */
export function runRnnlabWasm({ Rnnlab, module, system, plan, gemm = [], emit }) {
  const rnnlab = new Rnnlab(module);
  const unwrap = (/** @type {any} */ r) => { if (r instanceof Error) throw r; return r; };

  /** @param {string} workload @param {number} iterations @returns {{seconds: number, loss: number}} */
  const time = (workload, iterations) => {
    if (workload === 'W1' || workload === 'W2') {
      const hello = workload === 'W1';
      const chunk = hello ? 15 : iterations;
      let seconds = 0, loss = NaN;
      for (let done = 0; done < iterations; done += chunk) {
        const trainer = rnnlab.createTrainer({ task: hello ? 'seq' : 'sine' });
        const start = performance.now();
        const r = trainer.step(Math.min(chunk, iterations - done));
        seconds += (performance.now() - start) / 1000;
        trainer.dispose();
        loss = r.loss;
      }
      return { seconds, loss };
    }
    const r = unwrap(module.benchCharLstm(Number(workload.slice(1)), iterations));
    return { seconds: r.seconds, loss: r.loss };
  };

  for (const { workload, iterations, runs } of plan) {
    time(workload, workload === 'W1' ? 15 : Math.max(1, Math.floor(iterations / 5)));
    for (let run = 0; run < runs; ++run) {
      const { seconds, loss } = time(workload, iterations);
      emit({ system, workload, run, iterations, seconds, loss });
    }
  }
  for (const { n, reps } of gemm) {
    const seconds = unwrap(module.benchGemm(n, reps));
    emit({ system, kind: 'gemm', n, reps, seconds, gflops: (2 * n ** 3 * reps) / seconds / 1e9 });
  }
}
