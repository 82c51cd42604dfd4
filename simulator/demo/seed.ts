/**
 * Seeds the app's database with the demo company — once, and only into a
 * database without employees. Every step is idempotent (keyed upserts,
 * deterministic ids), and a marker records the day the demo was first seeded
 * (the anchor all demo dates count from), so a start that crashed halfway simply
 * finishes the job next time, and two instances starting together seed once
 * (the lease).
 *
 * On WeCom's side (the simulator) the matching data is not stored but derived
 * from the same definitions: the address book, the quotas, and the check-ins.
 * Calendar entries for the seeded interviews are added through `addSchedule`.
 */
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import type { Logger } from '../../lib/logger.js';
import { addDays, addMonths, localDate, localParts, pad2, zonedTime, type IsoDate } from '../../lib/time.js';
import { isWorkingDay, type HolidayLookup } from '../../lib/workdays.js';
import { audit } from '../../models/auditLog.js';
import { AttendanceDayModel } from '../../models/attendanceDay.js';
import { CacheEntryModel } from '../../models/cacheEntry.js';
import { CandidateModel } from '../../models/candidate.js';
import { DepartmentModel, EmployeeModel } from '../../models/employee.js';
import { InterviewModel } from '../../models/interview.js';
import { JobModel } from '../../models/job.js';
import { acquireLease } from '../../models/lease.js';
import { setBalance } from '../../models/leaveLedger.js';
import { LeaveRequestModel } from '../../models/leaveRequest.js';
import { PayslipMonthModel } from '../../models/payslip.js';
import { ScoreReportModel } from '../../models/scoreReport.js';
import { importPayslips } from '../../models/import/payslips.js';
import { publishPayslips, type NoticeLinkFor } from '../../flows/payslip/publish.js';
import type { OutboxPort } from '../../flows/ports.js';
import type { Schedule } from '../../bot/wecom/api/schedule-types.js';
import type { CheckinSource } from '../checkinSource.js';
import { DEMO_DEPARTMENTS, DEMO_EMPLOYEES } from './company.js';
import { demoLeaves } from './leaves.js';
import { HISTORY_DAYS } from './checkins.js';
import { DEMO_CANDIDATES, DEMO_JOBS, DEMO_RECRUITER } from './recruiting.js';
import { demoPayslipCsv } from './payslips.js';

const MARKER = 'demo-seed';
const SEED_ACTOR = 'demo-seed';

export interface DemoSeedDeps {
  readonly keys: { readonly payslip: Buffer };
  readonly tz: string;
  readonly now: Date;
  readonly instanceId: string;
  readonly lookup: HolidayLookup;
  /** For the 工资条已发布 notices of the latest month. */
  readonly outbox: OutboxPort;
  readonly payslipLinkFor: NoticeLinkFor;
  /** Check-ins as WeCom has them, for the AttendanceDay cache (built on the anchor). */
  readonly checkins: (anchor: IsoDate) => CheckinSource;
  /** Adds a calendar entry on WeCom's side; returns its schedule_id. */
  readonly addSchedule: (s: Schedule) => string;
  readonly logger: Logger;
}

export type SeedOutcome =
  | { readonly kind: 'seeded' | 'already'; readonly anchor: IsoDate }
  /** The database has employees that are not the demo's: nothing was touched. */
  | { readonly kind: 'not_demo' };

/** The anchor of an earlier seed, if any. */
export async function demoAnchor(): Promise<IsoDate | undefined> {
  const marker = await CacheEntryModel.findById(MARKER).lean();
  const m = marker ? /^(?:started|done):(\d{4}-\d{2}-\d{2})$/.exec(marker.value) : null;
  return m?.[1];
}

