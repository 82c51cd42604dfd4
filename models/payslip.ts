/**
 * Payslips. Amounts never sit in the database in clear: `sealed` is the
 * AES-256-GCM ciphertext (lib/sealing.ts, key `keys.payslip`) of the slip's
 * lines, and the sealed value names its owner and month, so a blob copied onto
 * another employee's document is refused when opened.
 *
 * A month is replaced atomically: an import writes a new batch, then switches
 * `PayslipMonth.activeBatchId` in one update guarded by the batch it replaces;
 * readers only ever see the active batch; older batches are deleted after.
 */
import { Schema, model, type Types } from 'mongoose';
import { seal, unseal } from '../lib/sealing.js';

/** `YYYY-MM`. */
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * One line of a slip, in the file's order. Money is kept in fen (integer
 * cents) so sums are exact; deductions are negative. A memo line (a column
 * whose header is in brackets, e.g. `（出勤天数）`) is shown as written and is
 * not part of the sum.
 */
export type SlipLine =
  | { readonly name: string; readonly kind: 'money'; readonly cents: number }
  | { readonly name: string; readonly kind: 'memo'; readonly text: string };

/** What is sealed: the owner and month travel inside, so a swapped blob is detected. */
export interface SlipContent {
  readonly v: 1;
  readonly userid: string;
  readonly month: string;
  readonly lines: readonly SlipLine[];
  /** 实发工资, in fen. */
  readonly netCents: number;
}

export interface Payslip {
  _id: Types.ObjectId;
  userid: string;
  month: string;
  batchId: Types.ObjectId;
  /** base64(iv ‖ tag ‖ ciphertext) of a `SlipContent`. */
  sealed: string;
  /** When the employee pressed 确认无误 (for this batch). */
  acknowledgedAt?: Date | undefined;
  createdAt?: Date;
}

const payslipSchema = new Schema<Payslip>(
  {
    userid: { type: String, required: true },
    month: { type: String, required: true, match: MONTH },
    batchId: { type: Schema.Types.ObjectId, required: true },
    sealed: { type: String, required: true },
    acknowledgedAt: Date,
  },
  { timestamps: true },
);
payslipSchema.index({ batchId: 1, userid: 1 }, { unique: true });
payslipSchema.index({ userid: 1, month: 1 });
payslipSchema.index({ month: 1, batchId: 1, createdAt: 1 });

export const PayslipModel = model<Payslip>('Payslip', payslipSchema);

export interface PayslipMonth {
  month: string;
  activeBatchId: Types.ObjectId;
  /** Line item names in the file's order (not sensitive). */
  itemOrder: string[];
  employeeCount: number;
  importedBy: string;
  importedAt: Date;
  /** Set by 发布: employees see only published months. */
  publishedAt?: Date | undefined;
  /** The batch employees were last notified about (a re-import after publishing is a correction). */
  publishedBatchId?: Types.ObjectId | undefined;
  publishedBy?: string | undefined;
}

const payslipMonthSchema = new Schema<PayslipMonth>(
  {
    month: { type: String, required: true, match: MONTH },
    activeBatchId: { type: Schema.Types.ObjectId, required: true },
    itemOrder: { type: [String], default: [] },
    employeeCount: { type: Number, required: true },
    importedBy: { type: String, required: true },
    importedAt: { type: Date, required: true },
    publishedAt: Date,
    publishedBatchId: Schema.Types.ObjectId,
    publishedBy: String,
  },
  { timestamps: true },
);
payslipMonthSchema.index({ month: 1 }, { unique: true });

export const PayslipMonthModel = model<PayslipMonth>('PayslipMonth', payslipMonthSchema);

/**
 * What employees said about a slip: 确认无误, or a question for HR. The
 * question is free text that may well quote figures, so it is sealed too.
 */
export interface PayslipFeedback {
  _id: Types.ObjectId;
  userid: string;
  month: string;
  batchId: Types.ObjectId;
  kind: 'ack' | 'question';
  /** Sealed `{ userid, month, text }` for questions. */
  sealedText?: string | undefined;
  at: Date;
}

