/**
 * Leave types (假期类型). Codes are the NLU slot values; wording is Chinese.
 * `requiresBalance` decides whether a request is checked against the ledger.
 */
import { Schema, model } from 'mongoose';

export const LEAVE_TYPE_CODES = [
  'annual', 'sick', 'personal', 'compensatory', 'marriage', 'maternity', 'paternity', 'bereavement',
] as const;
export type LeaveTypeCode = (typeof LEAVE_TYPE_CODES)[number];

export function isLeaveTypeCode(s: string): s is LeaveTypeCode {
  return (LEAVE_TYPE_CODES as readonly string[]).includes(s);
}

export interface LeaveType {
  code: LeaveTypeCode;
  name: string;
  /** Smallest bookable unit. */
  unit: 'day' | 'half-day' | 'hour';
  paid: boolean;
  requiresBalance: boolean;
  /** Days allocated per year by default (the import can override per employee). */
  annualQuota: number;
  /** How many days back a request may start (sick leave is often filed afterwards). */
  backdateDays: number;
  /** Longest span one request may cover, in calendar days. */
  maxSpanDays: number;
  /** WeCom 假期 id when balances come from WeCom (`LEAVE_BALANCE_SOURCE=wecom`). */
  wecomVacationId?: number | undefined;
  active: boolean;
}

const leaveTypeSchema = new Schema<LeaveType>(
  {
    code: { type: String, enum: LEAVE_TYPE_CODES, required: true },
    name: { type: String, required: true },
    unit: { type: String, enum: ['day', 'half-day', 'hour'], default: 'half-day' },
    paid: { type: Boolean, required: true },
    requiresBalance: { type: Boolean, required: true },
    annualQuota: { type: Number, min: 0, default: 0 },
    backdateDays: { type: Number, min: 0, default: 0 },
    maxSpanDays: { type: Number, min: 1, default: 30 },
    wecomVacationId: Number,
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);
leaveTypeSchema.index({ code: 1 }, { unique: true });

export const LeaveTypeModel = model<LeaveType>('LeaveType', leaveTypeSchema);

/** The default catalogue, following common Chinese practice and statutory minimums. */
export const DEFAULT_LEAVE_TYPES: readonly LeaveType[] = [
  { code: 'annual', name: '年假', unit: 'half-day', paid: true, requiresBalance: true, annualQuota: 5, backdateDays: 0, maxSpanDays: 30, active: true },
  { code: 'sick', name: '病假', unit: 'half-day', paid: true, requiresBalance: false, annualQuota: 0, backdateDays: 3, maxSpanDays: 60, active: true },
  { code: 'personal', name: '事假', unit: 'half-day', paid: false, requiresBalance: false, annualQuota: 0, backdateDays: 0, maxSpanDays: 15, active: true },
  { code: 'compensatory', name: '调休', unit: 'half-day', paid: true, requiresBalance: true, annualQuota: 0, backdateDays: 0, maxSpanDays: 15, active: true },
  { code: 'marriage', name: '婚假', unit: 'day', paid: true, requiresBalance: true, annualQuota: 3, backdateDays: 0, maxSpanDays: 30, active: true },
  { code: 'maternity', name: '产假', unit: 'day', paid: true, requiresBalance: true, annualQuota: 0, backdateDays: 0, maxSpanDays: 200, active: true },
  { code: 'paternity', name: '陪产假', unit: 'day', paid: true, requiresBalance: true, annualQuota: 0, backdateDays: 0, maxSpanDays: 30, active: true },
  { code: 'bereavement', name: '丧假', unit: 'day', paid: true, requiresBalance: true, annualQuota: 3, backdateDays: 3, maxSpanDays: 10, active: true },
];

export function leaveTypeName(code: LeaveTypeCode): string {
  return DEFAULT_LEAVE_TYPES.find((t) => t.code === code)?.name ?? code;
}
