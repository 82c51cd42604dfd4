/**
 * A job opening (岗位) with its question bank for the one-way video interview.
 */
import { Schema, model, type Types } from 'mongoose';

export interface JobQuestion {
  /** Stable id within the job (`q1`, `q2` …); recordings refer to it. */
  id: string;
  text: string;
  competency: string;
  keyPoints: string[];
  idealAnswer?: string | undefined;
  thinkSec: number;
  answerSec: number;
  retakes: number;
}

export interface Job {
  _id: Types.ObjectId;
  /** Short code HR uses in chat and CSV (`PM-2026`). */
  code: string;
  title: string;
  department: string;
  description: string;
  status: 'open' | 'closed';
  questions: JobQuestion[];
  ownerUserid?: string | undefined;
  createdAt?: Date;
}

const questionSchema = new Schema<JobQuestion>(
  {
    id: { type: String, required: true, match: /^[A-Za-z0-9_-]{1,32}$/ },
    text: { type: String, required: true, maxlength: 500 },
    competency: { type: String, required: true },
    keyPoints: { type: [String], default: [] },
    idealAnswer: { type: String, maxlength: 4000 },
    thinkSec: { type: Number, min: 0, max: 600, default: 30 },
    answerSec: { type: Number, min: 10, max: 600, default: 120 },
    retakes: { type: Number, min: 0, max: 5, default: 1 },
  },
  { _id: false },
);

const jobSchema = new Schema<Job>(
  {
    code: { type: String, required: true, trim: true },
    title: { type: String, required: true, trim: true },
    department: { type: String, default: '' },
    description: { type: String, default: '' },
    status: { type: String, enum: ['open', 'closed'], default: 'open' },
    questions: {
      type: [questionSchema],
      default: [],
      validate: {
        validator: (qs: JobQuestion[]) => new Set(qs.map((q) => q.id)).size === qs.length,
        message: '题目编号不能重复',
      },
    },
    ownerUserid: String,
  },
  { timestamps: true },
);
jobSchema.index({ code: 1 }, { unique: true });
jobSchema.index({ title: 1 });

export const JobModel = model<Job>('Job', jobSchema);
