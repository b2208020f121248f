// Where the worker finds the WebAssembly build. scripts/build-wasm.sh writes it to web/public/wasm/, which
// Vite serves (dev) and copies (build) next to index.html; resolving against the page's own address keeps the
// built page working from any folder of any static host (vite.config.js sets base: './').
export function wasmUrls() {
  const base = new URL('./', document.baseURI);
  return {
    moduleUrl: new URL('wasm/rnnlab.mjs', base).href,
    wasmUrl: new URL('wasm/rnnlab.wasm', base).href,
  };
}
