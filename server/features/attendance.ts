/**
 * 考勤: questions about one's own attendance and (for managers) the team's,
 * answered from WeCom 打卡 through a cache; the daily digest of missing punches.
 */
import { createCheckinPort } from '../../bot/wecom/checkinPort.js';
import type { Feature, Services } from '../feature.js';
import { attendanceQueryFlow } from '../../flows/attendance/queryFlow.js';
import type { AttendanceSourceDeps } from '../../flows/attendance/source.js';
import { attendanceDigestJob } from '../../scheduler/jobs/attendanceDigest.js';

function source(s: Services): AttendanceSourceDeps {
  return { checkin: createCheckinPort(s.wecom.checkin, s.config.tz, s.now), tz: s.config.tz, now: s.now, logger: s.logger.child({ component: 'attendance' }) };
}

export function attendanceFeature(): Feature {
  return {
    name: 'attendance',
    flows: (s) => [attendanceQueryFlow(source(s))],
    jobs: (s) => [attendanceDigestJob(s.config.attendanceDigestCron, { outbox: s.outbox, source: source(s), tz: s.config.tz, logger: s.logger.child({ component: 'attendance-digest' }) })],
  };
}
