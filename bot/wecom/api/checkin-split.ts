/**
 * WeCom's check-in APIs take at most 100 users and 30 days per call (301024
 * otherwise). These pure helpers cut a larger request into legal pieces; client.ts
 * sends them one after another (the rate limiter paces them) and concatenates the
 * results in order: time windows first, then user batches within each window.
 */
export const CHECKIN_MAX_USERS = 100;
export const CHECKIN_MAX_DAYS = 30;
const DAY = 86_400;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Splits the inclusive range [start, end] (unix seconds) into windows spanning less
 * than `maxDays` days each: [s, s + maxDays·86400 − 1], then the next second.
 */
export function splitSeconds(start: number, end: number, maxDays = CHECKIN_MAX_DAYS): Array<[number, number]> {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start > end) {
    throw new RangeError(`invalid check-in time range ${start}..${end}`);
  }
  const out: Array<[number, number]> = [];
  for (let s = start; s <= end; s += maxDays * DAY) out.push([s, Math.min(end, s + maxDays * DAY - 1)]);
  return out;
}

/**
 * Splits days given as 00:00 timestamps, both inclusive (getcheckin_daydata), into
 * windows of at most `maxDays` days: [d, d + (maxDays − 1)·86400], then the next day.
 * The business time zone has no daylight saving time (Asia/Shanghai), so a day is 86400 s.
 */
export function splitDays(firstDay: number, lastDay: number, maxDays = CHECKIN_MAX_DAYS): Array<[number, number]> {
  if (!Number.isInteger(firstDay) || !Number.isInteger(lastDay) || firstDay > lastDay) {
    throw new RangeError(`invalid check-in day range ${firstDay}..${lastDay}`);
  }
  const out: Array<[number, number]> = [];
  for (let d = firstDay; d <= lastDay; d += maxDays * DAY) out.push([d, Math.min(lastDay, d + (maxDays - 1) * DAY)]);
  return out;
}
