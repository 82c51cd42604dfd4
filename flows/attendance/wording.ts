/**
 * Everything the attendance flows say, in one place.
 */
import { formatChineseDate, localParts, pad2, type IsoDate } from '../../lib/time.js';
import type { Punch } from '../../models/attendanceDay.js';
import type { DayLeave, DayOutcome, PersonSummary, PunchKind } from './summary.js';

const MAX_DATES = 6;
const PUNCH_NAME: Record<PunchKind, string> = { on: '上班', off: '下班', unknown: '' };
const LEAVE_NAME: Record<DayLeave, string> = { full: '全天', am: '上午', pm: '下午', half: '半天' };

export function hours(minutes: number): string {
  const h = Math.round((minutes / 60) * 10) / 10;
  return `${h} 小时`;
}

function clock(d: Date, tz: string): string {
  const p = localParts(d, tz);
  return `${p.hour}:${pad2(p.minute)}`;
}

function dates(list: readonly string[]): string {
  const shown = list.slice(0, MAX_DATES).join('、');
  return list.length > MAX_DATES ? `${shown} 等 ${list.length} 天` : shown;
}

function shortDate(date: IsoDate): string {
  return formatChineseDate(date);
}

export function figuresLine(s: PersonSummary): string {
  return `应出勤 ${s.workdays} 天，迟到 ${s.late.count} 次，早退 ${s.early.count} 次，缺卡 ${s.missing.count} 次，旷工 ${fmtDays(s.absent.days)} 天，加班 ${hours(s.overtimeMinutes)}`;
}