export async function seedDemoCompany(deps: DemoSeedDeps): Promise<SeedOutcome> {
  const marker = await CacheEntryModel.findById(MARKER).lean();
  if (marker?.value.startsWith('done:')) return { kind: 'already', anchor: marker.value.slice(5) };
  if (!marker && (await EmployeeModel.estimatedDocumentCount()) > 0) return { kind: 'not_demo' };

  if (!(await acquireLease(MARKER, deps.instanceId, 5 * 60_000, deps.now))) {
    // Another instance is seeding: wait for it (the app is useless without the data anyway).
    for (let i = 0; i < 120; i += 1) {
      await new Promise((r) => setTimeout(r, 500));
      const anchor = await demoAnchor();
      const done = await CacheEntryModel.findById(MARKER).lean();
      if (anchor && done?.value.startsWith('done:')) return { kind: 'already', anchor };
    }
    throw new Error('another instance started seeding the demo company and did not finish within a minute');
  }
  const anchor = (await demoAnchor()) ?? localDate(deps.now, deps.tz);
  const forever = new Date('9999-12-31T00:00:00Z');
  await CacheEntryModel.updateOne({ _id: MARKER }, { $set: { value: `started:${anchor}`, expiresAt: forever } }, { upsert: true });

  const started = Date.now();
  await seedPeople();
  await seedLeave(anchor, deps);
  await seedPayslips(anchor, deps);
  await seedAttendance(anchor, deps);
  await seedRecruiting(anchor, deps);

  await CacheEntryModel.updateOne({ _id: MARKER }, { $set: { value: `done:${anchor}`, expiresAt: forever } });
  await audit({ actor: SEED_ACTOR, actorKind: 'system', action: 'demo.seed', subjectKind: 'demo', subjectId: anchor, channel: 'demo', details: { employees: DEMO_EMPLOYEES.length } });
  deps.logger.info({ anchor, ms: Date.now() - started }, 'demo company seeded');
  return { kind: 'seeded', anchor };
}

// ---------------------------------------------------------------------------

/** A stable ObjectId for a demo record, so re-running a step finds what it wrote. */
function demoId(kind: string, key: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha1').update(`demo:${kind}:${key}`).digest('hex').slice(0, 24));
}

async function seedPeople(): Promise<void> {
  for (const d of DEMO_DEPARTMENTS) {
    await DepartmentModel.updateOne(
      { deptId: d.id },
      { $setOnInsert: { deptId: d.id, name: d.name, ...(d.parentId ? { parentId: d.parentId } : {}), order: d.id, source: 'seed' } },
      { upsert: true },
    );
  }
  for (const e of DEMO_EMPLOYEES) {
    await EmployeeModel.updateOne(
      { userid: e.userid },
      {
        $setOnInsert: {
          userid: e.userid, name: e.name, departments: [e.dept], roles: [...e.roles], hireDate: e.hireDate,
          active: true, position: e.position, source: 'seed', ...(e.manager ? { managerUserid: e.manager } : {}),
        },
      },
      { upsert: true },
    );
  }
}

async function seedLeave(anchor: IsoDate, deps: DemoSeedDeps): Promise<void> {
  const leaves = demoLeaves(anchor, deps.lookup);
  const anchorTime = zonedTime(anchor, '10:00', deps.tz);
  for (const e of DEMO_EMPLOYEES) {
    const used = (code: 'annual' | 'compensatory') =>
      leaves.filter((l) => l.userid === e.userid && l.leaveType === code && l.status === 'approved').reduce((s, l) => s + l.days, 0);
    await setBalance(e.userid, 'annual', e.annual - used('annual'), SEED_ACTOR, `演示数据：今年年假 ${e.annual} 天，已休 ${used('annual')} 天`);
    if (e.compensatory > 0 || used('compensatory') > 0) {
      await setBalance(e.userid, 'compensatory', e.compensatory, SEED_ACTOR, `演示数据：可调休 ${e.compensatory} 天`);
    }
  }
  for (const l of leaves) {
    const createdAt = new Date(anchorTime.getTime() - l.askedHoursBefore * 3600_000);
    const decided = l.status === 'approved' ? { decidedBy: l.approver, decidedAt: new Date(createdAt.getTime() + 2 * 3600_000) } : {};
    await LeaveRequestModel.updateOne(
      { sourceKey: `demo:${l.key}` },
      {
        $setOnInsert: {
          sourceKey: `demo:${l.key}`, userid: l.userid, leaveType: l.leaveType, start: l.start, end: l.end,
          ...(l.startPeriod ? { startPeriod: l.startPeriod } : {}), ...(l.endPeriod ? { endPeriod: l.endPeriod } : {}),
          days: l.days, reason: l.reason, status: l.status, approverUserid: l.approver, approvalMode: 'local', cards: [],
          channel: 'demo', createdAt, updatedAt: decided.decidedAt ?? createdAt, ...decided,
        },
      },
      { upsert: true, timestamps: false },
    );
  }
}

