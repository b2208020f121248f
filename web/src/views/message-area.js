// MessageArea: errors and notices the reader must see (a bad config, a corrupt model file, the worker dying,
// training stopped by a non-finite loss). Each message stays until dismissed or replaced by one with the same
// topic; errors are announced to screen readers (role=alert).
//
//   const messages = new MessageArea(root);
//   messages.show('That file is not a model: ...', {kind: 'error', topic: 'load'});
//   messages.clear('load');
import { el } from './dom.js';
import { translatorFor } from '../i18n/i18n.js';

export class MessageArea {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.t = translatorFor(root);
    /** @type {Map<string, HTMLElement>} topic -> element */
    this.items = new Map();
    this.counter = 0;
    root.classList.add('rl-messages');
    root.replaceChildren();
  }

  /** @param {string} text  @param {{kind?: 'error'|'info'|'warning', topic?: string, title?: string}} options */
  show(text, { kind = 'error', topic, title } = {}) {
    const key = topic ?? `message-${++this.counter}`;
    this.clear(key);
    const item = el('div', `rl-message rl-message-${kind}`);
    item.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    item.dataset.topic = key;
    const body = el('div', 'rl-message-body');
    if (title) body.append(el('strong', 'rl-message-title', title));
    body.append(el('span', 'rl-message-text', text));
    const close = el('button', 'rl-message-close', '×');
    close.type = 'button';
    close.setAttribute('aria-label', this.t('messages.dismiss'));
    close.addEventListener('click', () => this.clear(key));
    item.append(body, close);
    this.root.append(item);
    this.items.set(key, item);
    return key;
  }

  /** @param {string} [topic]  all of them when left out */
  clear(topic) {
    if (topic === undefined) {
      this.items.forEach((item) => item.remove());
      this.items.clear();
      return;
    }
    this.items.get(topic)?.remove();
    this.items.delete(topic);
  }

  /** The texts shown now (for tests). */
  texts() {
    return Array.from(this.items.values(), (item) => item.textContent);
  }
}
