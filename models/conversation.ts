/**
 * Per-user conversation state. `state` is owned by the flow engine (a JSON
 * value it validates itself). `formExpiresAt` marks when an idle form lapses:
 * the engine tells the user the next time they write. The TTL on `expiresAt`
 * only purges long-abandoned documents.
 */
import { Schema, model } from 'mongoose';

export interface Conversation {
  /** Channel-qualified user key: `wecom:<userid>`, `wechaty:<contactId>`, `console:<userid>`. */
  key: string;
  state: Record<string, unknown>;
  /** Optimistic concurrency: every save is guarded by the version it read. */
  version: number;
  formExpiresAt?: Date | undefined;
  expiresAt: Date;
  updatedAt?: Date;
}

const conversationSchema = new Schema<Conversation>(
  {
    key: { type: String, required: true },
    state: { type: Schema.Types.Mixed, default: {} },
    version: { type: Number, default: 0 },
    formExpiresAt: Date,
    expiresAt: { type: Date, required: true },
  },
  { timestamps: { createdAt: false, updatedAt: true }, minimize: false },
);
conversationSchema.index({ key: 1 }, { unique: true });
conversationSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const ConversationModel = model<Conversation>('Conversation', conversationSchema);
