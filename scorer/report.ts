/**
 * From the findings of each question to the `ScoreReport` (pure, so every rule
 * here is tested without media or a database).
 *
 * Per answer, `outcome` says how it counts:
 * - `rated`: the content scorer gave a number (`overall` 0..100).
 * - `insufficient_data`: the quality gate said there is too little to judge:
 *   the recording is silent, too short, clipped or too noisy, has no sound, or
 *   the transcript is too short or unintelligible. A poor recording must never
 *   become a low score, so such an answer has no number, even when the content
 *   scorer produced one from a doubtful transcript (that one stays visible in
 *   the analysis, marked as not counted).
 * - `not_rated`: no transcript (ASR not configured, or it failed): the answer
 *   is described by its delivery figures only, and nothing is invented.
 * - `missing`: no final answer was stored for the question.
 * - `human_review`: the candidate chose a human-only review; nothing was scored.
 *
 * The interview overall is the mean of the rated answers, each question
 * weighing the same. Unrated answers are left out (not counted as 0), and
 * their effective weight is 0. With fewer than half of the questions rated
 * there is no overall at all: two good answers out of five must not stand
 * for the interview. Delivery figures (speech rate, pauses, loudness) are
 * shown but never turned into a score: they depend on the person's voice,
 * accent and device more than on the answer.
 */
import type { AnswerAnalysis, AnalysisFlag, FacesState } from './analyzeAnswer.js';
import type { AnswerReport, OverallBasis, ScoreReport } from '../models/scoreReport.js';
import type { Types } from 'mongoose';
import type { ProbeResult } from '../lib/media/ffmpeg.js';
import type { AudioGateReason } from './media/audio.js';

export type AnswerOutcome = NonNullable<AnswerReport['outcome']>;
export type AnswerKind = 'video' | 'audio' | 'text';

/**
 * What a human-only review keeps: whether the media plays (duration, streams,
 * audible or not) and the face-integrity flags HR needs. No transcript, no
 * content score and no delivery figures.
 */
export interface HumanReviewFacts {
  mode: 'human_review';
  questionId: string;
  source: 'recording' | 'text';
  media: { durationSec: number | null; hasAudio: boolean; hasVideo: boolean } | null;
  audible:
    | { status: 'ok' }
    | { status: 'insufficient_data'; reason: AudioGateReason; explanation: string }
    | { status: 'skipped' | 'failed' };
  faces: FacesState;
  flags: AnalysisFlag[];
  notes: string[];
  version: string;
}

/** What the worker found for one question of the job. */
export type AnswerFinding =
  | { readonly kind: 'missing'; readonly questionId: string }
  /** The file could not be read (MediaError from probe): nothing to analyse. */
  | { readonly kind: 'unreadable'; readonly questionId: string; readonly recordingId: Types.ObjectId; readonly answerKind: AnswerKind; readonly error: string }
  | { readonly kind: 'analysed'; readonly recordingId: Types.ObjectId; readonly answerKind: AnswerKind; readonly analysis: AnswerAnalysis }
  | { readonly kind: 'human_review'; readonly recordingId: Types.ObjectId; readonly answerKind: AnswerKind; readonly facts: HumanReviewFacts };

export type ReportDraft = Omit<ScoreReport, '_id' | 'createdAt' | 'updatedAt' | 'fence' | 'producedBy'>;

export interface BuildReportInput {
  readonly interviewId: Types.ObjectId;
  readonly jobId: Types.ObjectId;
  readonly candidateId: Types.ObjectId;
  readonly reviewMode: 'ai' | 'human';
  /** One per question of the job, in the job's order. */
  readonly findings: readonly AnswerFinding[];
  readonly scorerVersion: string;
}

/** How one analysed answer counts (see the module comment). */
export function outcomeOf(a: AnswerAnalysis): { outcome: AnswerOutcome; overall: number | null } {
  if (a.audio.status === 'insufficient_data') return { outcome: 'insufficient_data', overall: null };
  if (a.content.status === 'scored') {
    return a.content.score.overall === null
      ? { outcome: 'insufficient_data', overall: null }
      : { outcome: 'rated', overall: a.content.score.overall };
  }
  return a.content.reason === 'no_audio' || a.content.reason === 'no_speech'
    ? { outcome: 'insufficient_data', overall: null }
    : { outcome: 'not_rated', overall: null };
}

function questionIdOf(f: AnswerFinding): string {
  switch (f.kind) {
    case 'missing':
    case 'unreadable':
      return f.questionId;
    case 'analysed':
      return f.analysis.questionId;
    case 'human_review':
      return f.facts.questionId;
  }
}

