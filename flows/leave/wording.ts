/**
 * Everything the leave flows say, in one place.
 */
import { formatChineseDate } from '../../lib/time.js';
import type { Period } from '../../lib/workdays.js';
import type { LeaveStatus } from '../../models/leaveRequest.js';

export interface SpanText {
  readonly start: string;
  readonly startPeriod?: Period | undefined;
  readonly end: string;
  readonly endPeriod?: Period | undefined;
}

const HALF: Record<Period, string> = { am: '上午', pm: '下午' };

/** 11月30日（周一） / 11月30日（周一）下午 至 12月2日（周三）上午 */
export function spanText(s: SpanText): string {
  const single = s.start === s.end;
  if (single) {
    if (s.startPeriod === 'pm' || (s.startPeriod === 'am' && s.endPeriod === 'am')) {
      return `${formatChineseDate(s.start)}${HALF[s.startPeriod]}`;
    }
    if (s.endPeriod === 'am') return `${formatChineseDate(s.start)}上午`;
    return formatChineseDate(s.start);
  }
  const from = `${formatChineseDate(s.start)}${s.startPeriod === 'pm' ? '下午' : ''}`;
  const to = `${formatChineseDate(s.end)}${s.endPeriod === 'am' ? '上午' : ''}`;
  return `${from} 至 ${to}`;
}

export function daysText(days: number): string {
  return `${Number.isInteger(days) ? days : days.toFixed(1)} 天`;
}

export const STATUS_TEXT: Record<LeaveStatus, string> = {
  pending: '待审批',
  approved: '已通过',
  rejected: '已驳回',
  withdrawn: '已撤回',
  cancelled: '已取消',
};

export const ASK_TYPE = (options: string) => `请哪种假？${options}`;
export const ASK_START = '从哪天开始？比如“明天”“下周一下午”“12月1日”。';
export const ASK_END = '到哪天结束，或者请几天？比如“到周三”“两天半”。';
export const ASK_REASON = '事假需要写一下事由，简单说一句就行。';
export const REASK_SUFFIX = '\n这一项我还是没看懂，可以换个说法；不想继续的话回复“取消”。';

export const BAD_TYPE = '没认出是哪种假。可选：年假、病假、事假、调休、婚假、产假、陪产假、丧假。';
export const BAD_START = '没认出开始日期，可以说“明天”“周五”“12月1日”这样的。';
export const UNPLACED_HOLIDAY = (name: string) => `节假日日历里还没有下一个${name}的放假安排（HR 导入新一年的日历后就能直接说），这次请直接说日期，比如“2月18日”。`;
export const BAD_END = '没认出结束日期或天数，可以说“到周三”“请两天”“到12月3日上午”。';

export const END_BEFORE_START = '结束日期比开始日期还早，请再说一下到哪天结束。';
export const SAME_DAY_PM_AM = '同一天不能从下午开始、上午结束，请再说一下时间。';
export const NO_WORKING_DAYS = '这段时间都是休息日或节假日，不用请假哦。请换一个开始日期。';

export function tooFarBack(typeName: string, backdateDays: number): string {
  return backdateDays > 0
    ? `${typeName}最多可以补请 ${backdateDays} 天前的，请换一个开始日期。`
    : `${typeName}不能从已经过去的日期开始，请换一个开始日期。`;
}

export function tooLong(typeName: string, maxSpanDays: number): string {
  return `${typeName}一次最多请 ${maxSpanDays} 天（自然日），请缩短时间或分开申请。`;
}

export function overlaps(existing: string): string {
  return `和你已有的 ${existing} 时间重叠了，请换个时间；要改原来的申请，可以先撤回。`;
}

export function insufficient(typeName: string, available: number, needed: number): string {
  return `${typeName}可用 ${daysText(available)}，不够这次的 ${daysText(needed)}。可以缩短时间，或者改成其他假（比如“改成事假”）。`;
}

export function calendarMissing(years: number[]): string {
  return `（${years.join('、')} 年的节假日安排还没导入，天数先按周一到周五计算。）`;
}

export interface SummaryInput {
  typeName: string;
  span: SpanText;
  days: number;
  approverName: string;
  reason?: string | undefined;
  balanceAfter?: { available: number; after: number } | undefined;
  note?: string | undefined;
}

export function summary(s: SummaryInput): string {
  return [
    '请确认请假信息：',
    `· 类型：${s.typeName}`,
    `· 时间：${spanText(s.span)}`,
    `· 天数：${daysText(s.days)}（按工作日计）`,
    ...(s.reason ? [`· 事由：${s.reason}`] : []),
    ...(s.balanceAfter ? [`· 余额：现有 ${daysText(s.balanceAfter.available)}，批准后剩 ${daysText(s.balanceAfter.after)}`] : []),
    `· 审批人：${s.approverName}`,
    ...(s.note ? [s.note] : []),
    '回复“确认”提交；要改的话直接说，比如“改成后天”；回复“取消”放弃。',
  ].join('\n');
}

export const CONFIRM_OR_CHANGE = '回复“确认”提交；要改哪里直接告诉我（比如“改成事假”“到周四”）；回复“取消”放弃。';
export const WHAT_TO_CHANGE = '好的，哪里要改？比如“改成后天”“改成事假”“到周四”。';

export function submitted(approverName: string): string {
  return `已提交，等待 ${approverName} 审批。有结果我会马上告诉你。`;
}

export function submittedToWecom(spNo: string): string {
  return `已提交到企业微信审批（单号 ${spNo}），审批结果会通知你。`;
}

