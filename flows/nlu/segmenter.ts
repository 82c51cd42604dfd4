/**
 * Word segmentation with @node-rs/jieba plus the domain words (年假, 工资条,
 * 陪产假 …) that its stock dictionary splits. Loading the dictionary takes
 * ~0.4 s, so it happens once, at warm-up.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { DOMAIN_WORDS } from './lexicon.js';

let jieba: Jieba | undefined;

export function loadSegmenter(): Jieba {
  if (!jieba) {
    const j = Jieba.withDict(dict);
    // "word freq tag" lines; a high frequency makes the domain word win over its parts.
    j.loadDict(Buffer.from(DOMAIN_WORDS.map((w) => `${w} 200000 n`).join('\n')));
    jieba = j;
  }
  return jieba;
}

/** Words of normalised text, without punctuation or spaces (HMM off: it glues 我查 together). */
export function segment(text: string): string[] {
  return loadSegmenter().cut(text, false).filter((w) => /[\p{L}\p{N}]/u.test(w));
}
