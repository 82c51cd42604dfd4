/**
 * When a cached attendance day must be fetched again. Pure.
 *
 * - A day fetched at or after 00:00 two days later (one full day after it
 *   ended: late punches, next-morning 补卡 approvals are in) is **final**: it is
 *   never fetched again.
 * - Today is refreshed when its copy is older than `TODAY_TTL_MS`.
 * - Other days that are not final yet (in practice yesterday) are refreshed
 *   when their copy is older than `RECENT_TTL_MS`.
 */
import { addDays, startOfLocalDay, type IsoDate } from '../../lib/time.js';

export const TODAY_TTL_MS = 10 * 60_000;
export const RECENT_TTL_MS = 60 * 60_000;

export function isFinal(date: IsoDate, fetchedAt: Date, tz: string): boolean {
  return fetchedAt.getTime() >= startOfLocalDay(addDays(date, 2), tz).getTime();
}

export function needsRefresh(date: IsoDate, fetchedAt: Date | undefined, now: Date, today: IsoDate, tz: string): boolean {
  if (!fetchedAt) return true;
  if (isFinal(date, fetchedAt, tz)) return false;
  const age = now.getTime() - fetchedAt.getTime();
  return age >= (date === today ? TODAY_TTL_MS : RECENT_TTL_MS);
}
