/**
 * The scorer worker: claims score jobs from MongoDB with a lease, keeps the
 * lease alive with heartbeats while it works, writes the report with a fenced
 * upsert, tells the HR owner, and marks the job done. It runs inside the app
 * (`SCORER_IN_PROCESS`) or as its own process (`npm run scorer`), on as many
 * machines as needed; they coordinate only through the ScoreJob collection.
 *
 * What can go wrong, and what happens:
 * - Two workers want the same job: the claim is one guarded findOneAndUpdate,
 *   so exactly one gets it.
 * - A worker crashes or hangs: its lease runs out and the next claim takes the
 *   job over (that attempt counts; after `maxAttempts` the job fails).
 * - A worker's lease was taken over while it was still working (a long pause):
 *   its heartbeat notices and aborts the work; if it reaches the write anyway,
 *   the fence makes the write refuse (reportStore.ts) and the job is not touched.
 * - Scoring throws, or the ASR service fails: the attempt is recorded with its
 *   error and retried after an exponential backoff; after `maxAttempts` the job
 *   is `failed`, the error is kept, and HR gets a card with a link to the
 *   recordings.
 * - Shutdown: work in progress is aborted and the job handed back without
 *   counting the attempt.
 */
import type { Types } from 'mongoose';
import type { Logger } from '../lib/logger.js';
import {
  claimScoreJob, completeScoreJob, DEFAULT_RETRY, extendLease, failScoreJob, releaseScoreJob,
  type ClaimedJob, type RetryPolicy,
} from './queue.js';
import { notifyReportReady, notifyScoringFailed, type ReportNotifier } from './reportNotice.js';
import { REPORT_WORDING } from './reportWording.js';
import { writeReport } from './reportStore.js';
import type { InterviewScoring, ScoreInterviewOptions } from './workerScore.js';

export interface ScoreWorkerOptions {
  /** Lease owner id, unique per process (Services.instanceId). */
  readonly owner: string;
  /** Jobs worked on at the same time in this process (SCORER_CONCURRENCY). */
  readonly concurrency: number;
  readonly score: (interviewId: Types.ObjectId, opts: ScoreInterviewOptions) => Promise<InterviewScoring>;
  readonly notifier: ReportNotifier;
  readonly publicBaseUrl: string;
  readonly logger: Logger;
  /** How long a claim holds without a heartbeat; default 60 s. */
  readonly leaseMs?: number;
  /** Heartbeat period; default a quarter of the lease. */
  readonly heartbeatMs?: number;
  /** Idle wait between looks at the queue; default 3 s. */
  readonly pollMs?: number;
  readonly retry?: RetryPolicy;
  /** The clock for leases and backoff (tests move it). */
  readonly now?: () => Date;
}

export type JobResult =
  | { readonly kind: 'idle' }
  | { readonly kind: 'report'; readonly interviewId: string; readonly overall: number | null }
  | { readonly kind: 'skipped'; readonly interviewId: string; readonly note: string }
  | { readonly kind: 'retry'; readonly interviewId: string; readonly at: Date; readonly error: string }
  | { readonly kind: 'failed'; readonly interviewId: string; readonly error: string }
  /** The lease went to another worker; nothing was written. */
  | { readonly kind: 'lost'; readonly interviewId: string }
  /** Stopped while working: the job was handed back. */
  | { readonly kind: 'released'; readonly interviewId: string };

class LeaseLost extends Error {
  override readonly name = 'LeaseLost';
}
class Stopping extends Error {
  override readonly name = 'Stopping';
}

export class ScoreWorker {
  private readonly leaseMs: number;
  private readonly heartbeatMs: number;
  private readonly pollMs: number;
  private readonly retry: RetryPolicy;
  private readonly now: () => Date;
  private readonly log: Logger;
  private loops: Promise<void>[] = [];
  private readonly inFlight = new Set<AbortController>();
  private stopController = new AbortController();

  constructor(private readonly opts: ScoreWorkerOptions) {
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.heartbeatMs = opts.heartbeatMs ?? Math.max(1_000, Math.floor(this.leaseMs / 4));
    this.pollMs = opts.pollMs ?? 3_000;
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.now = opts.now ?? (() => new Date());
    this.log = opts.logger;
  }

  /** Starts `concurrency` loops that claim and work until `stop()`. */
  start(): void {
    if (this.loops.length > 0) return;
    this.stopController = new AbortController();
    for (let i = 0; i < Math.max(1, this.opts.concurrency); i += 1) this.loops.push(this.loop());
    this.log.info({ owner: this.opts.owner, concurrency: this.opts.concurrency }, 'scorer worker started');
  }

  /** Stops claiming, aborts work in progress (the jobs go back to the queue), waits for the loops. */
  async stop(): Promise<void> {
    this.stopController.abort();
    for (const c of this.inFlight) c.abort(new Stopping('scorer stopping'));
    await Promise.all(this.loops);
    this.loops = [];
  }

