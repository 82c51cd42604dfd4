/**
 * Structure: does the answer tell a concrete story, situation → task → action →
 * result (STAR)? And does the result have a figure? Each part is found from
 * markers in the sentences (see lexicon.ts). The sentences that showed a part
 * become its evidence.
 *
 * Only story sentences can show a situation, a task or a result (see
 * narrative.ts). An action stated as a general method ("我一般会先…") earns
 * less than an action in a past event ("我先约了…"). The rubric gives a stated
 * method a 3 and a real example a 4 or 5.
 */
import { ACTION_VERBS, REFLECTION_MARKERS, RESULT_MARKERS, TASK_MARKERS, WEAK_SITUATION_MARKERS } from './lexicon.js';
import { namesOccasion, sentenceModes } from './narrative.js';
import type { PreparedAnswer, PreparedSentence } from './prepare.js';

export const STRUCTURE_POINTS = { situation: 20, task: 10, action: 30, result: 25, figure: 15 } as const;
/** Points per action sentence, in a story and in a general statement. */
const STORY_ACTION = 10;
const METHOD_ACTION = 4;

export interface StructureResult {
  score: number;
  situation: 'strong' | 'weak' | 'none';
  task: boolean;
  /** Sentences with an action by the speaker in a past event. */
  storyActions: number;
  /** Sentences with an action stated as a habit or a principle. */
  methodActions: number;
  result: boolean;
  /** Figures found in result sentences, or elsewhere when no result sentence has one. */
  figures: string[];
  figureInResult: boolean;
  reflection: boolean;
  evidence: string[];
  /** True when the answer tells no concrete past situation at all. */
  noExample: boolean;
}

const SINGLE_CHAR_VERBS = new Set(ACTION_VERBS.filter((v) => [...v].length === 1));
const LONG_VERBS = ACTION_VERBS.filter((v) => [...v].length > 1);
const SUBJECTLESS_START = /^(然后|接着|于是|又|同时|再|先|首先|随后|之后|最后|第[一二三四五六七八九十]|每|并|还|一边)/u;
/** Resultative endings that keep a one-character verb a verb: 改成, 查到, 写完. */
const VERB_ENDINGS = '成了到完好掉出上进起过';

export function scoreStructure(answer: PreparedAnswer): StructureResult {
  const modes = sentenceModes(answer.sentences);
  const story = answer.sentences.filter((_, i) => modes[i] === 'story');
  const general = answer.sentences.filter((_, i) => modes[i] === 'general');
  const evidence = new Set<string>();

  const strong = story.find((s) => namesOccasion(s.text));
  const weak = strong ?? story.find((s) => WEAK_SITUATION_MARKERS.some((m) => s.text.includes(m)));
  const situation = strong ? 'strong' : weak ? 'weak' : 'none';
  if (weak) evidence.add(weak.text);

  const taskSentence = story.find((s) => TASK_MARKERS.some((m) => s.text.includes(m)));
  const storyActionSentences = story.filter(hasAction);
  const methodActions = general.filter(hasAction).length;
  for (const s of storyActionSentences.slice(0, 3)) evidence.add(s.text);

  const resultSentences = story.filter((s) => RESULT_MARKERS.some((m) => s.text.includes(m)));
  const withFigure = resultSentences.filter((s) => s.quantities.length > 0);
  const anyFigures = story.flatMap((s) => s.quantities);
  const resultQuote = withFigure.at(-1) ?? resultSentences.at(-1);
  if (resultQuote) evidence.add(resultQuote.text);
  const reflection = story.some((s) => s.index > 0 && REFLECTION_MARKERS.some((m) => s.text.includes(m)));

  const P = STRUCTURE_POINTS;
  let score = 0;
  score += situation === 'strong' ? P.situation : situation === 'weak' ? P.situation / 2 : 0;
  score += taskSentence ? P.task : 0;
  score += Math.min(P.action, storyActionSentences.length * STORY_ACTION + methodActions * METHOD_ACTION);
  score += resultSentences.length > 0 ? P.result : 0;
  score += withFigure.length > 0 ? P.figure : anyFigures.length > 0 ? P.figure / 2 : 0;
  if (reflection) score += 5;

  return {
    score: Math.round(Math.min(100, score)),
    situation,
    task: taskSentence !== undefined,
    storyActions: storyActionSentences.length,
    methodActions,
    result: resultSentences.length > 0,
    figures: (withFigure.length > 0 ? withFigure.flatMap((s) => s.quantities) : anyFigures).slice(0, 4),
    figureInResult: withFigure.length > 0,
    reflection,
    evidence: [...evidence],
    noExample: story.length === 0,
  };
}

function hasAction(s: PreparedSentence): boolean {
  const verb =
    LONG_VERBS.some((v) => s.text.includes(v)) ||
    s.tokens.some((t) => {
      const chars = [...t.word];
      const head = chars[0] ?? '';
      return SINGLE_CHAR_VERBS.has(t.word) || (chars.length === 2 && SINGLE_CHAR_VERBS.has(head) && VERB_ENDINGS.includes(chars[1] ?? ''));
    });
  if (!verb) return false;
  return s.text.includes('我') || SUBJECTLESS_START.test(s.text);
}