function fmtDays(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** 这个月迟到几次 → the figures, then the days concerned. */
export function personPeriod(label: string, s: PersonSummary, whose = ''): string {
  const lines = [`${whose}${label}的考勤：${figuresLine(s)}。`];
  if (s.late.count > 0) lines.push(`迟到（共 ${s.late.minutes} 分钟）：${dates(s.late.dates.map(shortDate))}`);
  if (s.early.count > 0) lines.push(`早退（共 ${s.early.minutes} 分钟）：${dates(s.early.dates.map(shortDate))}`);
  if (s.missing.count > 0) lines.push(`缺卡：${dates(s.missing.days.map((d) => `${shortDate(d.date)}${d.which.map((k) => PUNCH_NAME[k]).join('、')}`))}`);
  if (s.absent.days > 0) lines.push(`旷工：${dates(s.absent.dates.map((d) => `${shortDate(d.date)}${d.share < 1 ? '半天' : ''}`))}`);
  if (s.leave.length > 0) lines.push(`请假（不算缺勤）：${dates(s.leave.map((l) => `${shortDate(l.date)}${l.part === 'full' ? '' : LEAVE_NAME[l.part]}`))}`);
  if (s.late.count + s.early.count + s.missing.count + s.absent.days === 0) lines.push('没有迟到、早退和缺卡，保持得不错！');
  else if (s.missing.count > 0 && !whose) lines.push(BUKA_HINT);
  return lines.join('\n');
}

export const BUKA_HINT = '缺卡的话，可以在企业微信“工作台 → 打卡”里提交补卡申请。';

function punchText(p: Punch | undefined, kind: PunchKind, d: DayOutcome, tz: string, isToday: boolean): string {
  if (p?.at) {
    const note = p.exception && p.exception !== '未打卡' ? `（${p.exception}）` : '';
    return `${PUNCH_NAME[kind]} ${clock(p.at, tz)} 已打卡${note}`;
  }
  if (d.leave === 'full' || (kind === 'on' && d.leave === 'am') || (kind === 'off' && d.leave === 'pm')) return `${PUNCH_NAME[kind]}请假`;
  if (isToday) return `${PUNCH_NAME[kind]}还没有打卡`;
  return `${PUNCH_NAME[kind]}未打卡（缺卡）`;
}

/** 我昨天打卡了吗 → the punches of one day. */
export function personDay(label: string, d: DayOutcome, tz: string, isToday: boolean, whose = ''): string {
  if (!d.working) return `${whose}${label}是休息日，不用打卡。${d.overtimeMinutes > 0 ? `当天加班 ${hours(d.overtimeMinutes)}。` : ''}`;
  if (d.leave === 'full') return `${whose}${label}请了全天假，不用打卡。`;
  if (!d.tracked && d.punches.length === 0) return isToday ? `${whose}${label}还没有打卡记录。` : `${whose}${label}没有查到打卡记录（可能不在打卡规则里）。`;
  const on = d.punches.find((p) => p.kind === 'on');
  const off = d.punches.find((p) => p.kind === 'off');
  const parts = [punchText(on, 'on', d, tz, isToday), punchText(off, 'off', d, tz, isToday)];
  const extra: string[] = [];
  if (d.lateCount > 0) extra.push(`迟到 ${d.lateMinutes} 分钟`);
  if (d.earlyCount > 0) extra.push(`早退 ${d.earlyMinutes} 分钟`);
  if (d.absent > 0) extra.push(d.absent < 1 ? '旷工半天' : '记为旷工');
  if (d.leave) extra.push(`${LEAVE_NAME[d.leave]}请假`);
  if (d.overtimeMinutes > 0) extra.push(`加班 ${hours(d.overtimeMinutes)}`);
  const tail = d.missing.length > 0 && !whose ? `\n${BUKA_HINT}` : '';
  return `${whose}${label}：${parts.join('，')}${extra.length ? `；${extra.join('，')}` : ''}。${tail}`;
}

// Teams ---------------------------------------------------------------------

function issues(s: PersonSummary): string {
  const bits: string[] = [];
  if (s.late.count) bits.push(`迟到 ${s.late.count}`);
  if (s.early.count) bits.push(`早退 ${s.early.count}`);
  if (s.missing.count) bits.push(`缺卡 ${s.missing.count}`);
  if (s.absent.days) bits.push(`旷工 ${fmtDays(s.absent.days)} 天`);
  if (s.leave.length) bits.push(`请假 ${fmtDays(s.leave.reduce((a, l) => a + (l.part === 'full' ? 1 : 0.5), 0))} 天`);
  if (s.overtimeMinutes) bits.push(`加班 ${hours(s.overtimeMinutes)}`);
  return bits.length ? bits.join('，') : '全部正常';
}

/** Keeps the message under WeCom's 2048-byte text limit. */
const MAX_TEAM_LINES = 25;

export function teamPeriod(label: string, people: readonly PersonSummary[]): string {
  const withIssues = people.filter((p) => p.late.count + p.early.count + p.missing.count + p.absent.days > 0);
  const totals = {
    late: people.reduce((a, p) => a + p.late.count, 0),
    early: people.reduce((a, p) => a + p.early.count, 0),
    missing: people.reduce((a, p) => a + p.missing.count, 0),
    absent: people.reduce((a, p) => a + p.absent.days, 0),
  };
  const sorted = [...withIssues, ...people.filter((p) => !withIssues.includes(p))];
  const lines = sorted.slice(0, MAX_TEAM_LINES).map((p) => `· ${p.name}：${issues(p)}`);
  if (sorted.length > MAX_TEAM_LINES) lines.push(`……其余 ${sorted.length - MAX_TEAM_LINES} 人略`);
  return [
    `你的团队 ${label}的出勤（${people.length} 人，应出勤 ${people[0]?.workdays ?? 0} 天）：`,
    `合计迟到 ${totals.late} 次，早退 ${totals.early} 次，缺卡 ${totals.missing} 次，旷工 ${fmtDays(totals.absent)} 天。`,
    ...lines,
  ].join('\n');
}

/** 部门今天谁没打卡 → who has not punched in (today), or who missed punches (another day). */
export function teamDay(label: string, isToday: boolean, people: ReadonlyArray<{ name: string; day: DayOutcome }>): string {
  const working = people.filter((p) => p.day.working);
  if (working.length === 0) return `${label}是休息日，不用打卡。`;
  const onLeave = working.filter((p) => p.day.leave !== undefined);
  const awayMorning = (p: { day: DayOutcome }) => p.day.leave === 'full' || p.day.leave === 'am';
  const notIn = working.filter((p) => !awayMorning(p) && !p.day.punches.some((x) => x.kind === 'on' && x.at) && p.day.absent === 0);
  const missed = working.filter((p) => !isToday && (p.day.missing.length > 0 || p.day.absent > 0));
  const late = working.filter((p) => p.day.lateCount > 0);
  const names = (xs: ReadonlyArray<{ name: string }>) => xs.map((x) => x.name).join('、');
  const lines = [`你的团队 ${label}（${people.length} 人）：`];
  if (isToday) lines.push(notIn.length ? `还没有上班打卡：${names(notIn)}` : '大家都已上班打卡。');
  else lines.push(missed.length ? `缺卡或旷工：${missed.map((p) => `${p.name}（${p.day.absent > 0 ? '旷工' : p.day.missing.map((k) => PUNCH_NAME[k] || '缺卡').join('、')}）`).join('、')}` : '没有人缺卡。');
  if (late.length) lines.push(`迟到：${late.map((p) => `${p.name}（${p.day.lateMinutes} 分钟）`).join('、')}`);
  if (onLeave.length) lines.push(`请假：${onLeave.map((p) => `${p.name}（${LEAVE_NAME[p.day.leave!]}）`).join('、')}`);
  return lines.join('\n');
}

// Refusals and problems -------------------------------------------------------

export const NOT_A_MANAGER = '团队考勤只有带团队的负责人可以查看。你可以问自己的，比如“这个月迟到几次”“我昨天打卡了吗”。';
export const OTHERS_REFUSED = '抱歉，考勤属于个人信息，只能查看你自己的。想看自己的可以问“这个月迟到几次”。';
export const notInTeam = (name: string) => `${name}不在你的团队里，没法查看 ta 的考勤。可以问“我们组这个月的出勤”。`;
export const NO_TEAM = '没有找到向你汇报的同事，所以没有团队考勤可看。如果组织架构不对，请联系 HR 更新。';
export const UNAVAILABLE = '暂时连不上企业微信打卡，稍后再问我一次吧。';
export const STALE_NOTE = '（企业微信打卡暂时连不上，以上是之前同步的数据，可能不是最新的。）';
export const futurePeriod = (label: string) => `${label}还没到，暂时没有考勤数据。`;
export const UNTRACKED = '没有查到你的打卡数据，可能你不在企业微信的打卡规则里。如有疑问请联系 HR。';

// Daily digest ------------------------------------------------------------------

export function digestEmployee(date: IsoDate, d: DayOutcome): string {
  const what = d.absent > 0 ? '没有打卡记录' : `${d.missing.map((k) => PUNCH_NAME[k]).filter(Boolean).join('、') || ''}缺卡`;
  return `${formatChineseDate(date)}你${what}。如果当天在岗，可以在企业微信“工作台 → 打卡”里提交补卡申请；如果是请假，记得补一个请假申请。`;
}

export function digestManager(date: IsoDate, people: ReadonlyArray<{ name: string; day: DayOutcome }>): string {
  return teamDay(formatChineseDate(date), false, people).replace(/^你的团队 /, '考勤日报 · 你的团队 ');
}
