/**
 * Chinese word segmentation for scoring: jieba (through @node-rs/jieba) with the
 * domain dictionary, then every word is labelled. A word is a content word, a stop
 * word, a filler, a number or punctuation. Content words are mapped to their
 * synonym group, so "商量" and "沟通" count as the same meaning.
 *
 * The dictionary loads once per process, on first use. That takes about 0.3 s.
 */
import { createRequire } from 'node:module';
import type { Jieba as JiebaType } from '@node-rs/jieba';
import { DISCOURSE_FILLERS, PURE_FILLERS, STOP_WORDS, SYNONYM_GROUPS, USER_WORDS } from './lexicon.js';

const require = createRequire(import.meta.url);

export type TokenKind = 'word' | 'stop' | 'filler' | 'number' | 'punct';

export interface Token {
  /** The word as segmented (lower-cased, full-width forms folded). */
  word: string;
  /** The synonym group's head for words, the word itself otherwise. */
  canon: string;
  kind: TokenKind;
}

let jieba: JiebaType | null = null;

/** The shared jieba instance with the scorer's dictionary (loaded on first call). */
export function segmenter(): JiebaType {
  if (jieba !== null) return jieba;
  const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
  const { dict } = require('@node-rs/jieba/dict.js') as { dict: Uint8Array };
  const instance = Jieba.withDict(dict);
  const extra = new Set<string>(USER_WORDS);
  for (const group of SYNONYM_GROUPS) for (const w of group) if ([...w].length > 1) extra.add(w);
  instance.loadDict(Buffer.from([...extra].map((w) => `${w} 200000 n`).join('\n'), 'utf8'));
  jieba = instance;
  return instance;
}

const CANON = new Map<string, string>();
for (const group of SYNONYM_GROUPS) {
  const head = group[0];
  if (head === undefined) continue;
  for (const word of group) if (!CANON.has(word)) CANON.set(word, head);
}

/** The synonym group head of a word, or the word itself. */
export function canonical(word: string): string {
  return CANON.get(word) ?? word;
}

/** Folds full-width letters and digits (ＡＢＣ１２３) and lower-cases Latin text. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

const PUNCT = /^[\s\p{P}\p{S}]+$/u;
/** A figure, alone or with its measure word: 150, 2100ms, p99, 两周, 百分之三点, 十二张. */
const NUMBER = /^(?:p?[\d.%]+[a-z%]*|(?:百分之|千分之)?[零〇一二三四五六七八九十百千万亿两点半]+[个位人天周月年秒倍万千元块次家条张份单门场页项处名台套笔件箱篇轮期成]?)$/u;

/** Segments one sentence and labels every word, then marks the fillers in context. */
export function tokenize(sentence: string): Token[] {
  const words = segmenter().cut(normalizeText(sentence), true);
  const tokens: Token[] = [];
  for (const raw of words) {
    const word = raw.trim();
    if (word === '') continue;
    tokens.push(label(word));
  }
  markContextFillers(tokens);
  return tokens;
}

function label(word: string): Token {
  if (PUNCT.test(word)) return { word, canon: word, kind: 'punct' };
  if (PURE_FILLERS.has(word)) return { word, canon: word, kind: 'filler' };
  if (NUMBER.test(word)) return { word, canon: word, kind: 'number' };
  if (STOP_WORDS.has(word)) return { word, canon: word, kind: 'stop' };
  return { word, canon: canonical(word), kind: 'word' };
}

/**
 * 那个、就是、然后 … are fillers only in context. They count as fillers when
 * their clause holds nothing else ("，就是，"), or when they stand next to another
 * filler ("就是那个", "嗯然后"). Otherwise they keep their meaning: 那个 is
 * "that" in 那个项目, and 然后 is "then".
 */
function markContextFillers(tokens: Token[]): void {
  let clauseStart = 0;
  for (let i = 0; i <= tokens.length; i += 1) {
    const t = tokens[i];
    if (t !== undefined && t.kind !== 'punct') continue;
    const clause = tokens.slice(clauseStart, i);
    const onlyFillers = clause.length > 0 && clause.every((c) => c.kind === 'filler' || DISCOURSE_FILLERS.has(c.word));
    if (onlyFillers) for (const c of clause) c.kind = 'filler';
    clauseStart = i + 1;
  }
  // Adjacent to a filler: repeat until nothing changes ("然后就那个嗯" marks the whole run).
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < tokens.length; i += 1) {
      const t = tokens[i];
      if (t === undefined || t.kind === 'filler' || !DISCOURSE_FILLERS.has(t.word)) continue;
      const prev = tokens[i - 1];
      const next = tokens[i + 1];
      const nextIsFillerWord = next !== undefined && (next.kind === 'filler' || DISCOURSE_FILLERS.has(next.word));
      if (prev?.kind === 'filler' || next?.kind === 'filler' || nextIsFillerWord || next === undefined || next.kind === 'punct') {
        if (t.word === '对' && next !== undefined && next.kind !== 'punct') continue;
        t.kind = 'filler';
        changed = true;
      }
    }
  }
}
