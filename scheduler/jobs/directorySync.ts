/**
 * Daily at 02:30 (business time): pull the WeCom directory into Employee and
 * Department (bot/wecom/directorySync.ts does the work). Contact-change
 * callbacks keep it current during the day; this catches whatever they missed.
 */
import type { CronJob } from '../registry.js';
import type { WecomClient } from '../../bot/wecom/api/index.js';
import { formatSyncReport, syncDirectory } from '../../bot/wecom/directorySync.js';

export function directorySyncJob(deps: { readonly wecom: Pick<WecomClient, 'departments' | 'users'> }): CronJob {
  return {
    name: 'directory-sync',
    cron: '30 2 * * *',
    timeoutMs: 15 * 60_000,
    async run({ logger }) {
      const report = await syncDirectory(deps.wecom, logger);
      if (report.warnings.length > 0) logger.warn({ warnings: report.warnings }, formatSyncReport(report));
    },
  };
}
