/**
 * `scoreAnswer(question, answer)`: rates what was said against the question's
 * rubric. It is synchronous and deterministic. After the first call, which loads
 * jieba's dictionary, it takes about a millisecond.
 *
 * The overall score is the weighted mean of four dimensions. The weights are
 * returned with it. Three whole-answer judgements can then cap the overall
 * score. Each cap is listed in `adjustments` with the score before and after,
 * so HR can see exactly what the cap took away and overrule it:
 * - keyword stuffing: capped at 25;
 * - off topic: capped at 20;
 * - filler-heavy: capped at 60, because the rubric never gives a rambling
 *   answer a 4 or 5.
 * An answer that fails the quality gate gets `overall: null`.
 */
import type { Adjustment, ContentFlag, ContentScore, Dimension, DimensionName, EvidenceItem, Question, AnswerInput } from '../types.js';
import { FILLER_HEAVY, scoreCoherence } from './coherence.js';
import { scoreCoverage } from './coverage.js';
import { detectOffTopic, detectStuffing } from './flags.js';
import { qualityGate } from './gate.js';
import { prepareAnswer, prepareQuestion } from './prepare.js';
import { scoreRelevance } from './relevance.js';
import { scoreStructure } from './structure.js';
import { explainCap, explainCoherence, explainCoverage, explainRelevance, explainStructure, explainUnrated } from './wording.js';

/** Bumped whenever a change can move a score; stored with every report. */
export const CONTENT_SCORER_VERSION = 'content-1';

export const DEFAULT_WEIGHTS: Readonly<Record<DimensionName, number>> = Object.freeze({
  coverage: 0.4,
  structure: 0.25,
  relevance: 0.15,
  coherence: 0.2,
});

export const CAPS = Object.freeze({ keyword_stuffing: 25, off_topic: 20, filler_heavy: 60 });

/** A question without key points cannot rate coverage: its weight goes to the other dimensions. */
function weightsFor(question: Question): Record<DimensionName, number> {
  if (question.keyPoints.some((k) => k.trim() !== '')) return { ...DEFAULT_WEIGHTS };
  const rest = 1 - DEFAULT_WEIGHTS.coverage;
  return {
    coverage: 0,
    structure: DEFAULT_WEIGHTS.structure / rest,
    relevance: DEFAULT_WEIGHTS.relevance / rest,
    coherence: DEFAULT_WEIGHTS.coherence / rest,
  };
}

export function scoreAnswer(question: Question, answer: AnswerInput): ContentScore {
  const weights = weightsFor(question);
  const a = prepareAnswer(answer.transcript, answer.durationSec);
  const gate = qualityGate(a);
  if (!gate.pass) {
    return {
      overall: null,
      dimensions: null,
      evidence: [],
      flags: ['insufficient_data', gate.why],
      weights,
      version: CONTENT_SCORER_VERSION,
      reason: explainUnrated(gate),
    };
  }

  const q = prepareQuestion(question);
  const coverage = scoreCoverage(a, q);
  const structure = scoreStructure(a);
  const relevance = scoreRelevance(a, q);
  const coherence = scoreCoherence(a);
  const stuffing = detectStuffing(a, q, coverage);
  const offTopic = detectOffTopic(a, coverage, relevance, coherence);

  const coverageQuotes = coverage.keyPoints.filter((k) => k.quote !== undefined && k.status !== 'missing');
  const dimensions: Record<DimensionName, Dimension> = {
    coverage: {
      score: coverage.score,
      weight: weights.coverage,
      evidence: unique(coverageQuotes.map((k) => k.quote ?? '')),
      explanation: explainCoverage(coverage, stuffing.stuffing),
    },
    structure: { score: structure.score, weight: weights.structure, evidence: structure.evidence, explanation: explainStructure(structure) },
    relevance: {
      score: relevance.score,
      weight: weights.relevance,
      evidence: relevance.evidence,
      explanation: explainRelevance(relevance, a.sentences.length),
    },
    coherence: { score: coherence.score, weight: weights.coherence, evidence: coherence.evidence, explanation: explainCoherence(coherence) },
  };

  const evidence: EvidenceItem[] = [
    ...coverageQuotes.map((k): EvidenceItem => ({ dimension: 'coverage', quote: k.quote ?? '', keyPoint: k.keyPoint })),
    ...(['structure', 'relevance', 'coherence'] as const).flatMap((d) =>
      dimensions[d].evidence.map((quote): EvidenceItem => ({ dimension: d, quote })),
    ),
  ];

  const weighted = (Object.keys(weights) as DimensionName[]).reduce((sum, d) => sum + weights[d] * dimensions[d].score, 0);
  let overall = Math.round(weighted);
  const flags: ContentFlag[] = [];
  const adjustments: Adjustment[] = [];
  const cap = (flag: Adjustment['flag'], figure: number): void => {
    flags.push(flag);
    const limit = CAPS[flag];
    if (overall > limit) {
      adjustments.push({ flag, before: overall, after: limit, explanation: explainCap(flag, limit, figure) });
      overall = limit;
    }
  };
  if (stuffing.stuffing) cap('keyword_stuffing', stuffing.rubricDensity);
  if (offTopic.offTopic) cap('off_topic', Math.min(1, offTopic.cosine));
  if (coherence.fillerRatio >= FILLER_HEAVY) cap('filler_heavy', coherence.fillerRatio);
  if (structure.noExample) flags.push('no_example');
  if (coherence.repeatedShare >= 0.25) flags.push('repetitive');

  return {
    overall,
    dimensions,
    evidence,
    flags,
    weights,
    version: CONTENT_SCORER_VERSION,
    keyPoints: coverage.keyPoints,
    adjustments,
  };
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}