export function wecomSubmitFailed(reason: string): string {
  return `提交到企业微信审批没有成功：${reason}。这次申请没有生效，请稍后再试。`;
}

export const SUBMIT_CONFLICT_PREFIX = '提交前再核对时发现：';

// ---- approver side ----

export function cardTitle(name: string): string {
  return `${name}的请假申请`;
}

export function approverNotice(name: string): string {
  return `${name} 提交了请假申请，请在卡片上审批。`;
}

export const BTN_APPROVE = '同意';
export const BTN_REJECT = '驳回';
export const CARD_APPROVED = '已同意';
export const CARD_REJECTED = '已驳回';
export const CARD_WITHDRAWN = '已撤回';
export const CARD_CANCELLED = '已取消';

export function cardFinalText(status: LeaveStatus): string {
  return { pending: '待审批', approved: CARD_APPROVED, rejected: CARD_REJECTED, withdrawn: CARD_WITHDRAWN, cancelled: CARD_CANCELLED }[status];
}

export const NOT_YOUR_APPROVAL = '你不是这条申请的审批人，不能处理。';
export const REQUEST_NOT_FOUND = '没有找到这条请假申请，可能已被删除。';

export function alreadyDecided(status: LeaveStatus, by: string | undefined): string {
  return `这条申请${STATUS_TEXT[status]}${by ? `（${by}）` : ''}，不需要再处理。`;
}

export function askRejectReason(name: string): string {
  return `已驳回。可以直接回复驳回理由，我会转告${name}（10 分钟内有效，回复“跳过”则不填）。`;
}

export const REASON_SKIPPED = '好的，不填理由。';

export function reasonForwarded(name: string): string {
  return `已把理由转告${name}。`;
}

export function employeeApproved(typeName: string, span: string, days: number, approver: string): string {
  return `你的${typeName}申请（${span}，${daysText(days)}）已通过 ✅ 审批人：${approver}`;
}

export function employeeRejected(typeName: string, span: string, approver: string): string {
  return `你的${typeName}申请（${span}）没有通过，审批人：${approver}。如有疑问可以直接联系 TA。`;
}

export function employeeRejectReason(approver: string, reason: string): string {
  return `${approver} 的驳回理由：${reason}`;
}

export function employeeWecomRevoked(typeName: string, span: string): string {
  return `你的${typeName}申请（${span}）在企业微信审批中已撤销，余额已退回。`;
}

// ---- balance, status, withdraw ----

export function balanceLine(typeName: string, available: number, reserved: number): string {
  return `· ${typeName}：可用 ${daysText(available)}${reserved > 0 ? `（另有 ${daysText(reserved)}在审批中）` : ''}`;
}

export const BALANCE_HEADER = '你的假期余额：';
export const BALANCE_FREE_TYPES = '病假、事假按需申请，不占余额。';
export const BALANCE_NONE = '还没有给你设置假期余额，请联系 HR。';
export const BALANCE_FROM_WECOM = '（数据来自企业微信假勤）';
export const BALANCE_WECOM_FAILED = '暂时查不到企业微信里的假期余额，请稍后再试。';

export const STATUS_NONE = '你最近 90 天没有请假记录。想请假可以直接说，比如“下周一请一天年假”。';
export const STATUS_HEADER = '你最近的请假：';

export function statusLine(i: number, typeName: string, span: string, days: number, status: LeaveStatus, approver: string): string {
  return `${i}. ${span} ${typeName} ${daysText(days)} · ${STATUS_TEXT[status]}${status === 'pending' ? `（${approver}）` : ''}`;
}

export const NOTHING_TO_WITHDRAW = '你现在没有可以撤回的请假申请（待审批的，或还没开始的已批准假期）。';

export function confirmWithdraw(line: string, approved: boolean): string {
  return `要${approved ? '取消已批准的' : '撤回'} ${line}吗？回复“确认”${approved ? '取消' : '撤回'}，回复“不用”保留。`;
}

export function chooseWithdraw(lines: string[]): string {
  return ['要撤回哪一条？回复序号：', ...lines].join('\n');
}

export const BAD_CHOICE = '请回复列表里的序号，比如“1”。';
export const WITHDRAW_KEPT = '好的，保留不动。';

export function withdrawn(line: string): string {
  return `已撤回 ${line}，余额已退回。`;
}

export function cancelledApproved(line: string): string {
  return `已取消 ${line}，余额已退回，也通知了审批人。`;
}

export function withdrawTooLate(status: LeaveStatus): string {
  return `这条申请现在是“${STATUS_TEXT[status]}”，不能撤回了。`;
}

export const CANNOT_CANCEL_STARTED = '这段假期已经开始了，不能在这里取消；请联系你的审批人或 HR 处理。';

export function approverToldWithdrawn(name: string, line: string): string {
  return `${name} 撤回了请假申请（${line}），不用再审批了。`;
}

export function approverToldCancelled(name: string, line: string): string {
  return `${name} 取消了已批准的请假（${line}）。`;
}

export const WECOM_WITHDRAW_HINT = '这条申请在企业微信审批里，请在“审批”应用里撤销，结果会同步过来。';

// ---- reminders ----

export function reminder(count: number, oldestHours: number): string {
  return `你有 ${count} 条请假申请等待审批，最早的已经等了 ${Math.floor(oldestHours)} 小时，请在卡片上处理。`;
}

export function escalation(name: string, approverName: string, hours: number): string {
  return `${name} 的请假申请已等待 ${approverName} 审批 ${Math.floor(hours)} 小时，转给 HR 处理。`;
}
