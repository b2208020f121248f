// UnitRanking: per feature of the text (inside quotes, inside brackets, position in the line, after a space, vowel,
// digit, capital; the Tang poems' position in the five-character line), the units whose activation correlates best
// with it (Pearson r, Trainer#unitRanking), best first, each a button: pressing one colours the text by that unit.
//
//   const ranking = new UnitRanking(root);
//   ranking.show(list, directions);   // [{feature, layer, direction, unit, kind, correlation}]
//   root.addEventListener('unit-select', (e) => e.detail);  // {layer, direction, unit, kind}
import { el, setText } from './dom.js';
import { diverging } from './colors.js';
import { fixed } from './format.js';
import { translatorFor } from '../i18n/i18n.js';

/** @typedef {import('../api/rnnlab.js').UnitCorrelation} UnitCorrelation */

/** The features in the order shown, with the catalog key of each name. */
const FEATURES = /** @type {const} */ ([
  ['quote', 'inside.feature.quote'], ['bracket', 'inside.feature.bracket'], ['line', 'inside.feature.line'],
  ['space', 'inside.feature.space'], ['vowel', 'inside.feature.vowel'], ['digit', 'inside.feature.digit'],
  ['capital', 'inside.feature.capital'], ['poem', 'inside.feature.poem'],
  // Of a digit's rows (the digits task; Trainer#digitUnits).
  ['ink', 'inside.feature.ink'], ['row', 'inside.feature.row'], ['strokes', 'inside.feature.strokes'],
  ['centre', 'inside.feature.centre'], ['sinceInk', 'inside.feature.sinceInk'],
]);

/**
 * How a unit is named on the page: "h · layer 1 · 12" (and "reverse" for a bidirectional model's second direction).
 * @param {(key: any, params?: any) => string} t
 * @param {{layer: number, direction: number, unit: number, kind: string}} u
 * @returns {string}
 */
export function unitName(t, u) {
  return t(u.direction ? 'inside.unit.nameReverse' : 'inside.unit.name', { kind: u.kind, layer: String(u.layer), unit: String(u.unit) });
}

export class UnitRanking {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.t = translatorFor(root);
    root.classList.add('rl-unit-ranking');
    root.replaceChildren();
    this.list = el('dl', 'rl-unit-ranking-list');
    this.empty = el('p', 'rl-muted', this.t('inside.ranking.empty'));
    root.append(this.empty, this.list);
    /** @type {HTMLButtonElement[]} */
    this.buttons = [];
  }

  /** @param {UnitCorrelation[]} ranking */
  show(ranking) {
    this.buttons = [];
    const rows = [];
    for (const [feature, key] of FEATURES) {
      const units = ranking.filter((u) => u.feature === feature);
      if (units.length === 0) continue;
      const dd = el('dd', 'rl-unit-ranking-units');
      for (const u of units) {
        const button = el('button', 'rl-button rl-button-small rl-unit-button');
        button.type = 'button';
        const swatch = el('span', 'rl-unit-swatch');
        swatch.style.background = diverging(u.correlation);
        button.append(swatch, unitName(this.t, u), ' ', el('span', 'rl-unit-r', `r ${fixed(u.correlation, 2)}`));
        button.setAttribute('aria-pressed', 'false');
        button.addEventListener('click', () => {
          for (const b of this.buttons) b.setAttribute('aria-pressed', String(b === button));
          this.root.dispatchEvent(new CustomEvent('unit-select', {
            detail: { layer: u.layer, direction: u.direction, unit: u.unit, kind: u.kind }, bubbles: true,
          }));
        });
        this.buttons.push(button);
        dd.append(button);
      }
      rows.push(el('dt', '', this.t(key)), dd);
    }
    this.list.replaceChildren(...rows);
    this.empty.hidden = rows.length > 0;
    if (rows.length === 0) setText(this.empty, this.t('inside.ranking.none'));
  }

  /** Says why there is no ranking (a model of values has no text to take features from). @param {string} why */
  notApplicable(why) {
    this.buttons = [];
    this.list.replaceChildren();
    this.empty.hidden = false;
    setText(this.empty, why);
  }

  clear() {
    this.list.replaceChildren();
    this.empty.hidden = false;
    setText(this.empty, this.t('inside.ranking.empty'));
  }

  dispose() {
    this.root.replaceChildren();
  }
}