async function seedPayslips(anchor: IsoDate, deps: DemoSeedDeps): Promise<void> {
  const latest = addMonths(anchor.slice(0, 7), -1);
  const months = [addMonths(latest, -1), latest];
  const silent: OutboxPort = { send: async () => undefined, updateCard: async () => undefined, cardResponseCode: async () => undefined };
  for (const month of months) {
    if (!(await PayslipMonthModel.exists({ month }))) {
      const r = await importPayslips(demoPayslipCsv(month), { key: deps.keys.payslip, actor: SEED_ACTOR, channel: 'cli', now: deps.now });
      if (!r.ok) throw new Error(`demo payslips for ${month} were refused: ${r.problems.map((p) => `${p.line}: ${p.message}`).join('; ')}`);
    }
    // Only the latest month is announced in chat (one card per person); the older one is simply visible.
    const outbox = month === latest ? deps.outbox : silent;
    await publishPayslips(month, SEED_ACTOR, 'cli', { outbox, linkFor: deps.payslipLinkFor, tz: deps.tz, now: deps.now });
  }
}

async function seedAttendance(anchor: IsoDate, deps: DemoSeedDeps): Promise<void> {
  const source = deps.checkins(anchor);
  const ops: Parameters<typeof AttendanceDayModel.bulkWrite>[0] = [];
  for (let date = addDays(anchor, -HISTORY_DAYS); date < anchor; date = addDays(date, 1)) {
    for (const e of DEMO_EMPLOYEES) {
      const day = source.day(e.userid, date);
      if (!day) continue;
      const on = day.punches.find((p) => p.kind === 'on');
      const off = day.punches.find((p) => p.kind === 'off');
      const lateMinutes = on?.at !== undefined && on.at > on.scheduledAt ? Math.ceil((on.at - on.scheduledAt) / 60) : 0;
      const earlyMinutes = off?.at !== undefined && off.at < off.scheduledAt ? Math.ceil((off.scheduledAt - off.at) / 60) : 0;
      const missing = day.punches.filter((p) => p.at === undefined).length;
      const absent = day.workday && day.punches.length > 0 && missing === day.punches.length;
      const leaveShare = day.leave ? (day.leave.seconds >= 86_400 ? 1 : 0.5) : 0;
      const doc = {
        userid: e.userid, date, tracked: true, workday: day.workday,
        punches: day.punches.map((p) => ({
          kind: p.kind, scheduledAt: new Date(p.scheduledAt * 1000),
          ...(p.at !== undefined ? { at: new Date(p.at * 1000) } : {}),
          ...(p.at === undefined ? { exception: '未打卡' } : (p.kind === 'on' ? p.at > p.scheduledAt : p.at < p.scheduledAt) ? { exception: '时间异常' } : {}),
        })),
        lateCount: lateMinutes > 0 ? 1 : 0, lateMinutes, earlyCount: earlyMinutes > 0 ? 1 : 0, earlyMinutes,
        missingPunches: absent ? 0 : missing, absent, overtimeMinutes: 0, leaveShare, onLeave: leaveShare > 0,
        source: 'seed' as const, fetchedAt: deps.now,
      };
      ops.push({ updateOne: { filter: { userid: e.userid, date }, update: { $set: doc }, upsert: true } });
    }
  }
  if (ops.length > 0) await AttendanceDayModel.bulkWrite(ops, { ordered: false });
}

