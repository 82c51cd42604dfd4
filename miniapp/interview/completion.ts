/**
 * When the last answer is in: a score job is queued (an upsert by interview
 * id, so it exists once however often this runs), the interview becomes
 * `completed` (one guarded update), and the HR owner is told through the
 * Outbox (once per interview, by its key). The job is queued first: a crash
 * in between leaves a queued job for an interview not yet marked completed
 * (the page's retry completes it), never a completed interview nobody scores.
 * Every step can run again.
 */
import type { Types } from 'mongoose';
import { InterviewModel, type Interview } from '../../models/interview.js';
import { RecordingModel } from '../../models/recording.js';
import { ScoreJobModel } from '../../models/scoreReport.js';
import { CandidateModel } from '../../models/candidate.js';
import { audit } from '../../models/auditLog.js';
import type { Job } from '../../models/job.js';
import type { OutboxPort } from '../../flows/ports.js';
import { W } from './wording.js';

export interface CompletionDeps {
  /** Absent in tests that do not care; the app always passes the Outbox. */
  readonly outbox?: OutboxPort | undefined;
}

export type CompletionOutcome = 'open' | 'completed';

export async function completeIfAllAnswered(interviewId: Types.ObjectId, job: Job, now: Date, deps: CompletionDeps): Promise<CompletionOutcome> {
  const kept = await RecordingModel.find({ interviewId, status: 'final' }, { questionId: 1, kind: 1 }).lean();
  const answered = new Set(kept.map((r) => r.questionId));
  if (!job.questions.every((q) => answered.has(q.id))) return 'open';

  await ScoreJobModel.updateOne(
    { interviewId },
    { $setOnInsert: { interviewId, status: 'queued', attempts: 0, nextRunAt: now } },
    { upsert: true },
  );
  const completed = await InterviewModel.findOneAndUpdate(
    { _id: interviewId, status: 'in_progress' },
    { $set: { status: 'completed', completedAt: now, statusBy: 'candidate', statusAt: now } },
    { returnDocument: 'after' },
  ).lean();
  const interview: Interview | null = completed ?? (await InterviewModel.findById(interviewId).lean());
  if (!interview || interview.status !== 'completed') return 'open';
  if (completed) {
    await audit({
      actor: `candidate:${String(interview.candidateId)}`, actorKind: 'candidate', action: 'interview.video_completed',
      subjectKind: 'interview', subjectId: String(interviewId), channel: 'page',
      details: { answers: kept.length, text: kept.filter((r) => r.kind === 'text').length },
    });
  }
  if (deps.outbox) {
    const candidate = await CandidateModel.findById(interview.candidateId, { name: 1 }).lean();
    const text = W.hrDone(candidate?.name ?? '候选人', job.title, job.questions.length, kept.filter((r) => r.kind === 'text').length, interview.integrity.filter((e) => e.kind !== 'text_fallback').length);
    await deps.outbox.send(`interview:${String(interviewId)}:video-done:hr`, { channel: 'wecom', id: interview.hrUserid }, { kind: 'text', text });
  }
  return 'completed';
}
