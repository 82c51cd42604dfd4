/**
 * The leave ledger. One account per (employee, leave type) holds the balance and
 * the entries that produced it, in one document, so every change is a single
 * atomic update: `$inc` the balance and `$push` the entry, guarded by "this entry
 * key is not there yet" (idempotent) and, for usages, "the balance covers it".
 * No multi-document transaction is needed.
 */
import { Schema, model } from 'mongoose';
import { LEAVE_TYPE_CODES, type LeaveTypeCode } from './leaveType.js';

export const LEDGER_KINDS = ['allocation', 'usage', 'restore', 'adjustment'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export interface LedgerEntry {
  /** Idempotency key, unique within the account: `usage:<requestId>`, `import:<file hash>` … */
  key: string;
  kind: LedgerKind;
  /** Signed change in days: usages are negative. */
  days: number;
  at: Date;
  by: string;
  requestId?: string | undefined;
  note?: string | undefined;
}

export interface LeaveAccount {
  userid: string;
  leaveType: LeaveTypeCode;
  balance: number;
  entries: LedgerEntry[];
  updatedAt?: Date;
}

const entrySchema = new Schema<LedgerEntry>(
  {
    key: { type: String, required: true },
    kind: { type: String, enum: LEDGER_KINDS, required: true },
    days: { type: Number, required: true },
    at: { type: Date, required: true },
    by: { type: String, required: true },
    requestId: String,
    note: String,
  },
  { _id: false },
);

const accountSchema = new Schema<LeaveAccount>(
  {
    userid: { type: String, required: true },
    leaveType: { type: String, enum: LEAVE_TYPE_CODES, required: true },
    balance: { type: Number, required: true, default: 0 },
    entries: { type: [entrySchema], default: [] },
  },
  { timestamps: { createdAt: false, updatedAt: true } },
);
accountSchema.index({ userid: 1, leaveType: 1 }, { unique: true });

export const LeaveAccountModel = model<LeaveAccount>('LeaveAccount', accountSchema);
