/**
 * Slot extraction: every parser over the normalised text, then a filter that
 * keeps the slots the request kind can use (a leave request has no `time`, an
 * interview no `leaveType`). A slot the bot just asked for is always kept.
 */
import { localDate, localParts } from '../../../lib/time.js';
import type { ScanContext } from '../dates/atoms.js';
import { findDates } from '../dates/phrases.js';
import type { NluContext, SlotName, Slots } from '../types.js';
import { dateSlots, type DateReading } from './dates.js';
import { findDays } from './duration.js';
import { findLeaveType } from './leaveType.js';
import { bareName, findCandidateName, findInterviewer, findPhone, findPosition } from './people.js';
import { findScope } from './scope.js';

export type { DateReading };

const KEEP: Readonly<Record<DateReading, readonly SlotName[] | 'all'>> = {
  leave: ['leaveType', 'start', 'end', 'startPeriod', 'endPeriod', 'days', 'scope'],
  interview: ['candidateName', 'candidatePhone', 'position', 'interviewer', 'time', 'start'],
  period: ['month', 'start', 'end', 'scope'],
  any: 'all',
};

const PHONE_LIKE = /(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}/g;

export function scanContext(ctx: NluContext, reading: DateReading): ScanContext {
  const p = localParts(ctx.now, ctx.tz);
  return {
    today: localDate(ctx.now, ctx.tz),
    minuteOfDay: p.hour * 60 + p.minute,
    direction: reading === 'period' ? 'past' : 'future',
    ...(ctx.holidays ? { holidays: ctx.holidays } : {}),
  };
}

/** Replaces the spans with spaces; the length stays, so later offsets still line up. */
function blank(text: string, spans: ReadonlyArray<readonly [number, number]>): string {
  let out = text;
  for (const [from, to] of spans) out = `${out.slice(0, from)}${' '.repeat(to - from)}${out.slice(to)}`;
  return out;
}

function setIf<K extends SlotName>(slots: Slots, key: K, value: Slots[K] | undefined): void {
  if (value !== undefined) slots[key] = value;
}

/** All slots in normalised `text`, read as `reading` says. */
export function slotsFromText(text: string, ctx: NluContext, reading: DateReading): Slots {
  const expecting = ctx.expecting;
  const scan = scanContext(ctx, reading);
  const noPhones = text.replace(PHONE_LIKE, (p) => ' '.repeat(p.length));
  const findings = findDates(noPhones, scan);
  const rest = blank(noPhones, findings.spans);
  const days = findDays(rest);

  const all: Slots = {};
  const dates = dateSlots(findings, reading === 'any' && expecting === 'time' ? 'interview' : reading, noPhones, days, scan);
  Object.assign(all, dates);
  setIf(all, 'days', days);
  setIf(all, 'leaveType', findLeaveType(text, expecting === 'leaveType'));
  setIf(all, 'scope', findScope(text));
  setIf(all, 'candidatePhone', findPhone(text));
  setIf(all, 'position', findPosition(text));
  setIf(all, 'interviewer', findInterviewer(text));
  const name = findCandidateName(text);
  if (name !== undefined && name !== all.interviewer) all.candidateName = name;

  if (expecting !== undefined) fillExpected(all, expecting, text);

  const keep = KEEP[reading];
  if (keep === 'all') return all;
  const out: Slots = {};
  for (const key of keep) setIf(out, key, all[key]);
  if (expecting !== undefined) setIf(out, expecting, all[expecting]);
  return out;
}

/** A bare answer to the question the bot just asked. */
function fillExpected(slots: Slots, expecting: SlotName, text: string): void {
  switch (expecting) {
    case 'end':
      // 到周五 / 周五: the one day named is the end, not a new start.
      if (slots.end === slots.start && slots.start !== undefined) {
        delete slots.start;
        delete slots.startPeriod;
        if (slots.endPeriod === 'pm') delete slots.endPeriod;
      }
      break;
    case 'candidateName':
      slots.candidateName ??= bareName(text);
      break;
    case 'interviewer':
      slots.interviewer ??= bareName(text);
      break;
    case 'position': {
      const core = text.replace(/^(应聘|岗位是|职位是|是|面)/, '').replace(/(岗位?|职位)$/, '').replace(/[,。!?\s]/g, '');
      if (slots.position === undefined && core.length >= 2 && core.length <= 12) slots.position = core;
      break;
    }
    case 'days': {
      const n = /^(\d+(?:\.\d+)?)$/.exec(text.replace(/[,。!?\s天]/g, ''));
      if (slots.days === undefined && n) slots.days = Number(n[1]);
      break;
    }
    default:
      break;
  }
}
