/**
 * The only place interviews change. Chat effects and the candidate page both
 * call these; each change is one atomic update guarded by the state it
 * expects, so a double tap, a retried callback, the page and the chat racing,
 * or two instances all resolve to one outcome. Messages come back as keyed
 * notices (the key names the interview, its link version and the event), so a
 * replay never sends anything twice whichever caller dispatches them.
 */
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import type { Logger } from '../../lib/logger.js';
import { addDays, localDate } from '../../lib/time.js';
import { holidayLookup } from '../../models/calendar.js';
import { audit } from '../../models/auditLog.js';
import { CandidateModel, type Candidate } from '../../models/candidate.js';
import { EmployeeModel } from '../../models/employee.js';
import { InterviewModel, type Interview, type InterviewActor } from '../../models/interview.js';
import { JobModel } from '../../models/job.js';
import { setAwaiting } from '../conversationStore.js';
import type { Awaiting } from '../flow.js';
import { userKey, type OutMessage, type UserRef } from '../types.js';
import { ACTIVE_STATUSES, isRecruiter } from './facts.js';
import {
  calendarEvent, candidateAwaiting, candidateName, HR_AWAITING, invitationText, jobTitle, linkFor, loadInterview, wechatyContact, whenText,
  withPeople, type LinkDeps, type Loaded,
} from './invitation.js';
import { decideReschedule } from './policy.js';
import { explain, type CalendarPort, type CandidateChannel } from './ports.js';
import { instantOf, type Busy } from './slots.js';
import * as w from './wording.js';

export interface RecruitingDeps extends LinkDeps {
  readonly calendar: CalendarPort;
  readonly candidates: CandidateChannel;
  readonly logger: Logger;
  /** WECOM_HR_ADMINS: recruiters even without the hr role. */
  readonly hrAdmins?: readonly string[];
}

/** A message to send once under `key`. */
export interface Notice {
  readonly key: string;
  readonly to: UserRef;
  readonly message: OutMessage;
}

export interface OpResult {
  readonly notices: readonly Notice[];
  /** The acting chat user's next expectation (undefined: leave it; null: clear it). */
  readonly awaiting?: Awaiting | null | undefined;
}

/** Who asks for a change. */
export type Actor =
  | { readonly kind: 'hr'; readonly userid: string }
  | { readonly kind: 'candidate'; readonly via: 'wechaty'; readonly contactId: string }
  | { readonly kind: 'candidate'; readonly via: 'page' };

function text(to: UserRef, key: string, body: string): Notice {
  return { key, to, message: { kind: 'text', text: body } };
}

function wecom(userid: string): UserRef {
  return { channel: 'wecom', id: userid };
}

/** The same turn always creates the same interview id, so a replayed effect finds its own. */
export function interviewIdFromKey(key: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(`interview:${key}`).digest().subarray(0, 12));
}

function nk(i: Pick<Interview, '_id' | 'linkVersion'>, event: string): string {
  return `interview:${String(i._id)}:v${i.linkVersion}:${event}`;
}

async function busyAround(interviewer: string, from: Date, days: number): Promise<Busy[]> {
  const rows = await InterviewModel.find(
    { interviewerUserid: interviewer, status: { $in: ACTIVE_STATUSES }, endAt: { $gte: from }, startAt: { $lte: new Date(from.getTime() + days * 86_400_000) } },
    { interviewerUserid: 1, startAt: 1, endAt: 1 },
  ).lean();
  return rows.map((r) => ({ start: r.startAt, end: r.endAt, interviewId: String(r._id), interviewerUserid: r.interviewerUserid }));
}

async function firstClash(interviewer: string, start: Date, end: Date, exceptId: Types.ObjectId): Promise<Interview | null> {
  return InterviewModel.findOne({
    _id: { $ne: exceptId }, interviewerUserid: interviewer, status: { $in: ACTIVE_STATUSES }, startAt: { $lt: end }, endAt: { $gt: start },
  }).sort({ createdAt: 1, _id: 1 }).lean();
}

// ---------------------------------------------------------------- create

export interface CreateInput {
  readonly hrUserid: string;
  readonly candidateName: string;
  readonly candidatePhone: string;
  readonly jobId: string;
  /** Local `YYYY-MM-DDTHH:mm`. */
  readonly time: string;
  readonly durationMin: number;
  readonly interviewerUserid: string;
  readonly kind: Interview['kind'];
  readonly place?: string | undefined;
  readonly channel: 'forward' | 'wechaty';
}

