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
  /**
   * How this answer counts in the overall: `rated` (a content score), `insufficient_data`
   * (quality gate: too short, silent, unintelligible …), `not_rated` (no transcript: no ASR
   * configured, or it failed), `missing` (no final answer), `human_review` (the candidate
   * chose a human-only review: nothing was scored). Absent on reports written before it existed.
   */
  outcome?: 'rated' | 'insufficient_data' | 'not_rated' | 'missing' | 'human_review' | undefined;
  /** The answer's share of the interview overall after renormalising over rated answers (0 when not counted). */
  weight?: number | undefined;
  /** What the answer was: a recording's kind, a typed text, or nothing. */
  kind?: 'video' | 'audio' | 'text' | 'missing' | undefined;
}

/** How the interview overall was computed, shown to HR next to the number. */
export interface OverallBasis {
  /** Questions of the job, rated answers, and the fewest rated answers an overall needs. */
  total: number;
  rated: number;
  minRated: number;
  /** Answers left out of the mean, with why. */
  excluded: Array<{ questionId: string; outcome: string }>;
  method: 'mean_of_rated' | 'none';
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
  /** `human` when the candidate chose a human-only review: no AI score exists in the report. */
  reviewMode?: 'ai' | 'human' | undefined;
  overallBasis?: OverallBasis | undefined;
  /** Fencing token: the ScoreJob claim that wrote this report; a lower claim never overwrites a higher one. */
  fence?: number | undefined;
  /** The worker instance that wrote it. */
  producedBy?: string | undefined;
  createdAt?: Date;
  updatedAt?: Date;
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
        outcome: { type: String, enum: ['rated', 'insufficient_data', 'not_rated', 'missing', 'human_review'] },
        weight: Number,
        kind: { type: String, enum: ['video', 'audio', 'text', 'missing'] },
      }, { _id: false, minimize: false })],
      default: [],
    },
    flags: { type: [String], default: [] },
    scorerVersion: { type: String, required: true },
    reviewMode: { type: String, enum: ['ai', 'human'] },
    overallBasis: { type: Schema.Types.Mixed },
    fence: Number,
    producedBy: String,
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
  /** `report` when a report was written; `skipped` when there was nothing to score (deleted, not a video interview …). */
  outcome?: 'report' | 'skipped' | undefined;
  /** Why it was skipped, in Chinese, for HR and the logs. */
  note?: string | undefined;
  createdAt?: Date;
  updatedAt?: Date;
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
    outcome: { type: String, enum: ['report', 'skipped'] },
    note: String,
  },
  { timestamps: true },
);
scoreJobSchema.index({ interviewId: 1 }, { unique: true });
scoreJobSchema.index({ status: 1, nextRunAt: 1 });

export const ScoreJobModel = model<ScoreJob>('ScoreJob', scoreJobSchema);