const feedbackSchema = new Schema<PayslipFeedback>(
  {
    userid: { type: String, required: true },
    month: { type: String, required: true, match: MONTH },
    batchId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: ['ack', 'question'], required: true },
    sealedText: String,
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
feedbackSchema.index({ month: 1, userid: 1, at: -1 });

export const PayslipFeedbackModel = model<PayslipFeedback>('PayslipFeedback', feedbackSchema, 'payslipfeedback');

// ---------------------------------------------------------------------------
// Sealing

export class SlipMismatchError extends Error {
  override readonly name = 'SlipMismatchError';
}

export function sealSlip(key: Buffer, content: Omit<SlipContent, 'v'>): string {
  return seal(key, { v: 1, ...content } satisfies SlipContent);
}

/** Opens a slip and checks it belongs where it was found (throws SealError / SlipMismatchError). */
export function openSlip(key: Buffer, doc: Pick<Payslip, 'userid' | 'month' | 'sealed'>): SlipContent {
  const content = unseal<SlipContent>(key, doc.sealed);
  if (content.v !== 1 || content.userid !== doc.userid || content.month !== doc.month || !Array.isArray(content.lines)) {
    throw new SlipMismatchError('payslip content does not belong to this document');
  }
  return content;
}

export function sealQuestion(key: Buffer, userid: string, month: string, text: string): string {
  return seal(key, { userid, month, text });
}

export function openQuestion(key: Buffer, f: Pick<PayslipFeedback, 'userid' | 'month' | 'sealedText'>): string | undefined {
  if (!f.sealedText) return undefined;
  const q = unseal<{ userid?: unknown; month?: unknown; text?: unknown }>(key, f.sealedText);
  return q.userid === f.userid && q.month === f.month && typeof q.text === 'string' ? q.text : undefined;
}

// ---------------------------------------------------------------------------
// Domain queries: readers only see the active batch.

/** The active slip of `userid` for `month`, if the month exists and the person is in it. */
export async function activeSlip(userid: string, month: string, opts: { publishedOnly: boolean }): Promise<{ slip: Payslip; month: PayslipMonth } | undefined> {
  const m = await PayslipMonthModel.findOne({ month }).lean();
  if (!m || (opts.publishedOnly && !m.publishedAt)) return undefined;
  const slip = await PayslipModel.findOne({ userid, month, batchId: m.activeBatchId }).lean();
  return slip ? { slip, month: m } : undefined;
}

/** Months (newest first) in which `userid` has a slip in the active batch. */
export async function monthsWithSlip(userid: string, opts: { publishedOnly: boolean }): Promise<string[]> {
  const months = await PayslipMonthModel.find(opts.publishedOnly ? { publishedAt: { $exists: true, $ne: null } } : {}, { month: 1, activeBatchId: 1 }).lean();
  if (months.length === 0) return [];
  const mine = await PayslipModel.find({ userid, batchId: { $in: months.map((m) => m.activeBatchId) } }, { month: 1 }).lean();
  return [...new Set(mine.map((s) => s.month))].sort().reverse();
}

/** For the HR pages: the month's people, acknowledgements and question counts. */
export async function monthRoster(month: string): Promise<Array<{ userid: string; acknowledged: boolean; questions: number }> | undefined> {
  const m = await PayslipMonthModel.findOne({ month }).lean();
  if (!m) return undefined;
  const slips = await PayslipModel.find({ month, batchId: m.activeBatchId }, { userid: 1, acknowledgedAt: 1 }).sort({ userid: 1 }).lean();
  const qs = await PayslipFeedbackModel.find({ month, kind: 'question' }, { userid: 1 }).lean();
  const count = new Map<string, number>();
  for (const q of qs) count.set(q.userid, (count.get(q.userid) ?? 0) + 1);
  return slips.map((s) => ({ userid: s.userid, acknowledged: Boolean(s.acknowledgedAt), questions: count.get(s.userid) ?? 0 }));
}
