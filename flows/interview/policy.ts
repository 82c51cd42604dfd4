/**
 * The reschedule policy, pure.
 *
 * A candidate's request is applied at once when all of these hold: the new
 * time is on a working day within working hours, at least 24 hours from now,
 * the interviewer is free then, and the candidate has moved this interview
 * fewer than 2 times. Otherwise the candidate is offered the nearest free
 * slots that satisfy the policy (and HR is told when there are none, or after
 * the second move).
 *
 * HR's own request is applied whenever the interviewer is free and the time
 * is in the future (outside working hours HR is warned, not stopped); a clash
 * offers the nearest free slots.
 */
import type { HolidayLookup } from '../../lib/workdays.js';
import { findClash, nearestFreeSlots, offHours, type Busy, type OffHours } from './slots.js';
import type { ProposeReason } from './wording.js';

export const MIN_NOTICE_MS = 24 * 3600_000;
export const MAX_CANDIDATE_RESCHEDULES = 2;

export interface RescheduleRequest {
  readonly by: 'hr' | 'candidate';
  readonly requested: Date;
  readonly interview: {
    readonly id: string;
    readonly interviewerUserid: string;
    readonly startAt: Date;
    readonly endAt: Date;
    readonly rescheduleCount: number;
  };
  readonly now: Date;
  readonly busy: readonly Busy[];
  readonly lookup: HolidayLookup;
  readonly tz: string;
}

export type RescheduleDecision =
  | { readonly kind: 'apply'; readonly start: Date; readonly end: Date; readonly offHours: OffHours | undefined }
  | { readonly kind: 'same' }
  | { readonly kind: 'propose'; readonly reason: ProposeReason; readonly slots: readonly Date[] }
  | { readonly kind: 'refuse'; readonly reason: 'past' | 'too_many' };

export function decideReschedule(r: RescheduleRequest): RescheduleDecision {
  const durationMs = r.interview.endAt.getTime() - r.interview.startAt.getTime();
  const durationMin = Math.round(durationMs / 60_000);
  const start = r.requested;
  const end = new Date(start.getTime() + durationMs);
  if (start.getTime() === r.interview.startAt.getTime()) return { kind: 'same' };
  const clash = findClash(r.interview.interviewerUserid, start, end, r.busy, r.interview.id);

  if (r.by === 'hr') {
    if (start.getTime() <= r.now.getTime()) return { kind: 'refuse', reason: 'past' };
    if (clash) return { kind: 'propose', reason: 'busy', slots: suggest(r, durationMin, new Date(r.now.getTime() + 30 * 60_000)) };
    return { kind: 'apply', start, end, offHours: offHours(start, durationMin, r.tz, r.lookup) };
  }

  if (r.interview.rescheduleCount >= MAX_CANDIDATE_RESCHEDULES) return { kind: 'refuse', reason: 'too_many' };
  const earliest = new Date(r.now.getTime() + MIN_NOTICE_MS);
  let reason: ProposeReason | undefined;
  if (start.getTime() <= r.now.getTime()) reason = 'past';
  else if (offHours(start, durationMin, r.tz, r.lookup)) reason = 'off_hours';
  else if (start.getTime() < earliest.getTime()) reason = 'too_soon';
  else if (clash) reason = 'busy';
  if (reason) return { kind: 'propose', reason, slots: suggest(r, durationMin, earliest) };
  return { kind: 'apply', start, end, offHours: undefined };
}

function suggest(r: RescheduleRequest, durationMin: number, notBefore: Date): Date[] {
  return nearestFreeSlots({
    interviewer: r.interview.interviewerUserid,
    around: r.requested.getTime() < notBefore.getTime() ? notBefore : r.requested,
    notBefore, durationMin, busy: r.busy, lookup: r.lookup, tz: r.tz, exceptId: r.interview.id,
  });
}
