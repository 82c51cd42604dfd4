/**
 * Interview reminders and outcomes, run every few minutes by the scheduler:
 *
 *   - 24 h before: the candidate and the interviewer; a candidate whose
 *     invitation HR forwarded gets it through HR (a text to forward, which also
 *     says when they have not confirmed);
 *   - 1 h before: the interviewer, and the candidate when the Wechaty bot reaches them;
 *   - HR, when the candidate has not confirmed 24 h before (and at least 2 h after the invitation);
 *   - after a video interview's window: not completed → no-show (an interview
 *     already started gets 30 minutes' grace to finish uploading);
 *   - after an onsite / online interview: the interviewer gets a card
 *     (已面试 / 候选人未到场); without an answer 24 h after the end it is marked
 *     a no-show and HR is told (the card can still correct it).
 *
 * Each reminder is stamped on the interview (`reminders.<key>`) by a guarded
 * update before it is sent, so several scheduler instances send it once. A
 * reminder whose moment passed before the slot was set (an interview booked
 * 3 hours ahead) is skipped, not sent late. Moving an interview clears the stamps.
 */
import { InterviewModel, type Interview, type ReminderKey } from '../../models/interview.js';
import { audit } from '../../models/auditLog.js';
import type { Logger } from '../../lib/logger.js';
import type { OutboxPort } from '../ports.js';
import type { UserRef } from '../types.js';
import { heldCard } from './heldCard.js';
import { candidateName, jobTitle, linkFor, wechatyContact, whenText, withPeople, withPeopleMany, type LinkDeps, type Loaded } from './invitation.js';
import * as w from './wording.js';

const H = 3600_000;
const VIDEO_GRACE_MS = 30 * 60_000;
const HELD_ANSWER_MS = 24 * H;
const HR_NUDGE_AFTER_INVITE_MS = 2 * H;

/** Reminders sent at a time before the slot (the held check after it is a card, see heldChecks). */
export type TimedReminder = Exclude<ReminderKey, 'heldCheck'>;

export interface InterviewReminderDeps extends LinkDeps {
  readonly outbox: OutboxPort;
  readonly logger: Logger;
}

export interface ReminderCounts {
  sent: number;
  noShows: number;
  heldChecks: number;
}

function wecom(userid: string): UserRef {
  return { channel: 'wecom', id: userid };
}

/** Claims reminder `key` on this interview; true for exactly one caller. */
export async function stamp(i: Interview, key: ReminderKey, now: Date): Promise<boolean> {
  const res = await InterviewModel.updateOne(
    { _id: i._id, startAt: i.startAt, linkVersion: i.linkVersion, [`reminders.${key}`]: { $exists: false } },
    { $set: { [`reminders.${key}`]: now } },
  );
  return res.modifiedCount === 1;
}

function due(i: Interview, before: number, now: Date): boolean {
  const at = i.startAt.getTime() - before;
  const setAt = (i.slotSetAt ?? i.createdAt ?? new Date(0)).getTime();
  return now.getTime() >= at && now.getTime() < i.startAt.getTime() && setAt <= at;
}

/**
 * The reminders this interview owes right now and has not stamped yet, worked
 * out from the document alone (nothing else is loaded for an interview that
 * owes none). The 1 h candidate reminder only when the Wechaty bot reaches
 * them: an hour is too short to count on HR forwarding it.
 */
export function dueReminders(i: Interview, now: Date): TimedReminder[] {
  const keys: TimedReminder[] = [];
  const viaChat = i.inviteChannel === 'wechaty';
  if (due(i, 24 * H, now) && now.getTime() < i.startAt.getTime() - H) {
    keys.push('candidate24h', 'interviewer24h');
  }
  if (due(i, H, now)) {
    if (viaChat) keys.push('candidate1h');
    keys.push('interviewer1h');
  }
  const setAt = (i.slotSetAt ?? i.createdAt ?? now).getTime();
  if (i.status === 'scheduled' && now.getTime() >= i.startAt.getTime() - 24 * H && now.getTime() - setAt >= HR_NUDGE_AFTER_INVITE_MS) keys.push('hrUnconfirmed');
  return keys.filter((k) => !i.reminders?.[k]);
}

export async function runInterviewReminders(now: Date, deps: InterviewReminderDeps): Promise<ReminderCounts> {
  const counts: ReminderCounts = { sent: 0, noShows: 0, heldChecks: 0 };
  const upcoming = await InterviewModel.find({ status: { $in: ['scheduled', 'confirmed'] }, startAt: { $gt: now, $lte: new Date(now.getTime() + 24 * H) } }).lean();
  const owing = upcoming.map((i) => ({ i, keys: dueReminders(i, now) })).filter((x) => x.keys.length > 0);
  const loaded = await withPeopleMany(owing.map((x) => x.i));
  for (const [n, { i, keys }] of owing.entries()) {
    const l = loaded[n]!;
    const when = whenText(l, deps.tz);
    const forwarded = i.inviteChannel !== 'wechaty';
    const contact = forwarded ? wecom(i.hrUserid) : wechatyContact(l);
    for (const k of keys) {
      // The text HR forwards already says the candidate has not confirmed.
      if (forwarded && k === 'hrUnconfirmed' && keys.includes('candidate24h')) {
        await stamp(i, k, now);
        continue;
      }
      const to: UserRef | undefined = k.startsWith('candidate') ? contact : k === 'hrUnconfirmed' ? wecom(i.hrUserid) : wecom(i.interviewerUserid);
      if (!to || !(await stamp(i, k, now))) continue;
      const body = reminderText(k, l, when, forwarded, deps);
      await deps.outbox.send(`interview:${String(i._id)}:v${i.linkVersion}:remind:${k}`, to, { kind: 'text', text: body });
      counts.sent += 1;
    }
  }

  await videoNoShows(now, deps, counts);
  await heldChecks(now, deps, counts);
  return counts;
}