  private async loop(): Promise<void> {
    const stop = this.stopController.signal;
    while (!stop.aborted) {
      let result: JobResult;
      try {
        result = await this.runOnce();
      } catch (err) {
        // The store is unreachable, say: wait and look again.
        this.log.error({ err }, 'scorer loop error');
        result = { kind: 'idle' };
      }
      if (result.kind === 'idle') await sleep(this.pollMs, stop);
    }
  }

  /** Claims one due job and works it to the end; `idle` when nothing is due. */
  async runOnce(): Promise<JobResult> {
    if (this.stopController.signal.aborted) return { kind: 'idle' };
    const claim = await claimScoreJob(this.opts.owner, { leaseMs: this.leaseMs, now: this.now() });
    if (!claim) return { kind: 'idle' };
    const log = this.log.child({ interviewId: String(claim.interviewId), attempt: claim.fence });
    if (claim.fence > this.retry.maxAttempts) {
      // Earlier attempts died without recording anything (crash, kill, hang): stop here.
      return this.giveUp(claim, REPORT_WORDING.tooManyAttempts(claim.fence - 1), log);
    }
    const work = new AbortController();
    this.inFlight.add(work);
    const heartbeat = setInterval(() => {
      extendLease(claim, { leaseMs: this.leaseMs, now: this.now() }).then(
        (mine) => {
          if (!mine) work.abort(new LeaseLost('lease taken over'));
        },
        (err: unknown) => log.warn({ err }, 'heartbeat failed'),
      );
    }, this.heartbeatMs);
    heartbeat.unref();
    try {
      const outcome = await this.opts.score(claim.interviewId, { signal: work.signal, finalAttempt: claim.fence >= this.retry.maxAttempts });
      return await this.finish(claim, outcome, work.signal, log);
    } catch (err) {
      const reason: unknown = work.signal.aborted ? work.signal.reason : undefined;
      if (reason instanceof LeaseLost) {
        log.warn('lease lost while scoring; abandoning the work');
        return { kind: 'lost', interviewId: String(claim.interviewId) };
      }
      if (reason instanceof Stopping) {
        await releaseScoreJob(claim, this.now());
        log.info('scorer stopping; job handed back');
        return { kind: 'released', interviewId: String(claim.interviewId) };
      }
      return this.recordFailure(claim, errorText(err), log);
    } finally {
      clearInterval(heartbeat);
      this.inFlight.delete(work);
    }
  }

  private async finish(claim: ClaimedJob, outcome: InterviewScoring, signal: AbortSignal, log: Logger): Promise<JobResult> {
    const interviewId = String(claim.interviewId);
    if (outcome.kind === 'retry') return this.recordFailure(claim, outcome.error, log);
    // One last look before writing: if the lease is gone, leave everything to the new holder.
    // (Finished work is still written when the worker is merely stopping.)
    if (signal.reason instanceof LeaseLost || !(await extendLease(claim, { leaseMs: this.leaseMs, now: this.now() }))) {
      log.warn('lease lost before writing; nothing written');
      return { kind: 'lost', interviewId };
    }
    if (outcome.kind === 'skip') {
      await completeScoreJob(claim, { now: this.now(), outcome: 'skipped', note: outcome.note });
      log.info({ note: outcome.note }, 'score job skipped');
      return { kind: 'skipped', interviewId, note: outcome.note };
    }
    const written = await writeReport(outcome.draft, claim);
    if (written === 'superseded') {
      log.warn('a newer claim already wrote the report; nothing written');
      return { kind: 'lost', interviewId };
    }
    await notifyReportReady(this.opts.notifier, outcome.draft, outcome.audience, this.opts.publicBaseUrl);
    await completeScoreJob(claim, { now: this.now(), outcome: 'report' });
    log.info({ overall: outcome.draft.overall, mode: outcome.draft.reviewMode }, 'score report written');
    return { kind: 'report', interviewId, overall: outcome.draft.overall };
  }

  private async recordFailure(claim: ClaimedJob, error: string, log: Logger): Promise<JobResult> {
    const interviewId = String(claim.interviewId);
    const res = await failScoreJob(claim, error, { now: this.now(), policy: this.retry });
    switch (res.kind) {
      case 'retry':
        log.warn({ error, retryAt: res.at }, 'score attempt failed; will retry');
        return { kind: 'retry', interviewId, at: res.at, error };
      case 'lost':
        return { kind: 'lost', interviewId };
      case 'failed':
        log.error({ error }, 'score job failed for good');
        await notifyScoringFailed(this.opts.notifier, claim.interviewId, claim.fence, error, this.opts.publicBaseUrl);
        return { kind: 'failed', interviewId, error };
    }
  }

  private async giveUp(claim: ClaimedJob, error: string, log: Logger): Promise<JobResult> {
    const res = await failScoreJob(claim, error, { now: this.now(), policy: this.retry, final: true });
    if (res.kind !== 'failed') return { kind: 'lost', interviewId: String(claim.interviewId) };
    log.error({ error }, 'score job failed for good');
    await notifyScoringFailed(this.opts.notifier, claim.interviewId, claim.fence - 1, error, this.opts.publicBaseUrl);
    return { kind: 'failed', interviewId: String(claim.interviewId), error };
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
