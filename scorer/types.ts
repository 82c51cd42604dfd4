/**
 * The scorer's public vocabulary: what goes in (a question and an answer) and
 * what comes out (a content score with its evidence).
 *
 * HR must be able to trust, explain and overrule every figure. So every
 * dimension carries the sentences that earned it and a one-line explanation.
 * Every cap the scorer applies is listed with its before and after values. And
 * an answer with too little to rate has no score at all, instead of a low one.
 * Nothing here describes the person: no emotion, personality, age or gender.
 */

/** One interview question and the rubric HR wrote for it. */
export interface Question {
  id: string;
  text: string;
  /** The competency the question probes, e.g. 沟通协作. */
  competency: string;
  /** What a complete answer covers, one point per entry, in plain Chinese. */
  keyPoints: string[];
  /** A model answer; improves relevance scoring when present. */
  idealAnswer?: string | undefined;
}

/** What the candidate said: a transcript (typed or from ASR) and how long it took. */
export interface AnswerInput {
  transcript: string;
  /** Length of the recording; 0 when unknown (a typed answer). */
  durationSec: number;
}

export const DIMENSION_NAMES = ['coverage', 'structure', 'relevance', 'coherence'] as const;
/**
 * - `coverage`: how many of the question's key points the answer covers, by meaning.
 * - `structure`: situation → action → result, with a concrete result.
 * - `relevance`: how closely the answer keeps to the question.
 * - `coherence`: whether the answer is easy to follow (filler, repetition, fragments).
 */
export type DimensionName = (typeof DIMENSION_NAMES)[number];

export interface Dimension {
  /** 0..100, integer. */
  score: number;
  /** Share of the overall score, 0..1; the weights add up to 1. */
  weight: number;
  /** Sentences of the answer, quoted verbatim, that earned the score. */
  evidence: string[];
  /** Why this score, one line of Chinese for HR. */
  explanation: string;
}

/**
 * Flags shown next to a score:
 * - `insufficient_data`: nothing to rate, so `overall` is null. It always comes with `too_short` or `unintelligible`.
 * - `keyword_stuffing`: lists the rubric's words without saying what was done.
 * - `off_topic`: fluent, but about something else.
 * - `filler_heavy`: many filler words (嗯、那个、就是、然后 …).
 * - `no_example`: no concrete situation from experience; general statements only.
 * - `repetitive`: the same sentence or phrase over and over.
 */
export type ContentFlag =
  | 'insufficient_data'
  | 'too_short'
  | 'unintelligible'
  | 'keyword_stuffing'
  | 'off_topic'
  | 'filler_heavy'
  | 'no_example'
  | 'repetitive';

/** A quoted sentence and the dimension (and key point) it supports. */
export interface EvidenceItem {
  dimension: DimensionName;
  quote: string;
  keyPoint?: string;
}

/** How well one key point is covered, for the report's checklist. */
export interface KeyPointMatch {
  keyPoint: string;
  /** 0..1: how much of the point's meaning the best passage carries, after the substance check. */
  credit: number;
  status: 'covered' | 'partial' | 'missing';
  /** The sentence that covers it best, verbatim; absent when missing. */
  quote?: string;
}

/** A cap the scorer applied to the weighted score, shown so HR can see and undo it. */
export interface Adjustment {
  flag: 'keyword_stuffing' | 'off_topic' | 'filler_heavy';
  /** The weighted score before the cap, and after. */
  before: number;
  after: number;
  explanation: string;
}

interface ContentScoreBase {
  flags: ContentFlag[];
  weights: Record<DimensionName, number>;
  /** Which scorer produced this; reports store it so old scores stay explainable. */
  version: string;
}

export interface RatedContentScore extends ContentScoreBase {
  overall: number;
  dimensions: Record<DimensionName, Dimension>;
  evidence: EvidenceItem[];
  keyPoints: KeyPointMatch[];
  adjustments: Adjustment[];
}

/** Too short, empty or unintelligible: no score rather than a low one. */
export interface UnratedContentScore extends ContentScoreBase {
  overall: null;
  dimensions: null;
  evidence: [];
  /** Why nothing was rated, one line of Chinese for HR. */
  reason: string;
}

export type ContentScore = RatedContentScore | UnratedContentScore;