/**
 * 确认 on the schedule form: candidate (by phone) + interview, the
 * interviewer's calendar entry, and the invitation. Replays finish what a
 * crashed run left; a clash found at the last moment creates nothing.
 */
export async function createInterview(input: CreateInput, ctx: { key: string; now: Date; channel: string }, deps: RecruitingDeps): Promise<OpResult> {
  const hrTo = wecom(input.hrUserid);
  const fail = (body: string): OpResult => ({ notices: [text(hrTo, `${ctx.key}:create-failed`, body)] });
  const hr = await EmployeeModel.findOne({ userid: input.hrUserid, active: true }).lean();
  if (!hr || !isRecruiter(hr, deps.hrAdmins)) return fail(w.NOT_HR);
  const id = interviewIdFromKey(ctx.key);
  let interview = await InterviewModel.findById(id).lean();

  if (!interview) {
    if (!Types.ObjectId.isValid(input.jobId)) return fail(w.CREATE_FAILED('岗位不存在'));
    const job = await JobModel.findOne({ _id: input.jobId, status: 'open' }, { _id: 1 }).lean();
    if (!job) return fail(w.CREATE_FAILED('这个岗位已经关闭或被删除了'));
    const interviewer = await EmployeeModel.findOne({ userid: input.interviewerUserid, active: true }, { name: 1 }).lean();
    if (!interviewer) return fail(w.CREATE_FAILED('面试官不在通讯录里了'));
    const start = instantOf(input.time, deps.tz);
    const end = new Date(start.getTime() + input.durationMin * 60_000);
    if (start.getTime() <= ctx.now.getTime()) return fail(w.CREATE_FAILED(w.TIME_PAST));
    const early = await firstClash(input.interviewerUserid, start, end, id);
    if (early) return fail(w.CREATE_CLASH(interviewer.name, w.slotText(early.startAt, early.endAt, deps.tz)));

    const candidate = await upsertCandidate(input, hr.userid);
    try {
      await InterviewModel.create({
        _id: id, candidateId: candidate._id, jobId: new Types.ObjectId(input.jobId), kind: input.kind, startAt: start, endAt: end,
        location: input.kind === 'video' ? undefined : input.place, interviewerUserid: input.interviewerUserid, hrUserid: hr.userid,
        status: 'scheduled', linkVersion: 1, reminders: {}, sourceKey: ctx.key, inviteChannel: input.channel, slotSetAt: ctx.now,
        rescheduleCount: 0, statusBy: 'hr', statusAt: ctx.now,
      });
    } catch (err) {
      if ((err as { code?: unknown }).code !== 11000) throw err;
    }
    interview = await InterviewModel.findById(id).lean();
    if (!interview) throw new Error(`interview ${String(id)} vanished after create`);
    // Two HR people booking the same slot at once: the earlier booking stays, this one backs off.
    const rival = await firstClash(interview.interviewerUserid, interview.startAt, interview.endAt, id);
    if (rival && isEarlier(rival, interview)) {
      await InterviewModel.deleteOne({ _id: id, status: 'scheduled', wecomScheduleId: { $exists: false } });
      return fail(w.CREATE_CLASH(interviewer.name, w.slotText(rival.startAt, rival.endAt, deps.tz)));
    }
    await audit({
      actor: hr.userid, actorKind: 'hr', action: 'interview.create', subjectKind: 'interview', subjectId: String(id), channel: ctx.channel,
      details: { candidateId: String(candidate._id), jobId: input.jobId, kind: input.kind, startAt: start.toISOString(), interviewer: input.interviewerUserid },
    });
  }

  let loaded = await withPeople(interview);
  const calendar = await ensureCalendar(loaded, deps);
  loaded = { ...loaded, interview: { ...loaded.interview, ...(calendar.id ? { wecomScheduleId: calendar.id } : {}) } };

  const when = whenText(loaded, deps.tz);
  const notices: Notice[] = [
    text(wecom(interview.interviewerUserid), nk(interview, 'created:interviewer'), w.interviewerNotice({
      hrName: loaded.hrName, candidateName: candidateName(loaded), jobTitle: jobTitle(loaded), when,
      deadline: w.momentText(interview.endAt, deps.tz), kind: interview.kind, place: interview.location,
    })),
    text(hrTo, nk(interview, 'created:hr'), w.createdForHr({
      candidateName: candidateName(loaded), jobTitle: jobTitle(loaded), when, kind: interview.kind, interviewerName: loaded.interviewerName,
      calendar: calendar.ok ? 'added' : 'failed', calendarReason: calendar.reason,
    })),
  ];
  notices.push(...(await invitationNotices(loaded, hr.userid, ctx.now, deps, 'created')));
  return { notices };
}

