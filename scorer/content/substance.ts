/**
 * Substance: does a sentence say something, or only name the rubric's words?
 * "沟通、倾听、共识、落地我都非常重视" names four key points and shows none. Such a
 * sentence still matches the key points word for word, so coverage credit is
 * multiplied by its substance (0..1).
 *
 * A sentence has substance when it holds a figure or a concrete situation.
 * List-like sentences made of the rubric's terms, and self-praise with no facts,
 * have little. A key point stated as a general method ("我一般会先…") counts
 * for less than the same point shown in a real example.
 */
import { SELF_PRAISE } from './lexicon.js';
import { namesOccasion, type SentenceMode } from './narrative.js';
import type { PreparedSentence } from './prepare.js';

export interface SubstanceReading {
  /** 0..1; low for rubric words without content. */
  substance: number;
  /** 1 in a story, GENERAL_FACTOR in a general statement. */
  modeFactor: number;
  /** Share of the sentence's content words that the rubric names. */
  rubricShare: number;
  mode: SentenceMode;
  /** Reads as a list of terms (、-separated or many very short clauses). */
  listLike: boolean;
  selfPraise: boolean;
  concrete: boolean;
}

/** A key point stated as a general method earns this share of the credit it would earn inside a real example. */
export const GENERAL_FACTOR = 0.6;

export function readSubstance(sentence: PreparedSentence, rubricTerms: ReadonlySet<string>, mode: SentenceMode): SubstanceReading {
  const terms = sentence.terms;
  const rubricHits = terms.filter((t) => rubricTerms.has(t)).length;
  const rubricShare = terms.length === 0 ? 0 : rubricHits / terms.length;
  const items = sentence.text.split(/[、，,；;：:。！？!?]/u).map((s) => s.trim()).filter((s) => s !== '');
  const shortItems = items.filter((s) => [...s].length <= 6).length;
  const listLike = (sentence.text.match(/、/g)?.length ?? 0) >= 3 || (items.length >= 5 && shortItems / items.length >= 0.6);
  const selfPraise = SELF_PRAISE.some((p) => sentence.text.includes(p));
  const concrete = sentence.quantities.length > 0 || namesOccasion(sentence.text);

  let substance = 1;
  if (!concrete) {
    if (listLike && rubricShare >= 0.35) substance = 0.15;
    else if (selfPraise && rubricShare >= 0.35) substance = 0.3;
    else if (selfPraise) substance = 0.6;
  }
  const modeFactor = mode === 'general' ? GENERAL_FACTOR : 1;
  return { substance: Math.max(0, substance), modeFactor, mode, rubricShare, listLike, selfPraise, concrete };
}
