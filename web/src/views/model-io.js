// ModelIo: download the trained model as its state-dict JSON, load one back from a file, and download the run as
// a PyTorch program ("Open in PyTorch"), with the data files the program reads offered as links beside it (the
// digits task's images). The worker validates what is loaded; on an error the page shows the message and the
// current model stays.
//
//   const io = new ModelIo(root);
//   root.addEventListener('model-save', () => ...);                 // then io.download(json, filename)
//   root.addEventListener('model-export-torch', () => ...);         // then io.download(program, 'x.py', 'text/x-python')
//   root.addEventListener('model-load', (e) => e.detail.text);      // the file's text, e.detail.name its name
//   io.setStatus(text); io.offerFiles([{name, bytes}], note);      // links to save each file, a note under them
import { el } from './dom.js';
import { translatorFor } from '../i18n/i18n.js';

let instances = 0;

export class ModelIo {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.t = translatorFor(root);
    root.classList.add('rl-model-io');
    root.replaceChildren();
    const buttons = el('div', 'rl-model-buttons');
    this.saveButton = el('button', 'rl-button', this.t('modelIo.download'));
    this.saveButton.type = 'button';
    this.saveButton.addEventListener('click', () => this.emit('model-save', {}));
    this.fileInput = el('input', 'rl-visually-hidden');
    this.fileInput.type = 'file';
    this.fileInput.accept = '.json,application/json';
    this.fileInput.id = `rl-model-file-${++instances}`;
    this.fileInput.addEventListener('change', () => this.onFile());
    this.fileInput.tabIndex = -1;
    this.fileInput.setAttribute('aria-hidden', 'true');
    // A real button opens the file picker, so loading works from the keyboard like everything else.
    this.loadButton = el('button', 'rl-button', this.t('modelIo.load'));
    this.loadButton.type = 'button';
    this.loadButton.addEventListener('click', () => this.fileInput.click());
    this.torchButton = el('button', 'rl-button', this.t('modelIo.torch'));
    this.torchButton.type = 'button';
    this.torchButton.title = this.t('modelIo.torch.title');
    this.torchButton.addEventListener('click', () => this.emit('model-export-torch', {}));
    buttons.append(this.saveButton, this.loadButton, this.torchButton, this.fileInput);
    this.status = el('p', 'rl-hint');
    this.status.setAttribute('role', 'status');
    /** The files offered after the status (offerFiles), and their object URLs, revoked when they are replaced. */
    this.files = el('div', 'rl-model-files');
    /** @type {string[]} */
    this.fileUrls = [];
    root.append(buttons, this.status, this.files,
      el('p', 'rl-hint', this.t('modelIo.hint')));
  }

  /** @param {'model-save' | 'model-load' | 'model-export-torch'} type @param {object} detail */
  emit(type, detail) {
    this.root.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  async onFile() {
    const file = this.fileInput.files?.[0];
    if (!file) return;
    this.status.textContent = this.t('modelIo.reading', { name: file.name });
    try {
      const text = await file.text();
      this.emit('model-load', { text, name: file.name });
    } catch (error) {
      this.setStatus(this.t('modelIo.readFailed', { name: file.name, message: String(error instanceof Error ? error.message : error) }));
    } finally {
      this.fileInput.value = '';  // choosing the same file again fires change again
    }
  }

  /** The status line; the files offered with the one before it go. @param {string} text */
  setStatus(text) {
    this.status.textContent = text;
    this.offerFiles([], '');
  }

  /**
   * Links under the status that save each file under its name (the user saves them beside a program that reads
   * them), and a note under the links (where the files come from). An empty list removes them.
   * @param {{name: string, bytes: Uint8Array, type?: string}[]} files
   * @param {string} note
   */
  offerFiles(files, note) {
    for (const url of this.fileUrls) URL.revokeObjectURL(url);
    this.fileUrls = files.map((f) => URL.createObjectURL(
      new Blob([/** @type {Uint8Array<ArrayBuffer>} */ (f.bytes)], { type: f.type ?? 'application/octet-stream' })));
    const links = files.map((f, i) => {
      const link = el('a', 'rl-model-file', this.t('modelIo.saveFile', { name: f.name, size: fileSize(f.bytes.length) }));
      link.href = this.fileUrls[i];
      link.download = f.name;
      const item = el('li');
      item.append(link);
      return item;
    });
    const list = el('ul');
    list.append(...links);
    this.files.replaceChildren(...(files.length ? [list, el('p', 'rl-hint', note)] : []));
  }

  /** Offers `text` as a file download. @param {string} text @param {string} filename @param {string} [type] */
  download(text, filename, type = 'application/json') {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = el('a');
    link.href = url;
    link.download = filename;
    link.hidden = true;
    this.root.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** A file's size as the page says it (units read the same in every language). @param {number} bytes */
function fileSize(bytes) {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : bytes >= 1e3 ? `${(bytes / 1e3).toFixed(1)} KB` : `${bytes} bytes`;
}

/**
 * A saved model's text with the iteration its file name gives (`rnnlab-seq-rnn-iteration-500.json`, also with a
 * browser's ` (1)` before `.json`) put into its `task` object, for files saved before the task object carried
 * it; a file that has `task.iteration`, has no `task` object (a torch script's), is not JSON or has another name
 * comes back unchanged. Re-serialising keeps every float32: the shortest text of a double reads back to it.
 * @param {string} text
 * @param {string} name
 * @returns {string}
 */
export function withIterationFromName(text, name) {
  const match = /-iteration-(\d{1,15})(?: \(\d+\))?\.json$/i.exec(name);
  if (!match) return text;
  try {
    const doc = JSON.parse(text);
    const task = doc?.task;
    if (!task || typeof task !== 'object' || Array.isArray(task) || task.iteration !== undefined) return text;
    task.iteration = Number(match[1]);
    return JSON.stringify(doc);
  } catch {
    return text;  // the worker reports what is wrong with it
  }
}