function reminderText(k: TimedReminder, l: Loaded, when: string, forwarded: boolean, deps: LinkDeps): string {
  const i = l.interview;
  const confirmed = i.status === 'confirmed';
  switch (k) {
    case 'candidate24h':
      return forwarded
        ? w.forwardReminder24h(candidateName(l), !confirmed, w.candidateReminder24h(jobTitle(l), when, i.kind, i.location, linkFor(l, deps), confirmed, 'page'))
        : w.candidateReminder24h(jobTitle(l), when, i.kind, i.location, linkFor(l, deps), confirmed);
    case 'candidate1h':
      return w.candidateReminder1h(jobTitle(l), when, i.kind, i.location, linkFor(l, deps));
    case 'hrUnconfirmed':
      return w.hrUnconfirmed(candidateName(l), jobTitle(l), when, linkFor(l, deps));
    case 'interviewer24h':
    case 'interviewer1h':
      return w.interviewerReminder(k === 'interviewer24h' ? 24 : 1, candidateName(l), jobTitle(l), when, i.kind, i.location);
  }
}

async function markNoShow(i: Interview, statuses: readonly Interview['status'][], note: string, now: Date): Promise<Interview | null> {
  return InterviewModel.findOneAndUpdate(
    { _id: i._id, status: { $in: statuses }, startAt: i.startAt },
    { $set: { status: 'no_show', statusBy: 'system', statusAt: now, statusNote: note } },
    { returnDocument: 'after' },
  ).lean();
}

async function videoNoShows(now: Date, deps: InterviewReminderDeps, counts: ReminderCounts): Promise<void> {
  const late = await InterviewModel.find({
    kind: 'video',
    $or: [
      { status: { $in: ['scheduled', 'confirmed'] }, endAt: { $lte: now } },
      { status: 'in_progress', endAt: { $lte: new Date(now.getTime() - VIDEO_GRACE_MS) } },
    ],
  }).limit(200).lean();
  for (const i of late) {
    const marked = await markNoShow(i, i.status === 'in_progress' ? ['in_progress'] : ['scheduled', 'confirmed'], '视频面试未在截止时间前完成', now);
    if (!marked) continue;
    counts.noShows += 1;
    await audit({ actor: 'system', actorKind: 'system', action: 'interview.no_show', subjectKind: 'interview', subjectId: String(i._id), channel: 'scheduler', details: { kind: 'video' } });
    const l = await withPeople(marked);
    await deps.outbox.send(`interview:${String(i._id)}:no-show:hr`, wecom(i.hrUserid), { kind: 'text', text: w.hrVideoNoShow(candidateName(l), jobTitle(l), w.momentText(i.endAt, deps.tz)) });
  }
}

async function heldChecks(now: Date, deps: InterviewReminderDeps, counts: ReminderCounts): Promise<void> {
  const ended = await InterviewModel.find({ kind: { $in: ['onsite', 'online'] }, status: { $in: ['scheduled', 'confirmed'] }, endAt: { $lte: now } }).limit(200).lean();
  for (const i of ended) {
    const l = await withPeople(i);
    const when = whenText(l, deps.tz);
    if (!i.reminders?.heldCheck && (await stamp(i, 'heldCheck', now))) {
      counts.heldChecks += 1;
      await deps.outbox.send(`interview:${String(i._id)}:held-card`, wecom(i.interviewerUserid), heldCard({
        interviewId: String(i._id), candidateName: candidateName(l), jobTitle: jobTitle(l), when, kindText: w.KIND_TEXT[i.kind],
      }));
      continue;
    }
    if (i.endAt.getTime() + HELD_ANSWER_MS > now.getTime()) continue;
    const marked = await markNoShow(i, ['scheduled', 'confirmed'], '面试官未确认面试已进行', now);
    if (!marked) continue;
    counts.noShows += 1;
    await audit({ actor: 'system', actorKind: 'system', action: 'interview.no_show', subjectKind: 'interview', subjectId: String(i._id), channel: 'scheduler', details: { kind: i.kind, reason: 'held_unconfirmed' } });
    await deps.outbox.send(`interview:${String(i._id)}:no-show:hr`, wecom(i.hrUserid), { kind: 'text', text: w.hrHeldUnconfirmed(candidateName(l), jobTitle(l), when) });
  }
}
