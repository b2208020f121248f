// Node driver for the embind probe: node probe_node.mjs <path to a non-ES6 (UMD) build .js>
// The 3.1.6 glue fetches the .wasm with Node 20's global fetch and fails on a file path, so the binary is read
// here and passed as wasmBinary (the alternative is running node with --no-experimental-fetch).
import {createRequire} from 'node:module';
import {readFileSync} from 'node:fs';
import {runChecks} from './probe_checks.mjs';

const require = createRequire(import.meta.url);
const jsPath = process.argv[2];
const factory = require(jsPath);
const wasmPath = jsPath.replace(/\.js$/, '.wasm');
let options = {};
try {
  options = {wasmBinary: readFileSync(wasmPath)};
} catch {
  // SINGLE_FILE builds embed the binary.
}
const Module = await factory(options);
const {ok, lines} = runChecks(Module, () => performance.now());
console.log(lines.join('\n'));
process.exit(ok ? 0 : 1);
