/**
 * A leave request and its life. Status moves only through guarded atomic updates
 * (`findOneAndUpdate({_id, status: 'pending'}, …)`), so a double click, a retried
 * callback or two instances can never apply a decision twice.
 */
import { Schema, model, type Types } from 'mongoose';
import { LEAVE_TYPE_CODES, type LeaveTypeCode } from './leaveType.js';

export const LEAVE_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn', 'cancelled'] as const;
/**
 * pending → approved | rejected | withdrawn (by the employee before a decision);
 * approved → cancelled (a future approved leave called off; the balance comes back).
 */
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];

export interface LeaveRequest {
  _id: Types.ObjectId;
  userid: string;
  leaveType: LeaveTypeCode;
  start: string;
  startPeriod?: 'am' | 'pm' | undefined;
  end: string;
  endPeriod?: 'am' | 'pm' | undefined;
  /** Working days, computed with the holiday calendar at submission. */
  days: number;
  reason?: string | undefined;
  status: LeaveStatus;
  approverUserid: string;
  approvalMode: 'local' | 'wecom';
  /** WeCom 审批 number when `approvalMode` is `wecom`. */
  spNo?: string | undefined;
  /**
   * Every approval card sent for this request (the approver's, a reminder's, HR's
   * after escalation), so a decision can update all of them in place.
   */
  cards: Array<{ taskId: string; userid: string; outboxKey: string }>;
  /** The conversation turn that created it: a replayed turn finds it instead of creating a twin. */
  sourceKey?: string | undefined;
  decidedBy?: string | undefined;
  decidedAt?: Date | undefined;
  decisionNote?: string | undefined;
  channel: string;
  remindedAt?: Date | undefined;
  escalatedAt?: Date | undefined;
  createdAt: Date;
  updatedAt: Date;
}

const requestSchema = new Schema<LeaveRequest>(
  {
    userid: { type: String, required: true },
    leaveType: { type: String, enum: LEAVE_TYPE_CODES, required: true },
    start: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    startPeriod: { type: String, enum: ['am', 'pm'] },
    end: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    endPeriod: { type: String, enum: ['am', 'pm'] },
    days: { type: Number, required: true, min: 0.5 },
    reason: { type: String, maxlength: 500 },
    status: { type: String, enum: LEAVE_STATUSES, required: true, default: 'pending' },
    approverUserid: { type: String, required: true },
    approvalMode: { type: String, enum: ['local', 'wecom'], default: 'local' },
    spNo: String,
    cards: { type: [new Schema({ taskId: String, userid: String, outboxKey: String }, { _id: false })], default: [] },
    sourceKey: String,
    decidedBy: String,
    decidedAt: Date,
    decisionNote: { type: String, maxlength: 500 },
    channel: { type: String, default: 'wecom' },
    remindedAt: Date,
    escalatedAt: Date,
  },
  { timestamps: true },
);
requestSchema.index({ userid: 1, status: 1, start: 1 });
requestSchema.index({ status: 1, createdAt: 1 });
requestSchema.index({ approverUserid: 1, status: 1 });
requestSchema.index({ sourceKey: 1 }, { unique: true, partialFilterExpression: { sourceKey: { $type: 'string' } } });
requestSchema.index({ spNo: 1 }, { unique: true, partialFilterExpression: { spNo: { $type: 'string' } } });

export const LeaveRequestModel = model<LeaveRequest>('LeaveRequest', requestSchema);
