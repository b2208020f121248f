// Which WebAssembly module trains which task. The C++ task registry gives every task a family
// (src/tasks/task_registry.cpp; the generated schema's `families`), and each family is one module that
// src/wasm/CMakeLists.txt builds (rnnlab_family_module) and scripts/build-wasm.sh copies to web/public/wasm/. The
// page's first module is the core family's (rnnlab.wasm: seq, sine); the worker loads another family's
// when a task of it is picked. A new family is one line below and one line there; web/test/node/task-modules.test.js
// holds the three to each other.
import schema from './config-schema.js';

/** @typedef {import('./rnnlab.js').Task} Task */

/** Each task family's module: the name of its .mjs and .wasm files. */
export const FAMILY_MODULES = Object.freeze({
  core: 'rnnlab',
  memory: 'rnnlab_memory',
  digits: 'rnnlab_digits',
  text: 'rnnlab_text',
});

/**
 * The task a name means ('hello' is 'seq'), or null for a name that is no task.
 * @param {string} name
 * @returns {Task | null}
 */
export function taskOfName(name) {
  /** @type {Record<string, string>} */
  const aliases = schema.aliases;
  const task = Object.hasOwn(aliases, name) ? aliases[name] : name;
  return Object.hasOwn(schema.families, task) ? /** @type {Task} */ (task) : null;
}

/**
 * The module that trains `task` (a name or an alias), or null for a name that is no task.
 * @param {string} task
 * @returns {string | null}
 */
export function moduleOfTask(task) {
  const name = taskOfName(task);
  if (!name) return null;
  /** @type {Record<string, string>} */
  const modules = FAMILY_MODULES;
  return modules[schema.families[name]] ?? null;
}

/**
 * The URLs of a module under `base`, the folder that holds every module (it ends with '/').
 * @param {string} base
 * @param {string} module  a name of FAMILY_MODULES
 * @returns {{moduleUrl: string, wasmUrl: string}}
 */
export function moduleUrls(base, module) {
  return { moduleUrl: `${base}${module}.mjs`, wasmUrl: `${base}${module}.wasm` };
}
