/**
 * Input clean-up, run before segmentation, classification and slot parsing so
 * every later step sees one spelling: half-width digits and letters, simplified
 * characters, plain punctuation, no emoji, known typos fixed, Arabic numbers.
 */
import { convertNumerals } from './numerals.js';
import { ENGLISH_WORDS, MEANINGFUL_EMOJI, TRADITIONAL_TO_SIMPLIFIED, TYPO_FIXES } from './lexicon.js';

/** WeChat / WeCom text emoticons such as [微笑] [捂脸] [OK]. */
const WECHAT_EMOTICON = /\[[\u4e00-\u9fa5A-Za-z]{1,4}\]/g;
const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F\u200D\u20E3]/gu;
const HAN = '\\u3400-\\u9fff';

/** Shapes of dashes and tildes that all mean "to" in a range. */
const PUNCTUATION: ReadonlyArray<readonly [RegExp, string]> = [
  [/[～〜∼~]+/g, '~'],
  [/[—–―‐‑−－]+/g, '-'],
  [/[“”„‟«»「」『』《》〈〉'"`]/g, ''],
  [/[。．]/g, '。'],
  [/[！!]+/g, '!'],
  [/[？?]+/g, '?'],
  [/[，,、]/g, ','],
  [/[；;]/g, ';'],
  [/[：:]/g, ':'],
  [/[（(]/g, '('],
  [/[）)]/g, ')'],
  [/…+|\.{3,}/g, ','],
];

/** Full clean-up for the classifier and slot parsers. */
export function normalize(text: string): string {
  let s = text.normalize('NFKC'); // full-width → half-width, ideographic space → space
  for (const [re, to] of MEANINGFUL_EMOJI) s = s.replace(re, to);
  s = s.replace(WECHAT_EMOTICON, ' ').replace(EMOJI, ' ');
  s = [...s].map((ch) => TRADITIONAL_TO_SIMPLIFIED.get(ch) ?? ch).join('');
  s = s.toLowerCase();
  for (const [re, to] of PUNCTUATION) s = s.replace(re, to);
  // Spaces matter only between two Latin words or numbers ("138 0013 8000", "sick leave").
  s = s.replace(/\s+/g, ' ').trim();
  s = s.replace(new RegExp(`(?<=[${HAN},。!?;:()~-])\\s+|\\s+(?=[${HAN},。!?;:()~-])`, 'g'), '');
  for (const [re, to] of ENGLISH_WORDS) s = s.replace(re, to);
  for (const [from, to] of TYPO_FIXES) s = s.replaceAll(from, to);
  s = convertNumerals(s);
  return s.replace(/\s+/g, ' ').trim();
}
