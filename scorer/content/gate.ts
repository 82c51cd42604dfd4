/**
 * The quality gate. Some answers are empty, too short or unintelligible. For
 * them the scorer gives no score, not a low one. A low score would tell HR
 * the candidate answered badly, when in fact there was nothing to judge.
 */
import type { PreparedAnswer } from './prepare.js';

/** Fewer meaningful characters than this (fillers excluded) is too short to rate. */
export const MIN_MEANINGFUL_CHARS = 10;
/** Fewer distinct content words than this is not a sentence that can be rated. */
export const MIN_DISTINCT_TERMS = 3;
/** Recordings shorter than this (seconds) carry no answer, whatever the transcript says. */
export const MIN_DURATION_SEC = 2;

export type GateResult =
  | { pass: true }
  | { pass: false; why: 'too_short' | 'unintelligible'; detail: 'empty' | 'few_chars' | 'short_recording' | 'few_words' | 'not_language' };

export function qualityGate(answer: PreparedAnswer): GateResult {
  const text = answer.transcript.trim();
  if (text === '') return { pass: false, why: 'too_short', detail: 'empty' };
  if (answer.durationSec > 0 && answer.durationSec < MIN_DURATION_SEC) return { pass: false, why: 'too_short', detail: 'short_recording' };

  const visible = [...text.replace(/\s+/g, '')];
  const letters = visible.filter((c) => /[\p{L}\p{N}]/u.test(c)).length;
  if (letters < visible.length * 0.5) return { pass: false, why: 'unintelligible', detail: 'not_language' };
  if (answer.meaningfulChars < MIN_MEANINGFUL_CHARS) return { pass: false, why: 'too_short', detail: 'few_chars' };
  if (new Set(answer.terms).size < MIN_DISTINCT_TERMS) return { pass: false, why: 'unintelligible', detail: 'few_words' };
  return { pass: true };
}
