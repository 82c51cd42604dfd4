/**
 * The working-day calendar the demo company follows: the bundled 2026 public
 * holidays (法定节假日 and 调休 workdays), read from the same CSV the app seeds.
 */
import { readFileSync } from 'node:fs';
import { parseHolidays } from '../../models/import/holidays.js';
import { lookupFromEntries, type HolidayLookup } from '../../lib/workdays.js';

let cached: HolidayLookup | undefined;

export function bundledHolidayLookup(): HolidayLookup {
  cached ??= lookupFromEntries(parseHolidays(readFileSync(new URL('../../models/seed/holidays-cn-2026.csv', import.meta.url))).rows);
  return cached;
}
