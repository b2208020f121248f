// CSV text (RFC 4180) from a header and rows, for the sweep's download: fields with a comma, a quote or a line
// break are quoted (quotes doubled), lines end with CRLF, numbers are written as JS writes them (the shortest
// text that reads back as the same double). No DOM: web/test/node/csv.test.js drives it.

/**
 * One field as CSV writes it.
 * @param {string | number} value  a non-finite number is written as an empty field
 */
export function csvField(value) {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * @param {readonly string[]} columns
 * @param {readonly (readonly (string | number)[])[]} rows  each as long as `columns`
 * @returns {string}
 */
export function toCsv(columns, rows) {
  for (const [k, row] of rows.entries()) {
    if (row.length !== columns.length) throw new RangeError(`csv: row ${k + 1} has ${row.length} fields, expected ${columns.length}`);
  }
  return [columns, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
