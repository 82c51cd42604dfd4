/**
 * Turns an uploaded attempt into a stored recording: the committed parts are
 * written in order to a temporary file, remuxed without re-encoding so the
 * container states its duration (Chrome's MediaRecorder writes webm without
 * one, which makes the file unseekable for HR), checked with ffprobe, and
 * streamed into GridFS under the recording's own id. Every step can be
 * repeated: a retried assembly rewrites the same GridFS file.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Types } from 'mongoose';
import { RecordingPartModel, recordingsBucket, type Recording } from '../../models/recording.js';
import { mediaTools, probe, run, MediaError, type ProbeResult } from '../../lib/media/ffmpeg.js';

export interface Assembled {
  /** The file to store (the remuxed one, or the upload itself when remuxing failed). */
  readonly file: string;
  readonly probe: ProbeResult;
  readonly sizeBytes: number;
  /** Deletes the temporary directory. */
  cleanup(): Promise<void>;
}

export type AssembleResult =
  | ({ readonly ok: true } & Assembled)
  | { readonly ok: false; readonly reason: 'unreadable'; readonly detail: string };

/** Writes the committed parts to `file`, one part in memory at a time; throws if they do not line up. */
export async function writeParts(rec: Pick<Recording, '_id' | 'partIds' | 'receivedBytes'>, file: string): Promise<void> {
  const handle = await open(file, 'w');
  try {
    let offset = 0;
    for (const id of rec.partIds ?? []) {
      // Hydrated, not lean: lean documents carry BSON Binary, the model gives a Buffer.
      const part = await RecordingPartModel.findById(id);
      const data = part ? Buffer.from(part.data) : undefined;

      if (!part || !data || part.offset !== offset || part.length !== data.length) {
        throw new Error(`recording ${String(rec._id)}: part ${String(id)} missing or out of place at ${offset}`);
      }
      await handle.write(data, 0, data.length, offset);
      offset += part.length;
    }
    if (offset !== rec.receivedBytes) throw new Error(`recording ${String(rec._id)}: parts hold ${offset} bytes, expected ${rec.receivedBytes}`);
  } finally {
    await handle.close();
  }
}

/** `-c copy` into the same container: the header gets its duration and cues; nothing is re-encoded. */
export async function remux(input: string, output: string, container: 'webm' | 'mp4'): Promise<boolean> {
  const format = container === 'webm' ? ['-f', 'webm'] : ['-f', 'mp4', '-movflags', '+faststart'];
  try {
    await run(mediaTools().ffmpeg, ['-nostdin', '-v', 'error', '-y', '-i', input, '-map', '0', '-c', 'copy', ...format, output], { timeoutMs: 60_000 });
    return true;
  } catch (err) {
    if (err instanceof MediaError && err.code === 'binary_missing') throw err;
    return false;
  }
}

export async function assemble(rec: Pick<Recording, '_id' | 'partIds' | 'receivedBytes'>, container: 'webm' | 'mp4'): Promise<AssembleResult> {
  const dir = await mkdtemp(join(tmpdir(), 'interview-upload-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const raw = join(dir, `upload.${container}`);
    const fixed = join(dir, `answer.${container}`);
    await writeParts(rec, raw);
    const file = (await remux(raw, fixed, container)) ? fixed : raw;
    let probed: ProbeResult;
    try {
      probed = await probe(file);
    } catch (err) {
      if (err instanceof MediaError && err.code !== 'binary_missing' && err.code !== 'timeout') {
        await cleanup();
        return { ok: false, reason: 'unreadable', detail: err.message };
      }
      throw err;
    }
    return { ok: true, file, probe: probed, sizeBytes: (await stat(file)).size, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** Stores `file` in GridFS with the recording's id, replacing a copy a crashed attempt may have left. */
export async function storeInGridFs(id: Types.ObjectId, file: string, filename: string, metadata: Readonly<Record<string, unknown>>): Promise<void> {
  const bucket = recordingsBucket();
  await deleteStored(id);
  await pipeline(createReadStream(file), bucket.openUploadStreamWithId(id, filename, { metadata: { ...metadata } }));
}

/** Deletes a stored recording; a file that is already gone is fine. */
export async function deleteStored(id: Types.ObjectId): Promise<boolean> {
  const bucket = recordingsBucket();
  try {
    await bucket.delete(id);
    return true;
  } catch (err) {
    // The driver deletes orphaned chunks (a half-written upload) before reporting the file missing.
    if (err instanceof Error && /File not found/i.test(err.message)) return false;
    throw err;
  }
}
