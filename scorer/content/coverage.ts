/**
 * Key-point coverage, by meaning rather than by exact words. Each key point is
 * compared with every sentence of the answer, and with every pair of adjacent
 * sentences, because a point is often made across two sentences. A passage
 * "holds" a word of the key point in three ways: the word itself or a synonym
 * ("商量" for 沟通), a phrase cue for an abstract rubric word ("他最在意的其实是"
 * for 诉求, see CONCEPT_CUES), or the word inside a longer one. The
 * comparison has two parts:
 * - the share of the key point's TF-IDF weight the passage holds. Words joined
 *   by 或, or given after 例如, are alternatives (see keyPoints.ts);
 * - the share of the key point's character bigrams found in the passage. This
 *   catches related word forms that jieba segments differently.
 * The best passage's credit is then multiplied by its substance (see
 * substance.ts), so that listing the rubric's words earns little. A point
 * stated as a general method earns less than one shown in a real example.
 */
import type { KeyPointMatch } from '../types.js';
import { LIGHT_TERMS, LIGHT_WEIGHT, STRUCTURAL_CONCEPTS } from './lexicon.js';
import type { PreparedAnswer, PreparedKeyPoint, PreparedQuestion, PreparedSentence } from './prepare.js';
import { sentenceModes } from './narrative.js';
import { readSubstance, type SubstanceReading } from './substance.js';
import type { TermWeights } from './tfidf.js';

/** Weight of the word-meaning part of a match; the rest is character bigrams. */
const CONCEPT_WEIGHT = 0.75;
/** A match below this earns nothing; from FULL_MATCH up it earns full credit. */
const NO_MATCH = 0.15;
const FULL_MATCH = 0.5;
/** A point made across two sentences earns slightly less than one made in one. */
const PAIR_FACTOR = 0.9;
/** Structural concepts (背景, 结果 …) weigh less: every story has them, whatever its topic. */
const STRUCTURAL_WEIGHT = 0.5;
/** A word found only inside a longer word (数据 in 数据分析) counts this much. */
const FUZZY_FACTOR = 0.6;

export interface CoverageResult {
  /** 0..100 */
  score: number;
  keyPoints: KeyPointMatch[];
  /** Credit the substance check took away, summed over key points (for the stuffing check). */
  removedBySubstance: number;
  covered: number;
  partial: number;
  substance: SubstanceReading[];
}

export function scoreCoverage(answer: PreparedAnswer, question: PreparedQuestion): CoverageResult {
  const modes = sentenceModes(answer.sentences);
  const substance = answer.sentences.map((s, i) => readSubstance(s, question.rubricTerms, modes[i] ?? 'story'));
  const passages = buildPassages(answer.sentences, substance);
  let removedBySubstance = 0;
  const keyPoints = question.keyPoints.map((kp): KeyPointMatch => {
    let best = { credit: 0, raw: 0, quote: undefined as string | undefined };
    let rawBest = 0;
    for (const p of passages) {
      const raw = toCredit(match(kp, p.terms, p.grams, question.weights)) * p.factor;
      const credit = raw * p.substance;
      rawBest = Math.max(rawBest, raw);
      if (credit > best.credit || (credit === best.credit && raw > best.raw)) best = { credit, raw, quote: p.quote };
    }
    removedBySubstance += Math.max(0, rawBest - best.credit);
    const credit = round2(best.credit);
    const status = credit >= 0.75 ? 'covered' : credit >= 0.35 ? 'partial' : 'missing';
    return status === 'missing' || best.quote === undefined
      ? { keyPoint: kp.text, credit, status }
      : { keyPoint: kp.text, credit, status, quote: best.quote };
  });
  const total = keyPoints.reduce((n, k) => n + k.credit, 0);
  return {
    score: keyPoints.length === 0 ? 0 : Math.round((100 * total) / keyPoints.length),
    keyPoints,
    removedBySubstance,
    covered: keyPoints.filter((k) => k.status === 'covered').length,
    partial: keyPoints.filter((k) => k.status === 'partial').length,
    substance,
  };
}

interface Passage {
  terms: ReadonlySet<string>;
  grams: ReadonlySet<string>;
  /** Hollowness check (substance.ts): 1 for a sentence with content. */
  substance: number;
  /** Pair discount times the general-statement discount. */
  factor: number;
  /** The sentence quoted as evidence: for a pair, the one that matches more. */
  quote: string;
}

function buildPassages(sentences: readonly PreparedSentence[], substance: readonly SubstanceReading[]): Passage[] {
  const out: Passage[] = [];
  sentences.forEach((s, i) => {
    const sub = substance[i]?.substance ?? 1;
    const mode = substance[i]?.modeFactor ?? 1;
    out.push({ terms: new Set([...s.terms, ...s.cued]), grams: s.grams, substance: sub, factor: mode, quote: s.text });
    const next = sentences[i + 1];
    if (next === undefined) return;
    const nextSub = substance[i + 1]?.substance ?? 1;
    const nextMode = substance[i + 1]?.modeFactor ?? 1;
    out.push({
      terms: new Set([...s.terms, ...s.cued, ...next.terms, ...next.cued]),
      grams: new Set([...s.grams, ...next.grams]),
      substance: Math.min(sub, nextSub),
      factor: PAIR_FACTOR * Math.max(mode, nextMode),
      quote: s.terms.length >= next.terms.length ? s.text : next.text,
    });
  });
  return out;
}

/** 0..1: how much of the key point the passage carries. */
export function match(kp: PreparedKeyPoint, terms: ReadonlySet<string>, grams: ReadonlySet<string>, weights: TermWeights): number {
  let total = 0;
  let hit = 0;
  let topicalTotal = 0;
  let topicalHit = 0;
  for (const group of kp.groups) {
    let w = 0;
    let h = 0;
    let structural = true;
    for (const t of group) {
      const isStructural = STRUCTURAL_CONCEPTS.has(t);
      const wt = weights.idf(t) * (LIGHT_TERMS.has(t) ? LIGHT_WEIGHT : isStructural ? STRUCTURAL_WEIGHT : 1);
      const ht = terms.has(t) ? wt : fuzzyHas(terms, t) ? FUZZY_FACTOR * wt : 0;
      w = Math.max(w, wt);
      h = Math.max(h, ht);
      if (!isStructural) structural = false;
    }
    total += w;
    hit += h;
    if (!structural) {
      topicalTotal += w;
      topicalHit += h;
    }
  }
  // "The background of the disagreement" needs the disagreement: any story has a background.
  if (topicalTotal > 0 && topicalHit === 0) return 0;
  const concept = total === 0 ? 0 : hit / total;
  let shared = 0;
  for (const g of kp.grams) if (grams.has(g)) shared += 1;
  const chars = kp.grams.size === 0 ? 0 : shared / kp.grams.size;
  return CONCEPT_WEIGHT * concept + (1 - CONCEPT_WEIGHT) * chars;
}

/** 复盘会 contains 复盘, 数据分析 contains 数据: a two-character word inside a longer one counts. */
function fuzzyHas(terms: ReadonlySet<string>, t: string): boolean {
  if ([...t].length < 2) return false;
  for (const u of terms) {
    if ([...u].length >= 2 && (u.includes(t) || t.includes(u))) return true;
  }
  return false;
}

function toCredit(m: number): number {
  return Math.max(0, Math.min(1, (m - NO_MATCH) / (FULL_MATCH - NO_MATCH)));
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
