/**
 * 撤回 / 取消: withdraw a pending request, or call off an approved one that has
 * not started. One candidate → confirm; several → pick by number.
 */
import { leaveTypeName } from '../../models/leaveType.js';
import { effect, reply, type Flow, type FormState } from '../flow.js';
import { loadLeaveFacts, type ActiveRequest, type LeaveFacts } from './facts.js';
import * as w from './wording.js';

const FLOW = 'leave.cancel';

function line(r: ActiveRequest): string {
  return `${w.spanText(r)} 的${leaveTypeName(r.leaveType)}（${w.STATUS_TEXT[r.status]}）`;
}

export function cancellable(facts: LeaveFacts, today: string): ActiveRequest[] {
  return facts.requests.filter((r) => r.status === 'pending' || (r.status === 'approved' && r.start > today));
}

const CHINESE_ORDINALS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

export function parseChoice(text: string): number | undefined {
  const digit = /(\d+)/.exec(text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
  if (digit) return Number(digit[1]);
  const zh = /第?([一二两三四五六七八九])(?:个|条|项)?/.exec(text);
  return zh ? CHINESE_ORDINALS[zh[1]!] : undefined;
}

export const leaveCancelFlow: Flow<LeaveFacts> = {
  name: FLOW,
  intents: ['leave.cancel'],
  allowed: (turn) => turn.employee !== undefined,
  loadFacts: (turn) => loadLeaveFacts(turn.employee!, turn.today),

  start(state, turn, facts) {
    const options = cancellable(facts, turn.today);
    if (options.length === 0) return { state, actions: [reply(turn, w.NOTHING_TO_WITHDRAW)] };
    if (options.length === 1) {
      const only = options[0]!;
      if (only.approvalMode === 'wecom') return { state, actions: [reply(turn, w.WECOM_WITHDRAW_HINT)] };
      const form: FormState = { flow: FLOW, values: { ids: [only.id], chosen: only.id }, reasks: {}, stage: 'confirming' };
      return { state: { ...state, form }, actions: [reply(turn, w.confirmWithdraw(line(only), only.status === 'approved'))] };
    }
    const form: FormState = { flow: FLOW, values: { ids: options.map((o) => o.id) }, asking: 'choice', reasks: {}, stage: 'filling' };
    return { state: { ...state, form }, actions: [reply(turn, w.chooseWithdraw(options.map((o, i) => `${i + 1}. ${line(o)}`)))] };
  },

  resume(state, form, turn, facts) {
    const ids = (form.values['ids'] as string[] | undefined) ?? [];
    const options = ids.map((id) => facts.requests.find((r) => r.id === id)).filter((r): r is ActiveRequest => r !== undefined);
    if (form.stage === 'filling') {
      const n = parseChoice(turn.text);
      const chosen = n !== undefined ? options[n - 1] : undefined;
      if (!chosen) {
        const count = (form.reasks['choice'] ?? 0) + 1;
        return { state: { ...state, form: { ...form, reasks: { choice: count } } }, actions: [reply(turn, `${w.BAD_CHOICE}${count >= 2 ? w.REASK_SUFFIX : ''}`)] };
      }
      if (chosen.approvalMode === 'wecom') return { state: { ...state, form: undefined }, actions: [reply(turn, w.WECOM_WITHDRAW_HINT)] };
      return {
        state: { ...state, form: { ...form, values: { ...form.values, chosen: chosen.id }, asking: undefined, stage: 'confirming' } },
        actions: [reply(turn, w.confirmWithdraw(line(chosen), chosen.status === 'approved'))],
      };
    }
    const chosenId = form.values['chosen'] as string | undefined;
    if (turn.nlu.intent === 'confirm' && chosenId) {
      return { state: { ...state, form: undefined }, actions: [effect('leave.withdraw', { requestId: chosenId, userid: turn.employee!.userid })] };
    }
    if (turn.nlu.intent === 'deny') return { state: { ...state, form: undefined }, actions: [reply(turn, w.WITHDRAW_KEPT)] };
    return { state, actions: [reply(turn, '回复“确认”撤回，或回复“不用”保留。')] };
  },

  resumePrompt: (form) => (form.stage === 'confirming' ? '撤回还等你确认，回复“确认”或“不用”。' : w.BAD_CHOICE),
};
