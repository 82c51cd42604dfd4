/**
 * Whole-answer judgements that the dimensions alone cannot make:
 * - keyword stuffing: the rubric's words without substance;
 * - off topic: a fluent answer to some other question.
 * Each judgement keeps the figures it was based on, so the report can show them.
 */
import type { CoherenceResult } from './coherence.js';
import { FILLER_HEAVY } from './coherence.js';
import type { CoverageResult } from './coverage.js';
import type { PreparedAnswer, PreparedQuestion } from './prepare.js';
import type { RelevanceResult } from './relevance.js';

export interface StuffingReading {
  stuffing: boolean;
  /** Share of the answer's content words that the rubric names. */
  rubricDensity: number;
  /** Key-point credit the substance check took away (in key points). */
  pointsRemoved: number;
  concreteSentences: number;
}

export function detectStuffing(answer: PreparedAnswer, question: PreparedQuestion, coverage: CoverageResult): StuffingReading {
  const rubricHits = answer.terms.filter((t) => question.rubricTerms.has(t)).length;
  const rubricDensity = answer.terms.length === 0 ? 0 : rubricHits / answer.terms.length;
  const pointsRemoved = coverage.removedBySubstance;
  const concreteSentences = coverage.substance.filter((s) => s.concrete).length;
  const hollow = coverage.substance.some((s) => s.listLike || s.selfPraise);
  const stuffing =
    (pointsRemoved >= 1.5 && concreteSentences === 0) ||
    (rubricDensity >= 0.45 && concreteSentences === 0 && hollow);
  return { stuffing, rubricDensity, pointsRemoved, concreteSentences };
}

/**
 * Off topic means all three: the whole answer is far from the reference, most
 * sentences do not touch the topic, and hardly any key point is covered. Any
 * one alone is too weak: a story about a marathon still "covers" a key point
 * that asks for a result.
 */
const OFF_TOPIC_COSINE = 0.12;
const OFF_TOPIC_SENTENCE_SHARE = 0.5;
const OFF_TOPIC_COVERAGE = 25;
/** Only a fluent answer is called off topic; a few words or rambling have their own flags. */
const FLUENT_CHARS = 30;

export interface OffTopicReading {
  offTopic: boolean;
  cosine: number;
}

export function detectOffTopic(answer: PreparedAnswer, coverage: CoverageResult, relevance: RelevanceResult, coherence: CoherenceResult): OffTopicReading {
  const fluent = answer.meaningfulChars >= FLUENT_CHARS && coherence.fillerRatio < FILLER_HEAVY;
  const offTopic =
    fluent &&
    relevance.cosine < OFF_TOPIC_COSINE &&
    relevance.onTopicShare < OFF_TOPIC_SENTENCE_SHARE &&
    coverage.score <= OFF_TOPIC_COVERAGE;
  return { offTopic, cosine: relevance.cosine };
}
