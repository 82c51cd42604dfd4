/**
 * One employee's attendance for one day, cached from WeCom 打卡
 * (`checkin/getcheckin_daydata` + `getcheckindata`) so repeated questions do
 * not hit the API. What is stored is what WeCom said; our own adjustments
 * (approved leave in this app, the holiday calendar) are applied when a
 * question is answered, because a leave can be approved after the day was cached.
 *
 * Freshness (flows/attendance/freshness.ts): a day fetched a full day after it
 * ended is final and never fetched again; today and yesterday are refreshed
 * after a few minutes.
 */
import { Schema, model } from 'mongoose';

export interface Punch {
  kind: 'on' | 'off';
  /** Scheduled time, UTC. */
  scheduledAt?: Date | undefined;
  /** Actual punch time, UTC; absent when missed. */
  at?: Date | undefined;
  /** WeCom exception_type text, e.g. 时间异常 / 未打卡 / 地点异常. */
  exception?: string | undefined;
}

export interface AttendanceDay {
  userid: string;
  date: string;
  /** False when WeCom had nothing for this person that day (not in any 打卡 rule): nothing to count. */
  tracked: boolean;
  /** WeCom day_type: 0 workday, 1 rest day. */
  workday: boolean;
  punches: Punch[];
  lateCount: number;
  lateMinutes: number;
  earlyCount: number;
  earlyMinutes: number;
  missingPunches: number;
  absent: boolean;
  overtimeMinutes: number;
  /** Leave WeCom knows about that day (sp_items 请假), as a share of the day: 0, 0.5, 1. */
  leaveShare: number;
  /** Approved leave that day (from WeCom sp_items or our own requests). */
  onLeave: boolean;
  source: 'wecom' | 'seed';
  fetchedAt: Date;
}

const punchSchema = new Schema<Punch>({ kind: { type: String, enum: ['on', 'off'], required: true }, scheduledAt: Date, at: Date, exception: String }, { _id: false });

const attendanceSchema = new Schema<AttendanceDay>(
  {
    userid: { type: String, required: true },
    date: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    tracked: { type: Boolean, default: true },
    workday: { type: Boolean, required: true },
    punches: { type: [punchSchema], default: [] },
    lateCount: { type: Number, default: 0, min: 0 },
    lateMinutes: { type: Number, default: 0, min: 0 },
    earlyCount: { type: Number, default: 0, min: 0 },
    earlyMinutes: { type: Number, default: 0, min: 0 },
    missingPunches: { type: Number, default: 0, min: 0 },
    absent: { type: Boolean, default: false },
    overtimeMinutes: { type: Number, default: 0, min: 0 },
    leaveShare: { type: Number, default: 0, min: 0, max: 1 },
    onLeave: { type: Boolean, default: false },
    source: { type: String, enum: ['wecom', 'seed'], default: 'wecom' },
    fetchedAt: { type: Date, required: true },
  },
  { timestamps: true },
);
attendanceSchema.index({ userid: 1, date: 1 }, { unique: true });
attendanceSchema.index({ date: 1 });

export const AttendanceDayModel = model<AttendanceDay>('AttendanceDay', attendanceSchema);
