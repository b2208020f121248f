// CorpusPicker: the text task's corpus. One of the bundled ones (fetched by the worker only when picked), or
// the user's own text: pasted, or a UTF-8 file chosen or dropped. A file over the size limit is refused from its
// size, before a byte is read; everything else about a text (binary data, invalid UTF-8, too short, too few or
// too many distinct characters) the worker checks, and its message shows here (showError). The model that is
// training keeps training until a text has passed every check.
//
//   const picker = new CorpusPicker(root, {onCorpus, onOwnText, onRefused, t});
//   picker.set('tang5');            // show a config's corpus (no callback)
//   // onCorpus('tang300')                        a bundled corpus was picked
//   // onOwnText({bytes: ArrayBuffer, name})      a text to train on (its bytes: hand them over, not copied)
//   // onRefused(message)                          a file refused here, before reading it (over the size limit)
//   picker.setStatus('Your text: 12,000 characters, 64 distinct.'); picker.showError(message);
import { el, setText } from './dom.js';
import { BUNDLED_CORPORA, CORPUS_NAMES, MAX_SYMBOLS } from '../state/corpora.js';
import { checkCorpusSize, MAX_CORPUS_BYTES } from '../api/corpus-text.js';

/** What the picker says a bundled corpus downloads (units read the same in every language). @param {number} bytes */
const downloadSize = (bytes) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.round(bytes / 1e3)} KB`);

/** @typedef {{bytes: ArrayBuffer, name: string}} OwnText */

let pickers = 0;

export class CorpusPicker {
  /**
   * @param {HTMLElement} root
   * @param {{onCorpus: (name: string) => void, onOwnText: (text: OwnText) => void, onRefused: (message: string) => void,
   *   t: import('../i18n/i18n.js').Translate}} options  t: the words of the form it sits in (its root is not in the
   *   document yet, so it cannot look up its own language)
   */
  constructor(root, { onCorpus, onOwnText, onRefused, t }) {
    this.root = root;
    this.t = t;
    this.onCorpus = onCorpus;
    this.onOwnText = onOwnText;
    this.onRefused = onRefused;
    const id = `rl-corpus-${++pickers}`;
    root.classList.add('rl-corpus-picker');

    const row = el('div', 'rl-field');
    this.select = el('select');
    this.select.id = `${id}-select`;
    for (const [name, key] of Object.entries(CORPUS_NAMES)) {
      const bundled = Object.hasOwn(BUNDLED_CORPORA, name)
        ? BUNDLED_CORPORA[/** @type {keyof BUNDLED_CORPORA} */ (name)] : undefined;
      const option = el('option', '', bundled ? `${t(key)} · ${downloadSize(bundled.bytes)}` : t(key));
      option.value = name;
      this.select.append(option);
    }
    const label = el('label', '', t('corpus.label'));
    label.htmlFor = this.select.id;
    this.error = el('p', 'rl-field-error');
    this.error.id = `${id}-error`;
    this.error.setAttribute('role', 'alert');
    const hint = el('span', 'rl-hint', t('corpus.fetchedWhenPicked'));
    hint.id = `${id}-hint`;
    this.select.setAttribute('aria-describedby', `${hint.id} ${this.error.id}`);
    row.append(label, this.select, hint);
    this.row = row;
    this.select.addEventListener('change', () => this.onSelect());

    // Your own text.
    this.own = el('div', 'rl-own-text');
    this.textarea = el('textarea', 'rl-own-textarea');
    this.textarea.id = `${id}-paste`;
    this.textarea.rows = 4;
    this.textarea.placeholder = t('corpus.pastePlaceholder');
    this.textarea.spellcheck = false;
    const pasteLabel = el('label', '', t('corpus.paste'));
    pasteLabel.htmlFor = this.textarea.id;
    this.useButton = el('button', 'rl-button', t('corpus.usePasted'));
    this.useButton.type = 'button';
    this.useButton.addEventListener('click', () => this.usePasted());
    this.file = el('input', 'rl-own-file');
    this.file.type = 'file';
    this.file.accept = '.txt,text/plain';
    this.file.id = `${id}-file`;
    const fileLabel = el('label', '', t('corpus.chooseFile'));
    fileLabel.htmlFor = this.file.id;
    this.file.addEventListener('change', () => {
      const chosen = this.file.files?.[0];
      if (chosen) this.useFile(chosen);
      this.file.value = '';  // the same file chosen again is a new choice
    });
    this.status = el('p', 'rl-hint rl-own-status');
    this.status.setAttribute('aria-live', 'polite');
    // The limits hold for a pasted text and a file alike: both inputs are described by them.
    const limit = el('span', '', t('corpus.limit', { mb: MAX_CORPUS_BYTES / (1024 * 1024), symbols: MAX_SYMBOLS.toLocaleString('en-US') }));
    limit.id = `${id}-limit`;
    this.textarea.setAttribute('aria-describedby', limit.id);
    this.file.setAttribute('aria-describedby', limit.id);
    const hints = el('p', 'rl-hint');
    hints.append(t('corpus.drop'), ' ', limit);
    this.own.append(pasteLabel, this.textarea, this.useButton, fileLabel, this.file, hints, this.status);
    this.own.hidden = true;
    // A file dropped anywhere on the block.
    this.own.addEventListener('dragover', (event) => {
      event.preventDefault();
      this.own.classList.add('rl-drop-target');
    });
    this.own.addEventListener('dragleave', () => this.own.classList.remove('rl-drop-target'));
    this.own.addEventListener('drop', (event) => {
      event.preventDefault();
      this.own.classList.remove('rl-drop-target');
      const dropped = event.dataTransfer?.files?.[0];
      if (dropped) this.useFile(dropped);
    });
    root.append(row, this.error, this.own);
  }

  /** Shows `name` as the current corpus. @param {string} name */
  set(name) {
    this.select.value = name;
    this.own.hidden = name !== 'own';
  }

  onSelect() {
    const name = this.select.value;
    this.own.hidden = name !== 'own';
    setText(this.error, '');
    // Your own text trains once there is one; a bundled corpus at once.
    if (name !== 'own') this.onCorpus(name);
  }

  usePasted() {
    const bytes = new TextEncoder().encode(this.textarea.value);
    this.submit(bytes.buffer, this.t('corpus.pastedName'), bytes.byteLength);
  }

  /** @param {File} file */
  async useFile(file) {
    setText(this.error, '');
    try {
      checkCorpusSize(file.size);  // before a byte is read
    } catch (error) {
      this.refuse(error);
      return;
    }
    setText(this.status, this.t('corpus.reading', { name: file.name }));
    let bytes;
    try {
      bytes = await file.arrayBuffer();
    } catch (error) {
      this.refuse(new Error(this.t('corpus.readFailed', { name: file.name, message: error instanceof Error ? error.message : String(error) })));
      return;
    }
    this.submit(bytes, file.name, bytes.byteLength);
  }

  /** @param {ArrayBuffer} bytes @param {string} name @param {number} size */
  submit(bytes, name, size) {
    setText(this.error, '');
    try {
      checkCorpusSize(size);
    } catch (error) {
      this.refuse(error);
      return;
    }
    setText(this.status, this.t('corpus.checking', { name }));
    this.onOwnText({ bytes, name });
  }

  /** @param {unknown} error */
  refuse(error) {
    const message = error instanceof Error ? error.message : String(error);
    this.showError(message);
    this.onRefused(message);
  }

  /** @param {string} text */
  setStatus(text) {
    setText(this.status, text);
  }

  /** @param {string} message */
  showError(message) {
    setText(this.status, '');
    setText(this.error, message);
    this.select.setAttribute('aria-invalid', 'true');
  }

  clearError() {
    setText(this.error, '');
    this.select.removeAttribute('aria-invalid');
  }
}
