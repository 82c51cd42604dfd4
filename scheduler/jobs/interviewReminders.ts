/**
 * Every 5 minutes: interview reminders (24 h and 1 h before, HR when a
 * candidate has not confirmed), no-shows and the "did it take place?" cards.
 * flows/interview/reminders.ts does the work; each reminder is stamped on its
 * interview before it is sent, so it goes out once even if two instances won
 * the same tick.
 */
import type { CronJob } from '../registry.js';
import { runInterviewReminders, type InterviewReminderDeps } from '../../flows/interview/reminders.js';

export function interviewRemindersJob(deps: InterviewReminderDeps): CronJob {
  return {
    name: 'interview-reminders',
    cron: '*/5 * * * *',
    timeoutMs: 4 * 60_000,
    async run({ now, logger }) {
      const r = await runInterviewReminders(now, deps);
      if (r.sent + r.noShows + r.heldChecks > 0) logger.info(r, 'interview reminders');
    },
  };
}
