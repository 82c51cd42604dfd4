/**
 * The score-job queue in MongoDB. Any number of workers, on any number of
 * machines, claim jobs from the same collection; every step is one atomic
 * update guarded by the state it expects:
 *
 * - claim: `queued` and due, or `running` with an expired lease (its worker
 *   crashed or hung) → `running`, leased to me, `attempts + 1`. The new attempt
 *   number is the claim's *fence*: the report writer refuses to overwrite a
 *   report written under a higher fence (see reportStore.ts).
 * - heartbeat: pushes `leaseUntil` forward while the lease is still mine.
 * - complete / retry / fail: only while the lease is still mine, so a worker
 *   whose lease was taken over cannot change the job any more.
 */
import type { Types } from 'mongoose';
import { ScoreJobModel, type ScoreJob } from '../models/scoreReport.js';

/** A job this worker holds; `fence` is the attempt number of this claim. */
export interface ClaimedJob {
  readonly jobId: Types.ObjectId;
  readonly interviewId: Types.ObjectId;
  readonly owner: string;
  readonly fence: number;
}

export interface RetryPolicy {
  /** Attempts before the job is failed for good (a crashed attempt counts). */
  readonly maxAttempts: number;
  /** First retry after this long; each later one waits twice as long… */
  readonly backoffBaseMs: number;
  /** …but never longer than this. */
  readonly backoffMaxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = Object.freeze({ maxAttempts: 4, backoffBaseMs: 30_000, backoffMaxMs: 15 * 60_000 });

/** Delay before attempt `attempt + 1`, after attempt `attempt` (1-based) failed. */
export function backoffMs(attempt: number, policy: Pick<RetryPolicy, 'backoffBaseMs' | 'backoffMaxMs'> = DEFAULT_RETRY): number {
  return Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * Queues the interview for scoring once (the unique index on interviewId makes a
 * second call a no-op). The candidate page calls this when the last answer is in.
 */
export async function enqueueScoreJob(interviewId: Types.ObjectId, now: Date = new Date()): Promise<'queued' | 'exists'> {
  try {
    const res = await ScoreJobModel.updateOne(
      { interviewId },
      { $setOnInsert: { interviewId, status: 'queued', attempts: 0, nextRunAt: now } },
      { upsert: true },
    );
    return res.upsertedCount === 1 ? 'queued' : 'exists';
  } catch (err) {
    if ((err as { code?: unknown }).code === 11000) return 'exists';
    throw err;
  }
}

/** Claims the most overdue job, or undefined when nothing is due. */
export async function claimScoreJob(owner: string, opts: { leaseMs: number; now: Date }): Promise<(ClaimedJob & { job: ScoreJob }) | undefined> {
  const { now } = opts;
  const doc = await ScoreJobModel.findOneAndUpdate(
    {
      $or: [
        { status: 'queued', nextRunAt: { $lte: now } },
        { status: 'running', leaseUntil: { $lte: now } },
      ],
    },
    { $set: { status: 'running', leaseOwner: owner, leaseUntil: new Date(now.getTime() + opts.leaseMs) }, $inc: { attempts: 1 } },
    { sort: { nextRunAt: 1 }, returnDocument: 'after' },
  ).lean();
  if (!doc || doc.leaseOwner !== owner) return undefined;
  return { jobId: doc._id, interviewId: doc.interviewId, owner, fence: doc.attempts, job: doc };
}

/** The filter that matches the job only while this claim still holds it. */
function held(c: ClaimedJob): Record<string, unknown> {
  return { _id: c.jobId, status: 'running', leaseOwner: c.owner, attempts: c.fence };
}

/**
 * Extends the lease; false when it is no longer mine (it expired and another
 * worker claimed the job). The worker then abandons its work. A lease that
 * expired but was not claimed by anyone is still this claim's (the fence has
 * not moved), so a late heartbeat after a long pause simply renews it.
 */
export async function extendLease(c: ClaimedJob, opts: { leaseMs: number; now: Date }): Promise<boolean> {
  const res = await ScoreJobModel.updateOne(held(c), { $set: { leaseUntil: new Date(opts.now.getTime() + opts.leaseMs) } });
  return res.matchedCount === 1;
}

/**
 * Gives the job back without counting the attempt (the worker is shutting
 * down): the next worker picks it up at once.
 */
export async function releaseScoreJob(c: ClaimedJob, now: Date): Promise<boolean> {
  const res = await ScoreJobModel.updateOne(held(c), {
    $set: { status: 'queued', nextRunAt: now },
    $inc: { attempts: -1 },
    $unset: { leaseOwner: 1, leaseUntil: 1 },
  });
  return res.modifiedCount === 1;
}

/** Marks the job done; false when the lease was lost first. */
export async function completeScoreJob(c: ClaimedJob, opts: { now: Date; outcome: 'report' | 'skipped'; note?: string }): Promise<boolean> {
  const res = await ScoreJobModel.updateOne(held(c), {
    $set: { status: 'done', finishedAt: opts.now, outcome: opts.outcome, ...(opts.note ? { note: opts.note } : {}) },
    $unset: { leaseOwner: 1, leaseUntil: 1, lastError: 1 },
  });
  return res.modifiedCount === 1;
}

export type FailOutcome =
  | { readonly kind: 'retry'; readonly at: Date }
  | { readonly kind: 'failed' }
  /** The lease was lost before the failure could be recorded: the new holder decides. */
  | { readonly kind: 'lost' };

/**
 * Records a failed attempt: back in the queue after the backoff, or failed for
 * good once `maxAttempts` is reached. The error is kept either way.
 */
export async function failScoreJob(c: ClaimedJob, error: string, opts: { now: Date; policy?: RetryPolicy; final?: boolean }): Promise<FailOutcome> {
  const policy = opts.policy ?? DEFAULT_RETRY;
  const lastError = error.slice(0, 1000);
  if (opts.final || c.fence >= policy.maxAttempts) {
    const res = await ScoreJobModel.updateOne(held(c), {
      $set: { status: 'failed', lastError, finishedAt: opts.now },
      $unset: { leaseOwner: 1, leaseUntil: 1 },
    });
    return res.modifiedCount === 1 ? { kind: 'failed' } : { kind: 'lost' };
  }
  const at = new Date(opts.now.getTime() + backoffMs(c.fence, policy));
  const res = await ScoreJobModel.updateOne(held(c), {
    $set: { status: 'queued', lastError, nextRunAt: at },
    $unset: { leaseOwner: 1, leaseUntil: 1 },
  });
  return res.modifiedCount === 1 ? { kind: 'retry', at } : { kind: 'lost' };
}
