/**
 * Every inbound event (WeCom callback, Wechaty, console) is stored here before
 * the sender is answered. The unique `key` makes a retried callback a no-op
 * across instances and restarts; the TTL purges old ones. `status` lets a
 * restarted instance pick up events that were stored but not handled.
 */
import { Schema, model, type Types } from 'mongoose';

export interface InboundEventRecord {
  _id: Types.ObjectId;
  key: string;
  channel: 'wecom' | 'wechaty' | 'console';
  /** Who the per-user serial queue is keyed on. */
  userKey: string;
  type: string;
  payload: Record<string, unknown>;
  status: 'received' | 'processing' | 'done' | 'failed';
  attempts: number;
  leaseUntil?: Date | undefined;
  lastError?: string | undefined;
  receivedAt: Date;
  processedAt?: Date | undefined;
  expiresAt: Date;
}

const inboundSchema = new Schema<InboundEventRecord>(
  {
    key: { type: String, required: true },
    channel: { type: String, enum: ['wecom', 'wechaty', 'console'], required: true },
    userKey: { type: String, required: true },
    type: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, required: true },
    status: { type: String, enum: ['received', 'processing', 'done', 'failed'], default: 'received' },
    attempts: { type: Number, default: 0 },
    leaseUntil: Date,
    lastError: String,
    receivedAt: { type: Date, required: true },
    processedAt: Date,
    expiresAt: { type: Date, required: true },
  },
  { minimize: false },
);
inboundSchema.index({ key: 1 }, { unique: true });
inboundSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
inboundSchema.index({ status: 1, receivedAt: 1 });

export const InboundEventModel = model<InboundEventRecord>('InboundEvent', inboundSchema);
