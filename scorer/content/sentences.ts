/**
 * Splits a transcript into sentences that are verbatim slices of it. Evidence
 * shown to HR is always a sentence the candidate actually said, never a
 * rewording.
 *
 * ASR output often has little punctuation, so over-long sentences are cut
 * again at commas. Each sentence remains a substring of the transcript.
 */

export interface SentenceSpan {
  /** The sentence exactly as it appears in the transcript, trimmed. */
  text: string;
  /** Offset of `text` in the transcript. */
  start: number;
}

const SENTENCE_END = /[。！？!?；;…\n]+|\.{3,}|(?<=[\u4e00-\u9fff])\.(?=\s|$)/g;
const CLAUSE_END = /[，,、：:]+/g;
/** Sentences longer than this (in characters) are cut again at commas. */
const LONG_SENTENCE = 80;
/** …into pieces of at least this many characters, so no piece is a lone filler. */
const MIN_PIECE = 24;

export function splitSentences(transcript: string): SentenceSpan[] {
  const out: Range[] = [];
  for (const piece of cutAt(transcript, 0, transcript.length, SENTENCE_END)) {
    if (piece.end - piece.start > LONG_SENTENCE) {
      out.push(...regroup(transcript, cutAt(transcript, piece.start, piece.end, CLAUSE_END)));
    } else {
      out.push(piece);
    }
  }
  return out
    .map(({ start, end }) => trimSpan(transcript, start, end))
    .filter((s): s is SentenceSpan => s !== null && /[\p{L}\p{N}]/u.test(s.text));
}

interface Range { start: number; end: number; text: string }

/** Cuts `text[from, to)` after each delimiter match; delimiters stay with the piece before them. */
function cutAt(text: string, from: number, to: number, delimiter: RegExp): Range[] {
  const pieces: Range[] = [];
  const re = new RegExp(delimiter.source, 'g');
  re.lastIndex = from;
  let start = from;
  for (let m = re.exec(text); m !== null && m.index < to; m = re.exec(text)) {
    const end = Math.min(m.index + m[0].length, to);
    if (end > start) pieces.push({ start, end, text: text.slice(start, end) });
    start = end;
    if (m[0].length === 0) re.lastIndex += 1;
  }
  if (start < to) pieces.push({ start, end: to, text: text.slice(start, to) });
  return pieces;
}

/** Joins clauses back into pieces of at least MIN_PIECE characters. */
function regroup(text: string, clauses: Range[]): Range[] {
  const out: Range[] = [];
  let current: Range | null = null;
  for (const clause of clauses) {
    current = current === null ? clause : { start: current.start, end: clause.end, text: text.slice(current.start, clause.end) };
    if (current.end - current.start >= MIN_PIECE) {
      out.push(current);
      current = null;
    }
  }
  if (current !== null) {
    const last = out.pop();
    out.push(last === undefined ? current : { start: last.start, end: current.end, text: text.slice(last.start, current.end) });
  }
  return out;
}

function trimSpan(text: string, start: number, end: number): SentenceSpan | null {
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  return { text: trimmed, start: start + lead };
}
