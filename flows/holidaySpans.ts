/**
 * The holiday calendar as named spans for the NLU (春节后第一天), read from
 * the database and kept for a few minutes: every message needs it, and HR
 * imports a new year rarely.
 */
import { HolidayModel } from '../models/holiday.js';
import { holidaySpans, type HolidaySpan } from './nlu/dates/holidays.js';

const REFRESH_MS = 10 * 60_000;

export function cachedHolidaySpans(now: () => number = Date.now): () => Promise<readonly HolidaySpan[]> {
  let cached: { at: number; spans: Promise<readonly HolidaySpan[]> } | undefined;
  return () => {
    if (!cached || now() - cached.at >= REFRESH_MS) {
      const spans = HolidayModel.find({ kind: 'holiday' }, { date: 1, kind: 1, name: 1 }).lean()
        .then((rows) => holidaySpans(rows));
      // A failed read is not cached: the next message tries again.
      spans.catch(() => { cached = undefined; });
      cached = { at: now(), spans };
    }
    return cached.spans;
  };
}
