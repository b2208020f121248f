// Where the worker finds the WebAssembly modules (one per task family, ../api/task-modules.js).
// scripts/build-wasm.sh writes them to web/public/wasm/, which Vite serves (dev) and copies (build) next to
// index.html; resolving against the page's own address keeps the built page working from any folder of any static
// host (vite.config.js sets base: './').
export function wasmBase() {
  return new URL('wasm/', document.baseURI).href;
}