function isEarlier(a: Interview, b: Interview): boolean {
  const ta = a.createdAt?.getTime() ?? 0;
  const tb = b.createdAt?.getTime() ?? 0;
  return ta < tb || (ta === tb && String(a._id) < String(b._id));
}

async function upsertCandidate(input: CreateInput, createdBy: string): Promise<Candidate> {
  const filter = { phone: input.candidatePhone };
  // An existing candidate keeps their record (and any deletion request: it is not HR's to withdraw).
  const update = { $setOnInsert: { name: input.candidateName, phone: input.candidatePhone, createdBy, channel: { kind: 'forward' } } };
  try {
    const c = await CandidateModel.findOneAndUpdate(filter, update, { upsert: true, returnDocument: 'after' }).lean();
    if (c) return c;
  } catch (err) {
    if ((err as { code?: unknown }).code !== 11000) throw err;
  }
  const again = await CandidateModel.findOne(filter).lean();
  if (!again) throw new Error('candidate upsert failed');
  return again;
}

/** Adds the calendar entry once (the id is stored by a guarded update); a failure is kept for HR and does not undo the interview. */
async function ensureCalendar(l: Loaded, deps: RecruitingDeps): Promise<{ ok: boolean; id?: string; reason?: string }> {
  if (l.interview.wecomScheduleId) return { ok: true, id: l.interview.wecomScheduleId };
  try {
    const id = await deps.calendar.add(calendarEvent(l, deps.tz));
    const saved = await InterviewModel.updateOne({ _id: l.interview._id, wecomScheduleId: { $exists: false } }, { $set: { wecomScheduleId: id }, $unset: { calendarError: 1 } });
    if (saved.modifiedCount === 0) {
      // Another run stored its entry first: take ours back so the interviewer sees one.
      const kept = await InterviewModel.findById(l.interview._id, { wecomScheduleId: 1 }).lean();
      if (kept?.wecomScheduleId && kept.wecomScheduleId !== id) {
        await deps.calendar.remove(id).catch((err: unknown) => deps.logger.warn({ err, interviewId: String(l.interview._id) }, 'duplicate calendar entry not removed'));
        return { ok: true, id: kept.wecomScheduleId };
      }
    }
    return { ok: true, id };
  } catch (err) {
    deps.logger.warn({ err, interviewId: String(l.interview._id) }, 'calendar add failed');
    await InterviewModel.updateOne({ _id: l.interview._id }, { $set: { calendarError: explain(err) } });
    return { ok: false, reason: explain(err) };
  }
}

async function syncCalendar(l: Loaded, deps: RecruitingDeps): Promise<boolean> {
  if (!l.interview.wecomScheduleId) return (await ensureCalendar(l, deps)).ok;
  try {
    await deps.calendar.update(l.interview.wecomScheduleId, calendarEvent(l, deps.tz));
    await InterviewModel.updateOne({ _id: l.interview._id }, { $unset: { calendarError: 1 } });
    return true;
  } catch (err) {
    deps.logger.warn({ err, interviewId: String(l.interview._id) }, 'calendar update failed');
    await InterviewModel.updateOne({ _id: l.interview._id }, { $set: { calendarError: explain(err) } });
    return false;
  }
}

async function removeCalendar(l: Loaded, deps: RecruitingDeps): Promise<void> {
  if (!l.interview.wecomScheduleId) return;
  try {
    await deps.calendar.remove(l.interview.wecomScheduleId);
  } catch (err) {
    deps.logger.warn({ err, interviewId: String(l.interview._id) }, 'calendar remove failed');
    await InterviewModel.updateOne({ _id: l.interview._id }, { $set: { calendarError: explain(err) } });
  }
}

/**
 * The invitation for the current link version: sent by the Wechaty bot when HR
 * chose it and the contact is found (the candidate's chat then expects an
 * answer), otherwise a forwardable text for HR.
 */
