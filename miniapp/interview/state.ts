/**
 * The page's view of an interview: its questions and, per question, whether it
 * is answered, how many takes were spent, and a finished take still waiting
 * for the candidate's decision. A page reopened from the same link resumes
 * from this (the first question not answered).
 */
import { RecordingModel, type Recording } from '../../models/recording.js';
import { formatChineseDate, localDate, localParts, pad2 } from '../../lib/time.js';
import type { Job, JobQuestion } from '../../models/job.js';
import type { AnswerProgress, AttemptView, PageState, QuestionView } from './apiTypes.js';
import type { Loaded } from './access.js';
import { MAX_CHUNK_BYTES, MAX_TEXT_CHARS } from './limits.js';
import { consentVersion } from './wording.js';

export interface StateOptions {
  readonly companyName: string;
  readonly retentionDays: number;
  readonly tz: string;
}

export function attemptView(r: Recording): AttemptView {
  return {
    recordingId: String(r._id),
    questionId: r.questionId,
    attempt: r.attempt,
    kind: r.kind === 'audio' ? 'audio' : 'video',
    mimeType: r.mimeType ?? '',
    status: r.status,
    receivedBytes: r.receivedBytes,
    maxBytes: r.maxBytes ?? 0,
    durationSec: r.durationSec ?? null,
    rejectReason: r.rejectReason ?? null,
  };
}

export function questionView(q: JobQuestion): QuestionView {
  return { id: q.id, text: q.text, thinkSec: q.thinkSec, answerSec: q.answerSec, retakes: q.retakes };
}

/** Takes that count against the retake limit: finished uploads the server accepted. */
export function usableTakes(rows: ReadonlyArray<Pick<Recording, 'status'>>): number {
  return rows.filter((r) => r.status === 'complete' || r.status === 'final').length;
}

export function progressOf(q: JobQuestion, rows: readonly Recording[]): AnswerProgress {
  const mine = rows.filter((r) => r.questionId === q.id);
  const kept = mine.find((r) => r.status === 'final');
  if (kept) return { state: 'answered', kind: kept.kind };
  const waiting = mine.filter((r) => r.status === 'complete' && !r.purgedAt).sort((a, b) => b.attempt - a.attempt)[0];
  return { state: 'open', takesUsed: usableTakes(mine), takesAllowed: 1 + q.retakes, pending: waiting ? attemptView(waiting) : null };
}

export async function pageState(l: Loaded, job: Job | null, o: StateOptions): Promise<PageState> {
  const questions = job?.questions ?? [];
  const rows = await RecordingModel.find({ interviewId: l.interview._id }, { partIds: 0, text: 0, transcript: 0 }).lean();
  const progress: Record<string, AnswerProgress> = {};
  for (const q of questions) progress[q.id] = progressOf(q, rows);
  const consent = l.interview.consent;
  const t = encodeURIComponent(l.token);
  return {
    token: l.token,
    companyName: o.companyName,
    jobTitle: job?.title ?? '',
    candidateName: l.candidate?.name ?? '',
    deadline: l.interview.endAt.toISOString(),
    deadlineText: deadlineText(l.interview.endAt, o.tz),
    questions: questions.map(questionView),
    progress,
    consent: consent ? { version: consent.version, review: consent.review } : null,
    consentVersion: consentVersion(o.retentionDays),
    retentionDays: o.retentionDays,
    textFallback: l.interview.textFallback,
    completed: l.interview.status === 'completed',
    limits: { maxChunkBytes: MAX_CHUNK_BYTES, maxTextChars: MAX_TEXT_CHARS },
    deletionUrl: `/i/${t}/delete`,
    inviteUrl: `/i/${t}`,
  };
}

/** 11月23日 周一 18:00 */
export function deadlineText(at: Date, tz: string): string {
  const p = localParts(at, tz);
  return `${formatChineseDate(localDate(at, tz))} ${pad2(p.hour)}:${pad2(p.minute)}`;
}
