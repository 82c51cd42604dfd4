/**
 * Turns the raw inputs into the structures every dimension reads. The answer
 * becomes sentences with labelled words and quantities. The question becomes
 * key points as sets of meanings, plus the TF-IDF weights of its reference
 * text. Prepared questions are cached, because a batch scores many answers
 * to the same question.
 */
import { NGramsZH } from 'natural/lib/natural/ngrams/index.js';
import type { Question } from '../types.js';
import { cuedConcepts, topical } from './concepts.js';
import { parseKeyPoint } from './keyPoints.js';
import { findQuantities } from './quantities.js';
import { splitSentences } from './sentences.js';
import { normalizeText, tokenize, type Token } from './segment.js';
import { contentTerms, TermWeights } from './tfidf.js';

export interface PreparedSentence {
  index: number;
  /** Verbatim from the transcript. */
  text: string;
  tokens: Token[];
  /** Content words as synonym heads. */
  terms: string[];
  /** Concepts the sentence expresses through phrase cues (see concepts.ts). */
  cued: Set<string>;
  quantities: string[];
  /** Character bigrams of the sentence without fillers and punctuation. */
  grams: Set<string>;
}

export interface PreparedAnswer {
  transcript: string;
  durationSec: number;
  sentences: PreparedSentence[];
  /** Every labelled word of the answer, in order. */
  tokens: Token[];
  terms: string[];
  /** `terms` plus every sentence's topical cued concepts: the bag relevance compares. */
  topicalTerms: string[];
  /** Characters that carry meaning: letters and digits outside fillers. */
  meaningfulChars: number;
}

export interface PreparedKeyPoint {
  text: string;
  /** Every group must be matched; any word of a group matches it (see keyPoints.ts). */
  groups: string[][];
  terms: string[];
  grams: Set<string>;
}

export interface PreparedQuestion {
  question: Question;
  keyPoints: PreparedKeyPoint[];
  /** Meanings the rubric names: the content words of the key points. */
  rubricTerms: Set<string>;
  /** Content words of the question text and competency name. */
  questionTerms: string[];
  /** Question + key points + model answer. */
  referenceTerms: string[];
  weights: TermWeights;
}

export function prepareAnswer(transcript: string, durationSec: number): PreparedAnswer {
  const sentences = splitSentences(transcript).map((span, index): PreparedSentence => {
    const tokens = tokenize(span.text);
    const quantities = findQuantities(normalizeText(span.text));
    return {
      index,
      text: span.text,
      tokens,
      terms: contentTerms(tokens),
      cued: cuedConcepts(span.text, tokens, quantities.length > 0),
      quantities,
      grams: bigrams(tokens),
    };
  });
  const tokens = sentences.flatMap((s) => s.tokens);
  const meaningfulChars = tokens
    .filter((t) => t.kind !== 'filler' && t.kind !== 'punct')
    .reduce((n, t) => n + (t.word.match(/[\p{L}\p{N}]/gu)?.length ?? 0), 0);
  const terms = sentences.flatMap((s) => s.terms);
  const topicalTerms = [...terms, ...sentences.flatMap((s) => topical(s.cued))];
  return { transcript, durationSec, sentences, tokens, terms, topicalTerms, meaningfulChars };
}

const questionCache = new Map<string, PreparedQuestion>();
const CACHE_SIZE = 64;

export function prepareQuestion(question: Question): PreparedQuestion {
  const key = JSON.stringify([question.text, question.competency, question.keyPoints, question.idealAnswer ?? '']);
  const hit = questionCache.get(key);
  if (hit !== undefined) return hit;

  const keyPoints = question.keyPoints.filter((k) => k.trim() !== '').map((text): PreparedKeyPoint => {
    const parsed = parseKeyPoint(text);
    return { text, groups: parsed.groups, terms: parsed.terms, grams: bigrams(parsed.tokens) };
  });
  const questionTerms = contentTerms(tokenize(`${question.competency}。${question.text}`));
  const ideal = question.idealAnswer ? prepareAnswer(question.idealAnswer, 0).topicalTerms : [];
  const referenceTerms = [...questionTerms, ...topical(keyPoints.flatMap((k) => k.terms)), ...ideal];
  const prepared: PreparedQuestion = {
    question,
    keyPoints,
    rubricTerms: new Set(keyPoints.flatMap((k) => k.terms)),
    questionTerms,
    referenceTerms,
    weights: new TermWeights(referenceTerms),
  };
  if (questionCache.size >= CACHE_SIZE) {
    const oldest = questionCache.keys().next().value;
    if (oldest !== undefined) questionCache.delete(oldest);
  }
  questionCache.set(key, prepared);
  return prepared;
}

/** Character bigrams (natural's NGramsZH) over the words that carry meaning, fillers and punctuation removed. */
export function bigrams(tokens: readonly Token[]): Set<string> {
  const text = tokens.filter((t) => t.kind === 'word' || t.kind === 'number').map((t) => t.word).join('');
  return new Set(NGramsZH.bigrams(text).map((g) => g.join('')));
}
