/**
 * 安排面试 as a slot-filling form, pure: pre-filled from HR's first sentence
 * (帮我约张伟，电话13812345678，下周二下午3点面试产品经理，面试官李娜), asking
 * only for what is missing, resolving the job and the interviewer by name
 * (asking which one when two match), refusing a slot the interviewer already
 * has taken (with the nearest free ones to pick from), and creating nothing
 * before 确认.
 */
import { addDays, localDate, localDateTime, type IsoDate } from '../../lib/time.js';
import type { InterviewKind } from '../../models/interview.js';
import { bareName } from '../nlu/slots/people.js';
import { extractSlots } from '../nlu/index.js';
import { effect, reply, type ConversationState, type FormState, type StepResult, type TextTurn } from '../flow.js';
import type { InterviewFacts, JobRef } from './facts.js';
import {
  bareAnswer, formatClock, interviewerChange, isBareClock, parseChannel, parseChoice, parseClock, parseDuration, parseKind, parsePlace,
} from './parse.js';
import { DEFAULT_DURATION_MIN, findClash, instantOf, nearestFreeSlots, offHours } from './slots.js';
import * as w from './wording.js';

export const SCHEDULE_FLOW = 'interview.schedule';
const MAX_AHEAD_DAYS = 180;

export type AskSlot = 'candidateName' | 'candidatePhone' | 'position' | 'time' | 'interviewer' | 'kind' | 'place';

export interface Choice {
  readonly slot: 'position' | 'interviewer' | 'time';
  /** `value`: a job id, a userid, or a local `YYYY-MM-DDTHH:mm`. */
  readonly options: ReadonlyArray<{ readonly value: string; readonly label: string }>;
}

/** The form's values (JSON in the conversation). */
export interface ScheduleValues {
  candidateName?: string | undefined;
  candidatePhone?: string | undefined;
  /** As HR said it; `jobId` once it matched one open job. */
  position?: string | undefined;
  jobId?: string | undefined;
  jobTitle?: string | undefined;
  date?: IsoDate | undefined;
  /** `HH:mm` */
  clock?: string | undefined;
  /** As HR said it; `interviewerUserid` once it matched one colleague. */
  interviewer?: string | undefined;
  interviewerUserid?: string | undefined;
  interviewerName?: string | undefined;
  kind?: InterviewKind | undefined;
  place?: string | undefined;
  durationMin?: number | undefined;
  channel?: 'forward' | 'wechaty' | undefined;
  choice?: Choice | undefined;
}

/** A complete, checked request: what `interview.create` receives. */
export interface ScheduleDraft {
  readonly candidateName: string;
  readonly candidatePhone: string;
  readonly jobId: string;
  readonly jobTitle: string;
  /** Local `YYYY-MM-DDTHH:mm` in the business time zone. */
  readonly time: string;
  readonly durationMin: number;
  readonly interviewerUserid: string;
  readonly interviewerName: string;
  readonly kind: InterviewKind;
  readonly place: string | undefined;
  readonly channel: 'forward' | 'wechaty';
}

export type Check =
  | { readonly ok: true; readonly draft: ScheduleDraft; readonly notes: readonly string[] }
  | { readonly ok: false; readonly ask: AskSlot; readonly message: string; readonly choice?: Choice | undefined };

const PHONE_RE = /^1[3-9]\d{9}$/;
/** Replies that are never a name, a job or a place. */
const REPLY_INTENTS: ReadonlySet<string> = new Set(['confirm', 'deny', 'cancel', 'help', 'greeting']);

function norm(s: string): string {
  return s.toLowerCase().replace(/[\s·\-_()（）]/g, '');
}

/** Open jobs matching what HR said: the code, the exact title, or a title that contains it (or the other way round). */
export function matchJobs(position: string, jobs: readonly JobRef[]): JobRef[] {
  const p = norm(position);
  if (p.length === 0) return [];
  const exact = jobs.filter((j) => norm(j.code) === p || norm(j.title) === p);
  if (exact.length > 0) return exact;
  return jobs.filter((j) => norm(j.title).includes(p) || (p.length >= 2 && p.includes(norm(j.title))));
}

