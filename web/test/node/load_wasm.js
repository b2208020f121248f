// Loads the real WebAssembly build for the Node tests: the CommonJS build with the .wasm inside
// (build/wasm/web/rnnlab_node.js, made by scripts/build-wasm.sh), wrapped by the same web/src/api/rnnlab.js the
// page uses. RNNLAB_WASM_NODE overrides the path.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import { loadRnnlab } from '../../src/api/rnnlab.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const wasmDir = path.join(repoRoot, 'build/wasm/web');
export const nodeBuild = process.env.RNNLAB_WASM_NODE ?? path.join(wasmDir, 'rnnlab_node.js');

/** @returns {Promise<import('../../src/api/rnnlab.js').Rnnlab>} a fresh, independent module instance */
export async function loadTestRnnlab() {
  if (!existsSync(nodeBuild)) throw new Error(`${nodeBuild} is missing: run scripts/build-wasm.sh first`);
  const require = createRequire(import.meta.url);
  return loadRnnlab({ factory: require(nodeBuild) });
}
