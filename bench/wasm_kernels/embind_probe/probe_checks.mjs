// Checks and timing of the embind probe, shared by Node (probe_node.mjs) and Chromium (../browser/probe.html).
// Returns {ok, lines}. `Module` is an instantiated module (the resolved factory promise).
export function runChecks(Module, now) {
  const lines = [];
  let ok = true;
  const check = (what, cond) => {
    lines.push(`${cond ? 'ok  ' : 'FAIL'} ${what}`);
    ok = ok && cond;
  };
  const errorOf = (f) => {
    try {
      f();
    } catch (e) {
      return e;
    }
    return null;
  };

  const m = new Module.TinyLstm(16, 32, 1);
  check('hiddenSize is 32', m.hiddenSize === 32);
  const out = m.forward(new Float32Array(16 * 5).fill(0.1));
  check('forward returns a Float32Array of T*H = 160', out instanceof Float32Array && out.length === 160);
  check('forward values are finite and in (-1, 1)', out.every((v) => Number.isFinite(v) && Math.abs(v) < 1));

  const e1 = errorOf(() => new Module.TinyLstm(16, 0, 1));
  check(`bad hidden_size throws a JS Error with the C++ message (got: ${e1 && e1.message})`,
        e1 instanceof Error && e1.message === 'hidden_size: got 0, expected 1..4096');
  const e2 = errorOf(() => m.forward(new Float32Array(7)));
  check(`bad x throws a JS Error with the C++ message (got: ${e2 && e2.message})`,
        e2 instanceof Error && e2.message === 'x: got 7 floats, expected a multiple of input_size 16');
  check('module still works after the errors', Number.isFinite(m.run(10)));

  // Speed: one LSTM step of H=32, I=16 with Eigen temporaries, median of 7 runs of 20000 steps.
  m.run(5000);
  const times = [];
  for (let r = 0; r < 7; ++r) {
    const t0 = now();
    m.run(20000);
    times.push((now() - t0) / 20000);
  }
  times.sort((a, b) => a - b);
  lines.push(`TIME ns_per_step_median ${(times[3] * 1e6).toFixed(1)} min ${(times[0] * 1e6).toFixed(1)}`);
  m.delete();
  return {ok, lines};
}