function jobList(jobs: readonly JobRef[]): string {
  return jobs.map((j) => j.title).join('、');
}

function resolveJob(v: ScheduleValues, position: string, facts: InterviewFacts): void {
  v.position = position;
  v.jobId = undefined;
  v.jobTitle = undefined;
  const found = matchJobs(position, facts.jobs);
  if (found.length === 1) {
    v.jobId = found[0]!.id;
    v.jobTitle = found[0]!.title;
  } else if (found.length > 1) {
    v.choice = { slot: 'position', options: found.slice(0, 9).map((j) => ({ value: j.id, label: `${j.title}${j.department ? `（${j.department}）` : ''}` })) };
  }
}

function resolveInterviewer(v: ScheduleValues, name: string, facts: InterviewFacts): void {
  v.interviewer = name;
  v.interviewerUserid = undefined;
  v.interviewerName = undefined;
  const found = facts.people.filter((p) => p.name === name);
  if (found.length === 1) {
    v.interviewerUserid = found[0]!.userid;
    v.interviewerName = found[0]!.name;
  } else if (found.length > 1) {
    v.choice = { slot: 'interviewer', options: found.slice(0, 9).map((p) => ({ value: p.userid, label: `${p.name}${p.department ? `（${p.department}）` : ''}（${p.userid}）` })) };
  }
}

