/**
 * The NLU contract: what one chat message means. Other code (the engine, the
 * flows, the simulator, `npm run nlu`) relies on these exact names.
 */
import type { LeaveTypeCode } from '../../models/leaveType.js';
import type { IsoDate, IsoMonth } from '../../lib/time.js';
import type { Period } from '../../lib/workdays.js';
import type { HolidayName, HolidaySpan } from './dates/holidays.js';

export type { LeaveTypeCode, Period };

export const INTENTS = [
  'leave.request', 'leave.balance', 'leave.status', 'leave.cancel',
  'payslip.query', 'attendance.query',
  'interview.schedule', 'interview.reschedule',
  'help', 'cancel', 'confirm', 'deny', 'greeting', 'unknown',
] as const;
export type Intent = (typeof INTENTS)[number];

export function isIntent(s: string): s is Intent {
  return (INTENTS as readonly string[]).includes(s);
}

/** Every slot is optional: a message names what it names. */
export interface Slots {
  leaveType?: LeaveTypeCode;
  /** First day, `YYYY-MM-DD`. */
  start?: IsoDate;
  /** Last day, `YYYY-MM-DD`; set only when the text names it (or one day / one half day). */
  end?: IsoDate;
  /** `pm` when the first day starts in the afternoon (`am` only for a single morning). */
  startPeriod?: Period;
  /** `am` when the last day ends at noon (`pm` only for a single afternoon). */
  endPeriod?: Period;
  /** Duration in days as said (两天半 → 2.5); the flow turns it into an end date. */
  days?: number;
  /** `YYYY-MM` (payslip / attendance). */
  month?: IsoMonth;
  scope?: 'self' | 'team';
  candidateName?: string;
  /** 11 digits, mainland mobile, no country code. */
  candidatePhone?: string;
  position?: string;
  interviewer?: string;
  /** Local wall-clock time `YYYY-MM-DDTHH:mm` in the business time zone. */
  time?: string;
}

export type SlotName = keyof Slots;

export const SLOT_NAMES: readonly SlotName[] = [
  'leaveType', 'start', 'end', 'startPeriod', 'endPeriod', 'days', 'month', 'scope',
  'candidateName', 'candidatePhone', 'position', 'interviewer', 'time',
];

export interface NluResult {
  intent: Intent;
  slots: Slots;
  /** 0..1; below `CONFIDENCE_THRESHOLD` the engine should say it did not understand. */
  confidence: number;
  /** The user corrects an earlier answer: 不对，是后天 / 改成年假. */
  correction: boolean;
  /** A holiday named (春节后…) whose next occurrence the calendar does not hold yet. */
  unplacedHoliday?: HolidayName;
}

export interface NluContext {
  /** The moment the message arrived; every relative date resolves against it. */
  now: Date;
  /** IANA business time zone, e.g. Asia/Shanghai. */
  tz: string;
  /** When the bot just asked for one slot, a bare answer (后天 / 年假 / 李娜) fills it. */
  expecting?: SlotName;
  /** Holiday spans from the calendar (春节后 / 中秋节前一天); the fixed-date ones resolve without. */
  holidays?: readonly HolidaySpan[];
}
