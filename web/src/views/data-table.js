// DataTable: a view's numbers as a table, on request, for a reader who cannot see its canvas or its colours
// (a screen reader, a keyboard, a print-out). It is a <details> the reader opens; the table is built only while
// it is open, and again each time its view draws, from a function the view gives it.
//
//   const table = new DataTable(root, t('table.show'));
//   table.set(() => ({ caption: '...', columns: ['step', 'h'], rows: [['1', '0.25'], ...] }));
//   table.refresh();   // the view drew: rebuilt if open
// The first column of each row is its header (th scope=row). A view hands over at most a few hundred rows.
import { el } from './dom.js';

/** @typedef {{caption: string, columns: string[], rows: string[][]}} TableData */

export class DataTable {
  /** @param {HTMLElement} parent  @param {string} summaryText */
  constructor(parent, summaryText) {
    this.details = el('details', 'rl-data-table');
    this.details.append(el('summary', '', summaryText));
    this.table = el('table');
    // A long table scrolls in its box, which the keyboard can then reach and scroll.
    const scroller = el('div', 'rl-data-table-scroll');
    scroller.tabIndex = 0;
    scroller.setAttribute('role', 'region');
    scroller.setAttribute('aria-label', summaryText);
    scroller.append(this.table);
    this.details.append(scroller);
    /** @type {(() => TableData | null) | null} */
    this.supplier = null;
    this.details.addEventListener('toggle', () => this.refresh());
    parent.append(this.details);
  }

  /** @param {() => TableData | null} supplier  the numbers now; null when there are none */
  set(supplier) {
    this.supplier = supplier;
    this.refresh();
  }

  refresh() {
    if (!this.details.open || !this.supplier) return;
    const data = this.supplier();
    if (!data) {
      this.table.replaceChildren();
      return;
    }
    const head = el('thead');
    const headRow = el('tr');
    for (const column of data.columns) {
      const th = el('th', '', column);
      th.scope = 'col';
      headRow.append(th);
    }
    head.append(headRow);
    const body = el('tbody');
    for (const row of data.rows) {
      const tr = el('tr');
      row.forEach((cell, k) => {
        const td = el(k === 0 ? 'th' : 'td', '', cell);
        if (k === 0) /** @type {HTMLTableCellElement} */ (td).scope = 'row';
        tr.append(td);
      });
      body.append(tr);
    }
    this.table.replaceChildren(el('caption', '', data.caption), head, body);
  }

  get open() {
    return this.details.open;
  }
}

/**
 * Up to `max` indices spread evenly over [0, n), the last one always in.
 * @param {number} n
 * @param {number} max
 * @returns {number[]}
 */
export function spread(n, max) {
  if (n <= max) return Array.from({ length: n }, (_, k) => k);
  return Array.from({ length: max }, (_, k) => Math.round((k * (n - 1)) / (max - 1)));
}
