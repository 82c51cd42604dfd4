/**
 * Resumable uploads of one answer take. The page POSTs the recorder's chunks
 * with the byte offset they start at; the server appends a chunk only at the
 * offset it expects and always answers how many bytes it has, so a page that
 * lost its connection asks, then carries on from there. A chunk is committed
 * by one guarded update of the recording (`receivedBytes` must still equal
 * the chunk's offset), so a retried or racing request can never write the
 * same bytes twice or leave a gap.
 */
import { Types } from 'mongoose';
import { RecordingModel, RecordingPartModel, type Recording } from '../../models/recording.js';
import type { Interview } from '../../models/interview.js';
import type { JobQuestion } from '../../models/job.js';
import { assemble, deleteStored, storeInGridFs } from './assemble.js';
import { PageError } from './errors.js';
import {
  DURATION_SLACK_SEC, MAX_CHUNK_BYTES, MIN_DURATION_SEC, SPARE_ATTEMPTS, baseType, looksLike, maxAnswerBytes, mediaType,
} from './limits.js';
import { usableTakes } from './state.js';
import { W } from './wording.js';

/** How long one request may hold the right to assemble a take. */
const ASSEMBLY_LEASE_MS = 5 * 60_000;

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/** Takes of a question that were still uploading when a new one starts: their page is gone. */
async function abandonUploads(interviewId: Types.ObjectId, questionId: string, now: Date): Promise<void> {
  const stale = await RecordingModel.find({ interviewId, questionId, status: 'uploading' }, { _id: 1 }).lean();
  for (const r of stale) {
    const done = await RecordingModel.updateOne(
      { _id: r._id, status: 'uploading', $or: [{ assemblingUntil: { $exists: false } }, { assemblingUntil: null }, { assemblingUntil: { $lte: now } }] },
      { $set: { status: 'rejected', rejectReason: 'abandoned' }, $unset: { partIds: 1, assemblingUntil: 1 } },
    );
    if (done.modifiedCount === 1) await RecordingPartModel.deleteMany({ recordingId: r._id });
  }
}

/** Starts a new take of `question`; refuses once the question is answered or its takes are spent. */
export async function startAttempt(interview: Interview, question: JobQuestion, mimeType: string, now: Date): Promise<Recording> {
  const type = mediaType(mimeType);
  for (let tries = 0; ; tries += 1) {
    const rows = await RecordingModel.find({ interviewId: interview._id, questionId: question.id }, { status: 1, attempt: 1 }).lean();
    if (rows.some((r) => r.status === 'final')) throw new PageError(409, W.errAnswered);
    const allowed = 1 + question.retakes;
    if (usableTakes(rows) >= allowed) throw new PageError(409, W.errNoRetakes);
    if (rows.length >= allowed + SPARE_ATTEMPTS) throw new PageError(409, W.errTooManyAttempts);
    await abandonUploads(interview._id, question.id, now);
    const attempt = rows.reduce((max, r) => Math.max(max, r.attempt + 1), 0);
    try {
      const created = await RecordingModel.create({
        interviewId: interview._id, questionId: question.id, attempt, kind: type.kind, status: 'uploading',
        mimeType: type.base, receivedBytes: 0, partIds: [], maxBytes: maxAnswerBytes(question.answerSec),
      });
      return created.toObject();
    } catch (err) {
      // Two pages started a take at once: look again (one of them wins the attempt number).
      if (isDuplicateKey(err) && tries < 3) continue;
      throw err;
    }
  }
}

export async function findAttempt(interview: Interview, recordingId: string): Promise<Recording> {
  if (!Types.ObjectId.isValid(recordingId)) throw new PageError(404, W.errNoRecording);
  const rec = await RecordingModel.findOne({ _id: new Types.ObjectId(recordingId), interviewId: interview._id }).lean();
  if (!rec || rec.kind === 'text') throw new PageError(404, W.errNoRecording);
  return rec;
}

/** Checked before the body is read: the recording takes chunks, and this one has its type. */
export function checkChunkType(rec: Recording, contentType: string | undefined): void {
  if (rec.status !== 'uploading') throw new PageError(409, W.errNotUploading, { receivedBytes: rec.receivedBytes });
  if (baseType(contentType) !== rec.mimeType) throw new PageError(415, W.errType);
}

export type AppendResult =
  | { readonly kind: 'appended'; readonly receivedBytes: number }
  | { readonly kind: 'duplicate'; readonly receivedBytes: number }
  | { readonly kind: 'wrong_offset'; readonly receivedBytes: number };

