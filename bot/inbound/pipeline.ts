/**
 * The inbound pipeline: every event from every channel is stored first, then
 * handled in order per user.
 *
 *   accept  → insert into InboundEvent (unique `key` = the event's dedupe key).
 *             A duplicate key is a retried callback or a double click: no-op.
 *             Resolves as soon as the record is stored, so the callback can
 *             answer 200 at once; the handling happens after.
 *   queue   → one serial queue per user (userQueues.ts): a user's events run
 *             strictly in arrival order, different users in parallel.
 *   handle  → `engine.handle(inbound)`, then the record is `done`; a failure is
 *             retried in place (the user's later events wait, keeping order)
 *             with exponential back-off, and after `maxAttempts` it is `failed`.
 *
 * Crash safety: a record carries a lease (`leaseUntil`). The accepting instance
 * holds it from the insert; `start()` and a periodic scan take over records
 * left `received` or `processing` whose lease has run out — a crashed or
 * restarted instance's — with one guarded update each, so two instances never
 * take the same record. The engine is idempotent per event key, so even a
 * record handled twice (a lease that ran out mid-handling) sends nothing twice.
 */
import type { Types } from 'mongoose';
import type { Logger } from '../../lib/logger.js';
import { userKey, type Inbound } from '../../flows/types.js';
import { InboundEventModel, type InboundEventRecord } from '../../models/inboundEvent.js';
import { fromRecordPayload, toRecordPayload } from './record.js';
import { UserQueues } from './userQueues.js';

export type InboundChannel = 'wecom' | 'wechaty' | 'console';

export interface InboundHandler {
  handle(inbound: Inbound): Promise<void>;
}

export interface InboundPipelineOptions {
  readonly engine: InboundHandler;
  readonly logger: Logger;
  /** Unique per process (for the log; leases are time-based). */
  readonly instanceId: string;
  /** The business clock (leases, received time); default the wall clock. */
  readonly now?: () => Date;
  /** Waits between retries; injected in tests. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** How long a claim holds before another instance may take over; default 2 min. */
  readonly leaseMs?: number;
  /** Handling attempts per event; default 5. */
  readonly maxAttempts?: number;
  /** First retry delay, doubled each time; default 1 s. */
  readonly retryBaseMs?: number;
  /** How often to look for abandoned records; default 30 s (0 turns the timer off). */
  readonly recoveryIntervalMs?: number;
  /** Users handled at the same time; default 16. */
  readonly concurrency?: number;
  /**
   * How long records are kept for de-duplication (WeCom retries within seconds;
   * a few days also covers late duplicate approval callbacks). Default 3 days.
   * Measured on the wall clock: the database's TTL monitor uses its own clock.
   */
  readonly retentionMs?: number;
}

export class InboundPipeline {
  private readonly queues: UserQueues;
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private timer: NodeJS.Timeout | undefined;
  private recovering: Promise<number> | undefined;
  private stopped = false;

