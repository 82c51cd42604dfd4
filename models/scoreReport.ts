/**
 * The scorer's output for one interview, plus HR's own ratings beside it. It is
 * advice: HR decides (the decision lives on the Interview and is audited).
 */
import { Schema, model, type Types } from 'mongoose';

export interface AnswerReport {
  questionId: string;
  recordingId?: Types.ObjectId | undefined;
  /** Null when the answer had too little to rate (`insufficient_data`). */
  overall: number | null;
  contentRated: boolean;
  /** Scores, evidence and figures exactly as the scorer produced them. */
  analysis: Record<string, unknown>;
  flags: string[];
  humanRating?: { score: number; note?: string | undefined; by: string; at: Date } | undefined;
}

export interface ScoreReport {
  _id: Types.ObjectId;
  interviewId: Types.ObjectId;
  jobId: Types.ObjectId;
  candidateId: Types.ObjectId;
  overall: number | null;
  weights: Record<string, number>;
  answers: AnswerReport[];
  flags: string[];
  scorerVersion: string;
  createdAt?: Date;
}

const reportSchema = new Schema<ScoreReport>(
  {
    interviewId: { type: Schema.Types.ObjectId, required: true, ref: 'Interview' },
    jobId: { type: Schema.Types.ObjectId, required: true, ref: 'Job' },
    candidateId: { type: Schema.Types.ObjectId, required: true, ref: 'Candidate' },
    overall: { type: Number, default: null },
    weights: { type: Schema.Types.Mixed, default: {} },
    answers: {
      type: [new Schema<AnswerReport>({
        questionId: { type: String, required: true },
        recordingId: Schema.Types.ObjectId,
        overall: { type: Number, default: null },
        contentRated: { type: Boolean, required: true },
        analysis: { type: Schema.Types.Mixed, default: {} },
        flags: { type: [String], default: [] },
        humanRating: { type: new Schema({ score: Number, note: String, by: String, at: Date }, { _id: false }) },
      }, { _id: false, minimize: false })],
      default: [],
    },
    flags: { type: [String], default: [] },
    scorerVersion: { type: String, required: true },
  },
  { timestamps: true, minimize: false },
);
reportSchema.index({ interviewId: 1 }, { unique: true });
reportSchema.index({ jobId: 1, overall: -1 });

export const ScoreReportModel = model<ScoreReport>('ScoreReport', reportSchema);

/**
 * A scoring job, claimed by a worker with a lease (`leaseUntil`); a crashed
 * worker's job is picked up again once the lease expires.
 */
export interface ScoreJob {
  _id: Types.ObjectId;
  interviewId: Types.ObjectId;
  status: 'queued' | 'running' | 'done' | 'failed';
  attempts: number;
  nextRunAt: Date;
  leaseOwner?: string | undefined;
  leaseUntil?: Date | undefined;
  lastError?: string | undefined;
  finishedAt?: Date | undefined;
}

const scoreJobSchema = new Schema<ScoreJob>(
  {
    interviewId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: ['queued', 'running', 'done', 'failed'], default: 'queued' },
    attempts: { type: Number, default: 0 },
    nextRunAt: { type: Date, required: true },
    leaseOwner: String,
    leaseUntil: Date,
    lastError: String,
    finishedAt: Date,
  },
  { timestamps: true },
);
scoreJobSchema.index({ interviewId: 1 }, { unique: true });
scoreJobSchema.index({ status: 1, nextRunAt: 1 });

export const ScoreJobModel = model<ScoreJob>('ScoreJob', scoreJobSchema);