/** Appends `data` at `offset` if that is exactly where the upload stands. */
export async function appendChunk(rec: Recording, offset: number, data: Buffer, now: Date): Promise<AppendResult> {
  if (!Number.isSafeInteger(offset) || offset < 0) throw new PageError(400, W.errOffset);
  if (data.length === 0) throw new PageError(400, W.errIncomplete);
  if (data.length > MAX_CHUNK_BYTES) throw new PageError(413, W.errChunkTooLarge(MAX_CHUNK_BYTES / 1024 / 1024));
  if (offset + data.length > (rec.maxBytes ?? 0)) throw new PageError(413, W.errTotalTooLarge);
  if (offset + data.length <= rec.receivedBytes) return { kind: 'duplicate', receivedBytes: rec.receivedBytes };
  if (offset !== rec.receivedBytes) return { kind: 'wrong_offset', receivedBytes: rec.receivedBytes };
  if (offset === 0 && !looksLike(mediaType(rec.mimeType ?? '').container, data)) throw new PageError(415, W.errType);

  const part = await RecordingPartModel.create({ recordingId: rec._id, offset, length: data.length, data, createdAt: now });
  const committed = await RecordingModel.findOneAndUpdate(
    { _id: rec._id, status: 'uploading', receivedBytes: offset },
    { $inc: { receivedBytes: data.length }, $push: { partIds: part._id } },
    // No projection here: the embedded store drops a projected findAndModify result that no longer matches the filter.
    { returnDocument: 'after' },
  ).lean();
  if (committed) return { kind: 'appended', receivedBytes: committed.receivedBytes };

  // Another request moved the upload on first (a retry racing its original): ours is not needed.
  await RecordingPartModel.deleteOne({ _id: part._id });
  const current = await RecordingModel.findById(rec._id, { receivedBytes: 1, status: 1 }).lean();
  if (!current) throw new PageError(404, W.errNoRecording);
  if (current.status !== 'uploading') throw new PageError(409, W.errNotUploading, { receivedBytes: current.receivedBytes });
  return offset + data.length <= current.receivedBytes
    ? { kind: 'duplicate', receivedBytes: current.receivedBytes }
    : { kind: 'wrong_offset', receivedBytes: current.receivedBytes };
}

/** Why a finished upload cannot be used, in the candidate's words; undefined when it can. */
export function unusable(probe: { durationSec: number | null; hasAudio: boolean }, question: Pick<JobQuestion, 'answerSec'>): string | undefined {
  if (probe.durationSec === null) return W.errBadMedia;
  if (!probe.hasAudio) return W.errNoAudio;
  if (probe.durationSec > question.answerSec + DURATION_SLACK_SEC) return W.errTooLong;
  if (probe.durationSec < MIN_DURATION_SEC) return W.errTooShort;
  return undefined;
}

/**
 * The page says the take is fully uploaded (`totalBytes`). One request at a
 * time (a lease) assembles, checks and stores it; the take becomes `complete`
 * (usable, counts as a take) or `rejected` with a reason (does not count).
 * Repeating the call after it finished returns the same outcome.
 */
export async function completeUpload(rec: Recording, question: JobQuestion, totalBytes: number, now: Date): Promise<Recording> {
  if (rec.status !== 'uploading') return rec;
  if (!Number.isSafeInteger(totalBytes) || totalBytes !== rec.receivedBytes || totalBytes === 0) {
    throw new PageError(409, W.errIncomplete, { receivedBytes: rec.receivedBytes });
  }
  const leaseUntil = new Date(now.getTime() + ASSEMBLY_LEASE_MS);
  const leased = await RecordingModel.findOneAndUpdate(
    {
      _id: rec._id, status: 'uploading', receivedBytes: totalBytes,
      $or: [{ assemblingUntil: { $exists: false } }, { assemblingUntil: null }, { assemblingUntil: { $lte: now } }],
    },
    { $set: { assemblingUntil: leaseUntil } },
    { returnDocument: 'after' },
  ).lean();
  if (!leased) {
    const current = await RecordingModel.findById(rec._id).lean();
    if (current && current.status !== 'uploading') return current;
    throw new PageError(409, W.errBusy, { receivedBytes: current?.receivedBytes ?? 0 });
  }

  const container = mediaType(leased.mimeType ?? '').container;
  let result: Awaited<ReturnType<typeof assemble>>;
  try {
    result = await assemble(leased, container);
  } catch (err) {
    // ffmpeg missing, disk full …: give the lease back so the page's retry can try again at once.
    await RecordingModel.updateOne({ _id: leased._id, assemblingUntil: leaseUntil }, { $unset: { assemblingUntil: 1 } });
    throw err;
  }
  const guard = { _id: leased._id, status: 'uploading' as const, receivedBytes: totalBytes, assemblingUntil: leaseUntil };
  let outcome: Recording | null;
  if (!result.ok) {
    outcome = await reject(guard, W.errBadMedia);
  } else {
    try {
      const why = unusable(result.probe, question);
      if (why) {
        outcome = await reject(guard, why);
      } else {
        await storeInGridFs(leased._id, result.file, `${String(leased.interviewId)}-${leased.questionId}-${leased.attempt}.${container}`, {
          interviewId: leased.interviewId, questionId: leased.questionId, attempt: leased.attempt, mimeType: leased.mimeType,
        });
        outcome = await RecordingModel.findOneAndUpdate(
          guard,
          {
            $set: {
              status: 'complete', gridfsId: leased._id, sizeBytes: result.sizeBytes,
              durationSec: Math.round((result.probe.durationSec ?? 0) * 1000) / 1000,
              streams: { audio: result.probe.hasAudio, video: result.probe.hasVideo },
            },
            $unset: { assemblingUntil: 1, partIds: 1 },
          },
          { returnDocument: 'after' },
        ).lean();
        // Lost the lease meanwhile (took longer than it): the other request's outcome stands.
        if (!outcome) await deleteStored(leased._id);
      }
    } finally {
      await result.cleanup();
    }
  }
  if (outcome) {
    await RecordingPartModel.deleteMany({ recordingId: leased._id });
    return outcome;
  }
  const current = await RecordingModel.findById(rec._id).lean();
  if (!current) throw new PageError(404, W.errNoRecording);
  return current;
}

async function reject(guard: Record<string, unknown>, reason: string): Promise<Recording | null> {
  return RecordingModel.findOneAndUpdate(
    guard,
    { $set: { status: 'rejected', rejectReason: reason }, $unset: { assemblingUntil: 1, partIds: 1 } },
    { returnDocument: 'after' },
  ).lean();
}
