/**
 * Jobs every installation runs regardless of features: the daily WeCom
 * directory sync (only with real WeCom credentials; demo mode has its fixed
 * cast) and the Outbox clean-up. Sending itself is not a cron job: the Outbox
 * sender loop retries continuously (bot/outbox/sender.ts).
 */
import type { CronJob } from '../registry.js';
import type { WecomClient } from '../../bot/wecom/api/index.js';
import { purgeOutbox } from '../../bot/outbox/purge.js';
import { directorySyncJob } from './directorySync.js';

export interface CoreJobDeps {
  readonly wecom: Pick<WecomClient, 'departments' | 'users'>;
  readonly mode: 'demo' | 'wecom';
}

export function coreJobs(deps: CoreJobDeps): CronJob[] {
  const outboxPurge: CronJob = {
    name: 'outbox-purge',
    cron: '15 3 * * *',
    timeoutMs: 10 * 60_000,
    async run({ now, logger }) {
      const n = await purgeOutbox(now);
      if (n > 0) logger.info({ deleted: n }, 'old outbox messages purged');
    },
  };
  return deps.mode === 'wecom' ? [directorySyncJob(deps), outboxPurge] : [outboxPurge];
}
