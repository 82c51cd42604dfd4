/**
 * What the interview flow reasons over, loaded before each pure step: open
 * jobs, the colleagues named in the message, every interviewer's taken slots,
 * the holiday calendar, and — when the message asks for them — a list of
 * interviews, the interviews of a named candidate, or the talking candidate's own.
 */
import { Types } from 'mongoose';
import { addDays, type IsoDate } from '../../lib/time.js';
import type { HolidayLookup } from '../../lib/workdays.js';
import { holidayLookup } from '../../models/calendar.js';
import { CandidateModel } from '../../models/candidate.js';
import { DepartmentModel, EmployeeModel, hasRole, type Employee } from '../../models/employee.js';
import { InterviewModel, type Interview, type InterviewStatus } from '../../models/interview.js';
import { JobModel } from '../../models/job.js';
import { interviewToken } from '../../models/interviewLink.js';
import type { TextTurn } from '../flow.js';
import { bareName } from '../nlu/slots/people.js';
import { listScope, type InterviewRow, type ListScope } from './listing.js';
import { candidateOfChange, interviewerChange, isHrCancel, isListQuery } from './parse.js';
import type { Busy } from './slots.js';

export const ACTIVE_STATUSES: readonly InterviewStatus[] = ['scheduled', 'confirmed', 'in_progress'];

export interface JobRef {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly department: string;
  readonly questionCount: number;
}

export interface PersonRef {
  readonly userid: string;
  readonly name: string;
  readonly department: string;
}

export interface InterviewFacts {
  readonly jobs: readonly JobRef[];
  /** Active employees whose name appears in this message. */
  readonly people: readonly PersonRef[];
  readonly busy: readonly Busy[];
  readonly lookup: HolidayLookup;
  readonly wechatyEnabled: boolean;
  readonly jobsPageUrl: string;
  readonly listing?: { readonly scope: ListScope; readonly rows: readonly InterviewRow[] } | undefined;
  /** Active interviews of the candidate named in an HR reschedule request. */
  readonly matches?: readonly InterviewRow[] | undefined;
  /** A Wechaty candidate's own active interviews. */
  readonly mine?: readonly InterviewRow[] | undefined;
}

export interface FactsDeps {
  readonly linkKey: Buffer;
  readonly wechatyEnabled: () => boolean;
  /** WECOM_HR_ADMINS: recruiters even without the hr role. */
  readonly hrAdmins?: readonly string[];
}

/** HR (the role, or listed in WECOM_HR_ADMINS): may schedule, move and cancel interviews and see them all. */
export function isRecruiter(e: Pick<Employee, 'userid' | 'roles'>, hrAdmins: readonly string[] = []): boolean {
  return hasRole(e, 'hr') || hrAdmins.includes(e.userid);
}

/** Names worth looking up among employees: the interviewer slot, a bare name, 面试官换成X. */
function namesIn(turn: TextTurn): string[] {
  const s = turn.nlu.slots;
  return [...new Set([s.interviewer, s.candidateName, interviewerChange(turn.text), bareName(turn.text)].filter((n): n is string => !!n))];
}

/**
 * Whether the message carries what only a scheduling request has: a phone
 * number, a clock time, or an interviewer named by 面试官. (A job or a name can
 * also be what the bot just asked for, so they do not count.)
 */
export function hasSchedulingSlots(turn: TextTurn): boolean {
  const s = turn.nlu.slots;
  return s.candidatePhone !== undefined || s.time !== undefined || /面试官/.test(turn.text);
}

/** Whose interview HR wants to move or call off. */
export function changeTarget(turn: TextTurn): string | undefined {
  return turn.nlu.slots.candidateName ?? candidateOfChange(turn.text);
}

export function invitationLink(base: string, key: Buffer, i: Pick<Interview, '_id' | 'linkVersion' | 'endAt'>): string {
  return `${base}/i/${interviewToken(key, i)}`;
}

