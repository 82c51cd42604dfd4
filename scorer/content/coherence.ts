/**
 * Coherence: how easy the answer is to follow. The score starts from a base
 * that grows a little with the number of sentences (one sentence shows no
 * organisation), and loses points for each of these:
 * - the share of filler words (嗯、那个、就是、然后 … where they carry no meaning);
 * - repeated sentences and phrases;
 * - fragments: clauses of one or two words once the fillers are removed.
 * It gains a little for logical connectives (因为/所以/于是/最后 …) used with meaning.
 * These figures describe the text only. They say nothing about the speaker's
 * state of mind.
 */
import { CONNECTIVES } from './lexicon.js';
import type { PreparedAnswer } from './prepare.js';

/** Above this share of filler words the answer is flagged `filler_heavy`. */
export const FILLER_HEAVY = 0.15;

export interface CoherenceResult {
  score: number;
  fillerRatio: number;
  fillerCount: number;
  repeatedShare: number;
  fragmentShare: number;
  connectives: string[];
  evidence: string[];
}

export function scoreCoherence(answer: PreparedAnswer): CoherenceResult {
  const words = answer.tokens.filter((t) => t.kind !== 'punct');
  const fillerCount = words.filter((t) => t.kind === 'filler').length;
  const fillerRatio = words.length === 0 ? 0 : fillerCount / words.length;

  const repeatedShare = repetition(answer);
  const fragmentShare = fragments(answer);
  const used = new Set<string>();
  for (const t of answer.tokens) if (t.kind !== 'filler' && CONNECTIVES.includes(t.word)) used.add(t.word);
  const connectives = [...used];

  // A base of 70, plus up to 15 for an answer organised over several sentences, plus up to 15 for connectives.
  let score = 70 + Math.min(15, 5 * (answer.sentences.length - 1)) + Math.min(15, connectives.length * 5);
  // Filler costs up to 60 points: from 3% of the words upwards, all 60 at 43%.
  score -= 60 * Math.min(1, Math.max(0, fillerRatio - 0.03) / 0.4);
  score -= 60 * repeatedShare;
  score -= 40 * Math.max(0, fragmentShare - 0.1);
  score = Math.round(Math.max(0, Math.min(100, score)));

  const evidence =
    fillerRatio >= FILLER_HEAVY
      ? [...answer.sentences]
          .sort((a, b) => fillersIn(b) - fillersIn(a))
          .slice(0, 2)
          .map((s) => s.text)
      : answer.sentences
          .filter((s) => s.tokens.some((t) => t.kind !== 'filler' && CONNECTIVES.includes(t.word)))
          .slice(0, 2)
          .map((s) => s.text);
  return { score, fillerRatio, fillerCount, repeatedShare, fragmentShare, connectives, evidence };
}

function fillersIn(s: { tokens: ReadonlyArray<{ kind: string }> }): number {
  return s.tokens.filter((t) => t.kind === 'filler').length;
}

/** Share of sentences that repeat an earlier one, plus share of repeated 4-character runs. */
function repetition(answer: PreparedAnswer): number {
  const seen = new Set<string>();
  let dup = 0;
  for (const s of answer.sentences) {
    const key = s.terms.join('');
    if (key.length >= 4 && seen.has(key)) dup += 1;
    seen.add(key);
  }
  const sentenceShare = answer.sentences.length === 0 ? 0 : dup / answer.sentences.length;

  const text = answer.tokens.filter((t) => t.kind === 'word' || t.kind === 'number').map((t) => t.word).join('');
  const chars = [...text];
  const grams = new Map<string, number>();
  for (let i = 0; i + 4 <= chars.length; i += 1) {
    const g = chars.slice(i, i + 4).join('');
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let repeated = 0;
  let total = 0;
  for (const n of grams.values()) {
    total += n;
    if (n > 2) repeated += n - 2;
  }
  const gramShare = total === 0 ? 0 : repeated / total;
  return Math.min(1, sentenceShare + gramShare);
}

/** Share of clauses that, fillers removed, hold fewer than three meaningful characters. */
function fragments(answer: PreparedAnswer): number {
  let clauses = 0;
  let short = 0;
  let chars = 0;
  let inClause = false;
  for (const t of answer.tokens) {
    if (t.kind === 'punct') {
      if (inClause) {
        clauses += 1;
        if (chars < 3) short += 1;
      }
      chars = 0;
      inClause = false;
      continue;
    }
    inClause = true;
    if (t.kind !== 'filler') chars += [...t.word].length;
  }
  if (inClause) {
    clauses += 1;
    if (chars < 3) short += 1;
  }
  return clauses === 0 ? 0 : short / clauses;
}