function applyChoice(v: ScheduleValues, choice: Choice, index: number, facts: InterviewFacts): void {
  const picked = choice.options[index]!;
  v.choice = undefined;
  if (choice.slot === 'position') {
    const job = facts.jobs.find((j) => j.id === picked.value);
    v.jobId = picked.value;
    v.jobTitle = job?.title ?? picked.label;
  } else if (choice.slot === 'interviewer') {
    v.interviewerUserid = picked.value;
    v.interviewerName = picked.label.replace(/[（(].*$/, '');
  } else {
    const [date, clock] = picked.value.split('T');
    v.date = date;
    v.clock = clock;
  }
}

/** Folds what HR just said into the form's values. */
export function mergeValues(values: ScheduleValues, turn: TextTurn, facts: InterviewFacts, asking: string | undefined): ScheduleValues {
  const v: ScheduleValues = { ...values };
  const text = turn.text.trim();
  // 好的 / 确认 answering "候选人叫什么？" is not a name, even though the NLU fills the slot it was asked for.
  const s = REPLY_INTENTS.has(turn.nlu.intent)
    ? { ...turn.nlu.slots, candidateName: undefined, position: undefined, interviewer: undefined }
    : turn.nlu.slots;

  if (v.choice) {
    const index = parseChoice(text, v.choice.options.length);
    if (index !== undefined) {
      applyChoice(v, v.choice, index, facts);
      return v;
    }
  }

  // A whole message may be the answer to the question asked — unless it is a reply word (确认 / 取消 / 你好 …)
  // or carries something else the form understands (线上, a time, a phone number …).
  const otherInfo = parseKind(text) !== undefined || parseDuration(text) !== undefined || parseChannel(text) !== undefined
    || s.time !== undefined || s.start !== undefined || s.candidatePhone !== undefined || parseClock(text) !== undefined;
  const bareOk = !REPLY_INTENTS.has(turn.nlu.intent) && !otherInfo;
  const changedInterviewer = s.interviewer ?? interviewerChange(text) ?? (asking === 'interviewer' && bareOk ? bareName(text) : undefined);
  if (s.candidateName && s.candidateName !== changedInterviewer && (asking === 'candidateName' || !v.candidateName || /候选人|约/.test(text))) {
    v.candidateName = s.candidateName;
  } else if (asking === 'candidateName' && !s.candidateName) {
    const bare = bareOk ? bareName(text) : undefined;
    if (bare) v.candidateName = bare;
  }
  if (s.candidatePhone) v.candidatePhone = s.candidatePhone;

  // When the bot asked for the job, the NLU takes the whole reply as one; keep that only for a bare answer.
  const said = asking === 'position' && !bareOk ? extractSlots(text, { now: turn.now, tz: turn.tz }).position : s.position;
  const position = said ?? (asking === 'position' && !v.choice && bareOk ? bareAnswer(text, 20) : undefined);
  if (position && !(asking === 'position' && /^\d+$/.test(position))) {
    if (v.choice?.slot === 'position') v.choice = undefined;
    resolveJob(v, position, facts);
  }

  const timeBefore = `${v.date}T${v.clock}`;
  if (s.time) {
    const [date, clock] = s.time.split('T') as [string, string];
    if (!(isBareClock(text) && v.date)) v.date = date;
    v.clock = clock;
  } else if (s.start) {
    v.date = s.start;
    const c = parseClock(text);
    if (c) v.clock = formatClock(c);
  } else {
    const c = asking === 'time' || isBareClock(text) ? parseClock(text) : undefined;
    if (c) {
      v.clock = formatClock(c);
      v.date ??= guessDay(c, turn);
    }
  }
  if (`${v.date}T${v.clock}` !== timeBefore && v.choice?.slot === 'time') v.choice = undefined;

  if (changedInterviewer && changedInterviewer !== v.candidateName) {
    if (v.choice?.slot === 'interviewer' || v.choice?.slot === 'time') v.choice = undefined;
    resolveInterviewer(v, changedInterviewer, facts);
  }

  const kind = parseKind(text);
  if (kind) v.kind = kind;
  // 腾讯会议 123-456-789 names the kind *and* the place; a bare 线上 only the kind.
  const place = parsePlace(text) ?? (asking === 'place' && !REPLY_INTENTS.has(turn.nlu.intent) && !(kind && text.length <= 6) ? bareAnswer(text) : undefined);
  if (place) v.place = place;
  const duration = parseDuration(text);
  if (duration !== undefined && duration !== v.durationMin) {
    v.durationMin = duration;
    if (v.choice?.slot === 'time') v.choice = undefined;
  }
  const channel = parseChannel(text);
  if (channel && (channel === 'forward' || facts.wechatyEnabled)) v.channel = channel;
  return v;
}

/** A bare clock with no date yet: today if it is still ahead, else tomorrow. */
function guessDay(c: { hour: number; minute: number }, turn: TextTurn): IsoDate {
  const now = localDateTime(turn.now, turn.tz).slice(11);
  return formatClock(c) > now ? turn.today : addDays(turn.today, 1);
}

/** Checks the values in the order HR would fix them. */
export function validate(v: ScheduleValues, facts: InterviewFacts, turn: Pick<TextTurn, 'now' | 'tz' | 'today'>): Check {
  if (v.choice) {
    const options = w.numbered(v.choice.options.map((o) => o.label));
    const message = v.choice.slot === 'position' ? w.CHOOSE_JOB(options)
      : v.choice.slot === 'interviewer' ? w.CHOOSE_INTERVIEWER(v.interviewer ?? '', options)
        : w.clash(v.interviewerName ?? '', '这个时间', v.choice.options.map((o) => o.label));
    return { ok: false, ask: v.choice.slot, message, choice: v.choice };
  }
  if (!v.candidateName) return { ok: false, ask: 'candidateName', message: w.ASK_NAME };
  if (!v.candidatePhone) return { ok: false, ask: 'candidatePhone', message: w.ASK_PHONE(v.candidateName) };
  if (!PHONE_RE.test(v.candidatePhone)) return { ok: false, ask: 'candidatePhone', message: w.BAD_PHONE };

  if (facts.jobs.length === 0) return { ok: false, ask: 'position', message: w.NO_OPEN_JOBS(facts.jobsPageUrl) };
  if (!v.jobId) {
    return { ok: false, ask: 'position', message: v.position ? w.JOB_NOT_FOUND(v.position, jobList(facts.jobs)) : w.ASK_POSITION(jobList(facts.jobs)) };
  }

  if (!v.date && !v.clock) return { ok: false, ask: 'time', message: w.ASK_TIME };
  if (!v.clock) return { ok: false, ask: 'time', message: w.ASK_CLOCK(v.date!) };
  if (!v.date) return { ok: false, ask: 'time', message: w.ASK_TIME };
  const time = `${v.date}T${v.clock}`;
  const start = instantOf(time, turn.tz);
  if (start.getTime() <= turn.now.getTime()) return { ok: false, ask: 'time', message: w.TIME_PAST };
  if (v.date > addDays(turn.today, MAX_AHEAD_DAYS)) return { ok: false, ask: 'time', message: w.TIME_TOO_FAR };

  if (!v.interviewer && !v.interviewerUserid) return { ok: false, ask: 'interviewer', message: w.ASK_INTERVIEWER };
  if (!v.interviewerUserid) return { ok: false, ask: 'interviewer', message: w.INTERVIEWER_NOT_FOUND(v.interviewer ?? '') };

  const durationMin = v.durationMin ?? DEFAULT_DURATION_MIN;
  const end = new Date(start.getTime() + durationMin * 60_000);
  const clashWith = findClash(v.interviewerUserid, start, end, facts.busy);
  if (clashWith) {
    const slots = nearestFreeSlots({
      interviewer: v.interviewerUserid, around: start, notBefore: new Date(turn.now.getTime() + 30 * 60_000),
      durationMin, busy: facts.busy, lookup: facts.lookup, tz: turn.tz,
    });
    const choice: Choice = { slot: 'time', options: slots.map((s) => ({ value: localDateTime(s, turn.tz), label: w.slotText(s, new Date(s.getTime() + durationMin * 60_000), turn.tz) })) };
    return {
      ok: false, ask: 'time',
      message: w.clash(v.interviewerName ?? v.interviewer ?? '', w.slotText(clashWith.start, clashWith.end, turn.tz), choice.options.map((o) => o.label)),
      ...(slots.length > 0 ? { choice } : {}),
    };
  }

  if (!v.kind) return { ok: false, ask: 'kind', message: w.ASK_KIND };
  if (v.kind !== 'video' && !v.place) return { ok: false, ask: 'place', message: v.kind === 'online' ? w.ASK_PLACE_ONLINE : w.ASK_PLACE_ONSITE };

  const off = offHours(start, durationMin, turn.tz, facts.lookup);
  return {
    ok: true,
    draft: {
      candidateName: v.candidateName, candidatePhone: v.candidatePhone, jobId: v.jobId, jobTitle: v.jobTitle ?? v.position ?? '',
      time, durationMin, interviewerUserid: v.interviewerUserid, interviewerName: v.interviewerName ?? v.interviewer ?? '',
      kind: v.kind, place: v.kind === 'video' ? undefined : v.place, channel: v.channel === 'wechaty' && facts.wechatyEnabled ? 'wechaty' : 'forward',
    },
    notes: off ? [w.offHoursNote(off, localDate(start, turn.tz))] : [],
  };
}

function summaryOf(draft: ScheduleDraft, notes: readonly string[], facts: InterviewFacts, tz: string): string {
  const start = instantOf(draft.time, tz);
  return w.scheduleSummary({
    candidateName: draft.candidateName, candidatePhone: draft.candidatePhone, jobTitle: draft.jobTitle,
    when: w.slotText(start, new Date(start.getTime() + draft.durationMin * 60_000), tz), durationMin: draft.durationMin,
    kind: draft.kind, place: draft.place, interviewerName: draft.interviewerName, channel: draft.channel,
    wechatyEnabled: facts.wechatyEnabled, notes,
  });
}

/** Did this turn give the asked slot anything? */
function answered(asking: string | undefined, before: ScheduleValues, after: ScheduleValues): boolean {
  if (!asking) return false;
  const keys: Record<string, Array<keyof ScheduleValues>> = {
    candidateName: ['candidateName'], candidatePhone: ['candidatePhone'], position: ['position', 'jobId'],
    time: ['date', 'clock'], interviewer: ['interviewer', 'interviewerUserid'], kind: ['kind'], place: ['place'],
  };
  return (keys[asking] ?? []).some((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])) || JSON.stringify(before.choice) !== JSON.stringify(after.choice);
}

