/**
 * TF-IDF weights from natural's TfIdf over the background corpus and the
 * question's reference text. The reference text is the question, its key
 * points and the model answer. Natural is loaded by its submodule, never
 * `require('natural')`: the package root takes about 0.9 s to load and pulls in
 * database drivers.
 *
 * Documents are given as arrays of synonym heads, so natural's English tokenizer
 * and stop words are never used.
 */
import { TfIdf } from 'natural/lib/natural/tfidf/index.js';
import { BACKGROUND_TEXTS } from './background.js';
import { tokenize, type Token } from './segment.js';

/** Content words of a text as synonym heads, with their counts kept (TF-IDF needs them). */
export function contentTerms(tokens: readonly Token[]): string[] {
  return tokens.filter((t) => t.kind === 'word').map((t) => t.canon);
}

let background: string[][] | null = null;
function backgroundDocs(): string[][] {
  background ??= BACKGROUND_TEXTS.map((text) => contentTerms(tokenize(text)));
  return background;
}

/** IDF weights for one question: background corpus plus the question's reference document. */
export class TermWeights {
  readonly #tfidf = new TfIdf();
  readonly #cache = new Map<string, number>();

  constructor(referenceTerms: readonly string[]) {
    for (const doc of backgroundDocs()) this.#tfidf.addDocument(doc);
    this.#tfidf.addDocument([...referenceTerms]);
  }

  /** Inverse document frequency of a term; unseen terms get the highest weight. */
  idf(term: string): number {
    let w = this.#cache.get(term);
    if (w === undefined) {
      w = this.#tfidf.idf(term);
      if (!Number.isFinite(w) || w <= 0) w = 0.1;
      this.#cache.set(term, w);
    }
    return w;
  }

  /** TF-IDF vector of a bag of terms. */
  vector(terms: readonly string[]): Map<string, number> {
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v = new Map<string, number>();
    for (const [t, n] of tf) v.set(t, n * this.idf(t));
    return v;
  }

  /** Cosine similarity of two bags of terms under these weights (0..1). */
  cosine(a: readonly string[], b: readonly string[]): number {
    return cosine(this.vector(a), this.vector(b));
  }
}

export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, x] of a) {
    na += x * x;
    const y = b.get(t);
    if (y !== undefined) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
