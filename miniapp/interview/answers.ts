/**
 * Answers becoming final: the candidate keeps a finished take, or (when the
 * device cannot record) types the answer. A question has at most one final
 * answer (a partial unique index), and keeping is idempotent, so a page that
 * retries after losing the reply gets the same result. Takes the candidate
 * discarded are deleted from storage when they keep another: nobody watches
 * what the candidate chose to redo.
 */
import { InterviewModel, type Interview } from '../../models/interview.js';
import { RecordingModel, type Recording } from '../../models/recording.js';
import { audit } from '../../models/auditLog.js';
import type { Job, JobQuestion } from '../../models/job.js';
import { deleteStored } from './assemble.js';
import { completeIfAllAnswered, type CompletionDeps, type CompletionOutcome } from './completion.js';
import { PageError } from './errors.js';
import { MAX_TEXT_CHARS } from './limits.js';
import { INTEGRITY_DETAIL, W, type FallbackReason } from './wording.js';

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

function candidateActor(i: Interview): string {
  return `candidate:${String(i.candidateId)}`;
}

/** Deletes the media of the question's other finished takes (kept as documents, marked purged). */
async function discardOtherTakes(kept: Recording, now: Date): Promise<void> {
  const others = await RecordingModel.find({ interviewId: kept.interviewId, questionId: kept.questionId, status: 'complete', gridfsId: { $exists: true } }, { gridfsId: 1 }).lean();
  for (const r of others) {
    if (r.gridfsId) await deleteStored(r.gridfsId);
    await RecordingModel.updateOne({ _id: r._id }, { $set: { purgedAt: now }, $unset: { gridfsId: 1 } });
  }
}

export async function keepAttempt(interview: Interview, job: Job, rec: Recording, now: Date, deps: CompletionDeps): Promise<CompletionOutcome> {
  if (rec.status !== 'final') {
    if (rec.status !== 'complete') throw new PageError(409, W.errNotComplete);
    try {
      const kept = await RecordingModel.findOneAndUpdate({ _id: rec._id, status: 'complete' }, { $set: { status: 'final', finalAt: now } }, { returnDocument: 'after' }).lean();
      if (!kept) {
        const current = await RecordingModel.findById(rec._id, { status: 1 }).lean();
        if (current?.status !== 'final') throw new PageError(409, W.errNotComplete);
      } else {
        await audit({
          actor: candidateActor(interview), actorKind: 'candidate', action: 'interview.answer_kept', subjectKind: 'interview',
          subjectId: String(interview._id), channel: 'page', details: { questionId: rec.questionId, attempt: rec.attempt, kind: rec.kind },
        });
      }
    } catch (err) {
      if (isDuplicateKey(err)) throw new PageError(409, W.errAnswered);
      throw err;
    }
  }
  await discardOtherTakes(rec, now);
  return completeIfAllAnswered(interview._id, job, now, deps);
}

/** The device cannot record (or the candidate says so): the remaining questions are answered in text; HR is told. */
export async function enterTextMode(interview: Interview, reason: FallbackReason, now: Date): Promise<void> {
  const r = await InterviewModel.updateOne(
    { _id: interview._id, status: 'in_progress', textFallback: { $ne: true } },
    { $set: { textFallback: true }, $push: { integrity: { at: now, kind: 'text_fallback', detail: INTEGRITY_DETAIL.fallbackReason[reason] } } },
  );
  if (r.modifiedCount === 1) {
    await audit({
      actor: candidateActor(interview), actorKind: 'candidate', action: 'interview.text_fallback', subjectKind: 'interview',
      subjectId: String(interview._id), channel: 'page', details: { reason },
    });
  }
}

export async function submitText(interview: Interview, job: Job, question: JobQuestion, raw: string, now: Date, deps: CompletionDeps): Promise<CompletionOutcome> {
  if (!interview.textFallback) throw new PageError(409, W.errTextMode);
  const text = raw.replace(/\r\n?/g, '\n').trim();
  if (!text) throw new PageError(400, W.textEmpty);
  if ([...text].length > MAX_TEXT_CHARS) throw new PageError(413, W.errTextTooLong(MAX_TEXT_CHARS));
  const rows = await RecordingModel.find({ interviewId: interview._id, questionId: question.id }, { status: 1, attempt: 1, kind: 1, text: 1 }).lean();
  const final = rows.find((r) => r.status === 'final');
  if (final) {
    // The same answer sent again (the reply was lost): done already.
    if (final.kind === 'text' && final.text === text) return completeIfAllAnswered(interview._id, job, now, deps);
    throw new PageError(409, W.errAnswered);
  }
  await RecordingModel.updateMany(
    { interviewId: interview._id, questionId: question.id, status: 'uploading' },
    { $set: { status: 'rejected', rejectReason: 'abandoned' }, $unset: { partIds: 1 } },
  );
  const attempt = rows.reduce((max, r) => Math.max(max, r.attempt + 1), 0);
  try {
    await RecordingModel.create({
      interviewId: interview._id, questionId: question.id, attempt, kind: 'text', status: 'final', text, receivedBytes: 0, finalAt: now,
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw new PageError(409, W.errAnswered);
    throw err;
  }
  await audit({
    actor: candidateActor(interview), actorKind: 'candidate', action: 'interview.answer_kept', subjectKind: 'interview',
    subjectId: String(interview._id), channel: 'page', details: { questionId: question.id, attempt, kind: 'text', chars: [...text].length },
  });
  return completeIfAllAnswered(interview._id, job, now, deps);
}
