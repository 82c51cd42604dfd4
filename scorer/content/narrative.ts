/**
 * Story or general statement? "我先约了技术负责人" tells what happened.
 * "我一般会先听对方说完" tells what the speaker says they usually do. The rubric
 * rates a real example (4–5) above a stated method (3). So the scorer needs
 * to know which kind each sentence is.
 *
 * A sentence that names an occasion (去年、有一次、当时 …) is story. Otherwise, a
 * sentence with a habit marker (一般、通常、我会 …) before any completed action
 * (了) is general. A sentence with a completed action or a figure is story. Any
 * other sentence continues the kind of the sentence before it.
 */
import { STRONG_SITUATION_MARKERS } from './lexicon.js';
import type { PreparedSentence } from './prepare.js';

export type SentenceMode = 'story' | 'general';

const HABITUAL = /一般|通常|平时|总是|往往|我会|会先|都会|就会|应该|一定要|要先|首先要|的时候，?我/u;
/** 了 as a completed action; not 了解, 为了, 除了, 解决不了. */
const COMPLETED = /(?<![为除不])了(?!解)|当时|那次/u;

/** Does the text name a past occasion (去年、有一次、当时 …)? */
export function namesOccasion(text: string): boolean {
  return STRONG_SITUATION_MARKERS.some((m) => text.includes(m));
}

/** A habit marker that comes before any completed action ("我一般先弄清楚它影响了谁" is a habit). */
export function isHabitual(s: Pick<PreparedSentence, 'text'>): boolean {
  const habit = HABITUAL.exec(s.text);
  if (habit === null) return false;
  const done = COMPLETED.exec(s.text);
  return done === null || habit.index < done.index;
}

export function sentenceModes(sentences: readonly PreparedSentence[]): SentenceMode[] {
  const storyLike = (s: PreparedSentence): boolean =>
    COMPLETED.test(s.text) || s.quantities.length > 0 || namesOccasion(s.text);
  const storyAnywhere = sentences.some((s) => namesOccasion(s.text) || (!isHabitual(s) && storyLike(s)));
  let current: SentenceMode = storyAnywhere ? 'story' : 'general';
  return sentences.map((s) => {
    // "有一次…每天早上都会卡住": a named occasion makes it a story, whatever habit it describes.
    if (namesOccasion(s.text)) current = 'story';
    else if (isHabitual(s)) current = 'general';
    else if (storyLike(s)) current = 'story';
    return current;
  });
}
