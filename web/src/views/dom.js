// Tiny DOM helpers for the views. Text is only ever set as text (textContent), never parsed as HTML.
//
// How web/src builds DOM (the decision, docs/widget.md "Building DOM" says the same):
// - Views, the page and the controller build their elements with el() below (plain DOM, no framework), so a view
//   works wherever it is given a root: the page, the widget's shadow root, a test's bare document. el() is the
//   only document.createElement in web/src; text goes in with el()'s `text`, setText, textContent or append(string).
// - Lit is used only for the custom element itself (web/src/widget/rnn-playground.js): attribute reflection,
//   lifecycle, the shadow root and its adopted styles, and the shell of panels the views are mounted in. That
//   shell stays a Lit template: it is a function of the element's `views` and `controls` properties, and Lit's
//   re-render keeps the same root elements across updates, so the views mounted in them survive; its only
//   dynamic parts are class names and constant titles, and lit-html binds values as text, never as markup.
// - Nothing in web/src parses a string as HTML: no innerHTML, outerHTML, insertAdjacentHTML, DOMParser or
//   unsafeHTML (web/test/node/dom-rule.test.js holds this).

/**
 * An element with a class and, optionally, text.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, className = '', text = undefined) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Sets a node's text only when it changes (an unchanged write still costs a layout).
 * @param {Node} node
 * @param {string} text
 */
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/**
 * Calls `onWidth(width)` with the content width of `element` now and whenever it changes, from a ResizeObserver,
 * so that views never read the layout while drawing. Returns the observer (disconnect it when done).
 * @param {Element} element
 * @param {(width: number) => void} onWidth
 * @returns {ResizeObserver}
 */
export function observeWidth(element, onWidth) {
  const observer = new ResizeObserver((entries) => {
    for (const entry of entries) onWidth(entry.contentRect.width);
  });
  observer.observe(element);
  return observer;
}

/**
 * Keeps a plot made later as wide as `element`: records the width on `view.width` (for the plot to be made with)
 * and resizes `view.plot` once there is one.
 * @param {HTMLElement} element
 * @param {{width: number, plot: {width: number, setSize(size: {width: number, height: number}): void} | null}} view
 * @param {number} height  CSS pixels
 * @returns {ResizeObserver}
 */
export function followPlotWidth(element, view, height) {
  return observeWidth(element, (width) => {
    view.width = width;
    if (view.plot && width > 0 && Math.round(width) !== view.plot.width) view.plot.setSize({ width: Math.round(width), height });
  });
}

/**
 * A canvas sized for the device pixel ratio; returns its 2D context already scaled to CSS pixels.
 * @param {HTMLCanvasElement} canvas
 * @param {number} width  CSS pixels
 * @param {number} height  CSS pixels
 * @returns {CanvasRenderingContext2D}
 */
export function sizeCanvas(canvas, width, height) {
  const ratio = globalThis.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(width));
  const h = Math.max(1, Math.round(height));
  if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
    canvas.style.width = `${w}px`;
    canvas.style.height = `${h}px`;
  }
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser has no 2D canvas');
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  return context;
}
