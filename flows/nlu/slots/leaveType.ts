/**
 * Leave type from the words people use. Specific words first: 陪产假 contains
 * 产假, and a reason (发烧, 结婚) counts only when no type is named.
 */
import type { LeaveTypeCode } from '../types.js';

const NAMED: ReadonlyArray<readonly [RegExp, LeaveTypeCode]> = [
  [/陪产假?|护理假|陪护假/, 'paternity'],
  [/产假|生育假/, 'maternity'],
  [/年假|年休假|带薪假|年休/, 'annual'],
  [/病假|病休/, 'sick'],
  [/事假/, 'personal'],
  [/调休|调个休|调一?天休|倒休|补休|换休|串休/, 'compensatory'],
  [/婚假/, 'marriage'],
  [/丧假|丧事假/, 'bereavement'],
];

/** Reasons that imply a type when none is named: 发烧了明天请假 → sick. */
const REASONS: ReadonlyArray<readonly [RegExp, LeaveTypeCode]> = [
  [/生病|发烧|感冒|不舒服|看病|看医生|医院|头疼|头痛|肚子疼|拉肚子|牙疼|住院|病了/, 'sick'],
  [/结婚|婚礼|领证/, 'marriage'],
  [/去世|过世|葬礼|丧事|奔丧/, 'bereavement'],
  [/老婆生|媳妇生|爱人生|妻子生|陪产/, 'paternity'],
  [/家里有事|私事|个人原因|办事|有点事|办点事/, 'personal'],
];

/** Bare answers to 请问请什么假: 年 / 病 / 事 / 婚. */
const BARE: Readonly<Record<string, LeaveTypeCode>> = {
  年: 'annual', 病: 'sick', 事: 'personal', 调: 'compensatory', 婚: 'marriage', 产: 'maternity', 丧: 'bereavement', 陪产: 'paternity',
};

export function findLeaveType(text: string, bareAnswer = false): LeaveTypeCode | undefined {
  for (const [re, code] of NAMED) if (re.test(text)) return code;
  for (const [re, code] of REASONS) if (re.test(text)) return code;
  if (bareAnswer) {
    const core = text.replace(/[,。!?\s]|的|吧|啊|呀|请|假|就/g, '');
    return BARE[core];
  }
  return undefined;
}
