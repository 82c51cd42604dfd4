/**
 * What flows need from the outside, as interfaces the boot code fills in
 * (bot/ implements them). Flows stay free of HTTP and wire formats.
 */
import type { CardUpdate, OutMessage, UserRef } from './types.js';
import type { IsoDate } from '../lib/time.js';
import type { AttendanceDay } from '../models/attendanceDay.js';

/** The durable Outbox: a message is stored with its key, then sent by the sender loop. */
export interface OutboxPort {
  /** Stores `message` for `to` once per `key` (a repeated key is a no-op). */
  send(key: string, to: UserRef, message: OutMessage): Promise<void>;
  /** Stores a card update once per `key`. */
  updateCard(key: string, update: CardUpdate): Promise<void>;
  /** The response code WeCom returned when the card sent under `key` went out, if it has. */
  cardResponseCode(key: string): Promise<string | undefined>;
}

/** WeCom calls some flows make directly (optional modes). */
export interface WecomPort {
  /** Leave balances from WeCom 假勤 (LEAVE_BALANCE_SOURCE=wecom), in days. */
  vacationQuota(userid: string): Promise<Array<{ name: string; vacationId: number; leftDays: number; usedDays: number; assignedDays: number }>>;
  /** Submits a leave request to WeCom 审批 (LEAVE_APPROVAL=wecom); returns the sp_no. */
  applyLeave(input: {
    userid: string;
    leaveTypeName: string;
    vacationId: number | undefined;
    startAt: Date;
    endAt: Date;
    days: number;
    reason: string;
  }): Promise<string>;
}

/** An attendance day as fetched from WeCom 打卡, ready for the cache. */
export type DayDoc = Omit<AttendanceDay, 'source'> & { source: 'wecom' };

/** WeCom 打卡 behind a port: day reports and punches, already turned into attendance days. */
export interface CheckinPort {
  /** Every day from `from` to `to` for each of `userids` (days WeCom knows nothing about included, untracked). */
  fetchDays(userids: readonly string[], from: IsoDate, to: IsoDate): Promise<DayDoc[]>;
}
