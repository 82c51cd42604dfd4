/** The bundled 2026 holiday calendar as a lookup, for pure tests. */
import { readFileSync } from 'node:fs';
import { lookupFromEntries, type DayKind, type HolidayLookup } from '../../lib/workdays.js';

export function cn2026(): HolidayLookup {
  const rows = readFileSync(new URL('../../models/seed/holidays-cn-2026.csv', import.meta.url), 'utf8')
    .trim().split('\n').slice(1).map((l) => l.split(','))
    .map(([date, kind]) => ({ date: date!, kind: kind as DayKind }));
  return lookupFromEntries(rows);
}
