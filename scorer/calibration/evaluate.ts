/**
 * Scores a calibration part and measures agreement with the human ratings.
 * Used by `npm run bench -- scorer` and by the calibration test.
 */
import { scoreAnswer } from '../content/scoreAnswer.js';
import type { ContentScore } from '../types.js';
import type { CalibrationPart } from './dataset.js';
import { pairwiseAccuracy, spearman, type PairwiseResult } from './metrics.js';

export interface ScoredItem {
  id: string;
  questionId: string;
  category: string;
  rating: number | null;
  result: ContentScore;
}

export interface Agreement {
  part: string;
  rated: number;
  spearman: number;
  /** Over all pairs of rated answers with different ratings. */
  pairwise: PairwiseResult;
  /** Over pairs of answers to the same question only (how HR compares candidates). */
  pairwiseWithinQuestion: PairwiseResult;
  /** Answers rated null by hand: how many the scorer also left unrated. */
  nodata: { total: number; unratedByScorer: number };
  /** Answers rated by hand that the scorer refused to rate. */
  wronglyUnrated: string[];
  items: ScoredItem[];
}

export function evaluatePart(part: CalibrationPart): Agreement {
  const items: ScoredItem[] = part.answers.map((a) => ({
    id: a.id,
    questionId: a.questionId,
    category: a.category,
    rating: a.rating,
    result: scoreAnswer(a.question, { transcript: a.transcript, durationSec: a.durationSec }),
  }));
  const both = items.flatMap((i) => (i.rating !== null && i.result.overall !== null ? [{ ...i, rating: i.rating, score: i.result.overall }] : []));
  const byQuestion = new Map<string, typeof both>();
  for (const i of both) byQuestion.set(i.questionId, [...(byQuestion.get(i.questionId) ?? []), i]);
  let pairs = 0;
  let agree = 0;
  for (const group of byQuestion.values()) {
    const r = pairwiseAccuracy(group);
    pairs += r.pairs;
    agree += r.agree;
  }
  const nodata = items.filter((i) => i.rating === null);
  return {
    part: part.name,
    rated: both.length,
    spearman: spearman(both.map((i) => i.rating), both.map((i) => i.score)),
    pairwise: pairwiseAccuracy(both),
    pairwiseWithinQuestion: { pairs, agree, accuracy: pairs === 0 ? Number.NaN : agree / pairs },
    nodata: { total: nodata.length, unratedByScorer: nodata.filter((i) => i.result.overall === null).length },
    wronglyUnrated: items.filter((i) => i.rating !== null && i.result.overall === null).map((i) => i.id),
    items,
  };
}
