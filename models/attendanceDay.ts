/**
 * One employee's attendance for one day, cached from WeCom 打卡
 * (`checkin/getcheckin_daydata` + `getcheckindata`) so repeated questions do
 * not hit the API. `fetchedAt` lets a reader decide whether to refresh today.
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
  /** WeCom day_type: 0 workday, 1 rest day. */
  workday: boolean;
  punches: Punch[];
  lateMinutes: number;
  earlyMinutes: number;
  missingPunches: number;
  absent: boolean;
  overtimeMinutes: number;
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
    workday: { type: Boolean, required: true },
    punches: { type: [punchSchema], default: [] },
    lateMinutes: { type: Number, default: 0, min: 0 },
    earlyMinutes: { type: Number, default: 0, min: 0 },
    missingPunches: { type: Number, default: 0, min: 0 },
    absent: { type: Boolean, default: false },
    overtimeMinutes: { type: Number, default: 0, min: 0 },
    onLeave: { type: Boolean, default: false },
    source: { type: String, enum: ['wecom', 'seed'], default: 'wecom' },
    fetchedAt: { type: Date, required: true },
  },
  { timestamps: true },
);
attendanceSchema.index({ userid: 1, date: 1 }, { unique: true });
attendanceSchema.index({ date: 1 });

export const AttendanceDayModel = model<AttendanceDay>('AttendanceDay', attendanceSchema);