  constructor(private readonly opts: InboundPipelineOptions) {
    this.queues = new UserQueues(opts.concurrency ?? 16);
    this.now = opts.now ?? (() => new Date());
    this.sleep = opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.leaseMs = opts.leaseMs ?? 120_000;
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 5);
  }

  /**
   * Stores `inbound` and queues it. `duplicate` when its key was seen before.
   * Rejects only when the store fails: the caller should then ask for a retry
   * (the WeCom callback answers 500).
   */
  async accept(inbound: Inbound, channel: InboundChannel): Promise<'accepted' | 'duplicate'> {
    const now = this.now();
    const queueKey = userKey(inbound.from);
    let id: Types.ObjectId;
    try {
      const rec = await InboundEventModel.create({
        key: inbound.key, channel, userKey: queueKey, type: inbound.kind, payload: toRecordPayload(inbound),
        // Stopping: leave the lease open, so whichever instance starts next takes it at once.
        status: 'received', attempts: 0, leaseUntil: this.stopped ? now : new Date(now.getTime() + this.leaseMs), receivedAt: now,
        expiresAt: new Date(Date.now() + (this.opts.retentionMs ?? 3 * 86_400_000)),
      });
      id = rec._id;
    } catch (err) {
      if ((err as { code?: unknown }).code === 11000) {
        this.opts.logger.info({ key: inbound.key, channel }, 'duplicate inbound event ignored');
        return 'duplicate';
      }
      throw err;
    }
    // After stop() the record waits for the next start (or another instance) to take it.
    if (!this.stopped) this.enqueue(queueKey, id, inbound, 'received', 0);
    return 'accepted';
  }

  /** Takes over abandoned records now and every `recoveryIntervalMs`. */
  start(): void {
    this.stopped = false;
    void this.recover().catch((err: unknown) => this.opts.logger.error({ err }, 'inbound recovery failed'));
    const every = this.opts.recoveryIntervalMs ?? 30_000;
    if (every > 0 && !this.timer) {
      this.timer = setInterval(() => {
        void this.recover().catch((err: unknown) => this.opts.logger.error({ err }, 'inbound recovery failed'));
      }, every);
      this.timer.unref();
    }
  }

  /** Stops taking over records and waits for queued and running events to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.recovering;
    await this.queues.idle();
  }

  /** Resolves when every queued event has been handled (tests drain with it). */
  async drain(): Promise<void> {
    await this.recovering;
    await this.queues.idle();
  }

  /** Events queued or running in this process. */
  get backlog(): number {
    return this.queues.size;
  }

  /**
   * Claims records left `received`/`processing` whose lease ran out and queues
   * them per user, oldest first. Resolves with how many it took.
   */
  recover(): Promise<number> {
    this.recovering ??= this.recoverOnce().finally(() => {
      this.recovering = undefined;
    });
    return this.recovering;
  }

  private async recoverOnce(): Promise<number> {
    const now = this.now();
    const unfinished: InboundEventRecord['status'][] = ['received', 'processing'];
    const abandoned = {
      status: { $in: unfinished },
      $or: [{ leaseUntil: { $lte: now } }, { leaseUntil: { $exists: false } }],
    };
    const candidates = await InboundEventModel.find(abandoned, { _id: 1 }).sort({ receivedAt: 1, _id: 1 }).limit(500).lean();
    let taken = 0;
    for (const { _id } of candidates) {
      if (this.stopped) break;
      const rec = await InboundEventModel.findOneAndUpdate(
        { _id, ...abandoned },
        { $set: { status: 'processing', leaseUntil: new Date(now.getTime() + this.leaseMs) } },
        { returnDocument: 'after' },
      ).lean();
      if (!rec) continue; // another instance was faster
      const inbound = fromRecordPayload(rec.payload);
      if (!inbound) {
        await InboundEventModel.updateOne({ _id }, { $set: { status: 'failed', lastError: 'unreadable payload' }, $unset: { leaseUntil: 1 } });
        this.opts.logger.error({ key: rec.key }, 'inbound record has an unreadable payload; marked failed');
        continue;
      }
      this.opts.logger.warn({ key: rec.key, userKey: rec.userKey, attempts: rec.attempts }, 'taking over an inbound event left unfinished');
      this.enqueue(rec.userKey, _id, inbound, 'claimed', rec.attempts);
      taken += 1;
    }
    return taken;
  }

  private enqueue(queueKey: string, id: Types.ObjectId, inbound: Inbound, state: 'received' | 'claimed', priorAttempts: number): void {
    this.queues.push(queueKey, () =>
      this.run(id, inbound, state, priorAttempts).catch((err: unknown) => {
        // The store failed around the handling; the lease runs out and recovery tries again.
        this.opts.logger.error({ err, key: inbound.key }, 'inbound event left for recovery after a store failure');
      }),
    );
  }

  /**
   * Handles one record. `received`: claim it first (someone may have taken it
   * over meanwhile); `claimed`: recovery already holds it.
   */
  private async run(id: Types.ObjectId, inbound: Inbound, state: 'received' | 'claimed', priorAttempts: number): Promise<void> {
    const log = { key: inbound.key, kind: inbound.kind, user: userKey(inbound.from) };
    if (state === 'received') {
      const claimed = await this.update({ _id: id, status: 'received' }, { status: 'processing', leaseUntil: this.leaseFromNow(0) });
      if (!claimed) {
        this.opts.logger.info(log, 'inbound event already taken over by another instance');
        return;
      }
    }
    for (let attempt = priorAttempts + 1; ; attempt += 1) {
      try {
        await this.opts.engine.handle(inbound);
        await InboundEventModel.updateOne(
          { _id: id },
          { $set: { status: 'done', attempts: attempt, processedAt: this.now() }, $unset: { leaseUntil: 1, lastError: 1 } },
        );
        return;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (attempt >= this.maxAttempts) {
          await InboundEventModel.updateOne({ _id: id }, { $set: { status: 'failed', attempts: attempt, lastError: message }, $unset: { leaseUntil: 1 } })
            .catch((e: unknown) => this.opts.logger.error({ ...log, err: e }, 'could not mark inbound event failed'));
          this.opts.logger.error({ ...log, attempts: attempt, err }, 'inbound event failed for good');
          return;
        }
        const delay = (this.opts.retryBaseMs ?? 1_000) * 2 ** (attempt - 1);
        this.opts.logger.warn({ ...log, attempt, delayMs: delay, err: message }, 'handling an inbound event failed; retrying');
        // Keep holding it through the wait, so no other instance takes it over meanwhile.
        await InboundEventModel.updateOne({ _id: id }, { $set: { attempts: attempt, lastError: message, leaseUntil: this.leaseFromNow(delay) } })
          .catch(() => undefined);
        await this.sleep(delay);
      }
    }
  }

  private leaseFromNow(extraMs: number): Date {
    return new Date(this.now().getTime() + this.leaseMs + extraMs);
  }

  private async update(filter: Record<string, unknown>, set: Record<string, unknown>): Promise<boolean> {
    const res = await InboundEventModel.updateOne(filter, { $set: set });
    return res.modifiedCount === 1;
  }
}
