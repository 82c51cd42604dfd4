/**
 * Reads a key point the way a rubric is written. "结果或反思" asks for either.
 * "例如按期交付、关系改善" gives examples, and one of them is enough. "目标、范围和关键节点"
 * asks for all three. So a key point becomes a list of groups: every group
 * must be matched, and any one word of a group matches it.
 */
import { RUBRIC_CONTENT_WORDS } from './lexicon.js';
import { canonical, tokenize, type Token } from './segment.js';

export interface ParsedKeyPoint {
  text: string;
  /** Every group must be matched; any word of a group matches it. */
  groups: string[][];
  /** All words of all groups, once each. */
  terms: string[];
  tokens: Token[];
}

const EXAMPLE_MARKERS = new Set(['例如', '比如', '如', '譬如', '像']);
const OR_WORDS = new Set(['或', '或者', '或是']);

export function parseKeyPoint(text: string): ParsedKeyPoint {
  const tokens = tokenize(text).map((t): Token =>
    t.kind === 'stop' && RUBRIC_CONTENT_WORDS.has(t.word) ? { ...t, kind: 'word', canon: canonical(t.word) } : t,
  );
  const groups: string[][] = [];
  let examples: string[] | null = null;
  let run: string[] = [];
  let runHasOr = false;
  let lastWasWord = false;

  const closeRun = (): void => {
    if (run.length > 0) {
      if (runHasOr) groups.push(unique(run));
      else for (const w of run) groups.push([w]);
    }
    run = [];
    runHasOr = false;
  };

  for (const t of tokens) {
    if (examples === null && EXAMPLE_MARKERS.has(t.word)) {
      closeRun();
      examples = [];
      lastWasWord = false;
      continue;
    }
    if (examples !== null) {
      if (t.kind === 'word') examples.push(t.canon);
      continue;
    }
    if (t.kind === 'word') {
      if (!lastWasWord || run.length === 0) run.push(t.canon);
      else {
        // Two words in a row with no 、 or 或 between them: a new run starts.
        closeRun();
        run.push(t.canon);
      }
      lastWasWord = true;
    } else if (t.word === '、' || OR_WORDS.has(t.word)) {
      if (OR_WORDS.has(t.word)) runHasOr = true;
      lastWasWord = false;
    } else {
      closeRun();
      lastWasWord = false;
    }
  }
  closeRun();
  if (examples !== null && examples.length > 0) groups.push(unique(examples));

  const deduped = dedupeGroups(groups);
  return { text, groups: deduped, terms: unique(deduped.flat()), tokens };
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/** The same single word twice ("问题…问题") is one requirement. */
function dedupeGroups(groups: string[][]): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const g of groups) {
    const key = [...g].sort().join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(g);
  }
  return out;
}
