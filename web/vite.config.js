// Vite builds the page into web/dist: everything bundled (no CDN), relative asset paths (base './') so the
// built page works from any folder of any static host, the worker as an ES module. The WebAssembly build
// (scripts/build-wasm.sh -> web/public/wasm/) is copied as it is and loaded by the worker at run time.
//
// The same `vite build` then makes the embeddable widget, self-contained in web/dist/widget/ so an author
// copies one folder:
//   rnn-playground.js   the custom element, one ES module with Lit and the views bundled in
//   rnnlab-worker.js    its worker, one ES module (web/src/worker/worker.js)
//   wasm/               rnnlab.mjs + rnnlab.wasm, as for the page
//   corpora/            the text task's bundled corpora, as for the page
//   digits/             the digits task's image sets, as for the page
// Each is a separate library build with a fixed name (no hash), because the widget finds the other files by
// name next to itself or under its `assets` URL. The example pages (web/examples/) are copied as they are to
// web/dist/examples/: they load ../widget/rnn-playground.js exactly as an author's page would.
import { defineConfig, build } from 'vite';
import { cp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { fashionSubset, FASHION_SOURCE, DIGITS_FILES } from './build-data/fashion-subset.js';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
/** The text task's bundled corpora (data/corpora/*.txt), served and copied as corpora/ next to the page. */
const corporaSource = fileURLToPath(new URL('../data/corpora/', import.meta.url));
const CORPUS_FILE = /^\/corpora\/([a-z0-9]+\.txt)$/;
/**
 * The digits task's image sets (web/src/state/digits-data.js), each a folder of two gzip'd IDX files: MNIST's from
 * the repository (data/digits/mnist/), and the page's Fashion-MNIST subset made from Debian's dataset-fashion-mnist
 * (scripts/install-deps.sh installs it) at build time: the 10,000 images of its test files, in their order, checked
 * (28 x 28, 10,000 images and labels 0-9) and copied in the form MNIST's come in, with Zalando's MIT notice beside
 * them. The 70,000 images of the package are 30 MB; the page needs no more than the CLI trains on (the same 10,000,
 * the same split: the first 8,000 train, the last 2,000 are held out). Without the package the build stops and says
 * so: a page without the data its picker offers is not built silently.
 */
const MNIST_SOURCE = fileURLToPath(new URL('../data/digits/mnist/', import.meta.url));
const DIGITS_SOURCES = { mnist: MNIST_SOURCE, fashion: FASHION_SOURCE };
const DIGITS_FILE = /^\/digits\/(mnist|fashion)\/(t10k-(?:images-idx3|labels-idx1)-ubyte\.gz)$/;

/** Copies both image sets into `target`/digits/NAME/ (10,000 images a set); throws when Fashion-MNIST is missing. */
async function copyDigits(target) {
  const fashion = await fashionSubset();
  await mkdir(`${target}/digits/mnist`, { recursive: true });
  for (const file of DIGITS_FILES) await cp(`${MNIST_SOURCE}${file}`, `${target}/digits/mnist/${file}`);
  await mkdir(`${target}/digits/fashion`, { recursive: true });
  for (const [file, bytes] of Object.entries(fashion)) await writeFile(`${target}/digits/fashion/${file}`, bytes);
}

/**
 * The corpora and the digits' image sets as static files: the dev server answers /corpora/NAME.txt from
 * data/corpora/ and /digits/NAME/FILE.gz from their sources, the build copies them to dist/corpora/ and
 * dist/digits/ (and the widget's to dist/widget/). They are not in the bundle: the worker fetches one only when it
 * is picked (a plain static host compresses text on the wire where it can; the IDX files come gzip'd).
 */
function corpora() {
  return {
    name: 'rnnlab-corpora',
    async configureServer(server) {
      await fashionSubset();  // the dev server too says at once when the package is missing
      server.middlewares.use(async (request, response, next) => {
        const path = (request.url ?? '').split('?')[0];
        const digits = DIGITS_FILE.exec(path);
        if (digits) {
          try {
            const body = await readFile(`${DIGITS_SOURCES[/** @type {'mnist' | 'fashion'} */ (digits[1])]}${digits[2]}`);
            response.setHeader('content-type', 'application/octet-stream');
            response.end(body);
          } catch {
            next();
          }
          return;
        }
        const match = CORPUS_FILE.exec(path);
        if (!match) return next();
        try {
          const body = await readFile(`${corporaSource}${match[1]}`);
          response.setHeader('content-type', 'text/plain; charset=utf-8');
          response.end(body);
        } catch {
          next();
        }
      });
    },
    async closeBundle() {
      await cp(corporaSource, `${root}dist/corpora`, { recursive: true });
      await copyDigits(`${root}dist`);
    },
  };
}

/** One ES module from `entry`, everything it imports inlined, written as dist/widget/`fileName`. */
function libraryBuild(entry, fileName) {
  return {
    configFile: false,
    root,
    base: './',
    publicDir: false,
    logLevel: 'warn',
    build: {
      target: 'es2022',
      outDir: 'dist/widget',
      emptyOutDir: false,
      sourcemap: true,
      minify: 'esbuild',
      lib: { entry, formats: ['es'], fileName: () => fileName },
      rollupOptions: { output: { inlineDynamicImports: true } },
    },
  };
}

/** After the page's build: the widget, its worker, its wasm and the examples. */
function widget() {
  return {
    name: 'rnnlab-widget',
    apply: 'build',
    async closeBundle() {
      await build(libraryBuild('src/widget/rnn-playground.js', 'rnn-playground.js'));
      await build(libraryBuild('src/worker/worker.js', 'rnnlab-worker.js'));
      await cp(`${root}public/wasm`, `${root}dist/widget/wasm`, { recursive: true });
      await cp(corporaSource, `${root}dist/widget/corpora`, { recursive: true });
      await copyDigits(`${root}dist/widget`);
      await cp(`${root}examples`, `${root}dist/examples`, { recursive: true });
    },
  };
}

export default defineConfig({
  base: './',
  worker: { format: 'es' },
  plugins: [corpora(), widget()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1', port: 4173, strictPort: false },
});
