/**
 * An interview: a one-way video interview on the candidate page, or an onsite /
 * online meeting at a time and place. Reminders are stamped with the time they
 * went out, set by a guarded update, so several schedulers send each only once.
 */
import { Schema, model, type Types } from 'mongoose';

export const INTERVIEW_STATUSES = [
  'scheduled', 'confirmed', 'declined', 'cancelled', 'in_progress', 'completed', 'no_show',
] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];
export type InterviewKind = 'video' | 'onsite' | 'online';
export type ReminderKey = 'candidate24h' | 'candidate1h' | 'interviewer24h' | 'interviewer1h' | 'hrUnconfirmed' | 'heldCheck';
/** How the invitation reaches the candidate: HR forwards the text, or the Wechaty bot sends it. */
export type InviteChannel = 'forward' | 'wechaty';
/** Who moved an interview to its current state. */
export type InterviewActor = 'hr' | 'candidate' | 'interviewer' | 'system';

export interface Consent {
  version: string;
  at: Date;
  /** `human` = the candidate asked for a human-only review: AI scores stay hidden. */
  review: 'ai' | 'human';
}

export interface IntegrityEvent {
  at: Date;
  kind: 'page_hidden' | 'tab_switched' | 'paste' | 'blur' | 'text_fallback';
  questionId?: string | undefined;
  detail?: string | undefined;
}

export interface Interview {
  _id: Types.ObjectId;
  candidateId: Types.ObjectId;
  jobId: Types.ObjectId;
  kind: InterviewKind;
  startAt: Date;
  endAt: Date;
  location?: string | undefined;
  interviewerUserid: string;
  /** The HR owner who scheduled it and receives the report. */
  hrUserid: string;
  status: InterviewStatus;
  candidateConfirmedAt?: Date | undefined;
  wecomScheduleId?: string | undefined;
  /** Bumped to revoke every link issued before. */
  linkVersion: number;
  reminders: Partial<Record<ReminderKey, Date>>;
  consent?: Consent | undefined;
  /** Recording impossible on the device: answers typed instead (HR is told). */
  textFallback: boolean;
  integrity: IntegrityEvent[];
  startedAt?: Date | undefined;
  completedAt?: Date | undefined;
  decision?: { value: 'advance' | 'reject' | 'hold'; reason: string; by: string; at: Date } | undefined;
  deletionRequestedAt?: Date | undefined;
  purgedAt?: Date | undefined;
  /** The chat turn that created it (idempotency: a replayed turn finds its own interview). */
  sourceKey?: string | undefined;
  inviteChannel?: InviteChannel | undefined;
  /** When the current slot was set; reminders due before this moment are skipped, not sent late. */
  slotSetAt?: Date | undefined;
  /** Reschedules the candidate asked for (the policy caps them). */
  rescheduleCount?: number | undefined;
  /** Why it was declined, cancelled or marked no-show, in the words of whoever did it. */
  statusNote?: string | undefined;
  statusBy?: InterviewActor | undefined;
  statusAt?: Date | undefined;
  /** The interviewer said it took place (onsite / online). */
  heldConfirmedAt?: Date | undefined;
  /** The last calendar sync failure (shown to HR), cleared on success. */
  calendarError?: string | undefined;
  createdAt?: Date;
  updatedAt?: Date;
}

const interviewSchema = new Schema<Interview>(
  {
    candidateId: { type: Schema.Types.ObjectId, required: true, ref: 'Candidate' },
    jobId: { type: Schema.Types.ObjectId, required: true, ref: 'Job' },
    kind: { type: String, enum: ['video', 'onsite', 'online'], required: true },
    startAt: { type: Date, required: true },
    endAt: { type: Date, required: true },
    location: String,
    interviewerUserid: { type: String, required: true },
    hrUserid: { type: String, required: true },
    status: { type: String, enum: INTERVIEW_STATUSES, default: 'scheduled' },
    candidateConfirmedAt: Date,
    wecomScheduleId: String,
    linkVersion: { type: Number, default: 1 },
    reminders: { type: Schema.Types.Mixed, default: {} },
    consent: { type: new Schema<Consent>({ version: String, at: Date, review: { type: String, enum: ['ai', 'human'] } }, { _id: false }) },
    textFallback: { type: Boolean, default: false },
    integrity: {
      type: [new Schema<IntegrityEvent>({ at: Date, kind: String, questionId: String, detail: String }, { _id: false })],
      default: [],
    },
    startedAt: Date,
    completedAt: Date,
    decision: { type: Schema.Types.Mixed },
    deletionRequestedAt: Date,
    purgedAt: Date,
    sourceKey: String,
    inviteChannel: { type: String, enum: ['forward', 'wechaty'], default: 'forward' },
    slotSetAt: Date,
    rescheduleCount: { type: Number, default: 0 },
    statusNote: { type: String, maxlength: 500 },
    statusBy: { type: String, enum: ['hr', 'candidate', 'interviewer', 'system'] },
    statusAt: Date,
    heldConfirmedAt: Date,
    calendarError: String,
  },
  { timestamps: true, minimize: false },
);
interviewSchema.index({ interviewerUserid: 1, startAt: 1 });
interviewSchema.index({ candidateId: 1, startAt: -1 });
interviewSchema.index({ jobId: 1, status: 1 });
interviewSchema.index({ status: 1, startAt: 1 });

export const InterviewModel = model<Interview>('Interview', interviewSchema);
