// "Open in PyTorch": the Python program that trains a run with torch alone, from the generator the CLI's
// `rnnlab export torch` uses (src/export/torch_program.h), compiled into a module of its own
// (/wasm/rnnlab_export.mjs + .wasm) that is fetched the first time a program is asked for, so the training
// module the page starts with does not carry it. docs/js-api.md, "Open in PyTorch".
//
//   const program = await exportTorch(config, { model: savedJson, steps: 500 });
import { RnnlabError } from './rnnlab.js';

/**
 * @typedef {object} TorchExportOptions
 * @property {string} [model]  a saved model (rnnlab.state_dict JSON): checked to be the config's model; with
 *   weights 'current' the program starts from its weights, and its iteration is the default number of steps
 * @property {'initial' | 'current'} [weights]  initial (default): drawn from the config's seed, as the run began
 * @property {number} [steps]  training steps of the program; 0 or absent: the model's iteration, else the task's default
 * @property {string} [corpusPath]  text task: the path the program opens the corpus at
 * @property {string} [corpusText]  text task: the corpus itself (its vocabulary sizes the model)
 * @property {{images: Uint8Array, labels: Uint8Array}} [digits]  digits task: the run's images (count * 784 bytes)
 *   and labels (count), as the worker's configure takes them
 * @property {{images: string, labels: string}} [digitsFiles]  digits task: the names of the two gzip'd IDX files the
 *   program reads from its own folder (the page offers them to be saved beside it: exportFiles of
 *   web/src/state/digits-data.js)
 */

/**
 * @typedef {object} TorchExportLoad
 * @property {string | URL} [moduleUrl]  the Emscripten ES module (default '/wasm/rnnlab_export.mjs')
 * @property {(options: object) => Promise<any>} [factory]  an already imported factory (the Node test's)
 */

/** @type {Map<string, Promise<any>>} one instance per module URL (or factory) */
const modules = new Map();

/**
 * @param {TorchExportLoad} load
 * @returns {Promise<any>}
 */
function exportModule(load) {
  const factory = load.factory;
  const base = typeof location !== 'undefined' ? location.href : undefined;
  const moduleUrl = factory ? 'factory' : new URL(String(load.moduleUrl ?? '/wasm/rnnlab_export.mjs'), base).href;
  let module = modules.get(moduleUrl);
  if (!module) {
    module = (async () => {
      const create = factory ?? (await import(/* @vite-ignore */ moduleUrl)).default;
      /** @type {Record<string, unknown>} */
      const options = {};
      if (!factory) options.locateFile = (/** @type {string} */ file) => new URL(file, moduleUrl).href;
      return create(options);
    })();
    module.catch(() => modules.delete(moduleUrl));  // a failed fetch may be retried
    modules.set(moduleUrl, module);
  }
  return module;
}

/**
 * The Python program (a string) for the run of `config` (the JS config object, as Trainer.configure takes it).
 * Errors are RnnlabErrors naming the key at fault (`error.key`).
 * @param {object} config
 * @param {TorchExportOptions} [options]
 * @param {TorchExportLoad} [load]
 * @returns {Promise<string>}
 */
export async function exportTorch(config, options = {}, load = {}) {
  let module;
  try {
    module = await exportModule(load);
  } catch (error) {
    throw new RnnlabError(`rnnlab: could not load the PyTorch export module: ${error instanceof Error ? error.message : String(error)}`, undefined, error);
  }
  let result;
  try {
    result = module.exportTorch(config, options);
  } catch (error) {
    throw new RnnlabError(`rnnlab: ${error instanceof Error ? error.message : String(error)}`, undefined, error);
  }
  if (result instanceof Error) throw new RnnlabError(result.message, /** @type {{key?: string}} */ (result).key);
  return /** @type {string} */ (result);
}