export async function loadInterviewFacts(turn: TextTurn, deps: FactsDeps): Promise<InterviewFacts> {
  const today: IsoDate = turn.today;
  const employee = turn.employee;
  const listing = employee && isListQuery(turn.text, hasSchedulingSlots(turn) && turn.nlu.intent !== 'interview.reschedule')
    ? await loadListing(turn, employee, deps)
    : undefined;
  const [jobs, people, busyRows, lookup] = await Promise.all([
    JobModel.find({ status: 'open' }, { code: 1, title: 1, department: 1, questions: 1 }).sort({ title: 1 }).lean(),
    peopleNamed(namesIn(turn)),
    InterviewModel.find(
      { status: { $in: ACTIVE_STATUSES }, endAt: { $gte: new Date(turn.now.getTime() - 86_400_000) }, startAt: { $lte: new Date(turn.now.getTime() + 200 * 86_400_000) } },
      { interviewerUserid: 1, startAt: 1, endAt: 1 },
    ).lean(),
    holidayLookup(addDays(today, -7), addDays(today, 200)),
  ]);
  const wantsMatches = turn.nlu.intent === 'interview.reschedule' || isHrCancel(turn.text);
  const target = changeTarget(turn);
  const matches = employee && wantsMatches && target
    ? await rowsFor({ candidateName: target, status: { $in: ['scheduled', 'confirmed'] }, endAt: { $gte: turn.now } }, turn.publicBaseUrl, deps)
    : undefined;
  const mine = turn.user.channel === 'wechaty' ? await candidateOwn(turn, deps) : undefined;
  return {
    jobs: jobs.map((j) => ({ id: String(j._id), code: j.code, title: j.title, department: j.department, questionCount: j.questions.length })),
    people,
    busy: busyRows.map((b) => ({ start: b.startAt, end: b.endAt, interviewId: String(b._id), interviewerUserid: b.interviewerUserid })),
    lookup,
    wechatyEnabled: deps.wechatyEnabled(),
    jobsPageUrl: `${turn.publicBaseUrl}/hr/jobs`,
    listing,
    matches,
    mine,
  };
}

async function peopleNamed(names: readonly string[]): Promise<PersonRef[]> {
  if (names.length === 0) return [];
  const found = await EmployeeModel.find({ name: { $in: names }, active: true }, { userid: 1, name: 1, departments: 1 }).sort({ userid: 1 }).lean();
  const deptIds = [...new Set(found.map((e) => e.departments[0]).filter((d): d is number => d !== undefined))];
  const depts = deptIds.length > 0 ? await DepartmentModel.find({ deptId: { $in: deptIds } }, { deptId: 1, name: 1 }).lean() : [];
  const deptName = new Map(depts.map((d) => [d.deptId, d.name]));
  return found.map((e) => ({ userid: e.userid, name: e.name, department: deptName.get(e.departments[0] ?? -1) ?? '' }));
}

interface RowQuery {
  candidateName?: string;
  candidateId?: Types.ObjectId;
  status?: { $in: readonly InterviewStatus[] };
  endAt?: { $gte: Date };
  startAt?: { $gte: Date; $lt: Date };
  interviewerUserid?: string;
}

/** Interviews as rows, names joined, earliest first. */
export async function rowsFor(q: RowQuery, base: string, deps: Pick<FactsDeps, 'linkKey'>, limit = 50): Promise<InterviewRow[]> {
  const filter: Record<string, unknown> = {};
  if (q.candidateName) {
    const ids = (await CandidateModel.find({ name: q.candidateName, deletedAt: { $exists: false } }, { _id: 1 }).lean()).map((c) => c._id);
    if (ids.length === 0) return [];
    filter['candidateId'] = { $in: ids };
  }
  if (q.candidateId) filter['candidateId'] = q.candidateId;
  if (q.status) filter['status'] = q.status;
  if (q.endAt) filter['endAt'] = q.endAt;
  if (q.startAt) filter['startAt'] = q.startAt;
  if (q.interviewerUserid) filter['interviewerUserid'] = q.interviewerUserid;
  const interviews = await InterviewModel.find(filter).sort({ startAt: 1 }).limit(limit).lean();
  return toRows(interviews, base, deps);
}

