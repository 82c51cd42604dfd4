/**
 * One answer to one question: a recording in GridFS (uploaded in chunks, resumable)
 * or a typed text answer when the device cannot record.
 *
 * Every attempt is its own document (`attempt` 0, 1 … per question); the one the
 * candidate kept has status `final` (at most one per question, enforced by a
 * partial unique index). While an attempt uploads, its bytes live in
 * `RecordingPart` documents; `partIds` lists the committed ones in order, so a
 * part written by a request that crashed before committing is simply ignored.
 * On completion the parts become one GridFS file in the `recordings` bucket whose
 * id is the recording's own `_id` (a retried completion overwrites, never duplicates).
 */
import mongoose, { Schema, model, type Types } from 'mongoose';

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
  /** Committed upload parts (RecordingPart ids), in byte order. */
  partIds?: Types.ObjectId[] | undefined;
  /** Upload cap for this attempt, derived from the question's answer time. */
  maxBytes?: number | undefined;
  /** Set while one request assembles the parts into GridFS (a lease: a crashed assembly expires). */
  assemblingUntil?: Date | undefined;
  /** When the candidate kept this attempt (status `final`). */
  finalAt?: Date | undefined;
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
    partIds: { type: [Schema.Types.ObjectId], default: undefined },
    maxBytes: Number,
    assemblingUntil: Date,
    finalAt: Date,
  },
  { timestamps: true },
);
recordingSchema.index({ interviewId: 1, questionId: 1, attempt: 1 }, { unique: true });
recordingSchema.index({ status: 1, createdAt: 1 });
/** One kept answer per question, even when two requests race to keep different attempts. */
recordingSchema.index({ interviewId: 1, questionId: 1 }, { unique: true, partialFilterExpression: { status: 'final' }, name: 'one_final_per_question' });

export const RecordingModel = model<Recording>('Recording', recordingSchema);

/** The GridFS bucket that holds finished recordings (`recordings.files` / `recordings.chunks`). */
export const RECORDINGS_BUCKET = 'recordings';

/** The recordings bucket on the current connection; a finished recording's file id is the Recording `_id`. */
export function recordingsBucket(): mongoose.mongo.GridFSBucket {
  const db = mongoose.connection.db;
  if (!db) throw new Error('database not connected');
  return new mongoose.mongo.GridFSBucket(db, { bucketName: RECORDINGS_BUCKET, chunkSizeBytes: 255 * 1024 });
}

/**
 * A piece of an attempt still uploading (≤ 2 MiB). Only parts listed in the
 * recording's `partIds` count; the rest are leftovers of interrupted requests
 * and are deleted when the upload completes or by the retention job.
 */
export interface RecordingPart {
  _id: Types.ObjectId;
  recordingId: Types.ObjectId;
  offset: number;
  length: number;
  data: Buffer;
  createdAt: Date;
}

const recordingPartSchema = new Schema<RecordingPart>(
  {
    recordingId: { type: Schema.Types.ObjectId, required: true },
    offset: { type: Number, required: true, min: 0 },
    length: { type: Number, required: true, min: 1 },
    data: { type: Buffer, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
recordingPartSchema.index({ recordingId: 1, offset: 1 });
recordingPartSchema.index({ createdAt: 1 });

export const RecordingPartModel = model<RecordingPart>('RecordingPart', recordingPartSchema);
