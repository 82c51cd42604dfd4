/**
 * 请假进度: the employee's recent requests with their status.
 */
import { leaveTypeName } from '../../models/leaveType.js';
import { reply, type Flow } from '../flow.js';
import { loadLeaveFacts, type LeaveFacts } from './facts.js';
import * as w from './wording.js';

export function statusText(facts: LeaveFacts): string {
  const recent = facts.requests.slice(0, 8);
  if (recent.length === 0) return w.STATUS_NONE;
  return [
    w.STATUS_HEADER,
    ...recent.map((r, i) => w.statusLine(i + 1, leaveTypeName(r.leaveType), w.spanText(r), r.days, r.status, facts.names[r.approverUserid] ?? r.approverUserid)),
  ].join('\n');
}

export const leaveStatusFlow: Flow<LeaveFacts> = {
  name: 'leave.status',
  intents: ['leave.status'],
  allowed: (turn) => turn.employee !== undefined,
  loadFacts: (turn) => loadLeaveFacts(turn.employee!, turn.today),
  start: (state, turn, facts) => ({ state, actions: [reply(turn, statusText(facts))] }),
};
