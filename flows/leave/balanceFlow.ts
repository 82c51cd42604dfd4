/**
 * 查余额: available days per type from the ledger (pending requests already
 * reserved), or from WeCom 假勤 when LEAVE_BALANCE_SOURCE=wecom.
 */
import { reply, type Flow } from '../flow.js';
import type { WecomPort } from '../ports.js';
import { loadLeaveFacts, type LeaveFacts } from './facts.js';
import * as w from './wording.js';

type BalanceFacts =
  | { readonly source: 'ledger'; readonly facts: LeaveFacts }
  | { readonly source: 'wecom'; readonly quota: Array<{ name: string; leftDays: number }> | undefined };

export function balanceText(facts: LeaveFacts, only?: string): string {
  const lines = facts.leaveTypes
    .filter((t) => t.requiresBalance && (only ? t.code === only : true))
    .filter((t) => only || (facts.balances[t.code] ?? 0) > 0 || (facts.reserved[t.code] ?? 0) > 0 || t.code === 'annual')
    .map((t) => w.balanceLine(t.name, facts.balances[t.code] ?? 0, facts.reserved[t.code] ?? 0));
  if (lines.length === 0 && only) {
    const t = facts.leaveTypes.find((x) => x.code === only);
    return t && !t.requiresBalance ? `${t.name}按需申请，不占余额。` : w.BALANCE_NONE;
  }
  if (lines.length === 0) return w.BALANCE_NONE;
  return [w.BALANCE_HEADER, ...lines, ...(only ? [] : [w.BALANCE_FREE_TYPES])].join('\n');
}

export function balanceFlow(source: 'ledger' | 'wecom', wecom: WecomPort | undefined): Flow<BalanceFacts> {
  return {
    name: 'leave.balance',
    intents: ['leave.balance'],
    allowed: (turn) => turn.employee !== undefined,
    async loadFacts(turn) {
      if (source === 'wecom' && wecom) {
        const quota = await wecom.vacationQuota(turn.employee!.userid).catch(() => undefined);
        return { source: 'wecom', quota };
      }
      return { source: 'ledger', facts: await loadLeaveFacts(turn.employee!, turn.today) };
    },
    start(state, turn, data) {
      if (data.source === 'wecom') {
        if (!data.quota) return { state, actions: [reply(turn, w.BALANCE_WECOM_FAILED)] };
        const lines = data.quota.map((q) => `· ${q.name}：剩余 ${w.daysText(q.leftDays)}`);
        return { state, actions: [reply(turn, lines.length ? [w.BALANCE_HEADER, ...lines, w.BALANCE_FROM_WECOM].join('\n') : w.BALANCE_NONE)] };
      }
      return { state, actions: [reply(turn, balanceText(data.facts, turn.nlu.slots.leaveType))] };
    },
  };
}