async function invitationNotices(l: Loaded, hrUserid: string, now: Date, deps: RecruitingDeps, event: 'created' | 'moved'): Promise<Notice[]> {
  const hrTo = wecom(hrUserid);
  const name = candidateName(l);
  const forward = (intro: string): Notice[] => [
    text(hrTo, nk(l.interview, `${event}:forward-intro`), intro),
    text(hrTo, nk(l.interview, `${event}:forward-text`), w.forwardText(invitationText(l, deps))),
  ];
  if (l.interview.inviteChannel !== 'wechaty') return event === 'created' ? forward(w.FORWARD_INTRO(name)) : forward(w.HR_MOVED_FORWARD(name));

  let contact = wechatyContact(l);
  if (!contact && l.candidate && deps.candidates.enabled()) {
    const id = await deps.candidates.findContact({ name, phone: l.candidate.phone });
    if (id) {
      await CandidateModel.updateOne({ _id: l.candidate._id }, { $set: { channel: { kind: 'wechaty', contactId: id } } });
      contact = { channel: 'wechaty', id };
    }
  }
  if (!contact) {
    return forward(deps.candidates.enabled() ? w.WECHATY_CONTACT_MISSING(name) : `${w.WECHATY_OFF}${w.FORWARD_INTRO(name)}`);
  }
  const bound: Loaded = l.candidate ? { ...l, candidate: { ...l.candidate, channel: { kind: 'wechaty', contactId: contact.id } } } : l;
  await setAwaiting(userKey(contact), candidateAwaiting(bound, deps), now);
  const body = event === 'created'
    ? w.wechatyInvitation(invitationText(bound, deps))
    : w.candidateMovedByHr(deps.companyName, jobTitle(bound), whenText(bound, deps.tz), linkFor(bound, deps));
  return [
    text(contact, nk(l.interview, `${event}:wechaty`), body),
    ...(event === 'created' ? [text(hrTo, nk(l.interview, 'created:sent-by-wechaty'), w.SENT_BY_WECHATY(name))] : []),
  ];
}

// ---------------------------------------------------------------- candidate access

function candidateMayAct(l: Loaded, actor: Actor): boolean {
  if (actor.kind !== 'candidate') return false;
  if (actor.via === 'page') return true; // the signed link is the credential
  const ch = l.candidate?.channel;
  return ch?.kind === 'wechaty' && ch.contactId === actor.contactId;
}

async function mayAct(l: Loaded, actor: Actor, hrAdmins: readonly string[] = []): Promise<boolean> {
  if (actor.kind === 'candidate') return candidateMayAct(l, actor);
  const e = await EmployeeModel.findOne({ userid: actor.userid, active: true }, { userid: 1, roles: 1 }).lean();
  return e !== null && isRecruiter(e, hrAdmins);
}

function actorKind(actor: Actor): InterviewActor {
  return actor.kind === 'hr' ? 'hr' : 'candidate';
}

function actorId(actor: Actor, l: Loaded): string {
  if (actor.kind === 'hr') return actor.userid;
  return actor.via === 'wechaty' ? `wechaty:${actor.contactId}` : `candidate:${String(l.interview.candidateId)}`;
}

/** Where a reply to the actor goes (nothing for the page: it shows the outcome itself). */
function actorRef(actor: Actor): UserRef | undefined {
  if (actor.kind === 'hr') return wecom(actor.userid);
  return actor.via === 'wechaty' ? { channel: 'wechaty', id: actor.contactId } : undefined;
}

function toActor(actor: Actor, key: string, body: string): Notice[] {
  const to = actorRef(actor);
  return to ? [text(to, key, body)] : [];
}

export type CandidateOutcome =
  | { readonly kind: 'done'; readonly message: string }
  | { readonly kind: 'refused'; readonly message: string };

// ---------------------------------------------------------------- confirm / decline

