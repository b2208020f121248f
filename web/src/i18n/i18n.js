// The page's and the widget's languages: English and 简体中文. Every user-visible string is a key of the message
// catalog (messages-en.js, messages-zh-CN.js); a view asks for its words with
//
//   const t = translatorFor(root);          // the language of root's nearest `lang` attribute
//   el('button', 'rl-button', t('runBar.train'));
//   t('predicted.score', { right: 3, total: 5 });   // '{right} of {total} right': '3 of 5 right'
//
// The language is the `lang` attribute of the document (the page sets it from the URL hash or the browser's
// language) or of the widget's shell (its `lang` attribute), so two widgets in two languages can share a page
// and no module keeps a current language of its own. Numbers, the seed's log lines and the core's error
// messages are not in the catalog: they read as torch and the JS API print them.
import { en } from './messages-en.js';
import { zhCN } from './messages-zh-CN.js';

/** @typedef {keyof typeof en} MessageKey */
/** @typedef {'en' | 'zh-CN'} Lang */
/** @typedef {(key: MessageKey, params?: Record<string, string | number>) => string} Translate */

/** The languages, in the order the switch lists them, each with its catalog and its own name. */
export const LANGS = /** @type {const} */ (['en', 'zh-CN']);
/** @type {Record<Lang, Record<MessageKey, string>>} */
export const CATALOGS = { en, 'zh-CN': zhCN };
/** Each language's name in itself, for the switch. */
export const LANG_NAMES = { en: 'English', 'zh-CN': '简体中文' };

/**
 * The catalog language a BCP 47 tag means, or null for one we have no catalog for: zh, zh-CN, zh-Hans, zh-TW
 * (we have one Chinese) -> 'zh-CN'; en, en-GB -> 'en'. Case does not matter.
 * @param {string | null | undefined} tag
 * @returns {Lang | null}
 */
export function resolveLang(tag) {
  const lower = String(tag ?? '').trim().toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-') || lower.startsWith('zh_')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-') || lower.startsWith('en_')) return 'en';
  return null;
}

/**
 * The browser's language as a catalog language: the first of navigator.languages we have, else English.
 * @param {{language?: string, languages?: readonly string[]}} [nav]
 * @returns {Lang}
 */
export function browserLang(nav = globalThis.navigator) {
  for (const tag of [...(nav?.languages ?? []), nav?.language]) {
    const lang = resolveLang(tag);
    if (lang) return lang;
  }
  return 'en';
}

/**
 * The language `node` is shown in: its nearest `lang` attribute, through shadow roots to their hosts; English
 * when there is none.
 * @param {Node | null | undefined} node
 * @returns {Lang}
 */
export function langOf(node) {
  let current = node ?? null;
  while (current) {
    const element = current instanceof Element ? current : current.parentElement;
    const tagged = element?.closest('[lang]');
    if (tagged) return resolveLang(tagged.getAttribute('lang')) ?? 'en';
    const root = (element ?? current).getRootNode();
    current = root instanceof ShadowRoot ? root.host : null;
  }
  return 'en';
}

/**
 * `text` with each `{name}` replaced by params[name] (a placeholder without a parameter stays as it is).
 * @param {string} text
 * @param {Record<string, string | number>} [params]
 */
export function fill(text, params) {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/**
 * The translate function of a language.
 * @param {Lang} lang
 * @returns {Translate}
 */
export function translator(lang) {
  const catalog = CATALOGS[lang] ?? en;
  return (key, params) => fill(catalog[key] ?? en[key] ?? key, params);
}

/**
 * The translate function of the language `node` is shown in (langOf).
 * @param {Node | null | undefined} node
 * @returns {Translate}
 */
export function translatorFor(node) {
  return translator(langOf(node));
}
