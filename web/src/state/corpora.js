// The corpora the page offers the text task (the `corpus` key's choices): the three bundled ones, copied from
// data/corpora/ into the built page's corpora/ folder (vite.config.js) and fetched by the worker only once
// picked, and `own` (a text the user pastes or drops). What a picked corpus starts with: training windows sized
// so the model fits the wasm memory budget (sizedForVocabulary) and, for the Tang poems, the share of
// well-formed 五字，五字。 lines in the sample view.

/** The corpora in the order the picker lists them, each with its name's catalog key (web/src/i18n). */
export const CORPUS_NAMES = /** @type {const} */ ({
  tinyshakespeare: 'corpus.name.tinyshakespeare',
  tang5: 'corpus.name.tang5',
  tang300: 'corpus.name.tang300',
  own: 'corpus.name.own',
});

/** The most distinct characters a corpus may have (the C++ corpus rules' limit, src/tasks/text_corpus.h). */
export const MAX_SYMBOLS = 8192;

/**
 * @typedef {object} BundledCorpus
 * @property {string} file  under the page's corpora/ folder
 * @property {number} bytes  its size (the picker says how much it downloads)
 * @property {number} symbols  its distinct characters (what sizes the model's head)
 * @property {boolean} poems  Tang poems: the sample view gives the share of 五字，五字。 lines
 * @property {string} prime  what a sample starts from by default
 */

/** @type {Readonly<Record<'tinyshakespeare' | 'tang5' | 'tang300', BundledCorpus>>} */
export const BUNDLED_CORPORA = Object.freeze({
  tinyshakespeare: { file: 'tinyshakespeare.txt', bytes: 1_115_394, symbols: 65, poems: false, prime: 'ROMEO:' },
  tang5: { file: 'tang5.txt', bytes: 2_390_501, symbols: 5616, poems: true, prime: '' },
  tang300: { file: 'tang300.txt', bytes: 77_980, symbols: 2573, poems: true, prime: '' },
});

/** @param {string} name @returns {BundledCorpus | undefined} */
export function bundledCorpus(name) {
  return Object.hasOwn(BUNDLED_CORPORA, name) ? BUNDLED_CORPORA[/** @type {keyof BUNDLED_CORPORA} */ (name)] : undefined;
}

/**
 * The batch and window length a corpus of `symbols` distinct characters trains with by default. The output
 * layer's logits and their gradients take T x B x V floats several times over, so a large vocabulary (5,616 Tang
 * characters) needs fewer, shorter windows to fit the 128 MB training budget of the wasm module
 * (src/tasks/memory_budget.h); a small one (Shakespeare's 65) gets the preset's B = 32, T = 64. A Node test holds
 * that each bundled corpus and an 8,192-symbol text configure with these under the budget.
 * @param {number} symbols
 * @returns {{batch: number, seqLen: number}}
 */
export function sizedForVocabulary(symbols) {
  if (symbols <= 256) return { batch: 32, seqLen: 64 };  // the text preset's
  if (symbols <= 3000) return { batch: 16, seqLen: 32 };
  if (symbols <= 6000) return { batch: 8, seqLen: 32 };
  return { batch: 4, seqLen: 32 };
}

/**
 * A text config with the window sizes of its bundled corpus for the keys the user did not give (a link or a
 * widget's attributes that name only the corpus: `#task=text&corpus=tang5` trains with B = 8, T = 32).
 * @template {{task: string, corpus: string, batch: number, seqLen: number}} C
 * @param {C} config  complete
 * @param {object} given  the keys the user gave
 * @returns {C}
 */
export function withCorpusSizes(config, given) {
  const bundled = config.task === 'text' ? bundledCorpus(config.corpus) : undefined;
  if (!bundled) return config;
  const sized = sizedForVocabulary(bundled.symbols);
  return {
    ...config,
    batch: Object.hasOwn(given, 'batch') ? config.batch : sized.batch,
    seqLen: Object.hasOwn(given, 'seqLen') ? config.seqLen : sized.seqLen,
  };
}