export async function confirmInterview(interviewId: string, actor: Actor, ctx: { key: string; now: Date }, deps: RecruitingDeps): Promise<OpResult & { outcome: CandidateOutcome }> {
  const l = await loadInterview(interviewId);
  if (!l || !candidateMayAct(l, actor)) return refused(actor, ctx.key, w.NO_INTERVIEW_FOR_YOU);
  if (l.interview.status === 'confirmed') return { notices: toActor(actor, `${ctx.key}:already`, w.CANDIDATE_ALREADY_CONFIRMED), outcome: { kind: 'done', message: w.PAGE_CONFIRMED } };
  const updated = await InterviewModel.findOneAndUpdate(
    { _id: l.interview._id, status: 'scheduled' },
    { $set: { status: 'confirmed', candidateConfirmedAt: ctx.now, statusBy: 'candidate', statusAt: ctx.now } },
    { returnDocument: 'after' },
  ).lean();
  if (!updated) {
    const current = (await InterviewModel.findById(l.interview._id).lean()) ?? l.interview;
    if (current.status === 'confirmed') return { notices: toActor(actor, `${ctx.key}:already`, w.CANDIDATE_ALREADY_CONFIRMED), outcome: { kind: 'done', message: w.PAGE_CONFIRMED } };
    return refused(actor, ctx.key, w.notActive(current.status));
  }
  await audit({ actor: actorId(actor, l), actorKind: 'candidate', action: 'interview.confirm', subjectKind: 'interview', subjectId: interviewId, channel: actor.kind === 'candidate' ? actor.via : 'wecom' });
  const when = whenText(l, deps.tz);
  return {
    notices: [
      ...toActor(actor, nk(updated, 'confirmed:candidate'), w.CANDIDATE_CONFIRMED),
      text(wecom(l.interview.hrUserid), nk(updated, 'confirmed:hr'), w.hrCandidateConfirmed(candidateName(l), jobTitle(l), when)),
    ],
    outcome: { kind: 'done', message: w.PAGE_CONFIRMED },
  };
}

function refused(actor: Actor, key: string, message: string): OpResult & { outcome: CandidateOutcome } {
  return { notices: toActor(actor, `${key}:refused`, message), outcome: { kind: 'refused', message } };
}

export async function declineInterview(
  interviewId: string, actor: Actor, reason: string | undefined, ctx: { key: string; now: Date }, deps: RecruitingDeps,
): Promise<OpResult & { outcome: CandidateOutcome }> {
  const l = await loadInterview(interviewId);
  if (!l || !candidateMayAct(l, actor)) return refused(actor, ctx.key, w.NO_INTERVIEW_FOR_YOU);
  const updated = await InterviewModel.findOneAndUpdate(
    { _id: l.interview._id, status: { $in: ['scheduled', 'confirmed'] } },
    { $set: { status: 'declined', statusBy: 'candidate', statusAt: ctx.now, ...(reason ? { statusNote: reason.slice(0, 500) } : {}) } },
    { returnDocument: 'after' },
  ).lean();
  if (!updated) {
    const current = (await InterviewModel.findById(l.interview._id).lean()) ?? l.interview;
    if (current.status === 'declined') return { notices: [], outcome: { kind: 'done', message: w.PAGE_DECLINED }, awaiting: null };
    return refused(actor, ctx.key, w.notActive(current.status));
  }
  await removeCalendar(l, deps);
  await audit({ actor: actorId(actor, l), actorKind: 'candidate', action: 'interview.decline', subjectKind: 'interview', subjectId: interviewId, channel: actor.kind === 'candidate' ? actor.via : 'wecom', details: reason ? { reason } : undefined });
  const when = whenText(l, deps.tz);
  return {
    notices: [
      ...toActor(actor, nk(updated, 'declined:candidate'), w.CANDIDATE_DECLINED),
      text(wecom(l.interview.hrUserid), nk(updated, 'declined:hr'), w.hrCandidateDeclined(candidateName(l), jobTitle(l), when, reason)),
      text(wecom(l.interview.interviewerUserid), nk(updated, 'declined:interviewer'), w.interviewerCandidateDeclined(candidateName(l), when)),
    ],
    outcome: { kind: 'done', message: w.PAGE_DECLINED },
    awaiting: null,
  };
}

// ---------------------------------------------------------------- reschedule

export type RescheduleOutcome =
  | { readonly kind: 'applied'; readonly interview: Interview; readonly link: string; readonly when: string }
  | { readonly kind: 'proposed'; readonly reason: w.ProposeReason; readonly slots: readonly Date[] }
  | { readonly kind: 'refused'; readonly message: string };

/**
 * Moves an interview to `at` by the policy in policy.ts: applied (link
 * version bumped, calendar updated, everyone told, a fresh link to the
 * candidate) or nearby free slots proposed to whoever asked.
 */
