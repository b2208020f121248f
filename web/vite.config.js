// Vite builds the page into web/dist: everything bundled (no CDN), relative asset paths (base './') so the
// built page works from any folder of any static host, the worker as an ES module. The WebAssembly build
// (scripts/build-wasm.sh -> web/public/wasm/) is copied as it is and loaded by the worker at run time.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1', port: 4173, strictPort: false },
});
