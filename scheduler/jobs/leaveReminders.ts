/**
 * Hourly on working hours: remind approvers of requests pending for 24 h and
 * escalate to HR after 48 h (flows/leave/reminders.ts does the work).
 */
import type { CronJob } from '../registry.js';
import { runLeaveReminders, type ReminderDeps } from '../../flows/leave/reminders.js';

export function leaveRemindersJob(deps: ReminderDeps): CronJob {
  return {
    name: 'leave-reminders',
    cron: '0 9-18 * * *',
    timeoutMs: 5 * 60_000,
    async run({ now, logger }) {
      const r = await runLeaveReminders(now, deps);
      if (r.reminded + r.escalated > 0) logger.info(r, 'leave reminders sent');
    },
  };
}
