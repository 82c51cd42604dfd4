/**
 * Payslips. Amounts never sit in the database in clear: `sealed` is the
 * AES-256-GCM ciphertext of the line items (see lib/sealing.ts). A month is
 * replaced atomically by importing into a new batch and then switching the
 * month's `activeBatchId` in one update; readers only see the active batch.
 */
import { Schema, model, type Types } from 'mongoose';

export interface Payslip {
  userid: string;
  month: string;
  batchId: Types.ObjectId;
  /** base64(iv ‖ tag ‖ ciphertext) of `{ items: [{name, amount}], net }` */
  sealed: string;
  acknowledgedAt?: Date | undefined;
  createdAt?: Date;
}

const payslipSchema = new Schema<Payslip>(
  {
    userid: { type: String, required: true },
    month: { type: String, required: true, match: /^\d{4}-(0[1-9]|1[0-2])$/ },
    batchId: { type: Schema.Types.ObjectId, required: true },
    sealed: { type: String, required: true },
    acknowledgedAt: Date,
  },
  { timestamps: true },
);
payslipSchema.index({ batchId: 1, userid: 1 }, { unique: true });
payslipSchema.index({ userid: 1, month: 1 });

export const PayslipModel = model<Payslip>('Payslip', payslipSchema);

export interface PayslipMonth {
  month: string;
  activeBatchId: Types.ObjectId;
  /** Line item names in the file's order (not sensitive). */
  itemOrder: string[];
  employeeCount: number;
  importedBy: string;
  importedAt: Date;
  publishedAt?: Date | undefined;
}

const payslipMonthSchema = new Schema<PayslipMonth>(
  {
    month: { type: String, required: true, match: /^\d{4}-(0[1-9]|1[0-2])$/ },
    activeBatchId: { type: Schema.Types.ObjectId, required: true },
    itemOrder: { type: [String], default: [] },
    employeeCount: { type: Number, required: true },
    importedBy: { type: String, required: true },
    importedAt: { type: Date, required: true },
    publishedAt: Date,
  },
  { timestamps: true },
);
payslipMonthSchema.index({ month: 1 }, { unique: true });

export const PayslipMonthModel = model<PayslipMonth>('PayslipMonth', payslipMonthSchema);
