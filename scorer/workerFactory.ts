/**
 * Builds a ScoreWorker from the app's configuration: the transcriber from
 * `config.asr` (none when ASR_URL is unset: content is then not rated, and the
 * reports say so), face integrity at 1 fps, and the real scoring step. Used by
 * the in-process feature (server/features/scoring.ts) and by `npm run scorer`.
 */
import type { Config } from '../lib/config.js';
import type { Logger } from '../lib/logger.js';
import { createTranscriber, type Transcriber } from './asr.js';
import type { FaceOptions } from './media/faces.js';
import type { RetryPolicy } from './queue.js';
import type { ReportNotifier } from './reportNotice.js';
import { ScoreWorker } from './worker.js';
import { scoreInterview } from './workerScore.js';

export interface ScoreWorkerSetup {
  readonly config: Pick<Config, 'asr' | 'scorerConcurrency' | 'publicBaseUrl'>;
  readonly logger: Logger;
  readonly owner: string;
  readonly notifier: ReportNotifier;
  readonly now?: () => Date;
  readonly faces?: false | FaceOptions;
  /** Replaces the transcriber made from `config.asr` (tests set their own timeouts and retry delay). */
  readonly transcriber?: Transcriber;
  readonly leaseMs?: number;
  readonly pollMs?: number;
  readonly retry?: RetryPolicy;
}

export function createScoreWorker(s: ScoreWorkerSetup): ScoreWorker {
  const logger = s.logger.child({ component: 'scorer' });
  const transcriber = s.transcriber ?? createTranscriber(s.config.asr, { logger });
  const deps = { transcriber, logger, ...(s.faces === undefined ? {} : { faces: s.faces }) };
  return new ScoreWorker({
    owner: s.owner,
    concurrency: s.config.scorerConcurrency,
    score: (interviewId, opts) => scoreInterview(interviewId, deps, opts),
    notifier: s.notifier,
    publicBaseUrl: s.config.publicBaseUrl,
    logger,
    ...(s.now ? { now: s.now } : {}),
    ...(s.leaseMs ? { leaseMs: s.leaseMs } : {}),
    ...(s.pollMs ? { pollMs: s.pollMs } : {}),
    ...(s.retry ? { retry: s.retry } : {}),
  });
}
