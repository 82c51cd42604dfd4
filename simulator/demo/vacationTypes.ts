/**
 * The demo corp's 假期 settings in WeCom (ids as `oa/vacation/getcorpconf`
 * lists them) and each member's starting quotas there, from the same numbers
 * the app's ledger is seeded with.
 */
import type { LeaveTypeCode } from '../../models/leaveType.js';
import type { VacationType } from '../vacations.js';
import { DEMO_EMPLOYEES } from './company.js';

export const DEMO_VACATION_IDS: Readonly<Record<LeaveTypeCode, number>> = {
  annual: 1,
  personal: 2,
  sick: 3,
  compensatory: 4,
  marriage: 5,
  maternity: 6,
  paternity: 7,
  bereavement: 8,
};

export const DEMO_VACATION_TYPES: readonly VacationType[] = [
  { id: 1, name: '年假', timeAttr: 0, hasQuota: true },
  { id: 2, name: '事假', timeAttr: 0, hasQuota: false },
  { id: 3, name: '病假', timeAttr: 0, hasQuota: false },
  { id: 4, name: '调休假', timeAttr: 0, hasQuota: true },
  { id: 5, name: '婚假', timeAttr: 0, hasQuota: true },
  { id: 6, name: '产假', timeAttr: 0, hasQuota: true },
  { id: 7, name: '陪产假', timeAttr: 0, hasQuota: true },
  { id: 8, name: '丧假', timeAttr: 0, hasQuota: true },
];

/** `userid → vacation id → days`. */
export function demoQuotas(): Record<string, Record<number, number>> {
  const out: Record<string, Record<number, number>> = {};
  for (const e of DEMO_EMPLOYEES) out[e.userid] = { [DEMO_VACATION_IDS.annual]: e.annual, [DEMO_VACATION_IDS.compensatory]: e.compensatory, [DEMO_VACATION_IDS.marriage]: 3, [DEMO_VACATION_IDS.bereavement]: 3 };
  return out;
}