async function seedRecruiting(anchor: IsoDate, deps: DemoSeedDeps): Promise<void> {
  const jobIds = new Map<string, Types.ObjectId>();
  for (const j of DEMO_JOBS) {
    const _id = demoId('job', j.code);
    await JobModel.updateOne(
      { code: j.code },
      { $setOnInsert: { _id, code: j.code, title: j.title, department: j.department, description: j.description, status: 'open', questions: j.questions, ownerUserid: DEMO_RECRUITER } },
      { upsert: true },
    );
    const job = await JobModel.findOne({ code: j.code }, { _id: 1 }).lean();
    if (job) jobIds.set(j.code, job._id);
  }

  const slotDay = (n: number): IsoDate => {
    let d = anchor;
    let left = Math.abs(n);
    const step = n < 0 ? -1 : 1;
    if (n >= 0) while (!isWorkingDay(d, deps.lookup)) d = addDays(d, 1);
    while (left > 0) {
      d = addDays(d, step);
      if (isWorkingDay(d, deps.lookup)) left -= 1;
    }
    return d;
  };

  for (const c of DEMO_CANDIDATES) {
    const jobId = jobIds.get(c.job);
    if (!jobId) continue;
    await CandidateModel.updateOne(
      { phone: c.phone },
      { $setOnInsert: { _id: demoId('candidate', c.key), name: c.name, phone: c.phone, channel: { kind: 'forward' }, group: c.group, createdBy: DEMO_RECRUITER } },
      { upsert: true },
    );
    const candidate = await CandidateModel.findOne({ phone: c.phone }, { _id: 1 }).lean();
    if (!candidate) continue;
    const interviewId = demoId('interview', c.key);
    if (await InterviewModel.exists({ _id: interviewId })) continue;

    const day = slotDay(c.day);
    const startAt = zonedTime(day, c.time, deps.tz);
    const endAt = new Date(startAt.getTime() + c.minutes * 60_000);
    const job = DEMO_JOBS.find((j) => j.code === c.job)!;
    let wecomScheduleId: string | undefined;
    if (c.status !== 'declined' && startAt.getTime() > deps.now.getTime()) {
      wecomScheduleId = deps.addSchedule({
        admins: [DEMO_RECRUITER],
        start_time: Math.floor(startAt.getTime() / 1000),
        end_time: Math.floor(endAt.getTime() / 1000),
        attendees: [{ userid: c.interviewer }, { userid: DEMO_RECRUITER }],
        summary: `${c.kind === 'video' ? '视频面试' : '面试'}：${c.name}（${job.title}）`,
        description: c.kind === 'video'
          ? `候选人：${c.name}（${c.group}）\n岗位：${job.title}\n候选人在 ${localTime(endAt, deps.tz)} 前在线完成单向视频面试，完成后评分报告会发给 HR。`
          : `候选人：${c.name}（${c.group}）\n岗位：${job.title}\n面试官：请提前 10 分钟到场，面后在 HR 助手里反馈。`,
        location: c.location ?? '线上',
        reminders: { is_remind: 1, remind_before_event_secs: 900, timezone: 8 },
      });
    }
    const completed = c.status === 'completed';
    await InterviewModel.create({
      _id: interviewId, candidateId: candidate._id, jobId, kind: c.kind, startAt, endAt,
      ...(c.location ? { location: c.location } : {}),
      interviewerUserid: c.interviewer, hrUserid: DEMO_RECRUITER, status: c.status,
      ...(c.confirmed ? { candidateConfirmedAt: new Date(startAt.getTime() - 2 * 86_400_000) } : {}),
      ...(wecomScheduleId ? { wecomScheduleId } : {}),
      linkVersion: 1, reminders: {}, textFallback: completed, integrity: [],
      ...(completed ? { consent: { version: 'demo-1', at: startAt, review: 'ai' }, startedAt: startAt, completedAt: new Date(startAt.getTime() + 25 * 60_000) } : {}),
      ...(c.status === 'declined' ? { statusNote: '已接受其他公司的录用', statusBy: 'candidate', statusAt: new Date(deps.now.getTime() - 86_400_000) } : {}),
      sourceKey: `demo:${c.key}`, inviteChannel: 'forward', slotSetAt: new Date(startAt.getTime() - 5 * 86_400_000),
    });
    if (completed && c.answers) await seedReport(interviewId, jobId, candidate._id, job, c.answers);
  }
}

function localTime(d: Date, tz: string): string {
  const p = localParts(d, tz);
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** Scores the typed answers with the real scorer, so the report is what HR would see. */
async function seedReport(interviewId: Types.ObjectId, jobId: Types.ObjectId, candidateId: Types.ObjectId, job: (typeof DEMO_JOBS)[number], answers: Readonly<Record<string, string>>): Promise<void> {
  if (await ScoreReportModel.exists({ interviewId })) return;
  // Loaded only when seeding: the scorer is not needed to serve the demo.
  const { analyzeAnswer, ANALYSIS_VERSION } = await import('../../scorer/analyzeAnswer.js');
  const rows = [];
  for (const q of job.questions) {
    const text = answers[q.id];
    if (!text) continue;
    const analysis = await analyzeAnswer({ kind: 'text', text, durationSec: Math.round([...text].length / 4) }, q);
    const overall = analysis.content.status === 'scored' ? analysis.content.score.overall : null;
    rows.push({
      questionId: q.id, overall, contentRated: overall !== null,
      analysis: JSON.parse(JSON.stringify(analysis)) as Record<string, unknown>,
      flags: [...analysis.flags],
    });
  }
  const rated = rows.map((r) => r.overall).filter((x): x is number => x !== null);
  const overall = rated.length > 0 ? Math.round(rated.reduce((a, b) => a + b, 0) / rated.length) : null;
  await ScoreReportModel.create({
    interviewId, jobId, candidateId, overall,
    weights: Object.fromEntries(job.questions.map((q) => [q.id, 1 / job.questions.length])),
    answers: rows,
    // Marked so nobody mistakes it for a real candidate's result.
    flags: ['demo_data', 'text_answers'],
    scorerVersion: `${ANALYSIS_VERSION}+demo`,
  });
}
