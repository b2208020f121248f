// What Vite adds to module resolution, for `tsc -p tsconfig.json` (it does not build anything).

/** `import css from './x.css?inline'`: the stylesheet's text (the widget adopts it into its shadow root). */
declare module '*?inline' {
  const css: string;
  export default css;
}

/** `import './x.css'`: Vite injects the stylesheet into the page; the import has no value. */
declare module '*.css';

interface Window {
  /** The page's controller, for the browser tests and the curious (web/src/page/main.js). */
  rnnlab?: import('./page/playground.js').Playground;
}
