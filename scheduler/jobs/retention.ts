/**
 * Daily: deletes interview recordings and what was derived from them.
 *
 *   - every interview whose candidate asked for deletion (stamped on the
 *     interview or on the candidate), at the next run: well within the
 *     promised 30 days;
 *   - every video interview finished more than RECORDING_RETENTION_DAYS ago
 *     (finished = completed, or else its deadline).
 *
 * For each: the GridFS files and upload leftovers, the typed answers and
 * transcripts, the scorer's per-answer analysis (evidence quotes are the
 * candidate's words) and the integrity log go; the documents stay as a record
 * that the interview happened, stamped `purgedAt`, with one audit entry saying
 * what was deleted and why. Each step can run again, so a run cut short is
 * finished by the next. An interview whose scoring is running right now waits
 * for the next run (its report would otherwise be written after the purge).
 *
 * Also: takes left uploading for a day are abandoned and their parts deleted.
 */
import type { Types } from 'mongoose';
import type { CronJob } from '../registry.js';
import { InterviewModel, type Interview } from '../../models/interview.js';
import { RecordingModel, RecordingPartModel, recordingsBucket } from '../../models/recording.js';
import { ScoreJobModel, ScoreReportModel } from '../../models/scoreReport.js';
import { audit } from '../../models/auditLog.js';
import { CandidateModel } from '../../models/candidate.js';

const DAY = 86_400_000;
/** An upload untouched this long has no page behind it any more. */
const STALE_UPLOAD_MS = DAY;
/** Parts older than this belong to nothing that can still finish. */
const STALE_PART_MS = 2 * DAY;
const BATCH = 200;

export interface RetentionOptions {
  readonly retentionDays: number;
}

export interface RetentionCounts {
  interviews: number;
  files: number;
  recordings: number;
  reports: number;
  deferred: number;
  staleUploads: number;
  /** Candidates who asked for deletion and whose contact details are now removed. */
  candidates: number;
}

export type PurgeReason = 'deletion_request' | 'retention';

function reasonOf(i: Pick<Interview, 'deletionRequestedAt' | 'candidateId'>, askedBy: ReadonlySet<string>): PurgeReason {
  return i.deletionRequestedAt || askedBy.has(String(i.candidateId)) ? 'deletion_request' : 'retention';
}

async function deleteFile(id: Types.ObjectId): Promise<boolean> {
  try {
    await recordingsBucket().delete(id);
    return true;
  } catch (err) {
    if (err instanceof Error && /File not found/i.test(err.message)) return false;
    throw err;
  }
}

/** Purges one interview; false when it must wait (scoring in progress). */
export async function purgeInterview(i: Interview, now: Date, counts: RetentionCounts, askedBy: ReadonlySet<string> = new Set()): Promise<boolean> {
  const scoring = await ScoreJobModel.exists({ interviewId: i._id, status: 'running', leaseUntil: { $gt: now } });
  if (scoring) {
    counts.deferred += 1;
    return false;
  }
  const recordings = await RecordingModel.find({ interviewId: i._id }, { gridfsId: 1 }).lean();
  let files = 0;
  for (const r of recordings) {
    // A finished take's file id is its own id; gridfsId is unset once it was deleted.
    if (await deleteFile(r.gridfsId ?? r._id)) files += 1;
  }
  await RecordingPartModel.deleteMany({ recordingId: { $in: recordings.map((r) => r._id) } });
  const rec = await RecordingModel.updateMany(
    { interviewId: i._id },
    { $set: { purgedAt: now }, $unset: { text: 1, transcript: 1, gridfsId: 1, partIds: 1 } },
  );
  const report = await ScoreReportModel.findOne({ interviewId: i._id }, { answers: 1 }).lean();
  if (report) {
    await ScoreReportModel.updateOne(
      { _id: report._id },
      { $set: { answers: report.answers.map((a) => ({ ...a, analysis: { purged: true, purgedAt: now.toISOString() } })) } },
    );
    counts.reports += 1;
  }
  await ScoreJobModel.deleteMany({ interviewId: i._id, status: { $ne: 'running' } });
  const stamped = await InterviewModel.updateOne({ _id: i._id, purgedAt: { $exists: false } }, { $set: { purgedAt: now, integrity: [] } });
  if (stamped.modifiedCount === 1) {
    counts.interviews += 1;
    await audit({
      actor: 'system', actorKind: 'system', action: 'recording.purge', subjectKind: 'interview', subjectId: String(i._id), channel: 'scheduler',
      details: { reason: reasonOf(i, askedBy), files, recordings: rec.modifiedCount, report: Boolean(report), candidateId: String(i.candidateId) },
    });
  }
  counts.files += files;
  counts.recordings += rec.modifiedCount;
  return true;
}

