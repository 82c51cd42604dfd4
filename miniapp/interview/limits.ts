/**
 * What an upload may be: which container types, how big one request may be,
 * and how big one answer may grow (derived from the question's time limit).
 */
import { W } from './wording.js';
import { PageError } from './errors.js';
import type { RecordingKind } from './apiTypes.js';

export const MiB = 1024 * 1024;
/** One chunk request; the page sends ~1 s of media (well under this) per request. */
export const MAX_CHUNK_BYTES = 2 * MiB;
/** The network check's test blob. */
export const MAX_NETWORK_CHECK_BYTES = 512 * 1024;
export const MAX_TEXT_CHARS = 4000;
export const MAX_INTEGRITY_BATCH = 20;
/** Integrity events kept per interview; later ones are dropped (a runaway page cannot grow the document). */
export const MAX_INTEGRITY_EVENTS = 500;
/** Extra takes that never finished uploading (a closed page) before the page refuses more. */
export const SPARE_ATTEMPTS = 5;
/** 3 Mbit/s of media: the page asks for ~1.1 Mbit/s, phones that ignore the hint stay well below. */
const MAX_BYTES_PER_SECOND = 375_000;
/** A recording may run this much past the limit (the recorder stops on the next timer tick). */
export const DURATION_SLACK_SEC = 5;
export const MIN_DURATION_SEC = 0.5;

/** Container types MediaRecorder produces: webm in Chromium and Firefox, mp4 on iOS Safari. */
const TYPES: Readonly<Record<string, { kind: RecordingKind; container: 'webm' | 'mp4' }>> = {
  'video/webm': { kind: 'video', container: 'webm' },
  'audio/webm': { kind: 'audio', container: 'webm' },
  'video/mp4': { kind: 'video', container: 'mp4' },
  'audio/mp4': { kind: 'audio', container: 'mp4' },
};

/** `video/webm;codecs=vp8,opus` → `video/webm`. */
export function baseType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export interface MediaType {
  readonly base: string;
  readonly kind: RecordingKind;
  readonly container: 'webm' | 'mp4';
}

/** The declared type of a new attempt; 415 for anything else. */
export function mediaType(mimeType: string): MediaType {
  const base = baseType(mimeType);
  const t = TYPES[base];
  if (!t) throw new PageError(415, W.errType);
  return { base, ...t };
}

export function maxAnswerBytes(answerSec: number): number {
  return Math.ceil((answerSec + DURATION_SLACK_SEC) * MAX_BYTES_PER_SECOND) + 2 * MiB;
}

/** The first bytes of an upload must look like its container (EBML header / `ftyp` box). */
export function looksLike(container: 'webm' | 'mp4', head: Buffer): boolean {
  if (container === 'webm') return head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3;
  return head.length >= 8 && head.toString('latin1', 4, 8) === 'ftyp';
}
