/**
 * Everything the app sends goes through here first. The idempotency `key`
 * makes "send once" a unique insert; a sender claims a message with a lease,
 * so two instances never send the same message twice.
 */
import { Schema, model, type Types } from 'mongoose';

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface OutboxMessage {
  _id: Types.ObjectId;
  key: string;
  channel: 'wecom' | 'wechaty';
  /** WeCom userid or Wechaty contact id: the per-recipient rate limit is keyed on it. */
  recipient: string;
  /** What to send; its shape is owned by bot/outbox (message/send body, card update, Wechaty text). */
  kind: string;
  payload: Record<string, unknown>;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  leaseOwner?: string | undefined;
  leaseUntil?: Date | undefined;
  sentAt?: Date | undefined;
  result?: Record<string, unknown> | undefined;
  lastError?: string | undefined;
  createdAt?: Date;
}

const outboxSchema = new Schema<OutboxMessage>(
  {
    key: { type: String, required: true },
    channel: { type: String, enum: ['wecom', 'wechaty'], default: 'wecom' },
    recipient: { type: String, required: true },
    kind: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, required: true },
    status: { type: String, enum: OUTBOX_STATUSES, default: 'pending' },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    leaseOwner: String,
    leaseUntil: Date,
    sentAt: Date,
    result: Schema.Types.Mixed,
    lastError: String,
  },
  { timestamps: true, minimize: false },
);
outboxSchema.index({ key: 1 }, { unique: true });
outboxSchema.index({ status: 1, nextAttemptAt: 1 });
outboxSchema.index({ recipient: 1, sentAt: -1 });
// The order check: older messages to one recipient still to go.
outboxSchema.index({ recipient: 1, status: 1, createdAt: 1 });

export const OutboxModel = model<OutboxMessage>('Outbox', outboxSchema, 'outbox');
