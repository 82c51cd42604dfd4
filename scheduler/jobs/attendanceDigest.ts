/**
 * 考勤日报: at ATTENDANCE_DIGEST_CRON (default 09:30) on working days, tell
 * people about yesterday's missing punches and managers about their team
 * (flows/attendance/digest.ts does the work). The scheduler's per-tick lease
 * runs it once across instances; Outbox keys make a rerun send nothing new.
 */
import type { CronJob } from '../registry.js';
import { runAttendanceDigest, type DigestDeps } from '../../flows/attendance/digest.js';

export function attendanceDigestJob(cron: string, deps: DigestDeps): CronJob {
  return {
    name: 'attendance-digest',
    cron,
    timeoutMs: 10 * 60_000,
    async run({ now, logger }) {
      const r = await runAttendanceDigest(now, deps);
      if (r.kind === 'sent') logger.info({ day: r.day, employees: r.employees, managers: r.managers, checked: r.checked }, 'attendance digest queued');
      else logger.info({ today: r.today }, 'attendance digest skipped: not a working day');
    },
  };
}
