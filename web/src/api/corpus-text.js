// A corpus's bytes -> its text, with the checks only bytes can have: the size limit (before reading, from the
// file's size, on the page; again on the bytes, in the worker), binary data and invalid UTF-8. What the text
// then holds (at least seqLen + 1 characters, two distinct ones or more, at most 8,192) the C++ corpus checks
// (Rnnlab.checkCorpus): one rule, one message, natively and here.
//
//   checkCorpusSize(file.size)         // throws before a byte is read
//   const text = decodeCorpus(bytes);  // a string, or an RnnlabError with key 'corpus'
import { RnnlabError } from './rnnlab.js';

/** The largest corpus: 10 MB, as the C++ task's kMaxCorpusBytes (src/tasks/text_corpus.h; a Node test holds the two equal). */
export const MAX_CORPUS_BYTES = 10 * 1024 * 1024;

/** The messages, in one place (the C++ core's wording for the size limit). */
const MESSAGES = {
  tooBig: (/** @type {number} */ bytes) => `corpus: ${bytes} bytes, the limit is ${MAX_CORPUS_BYTES} bytes (10 MB)`,
  binary: (/** @type {number} */ at) => `corpus: binary data (a NUL byte at byte ${at}), expected a UTF-8 text file`,
  invalid: 'corpus: invalid UTF-8, expected a UTF-8 text file (save it as UTF-8, or paste the text)',
};

/**
 * Throws an RnnlabError (key 'corpus') naming the limit when `bytes` is over it.
 * @param {number} bytes
 */
export function checkCorpusSize(bytes) {
  if (bytes > MAX_CORPUS_BYTES) throw new RnnlabError(MESSAGES.tooBig(bytes), 'corpus');
}

/**
 * The text of a UTF-8 corpus.
 * @param {ArrayBuffer | Uint8Array} bytes
 * @returns {string}
 */
export function decodeCorpus(bytes) {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  checkCorpusSize(view.length);
  // A NUL byte is valid UTF-8 but no text has one; an image, an archive or a UTF-16 file does.
  const nul = view.indexOf(0);
  if (nul >= 0) throw new RnnlabError(MESSAGES.binary(nul), 'corpus');
  try {
    // ignoreBOM: false drops a leading byte-order mark, which is not part of the text.
    return new TextDecoder('utf-8', { fatal: true }).decode(view);
  } catch {
    throw new RnnlabError(MESSAGES.invalid, 'corpus');
  }
}
