/**
 * Relevance: does the answer keep to the question? It is measured as the TF-IDF
 * cosine between the answer and the question's reference text (question, key
 * points, model answer), and as the share of sentences that touch the
 * reference at all. A fluent story about a marathon shares almost no weighted
 * words with a question about a disagreement at work, whatever its structure.
 */
import { topical } from './concepts.js';
import type { PreparedAnswer, PreparedQuestion } from './prepare.js';

/** Cosine at which the whole-answer part reaches full marks (good answers measure 0.3–0.5 against a model answer). */
const FULL_COSINE = 0.3;
/** A sentence touches the topic when its cosine with the reference reaches this. */
const SENTENCE_ON_TOPIC = 0.08;

export interface RelevanceResult {
  score: number;
  cosine: number;
  /** Share of sentences that touch the question's topic. */
  onTopicShare: number;
  evidence: string[];
}

export function scoreRelevance(answer: PreparedAnswer, question: PreparedQuestion): RelevanceResult {
  const w = question.weights;
  const cos = w.cosine(answer.topicalTerms, question.referenceTerms);
  const perSentence = answer.sentences.map((s) => ({ s, cos: w.cosine([...s.terms, ...topical(s.cued)], question.referenceTerms) }));
  const counted = perSentence.filter((x) => x.s.terms.length > 0);
  const onTopic = counted.filter((x) => x.cos >= SENTENCE_ON_TOPIC).length;
  const onTopicShare = counted.length === 0 ? 0 : onTopic / counted.length;
  const score = Math.round(100 * (0.6 * Math.min(1, cos / FULL_COSINE) + 0.4 * onTopicShare));
  const evidence = perSentence
    .filter((x) => x.cos >= SENTENCE_ON_TOPIC)
    .sort((a, b) => b.cos - a.cos)
    .slice(0, 2)
    .map((x) => x.s.text);
  return { score, cosine: cos, onTopicShare, evidence };
}
