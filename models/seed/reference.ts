/**
 * Reference data every installation needs: the leave type catalogue and the
 * bundled holiday calendar. Inserted only when missing, so HR's own edits and
 * imports survive restarts.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_LEAVE_TYPES, LeaveTypeModel } from '../leaveType.js';
import { HolidayModel } from '../holiday.js';
import { parseHolidays } from '../import/holidays.js';

const BUNDLED_CALENDARS = ['holidays-cn-2026.csv'];

/** The calendars shipped with the product, as rows (also what `npm run nlu` resolves holiday names with). */
export function bundledHolidayRows(): Array<{ date: string; kind: string; name: string }> {
  return BUNDLED_CALENDARS.flatMap((file) => parseHolidays(readFileSync(new URL(`./${file}`, import.meta.url))).rows);
}

export async function seedReferenceData(): Promise<void> {
  for (const t of DEFAULT_LEAVE_TYPES) {
    await LeaveTypeModel.updateOne({ code: t.code }, { $setOnInsert: t }, { upsert: true }).catch(ignoreDuplicate);
  }
  for (const r of bundledHolidayRows()) {
    await HolidayModel.updateOne({ date: r.date }, { $setOnInsert: r }, { upsert: true }).catch(ignoreDuplicate);
  }
}

function ignoreDuplicate(err: unknown): void {
  if ((err as { code?: unknown }).code !== 11000) throw err;
}
