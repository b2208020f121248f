// What a reader of a page (and of the widgets' shadow roots in it) reads: the text of every rendered text node
// and the aria-label, title, alt and placeholder of every element, each with a CSS-ish path to say where it is.
// The i18n tests look for English left in the Chinese page with it.

/**
 * @param {import('playwright-core').Page} page
 * @param {{skip?: string, within?: string}} [options]  skip: a selector whose subtrees are left out (the seed's log
 *   lines); within: only the shadow root of this element (a widget)
 * @returns {Promise<{where: string, text: string}[]>}
 */
export function visibleTexts(page, { skip = '', within = '' } = {}) {
  return page.evaluate(([skip, within]) => {
    const out = [];
    const where = (node) => {
      const parts = [];
      for (let n = node; n && n.nodeType === 1 && parts.length < 4; n = n.parentElement) {
        parts.unshift(n.id ? `#${n.id}` : `${n.localName}${n.classList.length ? `.${[...n.classList].join('.')}` : ''}`);
      }
      return parts.join(' > ');
    };
    const shown = (element) => {
      if (element.closest('[hidden], [aria-hidden="true"], script, style, template')) return false;
      const style = getComputedStyle(element);
      return style.display !== 'none' && style.visibility !== 'hidden';
    };
    const walk = (root) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.shadowRoot) walk(element.shadowRoot);
        if (skip && element.closest(skip)) continue;
        if (!shown(element)) continue;
        for (const name of ['aria-label', 'title', 'alt', 'placeholder']) {
          const value = element.getAttribute(name);
          if (value) out.push({ where: `${where(element)}[${name}]`, text: value });
        }
        for (const child of element.childNodes) {
          if (child.nodeType === 3 && child.textContent.trim()) out.push({ where: where(element), text: child.textContent.trim() });
        }
        // Options of a closed select are not rendered, but a reader opens them.
      }
    };
    if (within) {
      walk(document.querySelector(within).shadowRoot);
    } else {
      walk(document);
      out.push({ where: 'title', text: document.title });
    }
    return out;
  }, [skip, within]);
}

/** Words of three or more Latin letters in `text` that are not in `allowed`. */
export function englishWords(text, allowed) {
  return (text.match(/[A-Za-z]{3,}/g) ?? []).filter((word) => !allowed.has(word));
}
