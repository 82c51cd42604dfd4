/**
 * The integrity log: moments the page was hidden or left, and pastes into a
 * text answer, stamped with the server's clock and stored on the interview
 * for HR to read beside the answers. It is context, never a verdict: nothing
 * here changes the interview's status or score.
 */
import { InterviewModel, type IntegrityEvent, type Interview } from '../../models/interview.js';
import type { Job } from '../../models/job.js';
import type { IntegrityInput, IntegrityKind } from './apiTypes.js';
import { MAX_INTEGRITY_BATCH, MAX_INTEGRITY_EVENTS } from './limits.js';

const KINDS: ReadonlySet<IntegrityKind> = new Set(['page_hidden', 'tab_switched', 'paste', 'blur']);

/** Keeps only well-formed events, with known question ids and short details. */
export function cleanEvents(input: unknown, job: Job, now: Date): IntegrityEvent[] {
  if (!Array.isArray(input)) return [];
  const questions = new Set(job.questions.map((q) => q.id));
  const out: IntegrityEvent[] = [];
  for (const raw of input.slice(0, MAX_INTEGRITY_BATCH)) {
    if (typeof raw !== 'object' || raw === null) continue;
    const e = raw as Partial<Record<keyof IntegrityInput, unknown>>;
    if (typeof e.kind !== 'string' || !KINDS.has(e.kind as IntegrityKind)) continue;
    const questionId = typeof e.questionId === 'string' && questions.has(e.questionId) ? e.questionId : undefined;
    const detail = typeof e.detail === 'string' ? e.detail.slice(0, 100) : undefined;
    out.push({ at: now, kind: e.kind as IntegrityKind, ...(questionId ? { questionId } : {}), ...(detail ? { detail } : {}) });
  }
  return out;
}

/** Appends events to an interview in progress (capped); returns how many were stored. */
export async function recordIntegrity(interview: Interview, events: readonly IntegrityEvent[]): Promise<number> {
  if (events.length === 0 || interview.status !== 'in_progress') return 0;
  const room = MAX_INTEGRITY_EVENTS - interview.integrity.length;
  if (room <= 0) return 0;
  const batch = events.slice(0, room);
  const r = await InterviewModel.updateOne(
    { _id: interview._id, status: 'in_progress' },
    { $push: { integrity: { $each: batch, $slice: MAX_INTEGRITY_EVENTS } } },
  );
  return r.modifiedCount === 1 ? batch.length : 0;
}
