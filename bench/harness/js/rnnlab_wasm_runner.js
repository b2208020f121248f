// rnnlab's WebAssembly side of the benchmark harness, the same code in Node (node_runner.mjs) and in Chromium
// (browser/rnnlab.html). W1 and W2 run through the JS API's Trainer (web/src/api/rnnlab.js), as the page's worker
// does: one step(n) call per chunk, W1 restarting from fresh weights every 15 epochs, on `module` (in Chromium the
// page's shipped build). W3-W5 and the GEMM ceiling run the harness's char-LSTM inside wasm on `benchModule`
// (src/wasm/bench_workloads.cpp: the same objects and flags, linked with those entry points), because the Trainer
// trains one sequence and W4 has 16.
// Each workload gets one untimed warm-up run first, a fifth of its iterations (W1: up to 10 models), so V8 has
// tiered the hot functions up to TurboFan.

/**
 * @typedef {{workload: string, iterations: number, runs: number}} PlanItem
 * @typedef {{system: string, workload?: string, kind?: string, run?: number, iterations?: number, seconds: number,
 *   loss?: number, n?: number, reps?: number, gflops?: number}} BenchRecord
 */

/**
 * @param {{Rnnlab: any, module: any, benchModule: any, system: string, plan: PlanItem[], gemm?: {n: number, reps: number}[],
 *   emit: (r: BenchRecord) => void}} options
 */
export function runRnnlabWasm({ Rnnlab, module, benchModule, system, plan, gemm = [], emit }) {
  const rnnlab = new Rnnlab(module);
  const unwrap = (/** @type {any} */ r) => { if (r instanceof Error) throw r; return r; };

  /** @param {string} workload @param {number} iterations @returns {{seconds: number, loss: number}} */
  const time = (workload, iterations) => {
    if (workload === 'W1') {
      // The seed's 15 epochs from fresh weights, again and again. All models are made before the clock starts:
      // one step(15) takes microseconds and Chromium's performance.now() counts in 100 us steps (no cross-origin
      // isolation), so one timing spans them all.
      const trainers = Array.from({ length: Math.ceil(iterations / 15) }, () => rnnlab.createTrainer({ task: 'seq' }));
      const start = performance.now();
      let r = null;
      for (let i = 0; i < trainers.length; ++i) r = trainers[i].step(Math.min(15, iterations - 15 * i));
      const seconds = (performance.now() - start) / 1000;
      for (const t of trainers) t.dispose();
      return { seconds, loss: r.loss };
    }
    if (workload === 'W2') {
      const trainer = rnnlab.createTrainer({ task: 'sine' });
      const start = performance.now();
      const r = trainer.step(iterations);
      const seconds = (performance.now() - start) / 1000;
      trainer.dispose();
      return { seconds, loss: r.loss };
    }
    const r = unwrap(benchModule.benchCharLstm(Number(workload.slice(1)), iterations));
    return { seconds: r.seconds, loss: r.loss };
  };

  for (const { workload, iterations, runs } of plan) {
    time(workload, workload === 'W1' ? Math.min(iterations, 150) : Math.max(1, Math.floor(iterations / 5)));
    for (let run = 0; run < runs; ++run) {
      const { seconds, loss } = time(workload, iterations);
      emit({ system, workload, run, iterations, seconds, loss });
    }
  }
  for (const { n, reps } of gemm) {
    const seconds = unwrap(benchModule.benchGemm(n, reps));
    emit({ system, kind: 'gemm', n, reps, seconds, gflops: (2 * n ** 3 * reps) / seconds / 1e9 });
  }
}