export async function rescheduleInterview(
  interviewId: string, at: Date, actor: Actor, ctx: { key: string; now: Date }, deps: RecruitingDeps,
): Promise<OpResult & { outcome: RescheduleOutcome }> {
  const l = await loadInterview(interviewId);
  const refuse = (message: string, awaiting?: Awaiting | null): OpResult & { outcome: RescheduleOutcome } => ({
    notices: toActor(actor, `${ctx.key}:refused`, message), outcome: { kind: 'refused', message }, ...(awaiting !== undefined ? { awaiting } : {}),
  });
  if (!l) return refuse(actor.kind === 'hr' ? w.HR_NO_SUCH_INTERVIEW('这位候选人') : w.NO_INTERVIEW_FOR_YOU);
  if (!(await mayAct(l, actor, deps.hrAdmins))) return refuse(actor.kind === 'hr' ? w.NOT_ALLOWED_RESCHEDULE : w.NO_INTERVIEW_FOR_YOU);
  const i = l.interview;
  if (i.status !== 'scheduled' && i.status !== 'confirmed') return refuse(w.notActive(i.status));

  const by = actor.kind === 'hr' ? 'hr' : 'candidate';
  const [busy, lookup] = await Promise.all([
    busyAround(i.interviewerUserid, ctx.now, 30),
    holidayLookup(localDate(ctx.now, deps.tz), addDays(localDate(at, deps.tz), 31)),
  ]);
  const decision = decideReschedule({
    by, requested: at, now: ctx.now, busy, lookup, tz: deps.tz,
    interview: { id: String(i._id), interviewerUserid: i.interviewerUserid, startAt: i.startAt, endAt: i.endAt, rescheduleCount: i.rescheduleCount ?? 0 },
  });
  const asked = w.momentText(at, deps.tz);
  const name = candidateName(l);
  const hrTo = wecom(i.hrUserid);

  switch (decision.kind) {
    case 'same':
      return refuse(w.RESCHEDULE_SAME_TIME);
    case 'refuse':
      if (decision.reason === 'past') return refuse(w.TIME_PAST);
      return {
        notices: [
          ...toActor(actor, `${ctx.key}:too-many`, w.TOO_MANY_RESCHEDULES),
          text(hrTo, `${ctx.key}:too-many:hr`, w.HR_TOO_MANY_RESCHEDULES(name, asked)),
        ],
        outcome: { kind: 'refused', message: w.TOO_MANY_RESCHEDULES },
      };
    case 'propose': {
      if (decision.slots.length === 0) {
        if (by === 'hr') return refuse(w.clash(l.interviewerName, asked, []));
        return {
          notices: [...toActor(actor, `${ctx.key}:no-slots`, w.NO_SLOTS_CANDIDATE), text(hrTo, `${ctx.key}:no-slots:hr`, w.HR_NO_SLOTS_FOR_CANDIDATE(name, asked))],
          outcome: { kind: 'refused', message: w.NO_SLOTS_CANDIDATE },
        };
      }
      const labels = decision.slots.map((s) => w.slotText(s, new Date(s.getTime() + (i.endAt.getTime() - i.startAt.getTime())), deps.tz));
      const body = by === 'hr' ? w.clash(l.interviewerName, asked, labels) : w.proposeSlots(decision.reason, labels);
      const awaiting: Awaiting = by === 'hr'
        ? { kind: HR_AWAITING, data: { stage: 'pick', interviewId, options: decision.slots.map((s) => s.toISOString()) }, until: new Date(ctx.now.getTime() + 30 * 60_000).toISOString() }
        : candidateAwaiting(l, deps, { options: decision.slots });
      return { notices: toActor(actor, `${ctx.key}:propose`, body), awaiting, outcome: { kind: 'proposed', reason: decision.reason, slots: decision.slots } };
    }
    case 'apply':
      return applyMove(l, decision.start, decision.end, actor, ctx, deps);
  }
}

