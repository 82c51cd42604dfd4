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
  /**
   * The last event whose step was saved, and the actions it still has to
   * perform: saved in the same update as the state, so a crash between saving
   * and sending is finished on redelivery instead of recomputed.
   */
  lastEventKey?: string | undefined;
  pendingActions?: unknown[] | undefined;
  expiresAt: Date;
  updatedAt?: Date;
}

const conversationSchema = new Schema<Conversation>(
  {
    key: { type: String, required: true },
    state: { type: Schema.Types.Mixed, default: {} },
    version: { type: Number, default: 0 },
    formExpiresAt: Date,
    lastEventKey: String,
    pendingActions: { type: [Schema.Types.Mixed], default: undefined },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: { createdAt: false, updatedAt: true }, minimize: false },
);
conversationSchema.index({ key: 1 }, { unique: true });
conversationSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const ConversationModel = model<Conversation>('Conversation', conversationSchema);
