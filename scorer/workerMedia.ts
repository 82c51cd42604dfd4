/**
 * Recordings live in GridFS (`recordingsBucket()` of models/recording.ts,
 * written by the candidate page). ffmpeg wants a file it can seek in, so the worker copies one answer
 * at a time to a private temp directory and deletes it right after analysis.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Types } from 'mongoose';
import { recordingsBucket } from '../models/recording.js';

const EXTENSIONS: Readonly<Record<string, string>> = {
  'video/webm': '.webm', 'audio/webm': '.webm', 'video/mp4': '.mp4', 'audio/mp4': '.m4a',
  'video/quicktime': '.mov', 'audio/ogg': '.ogg', 'audio/mpeg': '.mp3', 'audio/wav': '.wav',
};

/** A file name ending that tells ffmpeg what to expect (it also sniffs, so a wrong guess is harmless). */
export function extensionFor(mimeType: string | undefined): string {
  return EXTENSIONS[(mimeType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''] ?? '.bin';
}

/** A temp directory for one job; `cleanup` removes it with whatever is left inside. */
export async function jobTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'hr-score-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Copies a GridFS file to `dir`; throws when the file is not there (the caller retries the job). */
export async function downloadRecording(gridfsId: Types.ObjectId, dir: string, mimeType: string | undefined, signal?: AbortSignal): Promise<string> {
  const file = join(dir, `${String(gridfsId)}${extensionFor(mimeType)}`);
  const source = recordingsBucket().openDownloadStream(gridfsId);
  if (signal) await pipeline(source, createWriteStream(file), { signal });
  else await pipeline(source, createWriteStream(file));
  return file;
}
