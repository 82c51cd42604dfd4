/**
 * Short, sharp messages decided by rule before the classifier: 好的 / 不 /
 * 算了 / 你好. They are too short for statistics and too frequent to get wrong.
 * A message matches only when every comma-separated part is in one list, so
 * 好的，明天请假 still goes to the classifier.
 */
import type { Intent } from './types.js';

const PARTICLES = /(吧|啊|呀|呢|哈|哦|噢|喔|了|滴|嘞|的话)+$/;

const LISTS: ReadonlyArray<readonly [Intent, ReadonlySet<string>]> = [
  ['cancel', new Set([
    '取消', '算', '算了', '不用了', '不请', '不请了', '退出', '不办', '先不弄', '停', '停止', 'stop', 'cancel', '不要了', '放弃', '结束',
    '取消操作', '我不想请', '先这样', '重新开始', '从头来', '别弄', '中止', '退出当前操作', '没事', '不搞', '撤', '不弄', '不弄了', '先不', '不想弄',
  ])],
  ['confirm', new Set([
    '好', '好的', '好滴', '好嘞', '是', '是的', '对', '对的', '嗯', '嗯嗯', '确认', '确定', '可以', '可以的', '行', '行的', '没问题', 'ok', 'okay', 'yes',
    'y', '提交', '确认提交', '就这样', '没错', '对就是这样', '就是这样', '中', '成', '同意', '确认无误', '好提交', '对提交', '是这样', '嗯好',
  ])],
  ['deny', new Set([
    '不', '不是', '不要', '不对', '否', 'no', 'nope', 'n', '不行', '不用', '错', '错了', '不确认', '不提交', '不是这样', '不可以', '不好',
    '先别提交', '别提交', '不同意', '有问题', '不是的',
  ])],
  ['greeting', new Set([
    '你好', '您好', 'hi', 'hello', 'hey', '在吗', '在么', '在不在', '早上好', '上午好', '中午好', '下午好', '晚上好', '嗨', '哈喽', '早', '早安',
    '喂', '机器人', '小助手', '助手', '老师好', '大家好', 'hello啊', 'hi啊', '你好呀',
  ])],
  ['help', new Set(['?', 'help', '帮助', '菜单', '功能', '使用说明', '说明书', '指南'])],
];

/** 好的没问题 / 确认提交 / 嗯嗯好的: the part is a run of words from one list, nothing else. */
function madeOf(part: string, words: ReadonlySet<string>): boolean {
  if (part.length < 2 || part.length > 12) return false;
  const ok: boolean[] = [true];
  for (let end = 1; end <= part.length; end += 1) {
    ok[end] = false;
    for (let start = Math.max(0, end - 6); start < end && !ok[end]; start += 1) {
      if (ok[start] && words.has(part.slice(start, end))) ok[end] = true;
    }
  }
  return ok[part.length] === true;
}

export function ruleIntent(normalised: string): Intent | undefined {
  const parts = normalised.split(/[\s,。!;~]+/).filter((p) => p.length > 0);
  if (parts.length === 0) return undefined;
  if (parts.every((p) => /^\?+$/.test(p))) return 'help';
  for (const [intent, words] of LISTS) {
    // 不用了 is "never mind" (cancel) while 不用 is "no" (deny): try the part as typed, then without particles.
    const known = (p: string): boolean => {
      const bare = p.replace(/\?$/, '');
      return words.has(bare) || words.has(bare.replace(PARTICLES, '')) || madeOf(bare.replace(PARTICLES, ''), words);
    };
    if (parts.every(known)) return intent;
  }
  return undefined;
}

/** 不对，是后天 / 改成年假 / 应该是周五: the user fixes an earlier answer. */
const CORRECTION_START = /^(不对|不是|错了|搞错了|写错了|说错了|弄错了|打错了|更正|纠正)[,。!:\s]*\S/;
const CORRECTION_ANYWHERE = /(改成|改为|换成|应该是|我是说|我说的是|不是.{1,8}而?是|更正为|更正一下)/;
/** With these nouns 改成 is a new request (面试改成周五), not a correction. */
const DOMAIN_NOUN = /面试|工资|考勤|打卡/;

export function isCorrection(normalised: string): boolean {
  if (CORRECTION_START.test(normalised)) return true;
  return CORRECTION_ANYWHERE.test(normalised) && !DOMAIN_NOUN.test(normalised);
}

/**
 * The part of a correction that holds the new value: 不是明天，是大后天 → 大后天;
 * 改成年假 → 年假; 不对，候选人叫李娜 → 候选人叫李娜.
 */
export function correctionTarget(normalised: string): string {
  const cue = /(?:而是|就是|应该是|是|改成|改为|换成|更正为)/g;
  let last: RegExpExecArray | undefined;
  for (const m of normalised.matchAll(cue)) last = m as RegExpExecArray;
  const after = last ? normalised.slice((last.index ?? 0) + last[0].length) : '';
  if (after.replace(/[,。!?\s]/g, '').length > 0) return after;
  return normalised.replace(CORRECTION_START_CUE, '');
}

const CORRECTION_START_CUE = /^(不对|不是|错了|搞错了|写错了|说错了|弄错了|打错了|更正|纠正)[,。!:\s]*/;