export async function toRows(interviews: readonly Interview[], base: string, deps: Pick<FactsDeps, 'linkKey'>): Promise<InterviewRow[]> {
  if (interviews.length === 0) return [];
  const [candidates, jobs, people] = await Promise.all([
    CandidateModel.find({ _id: { $in: interviews.map((i) => i.candidateId) } }, { name: 1 }).lean(),
    JobModel.find({ _id: { $in: interviews.map((i) => i.jobId) } }, { title: 1 }).lean(),
    EmployeeModel.find({ userid: { $in: [...new Set(interviews.map((i) => i.interviewerUserid))] } }, { userid: 1, name: 1 }).lean(),
  ]);
  const cName = new Map(candidates.map((c) => [String(c._id), c.name]));
  const jTitle = new Map(jobs.map((j) => [String(j._id), j.title]));
  const pName = new Map(people.map((p) => [p.userid, p.name]));
  return interviews.map((i) => ({
    id: String(i._id),
    candidateId: String(i.candidateId),
    candidateName: cName.get(String(i.candidateId)) ?? '（已删除）',
    jobTitle: jTitle.get(String(i.jobId)) ?? '（岗位已删除）',
    kind: i.kind,
    startAt: i.startAt,
    endAt: i.endAt,
    status: i.status,
    interviewerUserid: i.interviewerUserid,
    interviewerName: pName.get(i.interviewerUserid) ?? i.interviewerUserid,
    hrUserid: i.hrUserid,
    place: i.location,
    link: ['scheduled', 'confirmed', 'in_progress'].includes(i.status) && !i.purgedAt ? invitationLink(base, deps.linkKey, i) : undefined,
  }));
}

async function loadListing(turn: TextTurn, employee: Employee, deps: FactsDeps): Promise<InterviewFacts['listing']> {
  let scope = listScope(turn.text, turn.nlu.slots, turn.today, turn.tz);
  let interviewerUserid = isRecruiter(employee, deps.hrAdmins) ? undefined : employee.userid;
  if (scope.candidateName) {
    // 王芳今天有几场面试: a colleague's name, not a candidate's.
    const isCandidate = await CandidateModel.exists({ name: scope.candidateName });
    const colleague = isCandidate ? null : await EmployeeModel.findOne({ name: scope.candidateName, active: true }, { userid: 1 }).lean();
    if (colleague) {
      const dated = listScope(turn.text, { start: turn.nlu.slots.start }, turn.today, turn.tz);
      scope = { ...dated, label: `${scope.candidateName}${dated.label}` };
      // Non-HR colleagues see only the interviews they run themselves.
      if (interviewerUserid && interviewerUserid !== colleague.userid) return { scope, rows: [] };
      interviewerUserid = colleague.userid;
    }
  }
  const rows = await rowsFor({
    ...(scope.candidateName ? { candidateName: scope.candidateName } : { startAt: { $gte: scope.from, $lt: scope.to } }),
    ...(interviewerUserid ? { interviewerUserid } : {}),
  }, turn.publicBaseUrl, deps);
  return { scope, rows };
}

async function candidateOwn(turn: TextTurn, deps: FactsDeps): Promise<InterviewRow[]> {
  const candidate = await CandidateModel.findOne({ 'channel.kind': 'wechaty', 'channel.contactId': turn.user.id, deletedAt: { $exists: false } }, { _id: 1 }).lean();
  if (!candidate) return [];
  return rowsFor({ candidateId: candidate._id, status: { $in: ['scheduled', 'confirmed'] }, endAt: { $gte: turn.now } }, turn.publicBaseUrl, deps);
}
