/**
 * The check-in port flows use: one pass over `getcheckin_daydata` (verdicts)
 * and `getcheckindata` (which punch was late or missing), turned into
 * attendance days. The client splits calls into ≤ 100 people × ≤ 30 days and
 * paces them.
 */
import { addDays, startOfLocalDay, type IsoDate } from '../../lib/time.js';
import type { CheckinPort } from '../../flows/ports.js';
import type { WecomClient } from './api/index.js';
import { toAttendanceDays } from './checkinDays.js';

export function createCheckinPort(checkin: WecomClient['checkin'], tz: string, now: () => Date): CheckinPort {
  return {
    async fetchDays(userids: readonly string[], from: IsoDate, to: IsoDate) {
      const list = [...userids];
      const startS = Math.floor(startOfLocalDay(from, tz).getTime() / 1000);
      const lastMidnightS = Math.floor(startOfLocalDay(to, tz).getTime() / 1000);
      const endS = Math.floor(startOfLocalDay(addDays(to, 1), tz).getTime() / 1000) - 1;
      const [dayData, records] = await Promise.all([
        checkin.getDayData({ starttime: startS, endtime: lastMidnightS, useridlist: list }),
        checkin.getData({ opencheckindatatype: 1, starttime: startS, endtime: endS, useridlist: list }),
      ]);
      return toAttendanceDays({ userids: list, from, to, dayData, records }, tz, now());
    },
  };
}