/** Moves the form on after new values: ask the next thing, or show the summary. */
export function advance(state: ConversationState, turn: TextTurn, facts: InterviewFacts, v: ScheduleValues, prev: FormState | undefined, gotAnswer: boolean): StepResult {
  const check = validate(v, facts, turn);
  if (check.ok) {
    const form: FormState = { flow: SCHEDULE_FLOW, values: strip(v), asking: undefined, reasks: {}, stage: 'confirming' };
    return { state: { ...state, form }, actions: [reply(turn, summaryOf(check.draft, check.notes, facts, turn.tz))] };
  }
  const withChoice: ScheduleValues = { ...v, choice: check.choice ?? v.choice };
  const same = prev?.asking === check.ask && !gotAnswer;
  const count = same ? (prev?.reasks[check.ask] ?? 0) + 1 : 0;
  const form: FormState = { flow: SCHEDULE_FLOW, values: strip(withChoice), asking: check.ask, reasks: { ...(prev?.reasks ?? {}), [check.ask]: count }, stage: 'filling' };
  let message = check.message;
  if (same && withChoice.choice && prev && valuesOf(prev).choice) message = `${w.BAD_CHOICE(withChoice.choice.options.length)}\n${check.message}`;
  if (same && count >= 2) message += w.REASK_SUFFIX;
  return { state: { ...state, form }, actions: [reply(turn, message)] };
}

