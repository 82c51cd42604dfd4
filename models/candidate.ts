/**
 * A candidate (候选人): outside the company, reached through a channel HR picks.
 */
import { Schema, model, type Types } from 'mongoose';

export interface Candidate {
  _id: Types.ObjectId;
  name: string;
  /** Mainland mobile, digits only (`13812345678`); `deleted-<id>` once the candidate's data was deleted. */
  phone: string;
  email?: string | undefined;
  /** How the invitation reaches them: HR forwards it, or the optional Wechaty bot. */
  channel: { kind: 'forward' } | { kind: 'wechaty'; contactId: string };
  /** An optional group HR chooses for the fairness check (e.g. 校招/社招); never inferred. */
  group?: string | undefined;
  createdBy: string;
  deletionRequestedAt?: Date | undefined;
  deletedAt?: Date | undefined;
  createdAt?: Date;
}

const candidateSchema = new Schema<Candidate>(
  {
    name: { type: String, required: true, trim: true, maxlength: 64 },
    phone: { type: String, required: true, match: /^(1\d{10}|deleted-[0-9a-f]{24})$/ },
    email: String,
    channel: { type: Schema.Types.Mixed, default: { kind: 'forward' } },
    group: String,
    createdBy: { type: String, required: true },
    deletionRequestedAt: Date,
    deletedAt: Date,
  },
  { timestamps: true },
);
candidateSchema.index({ phone: 1 }, { unique: true });
candidateSchema.index({ name: 1 });
candidateSchema.index({ 'channel.contactId': 1 }, { sparse: true });

export const CandidateModel = model<Candidate>('Candidate', candidateSchema);
