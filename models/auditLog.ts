/**
 * The audit trail: who did what, when, from which channel. Written for every
 * state change and every view of sensitive data; never updated.
 */
import { Schema, model } from 'mongoose';

export interface AuditEntry {
  at: Date;
  actor: string;
  actorKind: 'employee' | 'hr' | 'manager' | 'candidate' | 'system';
  action: string;
  subjectKind: string;
  subjectId: string;
  channel: string;
  details?: Record<string, unknown> | undefined;
}

const auditSchema = new Schema<AuditEntry>(
  {
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    actorKind: { type: String, enum: ['employee', 'hr', 'manager', 'candidate', 'system'], required: true },
    action: { type: String, required: true },
    subjectKind: { type: String, required: true },
    subjectId: { type: String, required: true },
    channel: { type: String, required: true },
    details: Schema.Types.Mixed,
  },
  { versionKey: false },
);
auditSchema.index({ subjectKind: 1, subjectId: 1, at: -1 });
auditSchema.index({ actor: 1, at: -1 });
auditSchema.index({ at: -1 });

export const AuditLogModel = model<AuditEntry>('AuditLog', auditSchema, 'auditlog');

export type AuditInput = Omit<AuditEntry, 'at'> & { at?: Date };

/** Appends one audit entry. */
export async function audit(entry: AuditInput): Promise<void> {
  await AuditLogModel.create({ ...entry, at: entry.at ?? new Date() });
}
