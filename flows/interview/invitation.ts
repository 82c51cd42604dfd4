/**
 * An interview with its people and job loaded, and what is built from that:
 * the candidate's link, the invitation texts, the calendar entry and the
 * candidate's chat expectation. Loading is I/O; the builders are pure.
 */
import { Types } from 'mongoose';
import { localParts, pad2 } from '../../lib/time.js';
import { CandidateModel, type Candidate } from '../../models/candidate.js';
import { EmployeeModel } from '../../models/employee.js';
import { InterviewModel, type Interview } from '../../models/interview.js';
import { JobModel, type Job } from '../../models/job.js';
import type { Awaiting } from '../flow.js';
import type { UserRef } from '../types.js';
import { invitationLink } from './facts.js';
import type { CalendarEvent } from './ports.js';
import * as w from './wording.js';

/** What every message about an interview needs. */
export interface Loaded {
  readonly interview: Interview;
  readonly candidate: Candidate | null;
  readonly job: Job | null;
  readonly interviewerName: string;
  readonly hrName: string;
}

export interface LinkDeps {
  readonly linkKey: Buffer;
  readonly publicBaseUrl: string;
  readonly tz: string;
  readonly companyName: string;
}

export const CANDIDATE_AWAITING = 'interview.candidate';
export const HR_AWAITING = 'interview.hr';
/** The candidate's chat expectation lasts until a week after the slot. */
const AWAITING_AFTER_SLOT_MS = 7 * 24 * 3600_000;

export async function loadInterview(id: string | Types.ObjectId): Promise<Loaded | undefined> {
  if (typeof id === 'string' && !Types.ObjectId.isValid(id)) return undefined;
  const interview = await InterviewModel.findById(id).lean();
  if (!interview) return undefined;
  return withPeople(interview);
}

export async function withPeople(interview: Interview): Promise<Loaded> {
  const [candidate, job, people] = await Promise.all([
    CandidateModel.findById(interview.candidateId).lean(),
    JobModel.findById(interview.jobId).lean(),
    EmployeeModel.find({ userid: { $in: [interview.interviewerUserid, interview.hrUserid] } }, { userid: 1, name: 1 }).lean(),
  ]);
  const name = (u: string) => people.find((p) => p.userid === u)?.name ?? u;
  return { interview, candidate, job, interviewerName: name(interview.interviewerUserid), hrName: name(interview.hrUserid) };
}

/** The same for many interviews at once (three queries in all), in the given order. */
export async function withPeopleMany(interviews: readonly Interview[]): Promise<Loaded[]> {
  if (interviews.length === 0) return [];
  const [candidates, jobs, people] = await Promise.all([
    CandidateModel.find({ _id: { $in: interviews.map((i) => i.candidateId) } }).lean(),
    JobModel.find({ _id: { $in: [...new Set(interviews.map((i) => String(i.jobId)))] } }).lean(),
    EmployeeModel.find({ userid: { $in: [...new Set(interviews.flatMap((i) => [i.interviewerUserid, i.hrUserid]))] } }, { userid: 1, name: 1 }).lean(),
  ]);
  const c = new Map(candidates.map((x) => [String(x._id), x]));
  const j = new Map(jobs.map((x) => [String(x._id), x]));
  const name = new Map(people.map((p) => [p.userid, p.name]));
  return interviews.map((interview) => ({
    interview,
    candidate: c.get(String(interview.candidateId)) ?? null,
    job: j.get(String(interview.jobId)) ?? null,
    interviewerName: name.get(interview.interviewerUserid) ?? interview.interviewerUserid,
    hrName: name.get(interview.hrUserid) ?? interview.hrUserid,
  }));
}

export function candidateName(l: Loaded): string {
  return l.candidate?.name ?? '候选人';
}

export function jobTitle(l: Loaded): string {
  return l.job?.title ?? '（岗位已删除）';
}

export function whenText(l: Loaded, tz: string): string {
  return w.slotText(l.interview.startAt, l.interview.endAt, tz);
}

export function linkFor(l: Loaded, d: LinkDeps): string {
  return invitationLink(d.publicBaseUrl, d.linkKey, l.interview);
}

/** The Wechaty contact that gets chat messages about this interview, if any. */
export function wechatyContact(l: Loaded): UserRef | undefined {
  const ch = l.candidate?.channel;
  return l.interview.inviteChannel === 'wechaty' && ch?.kind === 'wechaty' ? { channel: 'wechaty', id: ch.contactId } : undefined;
}

export function invitationText(l: Loaded, d: LinkDeps): w.InvitationText {
  return {
    company: d.companyName,
    candidateName: candidateName(l),
    jobTitle: jobTitle(l),
    kind: l.interview.kind,
    when: whenText(l, d.tz),
    deadline: w.momentText(l.interview.endAt, d.tz),
    place: l.interview.location,
    questionCount: l.job?.questions.length ?? 0,
    link: linkFor(l, d),
  };
}

export function calendarEvent(l: Loaded, tz: string): CalendarEvent {
  const i = l.interview;
  const description = [
    `候选人：${candidateName(l)}`,
    `岗位：${jobTitle(l)}`,
    `形式：${w.KIND_TEXT[i.kind]}`,
    ...(i.kind === 'video' ? [`候选人在 ${w.momentText(i.endAt, tz)} 前完成录制，评分报告会发给 HR。`] : []),
    ...(i.location ? [`${i.kind === 'online' ? '会议' : '地点'}：${i.location}`] : []),
    `安排人：${l.hrName}`,
  ].join('\n');
  return {
    title: `面试：${candidateName(l)}（${jobTitle(l)}）`.slice(0, 128),
    description: description.slice(0, 1000),
    startAt: i.startAt,
    endAt: i.endAt,
    location: i.location ?? (i.kind === 'video' ? '线上（候选人单向录制）' : undefined),
    attendees: [i.interviewerUserid],
    organizer: i.hrUserid,
    remindBeforeSec: 900,
  };
}

/** What the candidate's chat is waiting for: 确认 / a new time / 取消 (and, after a proposal, a number). */
export function candidateAwaiting(l: Loaded, d: LinkDeps, extra: { options?: readonly Date[]; stage?: 'decline' } = {}): Awaiting {
  const p = localParts(l.interview.startAt, d.tz);
  return {
    kind: CANDIDATE_AWAITING,
    data: {
      interviewId: String(l.interview._id),
      label: `「${jobTitle(l)}」的面试（${whenText(l, d.tz)}）`,
      link: linkFor(l, d),
      clock: `${pad2(p.hour)}:${pad2(p.minute)}`,
      ...(extra.options ? { options: extra.options.map((o) => o.toISOString()), optionLabels: extra.options.map((o) => w.momentText(o, d.tz)) } : {}),
      ...(extra.stage ? { stage: extra.stage } : {}),
    },
    until: new Date(l.interview.endAt.getTime() + AWAITING_AFTER_SLOT_MS).toISOString(),
  };
}
