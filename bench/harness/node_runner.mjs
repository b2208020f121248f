// rnnlab's wasm build in Node, for bench/harness/run.mjs: build/wasm/bench/rnnlab_bench_node.js, the Node link of
// the page's objects and flags with the benchmark entry points (src/wasm/CMakeLists.txt). One JSON line per run.
//   node bench/harness/node_runner.mjs '<plan JSON>' '<gemm JSON>'
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Rnnlab } from '../../web/src/api/rnnlab.js';
import { runRnnlabWasm } from './js/rnnlab_wasm_runner.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const factory = createRequire(import.meta.url)(path.join(root, 'build/wasm/bench/rnnlab_bench_node.js'));
const module = await factory({});
runRnnlabWasm({
  Rnnlab, module, benchModule: module, system: 'rnnlab wasm, Node', plan: JSON.parse(process.argv[2]), gemm: JSON.parse(process.argv[3] ?? '[]'),
  emit: (r) => console.log(JSON.stringify(r)),
});
