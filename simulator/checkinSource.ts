/**
 * Where the simulated 打卡 data comes from. The simulator asks for one member's
 * day at a time and turns the answer into WeCom's response shapes; the demo
 * company generates days deterministically (simulator/demo/checkins.ts), a test
 * can hand in fixed ones.
 */
import type { IsoDate } from '../lib/time.js';

export interface Punch {
  readonly kind: 'on' | 'off';
  /** Scheduled time, unix seconds. */
  readonly scheduledAt: number;
  /** Actual time, unix seconds; undefined when the punch was missed (未打卡). */
  readonly at: number | undefined;
}

export interface CheckinDay {
  readonly userid: string;
  readonly date: IsoDate;
  /** False on weekends and public holidays (the 2026 calendar, 调休 included). */
  readonly workday: boolean;
  /** Empty on rest days and whole days of leave. */
  readonly punches: readonly Punch[];
  /** Approved leave that day, as WeCom's sp_items report it. */
  readonly leave?: { readonly vacationId: number; readonly name: string; readonly seconds: number } | undefined;
}

/** The attendance rule every member follows (one fixed-time group). */
export interface CheckinRule {
  readonly groupId: number;
  readonly groupName: string;
  /** Seconds after midnight: 09:00 → 32400. */
  readonly workSec: number;
  readonly offWorkSec: number;
}

export interface CheckinSource {
  readonly rule: CheckinRule;
  /** The member's day, or undefined when there is no data for it (future, or before the data starts). */
  day(userid: string, date: IsoDate): CheckinDay | undefined;
}
