/**
 * Which rubric concepts a sentence expresses: its own content words (as
 * synonym heads), plus the concepts whose phrase cues it contains (see
 * CONCEPT_CUES). This is what "coverage by meaning" compares key points with.
 */
import { CONCEPT_CUES, RESULT_MARKERS, STRUCTURAL_CONCEPTS } from './lexicon.js';
import { namesOccasion } from './narrative.js';
import { normalizeText, type Token } from './segment.js';


interface CompiledCue {
  concept: string;
  test: (s: CueSubject) => boolean;
}

export interface CueSubject {
  text: string;
  words: ReadonlySet<string>;
  hasQuantity: boolean;
}

const CUES: readonly CompiledCue[] = Object.entries(CONCEPT_CUES).flatMap(([concept, cues]) =>
  cues.map((cue): CompiledCue => {
    if (cue === '#quantity') return { concept, test: (s) => s.hasQuantity };
    if (cue === '#situation') return { concept, test: (s) => namesOccasion(s.text) };
    if (cue === '#result') return { concept, test: (s) => RESULT_MARKERS.some((m) => s.text.includes(m)) };
    if ([...cue].length === 1) return { concept, test: (s) => s.words.has(cue) };
    return { concept, test: (s) => s.text.includes(cue) };
  }),
);

/** Concepts a sentence expresses through cues (its own words not included). */
export function cuedConcepts(text: string, tokens: readonly Token[], hasQuantity: boolean): Set<string> {
  const subject: CueSubject = { text: normalizeText(text), words: new Set(tokens.map((t) => t.word)), hasQuantity };
  const out = new Set<string>();
  for (const cue of CUES) if (!out.has(cue.concept) && cue.test(subject)) out.add(cue.concept);
  return out;
}

/** Drops the structural concepts (背景, 结果 …) that every story has, whatever its topic. */
export function topical(concepts: Iterable<string>): string[] {
  return [...concepts].filter((c) => !STRUCTURAL_CONCEPTS.has(c));
}