function answerRow(f: AnswerFinding): Omit<AnswerReport, 'weight'> {
  const questionId = questionIdOf(f);
  switch (f.kind) {
    case 'missing':
      return { questionId, overall: null, contentRated: false, analysis: {}, flags: ['missing'], outcome: 'missing', kind: 'missing' };
    case 'unreadable':
      return {
        questionId, recordingId: f.recordingId, overall: null, contentRated: false,
        analysis: { status: 'unreadable', error: f.error }, flags: ['unreadable'], outcome: 'insufficient_data', kind: f.answerKind,
      };
    case 'analysed': {
      const { outcome, overall } = outcomeOf(f.analysis);
      return {
        questionId, recordingId: f.recordingId, overall, contentRated: overall !== null,
        analysis: toPlain(f.analysis), flags: [...f.analysis.flags], outcome, kind: f.answerKind,
      };
    }
    case 'human_review':
      return {
        questionId, recordingId: f.recordingId, overall: null, contentRated: false,
        analysis: toPlain(f.facts), flags: [...f.facts.flags], outcome: 'human_review', kind: f.answerKind,
      };
  }
}

/** Fewest rated answers an overall needs: half the questions, rounded up. */
export function minRatedFor(total: number): number {
  return Math.max(1, Math.ceil(total / 2));
}

export function buildReport(input: BuildReportInput): ReportDraft {
  const rows = input.findings.map(answerRow);
  const total = rows.length;
  const rated = rows.filter((r) => r.outcome === 'rated' && r.overall !== null);
  const minRated = minRatedFor(total);
  const scored = input.reviewMode === 'ai' && rated.length >= minRated;
  const overall = scored ? Math.round(rated.reduce((sum, r) => sum + (r.overall ?? 0), 0) / rated.length) : null;
  const share = scored ? 1 / rated.length : 0;
  const answers: AnswerReport[] = rows.map((r) => ({ ...r, weight: scored && r.outcome === 'rated' ? round4(share) : 0 }));
  const overallBasis: OverallBasis = {
    total,
    rated: rated.length,
    minRated,
    excluded: rows.filter((r) => r.outcome !== 'rated').map((r) => ({ questionId: r.questionId, outcome: r.outcome ?? 'missing' })),
    method: scored ? 'mean_of_rated' : 'none',
  };
  return {
    interviewId: input.interviewId,
    jobId: input.jobId,
    candidateId: input.candidateId,
    overall,
    // Nominal weights: every question counts the same.
    weights: Object.fromEntries(rows.map((r) => [r.questionId, total === 0 ? 0 : round4(1 / total)])),
    answers,
    flags: interviewFlags(answers, input.reviewMode, overall),
    scorerVersion: input.scorerVersion,
    reviewMode: input.reviewMode,
    overallBasis,
  };
}

const INTEGRITY_FLAGS = ['multiple_faces', 'no_face_long', 'faces_failed', 'asr_failed'] as const;

/** The interview-level flags HR sees in the list and on the card. */
function interviewFlags(answers: readonly AnswerReport[], mode: 'ai' | 'human', overall: number | null): string[] {
  const flags = new Set<string>();
  if (mode === 'human') flags.add('human_review');
  for (const a of answers) {
    if (a.kind === 'text') flags.add('text_answers');
    if (a.outcome === 'missing') flags.add('missing_answers');
    if (a.outcome === 'insufficient_data') flags.add('insufficient_data');
    if (a.outcome === 'not_rated') flags.add('content_not_rated');
    for (const f of INTEGRITY_FLAGS) if (a.flags.includes(f)) flags.add(f);
  }
  if (mode === 'ai') {
    if (overall === null) flags.add('no_overall');
    else if (answers.some((a) => a.outcome !== 'rated')) flags.add('partial_overall');
  }
  return [...flags];
}

/**
 * Reduces an analysis made without a transcriber to what a human-only review
 * keeps (see HumanReviewFacts): the delivery figures are dropped.
 */
export function humanReviewFacts(a: AnswerAnalysis): HumanReviewFacts {
  const audible: HumanReviewFacts['audible'] =
    a.audio.status === 'ok' ? { status: 'ok' }
      : a.audio.status === 'insufficient_data' ? { status: 'insufficient_data', reason: a.audio.reason, explanation: a.audio.explanation }
        : { status: a.audio.status };
  const keep = new Set<AnalysisFlag>(['no_face_long', 'multiple_faces', 'faces_failed', 'audio_insufficient']);
  const notes = [
    ...(a.audio.status === 'insufficient_data' ? [a.audio.explanation] : []),
    ...(a.faces.status === 'ok' ? a.faces.integrity.notes : []),
  ];
  return {
    mode: 'human_review',
    questionId: a.questionId,
    source: a.source,
    media: a.probe ? mediaFacts(a.probe) : null,
    audible,
    faces: a.faces,
    flags: a.flags.filter((f) => keep.has(f)),
    notes,
    version: a.version,
  };
}

/** Facts for a typed answer under human-only review: nothing is analysed. */
export function typedAnswerFacts(questionId: string, version: string): HumanReviewFacts {
  return { mode: 'human_review', questionId, source: 'text', media: null, audible: { status: 'skipped' }, faces: { status: 'skipped', reason: 'text_answer' }, flags: [], notes: [], version };
}

function mediaFacts(p: ProbeResult): HumanReviewFacts['media'] {
  return { durationSec: p.durationSec, hasAudio: p.hasAudio, hasVideo: p.hasVideo };
}

/** Plain JSON (no class instances, no undefined) for a Mixed field. */
function toPlain(x: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(x)) as Record<string, unknown>;
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