/** Interviews due for purging at `now`; `askedBy` are candidates who asked for deletion. */
export function dueFilter(now: Date, retentionDays: number, askedBy: ReadonlySet<string> = new Set()): Record<string, unknown> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY);
  return {
    purgedAt: { $exists: false },
    $or: [
      { deletionRequestedAt: { $exists: true, $ne: null } },
      ...(askedBy.size > 0 ? [{ candidateId: { $in: [...askedBy] } }] : []),
      { kind: 'video', completedAt: { $lte: cutoff } },
      { kind: 'video', completedAt: { $exists: false }, endAt: { $lte: cutoff }, status: { $nin: ['scheduled', 'confirmed', 'in_progress'] } },
    ],
  };
}

export async function runRetention(now: Date, opts: RetentionOptions, signal?: AbortSignal): Promise<RetentionCounts> {
  const counts: RetentionCounts = { interviews: 0, files: 0, recordings: 0, reports: 0, deferred: 0, staleUploads: 0, candidates: 0 };
  const seen = new Set<string>();
  const askedBy = new Set((await CandidateModel.find({ deletionRequestedAt: { $exists: true, $ne: null } }, { _id: 1 }).lean()).map((c) => String(c._id)));
  for (;;) {
    const batch = await InterviewModel.find({ ...dueFilter(now, opts.retentionDays, askedBy), _id: { $nin: [...seen] } }).sort({ endAt: 1 }).limit(BATCH).lean();
    if (batch.length === 0) break;
    for (const i of batch) {
      if (signal?.aborted) return counts;
      seen.add(String(i._id));
      await purgeInterview(i, now, counts, askedBy);
    }
    if (batch.length < BATCH) break;
  }

  for (const id of askedBy) {
    if (signal?.aborted) return counts;
    if (await anonymizeCandidate(id, now)) counts.candidates += 1;
  }

  const stale = await RecordingModel.find({ status: 'uploading', updatedAt: { $lte: new Date(now.getTime() - STALE_UPLOAD_MS) } }, { _id: 1 }).limit(1000).lean();
  for (const r of stale) {
    const done = await RecordingModel.updateOne({ _id: r._id, status: 'uploading' }, { $set: { status: 'rejected', rejectReason: 'abandoned' }, $unset: { partIds: 1, assemblingUntil: 1 } });
    if (done.modifiedCount === 1) counts.staleUploads += 1;
    await RecordingPartModel.deleteMany({ recordingId: r._id });
  }
  await RecordingPartModel.deleteMany({ createdAt: { $lte: new Date(now.getTime() - STALE_PART_MS) } });
  return counts;
}

/**
 * Removes a candidate's contact details once every interview of theirs is
 * purged (the invitation page promises it). The record stays, emptied, so the
 * audit trail and the funnel counts still add up.
 */
export async function anonymizeCandidate(candidateId: string, now: Date): Promise<boolean> {
  if (await InterviewModel.exists({ candidateId, purgedAt: { $exists: false } })) return false;
  const done = await CandidateModel.updateOne(
    { _id: candidateId, deletionRequestedAt: { $exists: true, $ne: null }, deletedAt: { $exists: false } },
    { $set: { name: '（已删除）', phone: `deleted-${candidateId}`, channel: { kind: 'forward' }, deletedAt: now }, $unset: { email: 1, group: 1 } },
  );
  if (done.modifiedCount !== 1) return false;
  await audit({ actor: 'system', actorKind: 'system', action: 'candidate.anonymize', subjectKind: 'candidate', subjectId: candidateId, channel: 'scheduler' });
  return true;
}

export function retentionJob(opts: RetentionOptions): CronJob {
  return {
    name: 'recording-retention',
    cron: '40 3 * * *',
    timeoutMs: 30 * 60_000,
    async run({ now, signal, logger }) {
      const counts = await runRetention(now, opts, signal);
      if (counts.interviews + counts.staleUploads + counts.deferred + counts.candidates > 0) logger.info(counts, 'recording retention');
    },
  };
}