function strip(v: ScheduleValues): Record<string, unknown> {
  return JSON.parse(JSON.stringify(v)) as Record<string, unknown>;
}

export function valuesOf(form: FormState): ScheduleValues {
  return form.values as ScheduleValues;
}

export function startSchedule(state: ConversationState, turn: TextTurn, facts: InterviewFacts): StepResult {
  const v = mergeValues({}, turn, facts, undefined);
  return advance(state, turn, facts, v, undefined, true);
}

export function resumeSchedule(state: ConversationState, form: FormState, turn: TextTurn, facts: InterviewFacts): StepResult {
  const before = valuesOf(form);
  const { nlu } = turn;
  if (form.stage === 'confirming') {
    const after = mergeValues(before, turn, facts, undefined);
    const changed = JSON.stringify(after) !== JSON.stringify(before);
    if (!changed && nlu.intent === 'confirm') {
      const check = validate(before, facts, turn);
      if (!check.ok) return advance(state, turn, facts, before, form, true);
      return {
        state: { ...state, form: undefined },
        actions: [effect('interview.create', { hrUserid: turn.employee?.userid ?? turn.user.id, ...strip(check.draft as unknown as ScheduleValues) })],
      };
    }
    if (!changed && parseChannel(turn.text) === 'wechaty' && !facts.wechatyEnabled) return { state, actions: [reply(turn, w.WECHATY_UNAVAILABLE)] };
    if (!changed) return { state, actions: [reply(turn, nlu.intent === 'deny' || nlu.correction ? w.WHAT_TO_CHANGE : w.CONFIRM_OR_CHANGE)] };
    return advance(state, turn, facts, after, form, true);
  }
  const after = mergeValues(before, turn, facts, form.asking);
  return advance(state, turn, facts, after, form, answered(form.asking, before, after));
}

export function schedulePrompt(form: FormState): string {
  if (form.stage === 'confirming') return '面试安排还等你确认，回复“确认”安排。';
  const v = valuesOf(form);
  switch (form.asking as AskSlot | undefined) {
    case 'candidateName': return w.ASK_NAME;
    case 'candidatePhone': return w.ASK_PHONE(v.candidateName ?? '候选人');
    case 'position': return v.choice ? '是哪个岗位？回复序号。' : '面试哪个岗位？';
    case 'time': return v.choice ? '选哪个时间？回复序号，或者直接说别的时间。' : w.ASK_TIME;
    case 'interviewer': return v.choice ? '是哪位面试官？回复序号。' : w.ASK_INTERVIEWER;
    case 'kind': return w.ASK_KIND;
    case 'place': return v.kind === 'online' ? w.ASK_PLACE_ONLINE : w.ASK_PLACE_ONSITE;
    default: return '请继续。';
  }
}
