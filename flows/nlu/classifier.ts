/**
 * The intent classifier: natural's naive Bayes over character, bigram and word
 * features, trained at warm-up from the corpus (about 10 ms; deterministic,
 * since the corpus order is fixed).
 *
 * Naive Bayes posteriors are over-confident, so the score the engine sees is
 * reshaped: the log-likelihoods are averaged per known feature before the
 * softmax (a temperature fitted on the held-out split), and multiplied by how
 * much of the message the model has seen at all (`coverage`), so text about
 * something else entirely scores low even when one class wins.
 */
import { newBayesClassifier, type TokenClassifier } from './natural.js';
import { isIntent, type Intent } from './types.js';

export interface Ranked {
  readonly intent: Intent;
  /** Calibrated probability, 0..1; the ranking sums to 1 before coverage is applied. */
  readonly score: number;
}

export interface Classified {
  readonly ranked: readonly Ranked[];
  /** Share of the message's features that occur in the training corpus, 0..1. */
  readonly coverage: number;
}

/** Softmax temperature on per-feature average log-likelihood (fitted on the held-out split). */
const TEMPERATURE = 0.12;

export class IntentClassifier {
  private constructor(
    private readonly bayes: TokenClassifier,
    private readonly vocabulary: ReadonlySet<string>,
  ) {}

  static train(examples: Iterable<{ features: readonly string[]; intent: Intent }>): IntentClassifier {
    const bayes = newBayesClassifier();
    const vocabulary = new Set<string>();
    const byIntent = new Map<Intent, Array<readonly string[]>>();
    for (const ex of examples) {
      if (ex.features.length === 0) continue;
      const list = byIntent.get(ex.intent) ?? [];
      list.push(ex.features);
      byIntent.set(ex.intent, list);
      for (const f of ex.features) vocabulary.add(f);
    }
    // natural's Bayes divides a feature's count by its class's document count, so
    // a feature unseen in a small class costs less than in a big one and small
    // classes win ties. Repeating each class's documents up to the largest class
    // removes that bias (and the prior with it, which we do not want anyway).
    const largest = Math.max(...[...byIntent.values()].map((l) => l.length));
    for (const [intent, list] of byIntent) {
      for (let i = 0; i < largest; i += 1) bayes.addDocument(list[i % list.length]!, intent);
    }
    bayes.train();
    return new IntentClassifier(bayes, vocabulary);
  }

  classify(features: readonly string[]): Classified {
    const known = features.filter((f) => this.vocabulary.has(f));
    const coverage = features.length === 0 ? 0 : known.length / features.length;
    if (known.length === 0) return { ranked: [{ intent: 'unknown', score: 1 }], coverage: 0 };
    // natural multiplies raw probabilities; past ~100 features they underflow to 0, so keep the first 80.
    const raw = this.bayes.getClassifications(known.slice(0, 80));
    const logs = raw.map((c) => ({ label: c.label, log: Math.log(Math.max(c.value, Number.MIN_VALUE)) / Math.min(known.length, 80) }));
    const top = Math.max(...logs.map((l) => l.log));
    const exps = logs.map((l) => ({ label: l.label, e: Math.exp((l.log - top) / TEMPERATURE) }));
    const sum = exps.reduce((s, x) => s + x.e, 0);
    const ranked = exps
      .filter((x): x is { label: Intent; e: number } => isIntent(x.label))
      .map((x) => ({ intent: x.label, score: x.e / sum }))
      .sort((a, b) => b.score - a.score);
    return { ranked, coverage };
  }
}
