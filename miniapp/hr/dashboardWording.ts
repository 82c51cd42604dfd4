/**
 * Every string of the HR dashboard (page, tables and chart labels). The browser
 * script imports it too, so no DOM or Node here.
 */

export const TITLE = 'HR 看板';
export const UPDATED = (time: string) => `数据更新于 ${time}`;
export const REFRESH = '刷新';

export const TODAY_HEADING = '今天';
export const REST_DAY = '今天是休息日。';
export const ON_LEAVE_HEADING = (n: number) => `请假中（${n} 人）`;
export const ON_LEAVE_NONE = '今天没有人请假。';
export const ABSENCE_HEADING = (dateLabel: string, n: number) => `${dateLabel}考勤异常（${n} 人）`;
export const ABSENCE_NONE = '没有考勤异常。';
export const ABSENCE_NO_DATA = '还没有这一天的打卡数据（员工问考勤或每日汇总时会从企业微信同步）。';
export const LATEST_WORKDAY = (d: string) => `最近工作日 ${d} `;
export const TODAY_LABEL = '今天';

export const PENDING_HEADING = (n: number) => `待审批（${n} 条）`;
export const PENDING_NONE = '没有待审批的请假。';
export const PENDING_OVERDUE = '超过 24 小时';
export const AGE = (hours: number) => (hours < 1 ? '不到 1 小时' : hours < 48 ? `${Math.floor(hours)} 小时` : `${Math.floor(hours / 24)} 天`);

export const LEAVE_HEADING = (month: string) => `${month}请假（已批准，按工作日）`;
export const LEAVE_BY_TYPE = '按假期类型';
export const LEAVE_BY_DEPT = '按部门';
export const LEAVE_NONE = '本月还没有已批准的请假。';

export const ANOMALY_HEADING = (month: string) => `${month}考勤异常（按部门）`;
export const ANOMALY_NONE = '本月没有考勤数据。';
export const ANOMALY_KINDS = { late: '迟到', early: '早退', missing: '缺卡', absent: '缺勤' } as const;
export const ANOMALY_NOTE = '迟到、早退、缺勤按人次计，缺卡按次数计；请假的日子不计。';

export const FUNNEL_HEADING = '招聘漏斗（按岗位）';
export const FUNNEL_NONE = '还没有开放的岗位。';
export const FUNNEL_STAGES = { invited: '已邀请', confirmed: '已确认', completed: '已完成面试', scored: '已出报告', advanced: '进入下一轮' } as const;
export const FUNNEL_DROPPED_ROW = '婉拒、取消或缺席';

export const COL_NAME = '姓名';
export const COL_DEPT = '部门';
export const COL_TYPE = '类型';
export const COL_LEAVE = '请假';
export const COL_APPROVER_AGE = '审批人 · 已等待';
export const WAITED = (hours: number) => `已等待 ${AGE(hours)}`;
export const COL_SPAN = '时间';
export const COL_DAYS = '天数';
export const COL_APPROVER = '审批人';
export const COL_AGE = '已等待';
export const COL_WHAT = '情况';
export const COL_TOTAL = '合计';
export const COL_STAGE = '阶段';

export const HALF = { am: '上午', pm: '下午' } as const;
export const WEEKDAYS = '一二三四五六日';
export const DAYS = (d: number) => `${Number.isInteger(d) ? d : d.toFixed(1)} 天`;
export const LATE = (min: number) => `迟到 ${min} 分钟`;
export const EARLY = (min: number) => `早退 ${min} 分钟`;
export const MISSING = (n: number) => `缺卡 ${n} 次`;
export const ABSENT = '缺勤';
export const CHART_ALT = (what: string) => `${what}的图表，数字见下表`;
