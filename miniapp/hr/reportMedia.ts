/**
 * Streams a recording from GridFS with HTTP Range support, so the browser's
 * player can start at once, seek, and fetch only what it plays (iOS Safari
 * will not play a video at all without 206 answers).
 *
 * One range per request (what players ask for); a multi-range request gets
 * the whole file, which the standard allows. A range past the end is a 416.
 */
import type { Context } from 'koa';
import type { Types } from 'mongoose';
import { recordingsBucket } from '../../models/recording.js';

export type ByteRange = { readonly start: number; readonly end: number };

/**
 * Parses `Range: bytes=…` against a file of `size` bytes: a range (end
 * inclusive), `null` for "send it all" (absent, malformed or multi-range), or
 * 'unsatisfiable'.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null;
  const [, a = '', b = ''] = m;
  if (a === '' && b === '') return null;
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(a);
  if (start >= size) return 'unsatisfiable';
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  return end < start ? null : { start, end };
}

/**
 * Answers the request with the file (200 or 206), or returns false when the
 * GridFS file does not exist. Throws 416 for a range past the end.
 */
export async function streamRecording(ctx: Context, gridfsId: Types.ObjectId, mimeType: string, unsatisfiable: string): Promise<boolean> {
  const b = recordingsBucket();
  const file = (await b.find({ _id: gridfsId }).limit(1).toArray())[0];
  if (!file) return false;
  const size = file.length;
  const range = parseRange(ctx.get('range') || undefined, size);
  ctx.set('Accept-Ranges', 'bytes');
  ctx.set('Cache-Control', 'private, no-store');
  if (range === 'unsatisfiable') {
    ctx.set('Content-Range', `bytes */${size}`);
    ctx.throw(416, unsatisfiable);
  }
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.type = mimeType;
  if (range === null) {
    ctx.status = 200;
    ctx.length = size;
    ctx.body = size === 0 ? '' : b.openDownloadStream(gridfsId);
    return true;
  }
  ctx.status = 206;
  ctx.set('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
  ctx.length = range.end - range.start + 1;
  // The driver's `end` is exclusive.
  ctx.body = b.openDownloadStream(gridfsId, { start: range.start, end: range.end + 1 });
  return true;
}
