/**
 * One answer to one question: a recording in GridFS (uploaded in chunks, resumable)
 * or a typed text answer when the device cannot record.
 */
import { Schema, model, type Types } from 'mongoose';

export interface Recording {
  _id: Types.ObjectId;
  interviewId: Types.ObjectId;
  questionId: string;
  attempt: number;
  kind: 'video' | 'audio' | 'text';
  status: 'uploading' | 'complete' | 'final' | 'rejected';
  mimeType?: string | undefined;
  /** Bytes received so far; the client resumes from here. */
  receivedBytes: number;
  /** Temporary chunk files until the upload completes; then the GridFS file. */
  gridfsId?: Types.ObjectId | undefined;
  sizeBytes?: number | undefined;
  durationSec?: number | undefined;
  streams?: { audio: boolean; video: boolean } | undefined;
  text?: string | undefined;
  transcript?: string | undefined;
  rejectReason?: string | undefined;
  purgedAt?: Date | undefined;
  createdAt?: Date;
  updatedAt?: Date;
}

const recordingSchema = new Schema<Recording>(
  {
    interviewId: { type: Schema.Types.ObjectId, required: true, ref: 'Interview' },
    questionId: { type: String, required: true },
    attempt: { type: Number, required: true, min: 0 },
    kind: { type: String, enum: ['video', 'audio', 'text'], required: true },
    status: { type: String, enum: ['uploading', 'complete', 'final', 'rejected'], default: 'uploading' },
    mimeType: String,
    receivedBytes: { type: Number, default: 0 },
    gridfsId: Schema.Types.ObjectId,
    sizeBytes: Number,
    durationSec: Number,
    streams: { type: new Schema({ audio: Boolean, video: Boolean }, { _id: false }) },
    text: { type: String, maxlength: 10000 },
    transcript: String,
    rejectReason: String,
    purgedAt: Date,
  },
  { timestamps: true },
);
recordingSchema.index({ interviewId: 1, questionId: 1, attempt: 1 }, { unique: true });
recordingSchema.index({ status: 1, createdAt: 1 });

export const RecordingModel = model<Recording>('Recording', recordingSchema);