async function applyMove(l: Loaded, start: Date, end: Date, actor: Actor, ctx: { key: string; now: Date }, deps: RecruitingDeps): Promise<OpResult & { outcome: RescheduleOutcome }> {
  const i = l.interview;
  const byCandidate = actor.kind === 'candidate';
  const updated = await InterviewModel.findOneAndUpdate(
    { _id: i._id, status: { $in: ['scheduled', 'confirmed'] }, startAt: i.startAt, linkVersion: i.linkVersion },
    {
      $set: {
        startAt: start, endAt: end, slotSetAt: ctx.now, reminders: {}, statusBy: actorKind(actor), statusAt: ctx.now,
        status: byCandidate ? 'confirmed' : 'scheduled', ...(byCandidate ? { candidateConfirmedAt: ctx.now } : {}),
      },
      $inc: { linkVersion: 1, ...(byCandidate ? { rescheduleCount: 1 } : {}) },
      ...(byCandidate ? {} : { $unset: { candidateConfirmedAt: 1 } }),
    },
    { returnDocument: 'after' },
  ).lean();
  if (!updated) {
    const message = w.RESCHEDULE_RACE;
    return { notices: toActor(actor, `${ctx.key}:race`, message), outcome: { kind: 'refused', message } };
  }
  const moved: Loaded = { ...l, interview: updated };
  const calendarOk = await syncCalendar(moved, deps);
  const oldWhen = whenText(l, deps.tz);
  const when = whenText(moved, deps.tz);
  const link = linkFor(moved, deps);
  const name = candidateName(moved);
  await audit({
    actor: actorId(actor, l), actorKind: byCandidate ? 'candidate' : 'hr', action: 'interview.reschedule', subjectKind: 'interview', subjectId: String(i._id),
    channel: actor.kind === 'candidate' ? actor.via : 'wecom', details: { from: i.startAt.toISOString(), to: start.toISOString(), linkVersion: updated.linkVersion },
  });

  const notices: Notice[] = [
    text(wecom(updated.interviewerUserid), nk(updated, 'moved:interviewer'), w.interviewerRescheduled(name, oldWhen, when)),
  ];
  let awaiting: Awaiting | undefined;
  if (byCandidate) {
    const via = actor.via === 'wechaty' ? '微信回复' : '候选人页面';
    notices.push(text(wecom(updated.hrUserid), nk(updated, 'moved:hr'), `${w.hrRescheduledByCandidate(name, oldWhen, when, via)}${calendarOk ? '' : w.CALENDAR_UPDATE_FAILED}`));
    const contact = wechatyContact(moved);
    if (contact) {
      notices.push(text(contact, nk(updated, 'moved:candidate'), w.candidateRescheduled(when, link)));
      awaiting = candidateAwaiting(moved, deps);
      if (actor.via === 'page') await setAwaiting(userKey(contact), awaiting, ctx.now);
    }
  } else {
    notices.push(text(wecom(actor.userid), nk(updated, 'moved:hr'), w.hrRescheduled(name, when, calendarOk)));
    notices.push(...(await invitationNotices(moved, actor.userid, ctx.now, deps, 'moved')));
  }
  // The chat actor's next expectation: a Wechaty candidate keeps answering about the moved interview; HR's pick is done.
  const next: Awaiting | null | undefined = actor.kind === 'hr' ? null : actor.via === 'wechaty' ? awaiting : undefined;
  return { notices, awaiting: next, outcome: { kind: 'applied', interview: updated, link, when } };
}

/** HR calls an interview off: the link stops working (version bump), the calendar entry goes, everyone is told. */
export async function cancelByHr(interviewId: string, hrUserid: string, ctx: { key: string; now: Date }, deps: RecruitingDeps): Promise<OpResult> {
  const me = wecom(hrUserid);
  const l = await loadInterview(interviewId);
  if (!l) return { notices: [text(me, `${ctx.key}:cancel`, w.HR_NO_SUCH_INTERVIEW('这位候选人'))] };
  if (!(await mayAct(l, { kind: 'hr', userid: hrUserid }, deps.hrAdmins))) return { notices: [text(me, `${ctx.key}:cancel`, w.NOT_ALLOWED_CANCEL)] };
  const updated = await InterviewModel.findOneAndUpdate(
    { _id: l.interview._id, status: { $in: ['scheduled', 'confirmed'] } },
    { $set: { status: 'cancelled', statusBy: 'hr', statusAt: ctx.now }, $inc: { linkVersion: 1 } },
    { returnDocument: 'after' },
  ).lean();
  if (!updated) {
    const current = (await InterviewModel.findById(l.interview._id).lean()) ?? l.interview;
    return { notices: [text(me, `${ctx.key}:cancel`, w.CANCEL_TOO_LATE(current.status))], awaiting: null };
  }
  await removeCalendar(l, deps);
  await audit({ actor: hrUserid, actorKind: 'hr', action: 'interview.cancel', subjectKind: 'interview', subjectId: interviewId, channel: 'wecom' });
  const when = whenText(l, deps.tz);
  const name = candidateName(l);
  const contact = wechatyContact(l);
  const notices: Notice[] = [
    text(wecom(l.interview.interviewerUserid), nk(updated, 'cancelled:interviewer'), w.interviewerCancelled(name, when)),
    text(me, nk(updated, 'cancelled:hr'), w.hrCancelled(name, when, contact !== undefined)),
  ];
  if (contact) {
    notices.push(text(contact, nk(updated, 'cancelled:candidate'), w.candidateCancelledByHr(deps.companyName, jobTitle(l), when)));
    await setAwaiting(userKey(contact), null, ctx.now);
  }
  return { notices, awaiting: null };
}

