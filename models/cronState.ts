/**
 * The last run of each scheduled job, for /healthz and the admin page.
 */
import { Schema, model } from 'mongoose';

export interface CronState {
  _id: string;
  lastStartedAt?: Date | undefined;
  lastFinishedAt?: Date | undefined;
  lastDurationMs?: number | undefined;
  lastOutcome?: 'ok' | 'error' | 'timeout' | undefined;
  lastError?: string | undefined;
  lastInstance?: string | undefined;
  runs: number;
  failures: number;
}

const cronStateSchema = new Schema<CronState>(
  {
    _id: { type: String, required: true },
    lastStartedAt: Date,
    lastFinishedAt: Date,
    lastDurationMs: Number,
    lastOutcome: { type: String, enum: ['ok', 'error', 'timeout'] },
    lastError: String,
    lastInstance: String,
    runs: { type: Number, default: 0 },
    failures: { type: Number, default: 0 },
  },
  { versionKey: false },
);

export const CronStateModel = model<CronState>('CronState', cronStateSchema, 'cronstate');
