/**
 * The holiday calendar: 法定节假日 (`holiday`) and 调休 working weekend days
 * (`workday`). Seeded with China's 2026 schedule; HR imports more years.
 */
import { Schema, model } from 'mongoose';
import type { DayKind } from '../lib/workdays.js';

export interface HolidayDay {
  date: string;
  kind: DayKind;
  name: string;
}

const holidaySchema = new Schema<HolidayDay>(
  {
    date: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    kind: { type: String, enum: ['holiday', 'workday'], required: true },
    name: { type: String, required: true },
  },
  { timestamps: true },
);
holidaySchema.index({ date: 1 }, { unique: true });

export const HolidayModel = model<HolidayDay>('HolidayCalendar', holidaySchema, 'holidaycalendar');
