/**
 * What the candidate's invitation page can do, carried out by the same
 * operations as the chat (operations.ts); notices go straight into the Outbox
 * under their own keys. A time typed in plain Chinese is read by the NLU.
 * Matches `InviteActions` in miniapp/candidate/inviteRoutes.ts (wired by the
 * recruiting feature).
 */
import { addDays, localDate } from '../../lib/time.js';
import { holidayLookup } from '../../models/calendar.js';
import { InterviewModel, type Interview } from '../../models/interview.js';
import { interviewToken } from '../../models/interviewLink.js';
import { understand } from '../nlu/index.js';
import type { OutboxPort } from '../ports.js';
import { ACTIVE_STATUSES } from './facts.js';
import { candidateName, jobTitle, withPeople } from './invitation.js';
import { confirmInterview, declineInterview, requestDeletion, rescheduleInterview, type Notice, type RecruitingDeps } from './operations.js';
import { MIN_NOTICE_MS } from './policy.js';
import { instantOf, nearestFreeSlots } from './slots.js';
import * as w from './wording.js';

export interface PageActionDeps extends RecruitingDeps {
  readonly outbox: OutboxPort;
}

const PAGE = { kind: 'candidate', via: 'page' } as const;

export function invitePageActions(deps: PageActionDeps) {
  const dispatch = async (notices: readonly Notice[]) => {
    for (const n of notices) await deps.outbox.send(n.key, n.to, n.message);
  };
  const key = (i: Interview, op: string) => `page:${String(i._id)}:v${i.linkVersion}:${op}`;

  return {
    async view(interview: Interview, token: string, now: Date) {
      const l = await withPeople(interview);
      return {
        token, companyName: deps.companyName, candidateName: candidateName(l), jobTitle: jobTitle(l), interviewerName: l.interviewerName,
        kind: interview.kind, status: interview.status, startAt: interview.startAt, endAt: interview.endAt, location: interview.location,
        questionCount: l.job?.questions.length ?? 0, deletionRequested: Boolean(l.candidate?.deletionRequestedAt), tz: deps.tz, now,
      };
    },

    /** Free slots the policy would accept at once: ≥ 24 h ahead, working hours, the interviewer free. */
    async freeSlots(interview: Interview, now: Date): Promise<Date[]> {
      const earliest = new Date(now.getTime() + MIN_NOTICE_MS);
      const [rows, lookup] = await Promise.all([
        InterviewModel.find({ interviewerUserid: interview.interviewerUserid, status: { $in: ACTIVE_STATUSES }, endAt: { $gte: now }, startAt: { $lte: new Date(now.getTime() + 30 * 86_400_000) } }, { interviewerUserid: 1, startAt: 1, endAt: 1 }).lean(),
        holidayLookup(localDate(now, deps.tz), addDays(localDate(now, deps.tz), 31)),
      ]);
      return nearestFreeSlots({
        interviewer: interview.interviewerUserid,
        around: interview.startAt.getTime() > earliest.getTime() ? interview.startAt : earliest,
        notBefore: earliest,
        durationMin: Math.round((interview.endAt.getTime() - interview.startAt.getTime()) / 60_000),
        busy: rows.map((r) => ({ start: r.startAt, end: r.endAt, interviewId: String(r._id), interviewerUserid: r.interviewerUserid })),
        lookup, tz: deps.tz, exceptId: String(interview._id), count: 7,
      }).filter((s) => s.getTime() !== interview.startAt.getTime()).slice(0, 6);
    },

    async confirm(interview: Interview, now: Date) {
      const r = await confirmInterview(String(interview._id), PAGE, { key: key(interview, 'confirm'), now }, deps);
      await dispatch(r.notices);
      return { ok: r.outcome.kind === 'done', message: r.outcome.message };
    },

    async reschedule(interview: Interview, request: { readonly text?: string; readonly at?: Date }, now: Date) {
      const at = request.at ?? readMoment(request.text ?? '', interview, now, deps.tz);
      if (!at) return { kind: 'refused' as const, message: w.PAGE_TIME_NOT_UNDERSTOOD };
      const r = await rescheduleInterview(String(interview._id), at, PAGE, { key: key(interview, `move:${at.toISOString()}`), now }, deps);
      await dispatch(r.notices);
      switch (r.outcome.kind) {
        case 'applied':
          return { kind: 'applied' as const, token: interviewToken(deps.linkKey, r.outcome.interview), message: w.candidateRescheduled(r.outcome.when, r.outcome.link) };
        case 'proposed':
          return { kind: 'proposed' as const, message: `${w.proposeReason(r.outcome.reason)}，请从下面的空闲时间里选一个。`, slots: r.outcome.slots };
        case 'refused':
          return { kind: 'refused' as const, message: r.outcome.message };
      }
    },

    async decline(interview: Interview, reason: string | undefined, now: Date) {
      const r = await declineInterview(String(interview._id), PAGE, reason, { key: key(interview, 'decline'), now }, deps);
      await dispatch(r.notices);
      return { ok: r.outcome.kind === 'done', message: r.outcome.message };
    },

    async requestDeletion(interview: Interview, now: Date) {
      const r = await requestDeletion(String(interview._id), { key: key(interview, 'delete'), now }, deps);
      await dispatch(r.notices);
      return { message: r.outcome.message };
    },
  };
}

/** 下周一下午2点 → that moment; 周三 alone keeps the interview's current clock time. */
export function readMoment(text: string, interview: Pick<Interview, 'startAt'>, now: Date, tz: string): Date | undefined {
  if (!text) return undefined;
  const nlu = understand(text, { now, tz, expecting: 'time' });
  if (nlu.slots.time) return instantOf(nlu.slots.time, tz);
  if (nlu.slots.start) return instantOf(`${nlu.slots.start}T${w.clockText(interview.startAt, tz)}`, tz);
  return undefined;
}
