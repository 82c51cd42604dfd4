/**
 * Chinese NLU: one chat message → intent, slots, confidence.
 *
 *   normalise (full-width, traditional, typos, 两天半 → 2天半)
 *     → rules for short replies (好的 / 不 / 算了 / 你好)
 *     → jieba words + characters + bigrams → naive Bayes (natural)
 *     → slot parsers read as the intent means them (dates for leave vs. a
 *       moment for interviews vs. a month for payslips)
 *
 * Synchronous after `warmUp()` (~0.5 s, mostly jieba's dictionary); the first
 * call warms up by itself if the app forgot.
 */
import { loadCorpus } from './corpus.js';
import { IntentClassifier } from './classifier.js';
import { featuresOf } from './features.js';
import { normalize } from './normalize.js';
import { correctionTarget, isCorrection, ruleIntent } from './rules.js';
import { loadSegmenter, segment } from './segmenter.js';
import { slotsFromText, type DateReading } from './slots/index.js';
import type { Intent, NluContext, NluResult, Slots } from './types.js';
import { unplacedHoliday } from './dates/holidays.js';
import { localDate } from '../../lib/time.js';

export type { Intent, LeaveTypeCode, NluContext, NluResult, Period, SlotName, Slots } from './types.js';
export { INTENTS, SLOT_NAMES } from './types.js';
export { normalize } from './normalize.js';

/**
 * Below this confidence the engine should answer 没太明白 and offer help.
 * Chosen on the held-out and blind sets (`npm run bench -- nlu` prints the
 * trade-off per threshold): at 0.6 almost every answer above it was right and
 * most wrong answers fell below it, while few right answers did.
 */
export const CONFIDENCE_THRESHOLD = 0.6;

/** Confidence given to rule matches (好的, 算了 …): a closed list, very rarely wrong. */
const RULE_CONFIDENCE = 0.95;
/** Confidence when the message is a bare answer that filled the slot the bot asked for. */
const ANSWER_CONFIDENCE = 0.9;

let model: IntentClassifier | undefined;

/** Loads jieba and trains the classifier. Call once at start; later calls do nothing. */
export function warmUp(): void {
  loadSegmenter();
  model ??= IntentClassifier.train(
    loadCorpus('train').map((ex) => {
      const text = normalize(ex.text);
      return { features: featuresOf(text, segment(text)), intent: ex.intent };
    }),
  );
}

function classifier(): IntentClassifier {
  if (!model) warmUp();
  return model!;
}

/** How each intent reads dates and which slots it keeps. */
function readingFor(intent: Intent): DateReading {
  if (intent.startsWith('leave.')) return 'leave';
  if (intent.startsWith('interview.')) return 'interview';
  if (intent === 'payslip.query' || intent === 'attendance.query') return 'period';
  return 'any';
}

function isEmpty(slots: Slots): boolean {
  return Object.keys(slots).length === 0;
}

export function understand(text: string, ctx: NluContext): NluResult {
  const norm = normalize(text);
  // Nothing but punctuation or emoji: nothing to understand.
  if (!/[\p{L}\p{N}?]/u.test(norm)) return { intent: 'unknown', slots: {}, confidence: 0, correction: false };

  const correction = isCorrection(norm);
  const rule = ruleIntent(norm);
  if (rule !== undefined) {
    const slots = ctx.expecting !== undefined ? slotsFromText(norm, ctx, 'any') : {};
    return { intent: rule, slots, confidence: RULE_CONFIDENCE, correction: false };
  }

  const { ranked, coverage } = classifier().classify(featuresOf(norm, segment(norm)));
  const top = ranked[0] ?? { intent: 'unknown' as const, score: 1 };
  let intent: Intent = top.intent;
  // Text the model has mostly never seen is about something else, however the scores fall.
  let confidence = top.score * Math.min(1, coverage / 0.6);

  let slots = slotsFromText(norm, ctx, readingFor(intent));
  // Only corrections and answers to a question need the all-kinds reading.
  const any = correction || ctx.expecting !== undefined ? slotsFromText(norm, ctx, 'any') : {};
  const answered = ctx.expecting !== undefined && any[ctx.expecting] !== undefined;
  // A correction (不对，是后天 / 改成年假) or a bare answer (后天 / 年假 / 李娜) carries
  // no intent of its own: say so, and hand over every slot it names.
  if (!isEmpty(any) && (correction || (answered && confidence < CONFIDENCE_THRESHOLD))) {
    intent = 'unknown';
    // 不是明天，是大后天: the new value is the one after the cue.
    const target = correction ? slotsFromText(correctionTarget(norm), ctx, 'any') : any;
    slots = isEmpty(target) ? any : target;
    confidence = ANSWER_CONFIDENCE;
  }
  // Dates in 周末去哪玩 are not a request for anything.
  if (intent === 'unknown' && !answered && !correction) slots = {};
  const unplaced = ctx.holidays ? unplacedHoliday(norm, ctx.holidays, localDate(ctx.now, ctx.tz)) : undefined;
  return { intent, slots, confidence: round(confidence), correction, ...(unplaced ? { unplacedHoliday: unplaced } : {}) };
}

/** Slots only, all kinds at once (no intent to guide the reading). */
export function extractSlots(text: string, ctx: NluContext): Slots {
  return slotsFromText(normalize(text), ctx, 'any');
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
