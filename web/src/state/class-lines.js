// The classify task's classes as the page lets a reader type them: one class per line, "name: example, example, ...",
// and back. The `examples` key holds them as JSON ({"classes": [{"name", "examples"}]}, src/tasks/classify_examples.h),
// which the C++ checks (2 to 16 classes, examples of 1 to 32 characters, ...); here only the lines' form is checked.
// A class name cannot hold ':' (the first one ends it) and an example cannot hold ',' (it separates them).

/**
 * @typedef {{ok: true, json: string} | {ok: false, line: number}} ParsedLines  line: 1-based, the first bad one
 */

/**
 * The typed lines as the `examples` key's JSON. Blank lines are skipped; spaces around names and examples dropped,
 * and so are empty examples (a trailing comma). A line without ':' or without a name is refused, naming its number.
 * @param {string} text
 * @returns {ParsedLines}
 */
export function linesToExamples(text) {
  /** @type {{name: string, examples: string[]}[]} */
  const classes = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; ++i) {
    const line = lines[i].trim();
    if (line === '') continue;
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon).trim();
    if (name === '') return { ok: false, line: i + 1 };
    const examples = line.slice(colon + 1).split(',').map((e) => e.trim()).filter((e) => e !== '');
    classes.push({ name, examples });
  }
  return { ok: true, json: JSON.stringify({ classes }) };
}

/**
 * The `examples` key's JSON as lines ('' for the bundled set, which the key's empty value means, or for JSON that
 * is not a class list).
 * @param {string} json
 * @returns {string}
 */
export function examplesToLines(json) {
  if (json.trim() === '') return '';
  try {
    const classes = JSON.parse(json)?.classes;
    if (!Array.isArray(classes)) return '';
    return classes.map((c) => `${c?.name ?? ''}: ${Array.isArray(c?.examples) ? c.examples.join(', ') : ''}`).join('\n');
  } catch {
    return '';
  }
}
