/**
 * 考勤问答 (intent `attendance.query`): 这个月迟到几次 / 上周的考勤 / 我昨天打卡了吗 /
 * 10月有几天缺卡; and for managers (slot `scope: team`) 我们组这个月的出勤 /
 * 部门今天谁没打卡. Employees asking about someone else are refused politely;
 * managers may ask about the people who report to them.
 *
 * `plan` (pure) decides whose days to load; `loadFacts` loads them through the
 * cache; `render` (pure) writes the answer.
 */
import { addDays, type IsoDate } from '../../lib/time.js';
import type { HolidayLookup } from '../../lib/workdays.js';
import { holidayLookup } from '../../models/calendar.js';
import type { Employee } from '../../models/employee.js';
import { reply, type Flow, type StepResult, type TextTurn } from '../flow.js';
import type { ConversationState } from '../flow.js';
import type { Slots } from '../nlu/types.js';
import { approvedLeave } from './leaves.js';
import { resolvePeriod, type AskedPeriod } from './period.js';
import { loadAttendance, type AttendanceSourceDeps } from './source.js';
import { summarize, type PersonInput } from './summary.js';
import { namedColleagues, teamOf } from './team.js';
import * as w from './wording.js';

export type Plan =
  | { readonly kind: 'say'; readonly text: string }
  | { readonly kind: 'load'; readonly scope: 'self' | 'person' | 'team'; readonly period: AskedPeriod; readonly people: readonly Pick<Employee, 'userid' | 'name'>[] };

/** Pure: what to answer, given who was named and who reports to the asker. */
export function plan(asker: Employee, slots: Slots, today: IsoDate, named: readonly Employee[], team: readonly Employee[]): Plan {
  const p = resolvePeriod(slots, today);
  if (!p.ok) return { kind: 'say', text: w.futurePeriod(p.label) };
  const inTeam = new Set(team.map((t) => t.userid));
  if (named.length > 0) {
    const outside = named.find((n) => !inTeam.has(n.userid));
    if (outside) return { kind: 'say', text: team.length === 0 ? w.OTHERS_REFUSED : w.notInTeam(outside.name) };
    return { kind: 'load', scope: named.length === 1 ? 'person' : 'team', period: p.period, people: named };
  }
  if (slots.scope === 'team') {
    if (team.length === 0) return { kind: 'say', text: asker.roles.includes('manager') ? w.NO_TEAM : w.NOT_A_MANAGER };
    return { kind: 'load', scope: 'team', period: p.period, people: team };
  }
  return { kind: 'load', scope: 'self', period: p.period, people: [asker] };
}

export type AttendanceFacts =
  | { readonly plan: Extract<Plan, { kind: 'say' }> }
  | {
      readonly plan: Extract<Plan, { kind: 'load' }>;
      readonly people: readonly PersonInput[];
      readonly calendar: HolidayLookup;
      readonly stale: boolean;
      /** Nothing cached and WeCom unreachable. */
      readonly unavailable: boolean;
    };

/** Pure: the answer. */
export function render(facts: AttendanceFacts, today: IsoDate, tz: string): string {
  if (facts.plan.kind === 'say') return facts.plan.text;
  if (!('people' in facts)) return w.UNAVAILABLE;
  if (facts.unavailable) return w.UNAVAILABLE;
  const { period, scope } = facts.plan;
  const summaries = facts.people.map((p) => summarize(p, period.from, period.to, facts.calendar, today));
  let text: string;
  if (scope === 'team') {
    text = period.single
      ? w.teamDay(period.label, period.from === today, summaries.map((s) => ({ name: s.name, day: s.days[0]! })))
      : w.teamPeriod(period.label, summaries);
  } else {
    const s = summaries[0]!;
    const whose = scope === 'person' ? `${s.name} ` : '';
    if (scope === 'self' && !s.tracked && !period.single) text = w.UNTRACKED;
    else text = period.single ? w.personDay(period.label, s.days[0]!, tz, period.from === today, whose) : w.personPeriod(period.label, s, whose);
  }
  return facts.stale ? `${text}\n${w.STALE_NOTE}` : text;
}

export async function loadAttendanceFacts(turn: TextTurn, deps: AttendanceSourceDeps): Promise<AttendanceFacts> {
  const asker = turn.employee!;
  const named = await namedColleagues(turn.text, asker.userid);
  const needTeam = named.length > 0 || turn.nlu.slots.scope === 'team';
  const team = needTeam ? await teamOf(asker) : [];
  const decided = plan(asker, turn.nlu.slots, turn.today, named, team);
  if (decided.kind === 'say') return { plan: decided };
  const { period } = decided;
  const ids = decided.people.map((p) => p.userid);
  const calendar = await holidayLookup(addDays(period.from, -1), period.to);
  const [loaded, leave] = await Promise.all([loadAttendance(ids, period.from, period.to, deps), approvedLeave(ids, period.from, period.to, calendar)]);
  return {
    plan: decided,
    people: decided.people.map((p) => ({ userid: p.userid, name: p.name, days: loaded.days.filter((d) => d.userid === p.userid), leave: leave.get(p.userid) })),
    calendar,
    stale: loaded.stale,
    unavailable: loaded.stale && loaded.days.length === 0,
  };
}

export function attendanceQueryFlow(deps: AttendanceSourceDeps): Flow<AttendanceFacts> {
  return {
    name: 'attendance.query',
    intents: ['attendance.query'],
    allowed: (turn) => turn.employee !== undefined,
    loadFacts: (turn) => loadAttendanceFacts(turn, deps),
    start: (state: ConversationState, turn, facts): StepResult => ({ state, actions: [reply(turn, render(facts, turn.today, turn.tz))] }),
  };
}
