/**
 * A small registry of node-cron jobs. Every tick is claimed once across all
 * running instances (a write-once lease named after the job and the tick), so
 * two or ten instances run each job once. A job that throws or times out is
 * logged and recorded; the next tick runs as usual.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../lib/logger.js';
import { claimOnce } from '../models/lease.js';
import { CronStateModel, type CronState } from '../models/cronState.js';

export interface JobContext {
  /** The scheduled tick time. */
  readonly now: Date;
  /** Aborted when the job's timeout passes or the scheduler stops. */
  readonly signal: AbortSignal;
  readonly logger: Logger;
}

export interface CronJob {
  readonly name: string;
  /** Cron expression, read in the business time zone. */
  readonly cron: string;
  readonly timeoutMs: number;
  run(ctx: JobContext): Promise<void>;
}

export type TickOutcome = 'ok' | 'error' | 'timeout' | 'skipped';

export interface SchedulerOptions {
  readonly tz: string;
  readonly instanceId: string;
  readonly logger: Logger;
}

export class Scheduler {
  private readonly jobs = new Map<string, CronJob>();
  private readonly tasks: ScheduledTask[] = [];
  private readonly running = new Set<Promise<TickOutcome>>();
  private readonly stopController = new AbortController();

  constructor(private readonly opts: SchedulerOptions) {}

  register(job: CronJob): this {
    if (this.jobs.has(job.name)) throw new Error(`duplicate cron job ${job.name}`);
    if (!cron.validate(job.cron)) throw new Error(`invalid cron expression for ${job.name}: ${job.cron}`);
    this.jobs.set(job.name, job);
    return this;
  }

  list(): readonly CronJob[] {
    return [...this.jobs.values()];
  }

  start(): void {
    for (const job of this.jobs.values()) {
      const task = cron.schedule(
        job.cron,
        (ctx) => {
          const p = this.tick(job.name, ctx.date);
          this.running.add(p);
          void p.finally(() => this.running.delete(p));
        },
        { timezone: this.opts.tz, name: job.name, noOverlap: false },
      );
      this.tasks.push(task);
    }
    this.opts.logger.info({ jobs: [...this.jobs.keys()] }, 'scheduler started');
  }

  /** Stops cron and waits for running jobs (they see their signal aborted). */
  async stop(): Promise<void> {
    for (const t of this.tasks) await t.stop();
    this.tasks.length = 0;
    this.stopController.abort();
    await Promise.allSettled([...this.running]);
  }

  /**
   * Runs one tick of a job if this instance wins the claim for it. Exposed so
   * tests can play two instances racing for the same tick.
   */
  async tick(name: string, scheduledAt: Date): Promise<TickOutcome> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`unknown cron job ${name}`);
    // Round to the minute: instances whose clocks differ by a few seconds agree on the tick.
    const tickId = new Date(Math.round(scheduledAt.getTime() / 60_000) * 60_000).toISOString();
    const won = await claimOnce(`cron:${name}@${tickId}`, this.opts.instanceId, Math.max(job.timeoutMs, 60_000));
    if (!won) return 'skipped';

    const logger = this.opts.logger.child({ job: name, tick: tickId });
    const started = new Date();
    await CronStateModel.updateOne(
      { _id: name },
      { $set: { lastStartedAt: started, lastInstance: this.opts.instanceId }, $inc: { runs: 1 } },
      { upsert: true },
    );
    const controller = new AbortController();
    const onStop = () => controller.abort(new Error('scheduler stopping'));
    this.stopController.signal.addEventListener('abort', onStop);
    let timer: NodeJS.Timeout | undefined;
    let outcome: TickOutcome;
    let error: string | undefined;
    try {
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => {
          controller.abort(new Error('timeout'));
          resolve('timeout');
        }, job.timeoutMs);
      });
      const result = await Promise.race([job.run({ now: scheduledAt, signal: controller.signal, logger }).then(() => 'ok' as const), timeout]);
      outcome = result;
      if (outcome === 'timeout') {
        error = `timed out after ${job.timeoutMs} ms`;
        logger.error({ timeoutMs: job.timeoutMs }, 'cron job timed out');
      }
    } catch (err) {
      outcome = 'error';
      error = err instanceof Error ? err.message : String(err);
      logger.error({ err }, 'cron job failed');
    } finally {
      clearTimeout(timer);
      this.stopController.signal.removeEventListener('abort', onStop);
    }
    const finished = new Date();
    await CronStateModel.updateOne(
      { _id: name },
      {
        $set: { lastFinishedAt: finished, lastDurationMs: finished.getTime() - started.getTime(), lastOutcome: outcome, lastError: error ?? '' },
        ...(outcome === 'ok' ? {} : { $inc: { failures: 1 } }),
      },
    ).catch((err: unknown) => logger.warn({ err }, 'could not record cron run'));
    return outcome;
  }

  /** Last run of every registered job, for /healthz. */
  async status(): Promise<Array<Pick<CronState, '_id' | 'lastFinishedAt' | 'lastDurationMs' | 'lastOutcome' | 'runs' | 'failures'> & { cron: string }>> {
    const states = await CronStateModel.find({ _id: { $in: [...this.jobs.keys()] } }).lean();
    return [...this.jobs.values()].map((j) => {
      const s = states.find((x) => x._id === j.name);
      return {
        _id: j.name,
        cron: j.cron,
        lastFinishedAt: s?.lastFinishedAt,
        lastDurationMs: s?.lastDurationMs,
        lastOutcome: s?.lastOutcome,
        runs: s?.runs ?? 0,
        failures: s?.failures ?? 0,
      };
    });
  }
}
