/**
 * 请假: request, balance, status, withdraw; approval cards; WeCom 审批 mode;
 * reminders and escalation.
 */
import type { Feature } from '../feature.js';
import { leaveRequestFlow } from '../../flows/leave/requestForm.js';
import { balanceFlow } from '../../flows/leave/balanceFlow.js';
import { leaveStatusFlow } from '../../flows/leave/statusFlow.js';
import { leaveCancelFlow } from '../../flows/leave/cancelFlow.js';
import { leaveCardHandler, rejectReasonHandler, wecomApprovalHandler } from '../../flows/leave/approval.js';
import { registerLeaveEffects } from '../../flows/leave/effects.js';
import { helpFlow } from '../../flows/help.js';
import { leaveRemindersJob } from '../../scheduler/jobs/leaveReminders.js';
import type { Config } from '../../lib/config.js';

export function leaveFeature(config: Pick<Config, 'leaveBalanceSource' | 'leaveApproval'>): Feature {
  return {
    name: 'leave',
    flows: (s) => [helpFlow, leaveRequestFlow, leaveStatusFlow, leaveCancelFlow, balanceFlow(config.leaveBalanceSource, s.wecomPort)],
    cardHandlers: { leave: leaveCardHandler },
    awaitingHandlers: { 'leave.reject_reason': rejectReasonHandler },
    approvalHandler: wecomApprovalHandler,
    setup(s) {
      registerLeaveEffects(s.effects, { outbox: s.outbox, approvalMode: config.leaveApproval, wecom: s.wecomPort });
    },
    jobs: (s) => [leaveRemindersJob({ outbox: s.outbox, tz: s.config.tz, logger: s.logger, hrAdmins: s.config.hrAdmins })],
  };
}