// ---------------------------------------------------------------- deletion, held

/** The candidate asks for deletion: stamped for the retention job; an upcoming interview is called off. */
export async function requestDeletion(interviewId: string, ctx: { key: string; now: Date }, deps: RecruitingDeps): Promise<OpResult & { outcome: CandidateOutcome }> {
  const l = await loadInterview(interviewId);
  if (!l) return { notices: [], outcome: { kind: 'refused', message: w.NO_INTERVIEW_FOR_YOU } };
  await CandidateModel.updateOne({ _id: l.interview.candidateId, deletionRequestedAt: { $exists: false } }, { $set: { deletionRequestedAt: ctx.now } });
  await InterviewModel.updateMany({ candidateId: l.interview.candidateId, deletionRequestedAt: { $exists: false } }, { $set: { deletionRequestedAt: ctx.now } });
  const cancelled = await InterviewModel.findOneAndUpdate(
    { _id: l.interview._id, status: { $in: ['scheduled', 'confirmed'] } },
    { $set: { status: 'cancelled', statusBy: 'candidate', statusAt: ctx.now, statusNote: '候选人申请删除个人资料' } },
    { returnDocument: 'after' },
  ).lean();
  if (cancelled) await removeCalendar(l, deps);
  await audit({ actor: `candidate:${String(l.interview.candidateId)}`, actorKind: 'candidate', action: 'candidate.deletion_request', subjectKind: 'candidate', subjectId: String(l.interview.candidateId), channel: 'page' });
  const notices: Notice[] = [
    text(wecom(l.interview.hrUserid), `interview:${interviewId}:deletion:hr`, w.HR_DELETION_REQUESTED(candidateName(l), jobTitle(l))),
  ];
  if (cancelled) notices.push(text(wecom(l.interview.interviewerUserid), `interview:${interviewId}:deletion:interviewer`, w.interviewerCandidateDeclined(candidateName(l), whenText(l, deps.tz))));
  return { notices, outcome: { kind: 'done', message: w.PAGE_DELETION } };
}

/** The interviewer (or HR) says whether an onsite / online interview took place; corrects an automatic no-show too. */
export async function recordHeld(interviewId: string, held: boolean, by: string, ctx: { key: string; now: Date }, deps: RecruitingDeps): Promise<OpResult> {
  const me = wecom(by);
  const l = await loadInterview(interviewId);
  if (!l) return { notices: [text(me, `${ctx.key}:held`, w.NO_INTERVIEW_FOR_YOU)] };
  const clicker = await EmployeeModel.findOne({ userid: by, active: true }, { userid: 1, roles: 1 }).lean();
  const clickerIsHr = clicker !== null && isRecruiter(clicker, deps.hrAdmins);
  if (by !== l.interview.interviewerUserid && !clickerIsHr) return { notices: [text(me, `${ctx.key}:held`, w.HELD_NOT_YOURS)] };
  const updated = await InterviewModel.findOneAndUpdate(
    {
      _id: l.interview._id, kind: { $ne: 'video' }, startAt: { $lte: ctx.now },
      $or: [{ status: { $in: ['scheduled', 'confirmed'] } }, { status: 'no_show', statusBy: 'system' }],
    },
    { $set: { status: held ? 'completed' : 'no_show', statusBy: 'interviewer', statusAt: ctx.now, ...(held ? { heldConfirmedAt: ctx.now, completedAt: ctx.now } : {}) } },
    { returnDocument: 'after' },
  ).lean();
  if (!updated) {
    const current = (await InterviewModel.findById(l.interview._id).lean()) ?? l.interview;
    return { notices: [text(me, `${ctx.key}:held`, w.HELD_TOO_LATE(current.status))] };
  }
  await audit({ actor: by, actorKind: clickerIsHr ? 'hr' : 'employee', action: held ? 'interview.held' : 'interview.no_show', subjectKind: 'interview', subjectId: interviewId, channel: 'wecom' });
  const notices: Notice[] = [text(me, `${ctx.key}:held`, held ? w.HELD_RECORDED : w.NO_SHOW_RECORDED)];
  if (!held) notices.push(text(wecom(l.interview.hrUserid), nk(updated, 'no-show:hr'), w.hrNoShowReported(candidateName(l), jobTitle(l), whenText(l, deps.tz), l.interviewerName)));
  return { notices };
}
