// The page's own words (index.html): each element with `data-i18n="key"` gets the catalog's text for that key,
// `data-i18n-label` its aria-label and `data-i18n-content` its content attribute (the meta description). The
// English in index.html is what a browser without JavaScript shows; the test of the catalog holds that every
// text of index.html is one of these.
//
//   translatePage(document, translator('zh-CN'));

/** @typedef {import('../i18n/i18n.js').MessageKey} MessageKey */

/**
 * @param {ParentNode} root
 * @param {import('../i18n/i18n.js').Translate} t
 */
export function translatePage(root, t) {
  for (const node of root.querySelectorAll('[data-i18n]')) {
    node.textContent = t(/** @type {MessageKey} */ (node.getAttribute('data-i18n')));
  }
  for (const node of root.querySelectorAll('[data-i18n-label]')) {
    node.setAttribute('aria-label', t(/** @type {MessageKey} */ (node.getAttribute('data-i18n-label'))));
  }
  for (const node of root.querySelectorAll('[data-i18n-content]')) {
    node.setAttribute('content', t(/** @type {MessageKey} */ (node.getAttribute('data-i18n-content'))));
  }
}
