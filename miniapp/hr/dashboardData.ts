/**
 * The HR dashboard's figures, straight from the models: who is on leave today,
 * attendance exceptions of today (or the last working day), pending approvals
 * and how long they have waited, this month's approved leave by type and
 * department, this month's attendance exceptions by department (AttendanceDay),
 * and the recruiting funnel per open job. Read-only; a handful of queries.
 */
import { addDays, addMonths, formatChineseDate, localDate, localParts, pad2, type IsoDate } from '../../lib/time.js';
import { isWorkingDay, spanDays, type HolidayLookup, type Period } from '../../lib/workdays.js';
import { AttendanceDayModel, type AttendanceDay } from '../../models/attendanceDay.js';
import { holidayLookup } from '../../models/calendar.js';
import { DepartmentModel, EmployeeModel } from '../../models/employee.js';
import { InterviewModel } from '../../models/interview.js';
import { JobModel } from '../../models/job.js';
import { LeaveRequestModel, type LeaveRequest } from '../../models/leaveRequest.js';
import { LEAVE_TYPE_CODES, leaveTypeName } from '../../models/leaveType.js';
import { ScoreReportModel } from '../../models/scoreReport.js';
import type {
  AbsenceRow, DashboardData, DepartmentAnomalies, DepartmentLeave, JobFunnel, LeaveTypeTotal, OnLeaveRow, PendingRow, PersonRef,
} from './dashboardTypes.js';
import * as w from './dashboardWording.js';

interface People {
  ref(userid: string): PersonRef;
  departmentOf(userid: string): string;
  departments(): string[];
  headcount(department: string): number;
}

async function loadPeople(): Promise<People> {
  const [employees, departments] = await Promise.all([
    EmployeeModel.find({}, { userid: 1, name: 1, departments: 1, active: 1 }).lean(),
    DepartmentModel.find({}, { deptId: 1, name: 1, order: 1 }).sort({ order: 1, deptId: 1 }).lean(),
  ]);
  const deptName = new Map(departments.map((d) => [d.deptId, d.name]));
  const byId = new Map(employees.map((e) => [e.userid, e]));
  const departmentOf = (userid: string): string => {
    const id = byId.get(userid)?.departments[0];
    return id === undefined ? '未分配部门' : (deptName.get(id) ?? `部门 ${id}`);
  };
  const active = employees.filter((e) => e.active);
  const order = [...departments.map((d) => d.name), '未分配部门'];
  return {
    ref: (userid) => ({ userid, name: byId.get(userid)?.name ?? userid, department: departmentOf(userid) }),
    departmentOf,
    departments: () => [...new Set(active.map((e) => departmentOf(e.userid)))].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
    headcount: (department) => active.filter((e) => departmentOf(e.userid) === department).length,
  };
}

function spanLabel(r: Pick<LeaveRequest, 'start' | 'end' | 'startPeriod' | 'endPeriod'>): string {
  const day = (d: IsoDate, p: Period | undefined) => `${formatChineseDate(d)}${p ? w.HALF[p] : ''}`;
  if (r.start === r.end) {
    const half = r.startPeriod === 'pm' ? 'pm' : r.endPeriod === 'am' ? 'am' : undefined;
    return day(r.start, half);
  }
  return `${day(r.start, r.startPeriod === 'pm' ? 'pm' : undefined)} 至 ${day(r.end, r.endPeriod === 'am' ? 'am' : undefined)}`;
}

function lastWorkingDay(before: IsoDate, lookup: HolidayLookup): IsoDate {
  let d = addDays(before, -1);
  for (let i = 0; i < 30 && !isWorkingDay(d, lookup); i += 1) d = addDays(d, -1);
  return d;
}

export async function loadDashboard(now: Date, tz: string): Promise<DashboardData> {
  const today = localDate(now, tz);
  const month = today.slice(0, 7);
  const monthStart = `${month}-01`;
  const lookup = await holidayLookup(monthStart, addDays(today, 7));
  const todayIsWorkday = isWorkingDay(today, lookup);
  const people = await loadPeople();

  // Today: approved leave covering it, and the attendance exceptions of the day.
  const covering = await LeaveRequestModel.find({ status: 'approved', start: { $lte: today }, end: { $gte: today } }).lean();
  const onLeave: OnLeaveRow[] = covering
    .map((r) => ({ ...people.ref(r.userid), typeName: leaveTypeName(r.leaveType), span: spanLabel(r), days: r.days }))
    .sort((a, b) => a.department.localeCompare(b.department, 'zh-CN'));

  const todayRows = todayIsWorkday ? await AttendanceDayModel.find({ date: today }).lean() : [];
  const absenceDate = todayIsWorkday && todayRows.length > 0 ? today : lastWorkingDay(today, lookup);
  const dayRows = absenceDate === today ? todayRows : await AttendanceDayModel.find({ date: absenceDate }).lean();
  const absences = dayRows.flatMap((d) => absenceRow(d, people)).sort((a, b) => severityRank(a.severity) - severityRank(b.severity));

  // Pending approvals, oldest first.
  const pendingDocs = await LeaveRequestModel.find({ status: 'pending' }).sort({ createdAt: 1 }).lean();
  const pending: PendingRow[] = pendingDocs.map((r) => ({
    ...people.ref(r.userid),
    id: String(r._id),
    typeName: leaveTypeName(r.leaveType),
    span: spanLabel(r),
    days: r.days,
    approver: people.ref(r.approverUserid).name,
    ageHours: Math.max(0, (now.getTime() - new Date(r.createdAt).getTime()) / 3_600_000),
  }));

  // This month's approved leave, counting only the working days inside the month.
  const monthEnd = addDays(`${addMonths(month, 1)}-01`, -1);
  const monthLookup = await holidayLookup(addDays(monthStart, -40), addDays(monthEnd, 40));
  const approved = await LeaveRequestModel.find({ status: 'approved', start: { $lte: monthEnd }, end: { $gte: monthStart } }).lean();
  const byType = new Map<string, number>();
  const byDept = new Map<string, Map<string, number>>();
  for (const r of approved) {
    let days = 0;
    for (const d of spanDays(r, monthLookup)) if (d.date >= monthStart && d.date <= monthEnd) days += d.share;
    if (days === 0) continue;
    byType.set(r.leaveType, (byType.get(r.leaveType) ?? 0) + days);
    const dept = people.departmentOf(r.userid);
    const m = byDept.get(dept) ?? new Map<string, number>();
    m.set(r.leaveType, (m.get(r.leaveType) ?? 0) + days);
    byDept.set(dept, m);
  }
  const leaveByType: LeaveTypeTotal[] = LEAVE_TYPE_CODES.filter((c) => byType.has(c)).map((code) => ({ code, name: leaveTypeName(code), days: byType.get(code) ?? 0 }));
  const leaveByDepartment: DepartmentLeave[] = people
    .departments()
    .filter((d) => byDept.has(d))
    .map((department) => {
      const m = byDept.get(department)!;
      return { department, byType: Object.fromEntries(m), total: [...m.values()].reduce((a, b) => a + b, 0) };
    });

  // This month's attendance exceptions by department (days on leave do not count).
  const monthRows = await AttendanceDayModel.find({ date: { $gte: monthStart, $lte: today } }).lean();
  const perDept = new Map<string, { late: number; early: number; missing: number; absent: number }>();
  for (const d of monthRows) {
    if (!d.workday || d.onLeave) continue;
    const dept = people.departmentOf(d.userid);
    const a = perDept.get(dept) ?? { late: 0, early: 0, missing: 0, absent: 0 };
    if (d.absent) a.absent += 1;
    else {
      if (d.lateMinutes > 0) a.late += 1;
      if (d.earlyMinutes > 0) a.early += 1;
      a.missing += d.missingPunches;
    }
    perDept.set(dept, a);
  }
  const anomalies: DepartmentAnomalies[] = people
    .departments()
    .filter((d) => perDept.has(d))
    .map((department) => ({ department, people: people.headcount(department), ...perDept.get(department)! }));

  const funnel = await recruitingFunnel();
  const p = localParts(now, tz);
  return {
    today,
    todayLabel: formatChineseDate(today),
    todayIsWorkday,
    month,
    monthLabel: `${Number(month.slice(5))}月`,
    generatedAt: `${pad2(p.hour)}:${pad2(p.minute)}`,
    onLeave,
    absenceDate,
    absenceDateLabel: absenceDate === today ? w.TODAY_LABEL : formatChineseDate(absenceDate),
    absenceDataAvailable: dayRows.length > 0,
    absences,
    pending,
    leaveByType,
    leaveByDepartment,
    anomalies,
    funnel,
  };
}

function severityRank(s: AbsenceRow['severity']): number {
  return { absent: 0, missing: 1, late: 2, early: 3 }[s];
}

function absenceRow(d: AttendanceDay, people: People): AbsenceRow[] {
  if (!d.workday || d.onLeave) return [];
  const parts: string[] = [];
  let severity: AbsenceRow['severity'] | undefined;
  if (d.absent) {
    parts.push(w.ABSENT);
    severity = 'absent';
  } else {
    if (d.missingPunches > 0) {
      parts.push(w.MISSING(d.missingPunches));
      severity ??= 'missing';
    }
    if (d.lateMinutes > 0) {
      parts.push(w.LATE(d.lateMinutes));
      severity ??= 'late';
    }
    if (d.earlyMinutes > 0) {
      parts.push(w.EARLY(d.earlyMinutes));
      severity ??= 'early';
    }
  }
  return severity ? [{ ...people.ref(d.userid), what: parts.join('，'), severity }] : [];
}

async function recruitingFunnel(): Promise<JobFunnel[]> {
  const jobs = await JobModel.find({ status: 'open' }, { code: 1, title: 1 }).sort({ code: 1 }).lean();
  if (jobs.length === 0) return [];
  const ids = jobs.map((j) => j._id);
  const [interviews, reports] = await Promise.all([
    InterviewModel.find({ jobId: { $in: ids } }, { jobId: 1, status: 1, candidateConfirmedAt: 1, decision: 1 }).lean(),
    ScoreReportModel.find({ jobId: { $in: ids } }, { jobId: 1, interviewId: 1 }).lean(),
  ]);
  return jobs.map((j) => {
    const mine = interviews.filter((i) => String(i.jobId) === String(j._id));
    const reported = new Set(reports.filter((r) => String(r.jobId) === String(j._id)).map((r) => String(r.interviewId)));
    const dropped = mine.filter((i) => i.status === 'declined' || i.status === 'cancelled' || i.status === 'no_show').length;
    return {
      jobId: String(j._id),
      code: j.code,
      title: j.title,
      invited: mine.length,
      confirmed: mine.filter((i) => i.candidateConfirmedAt !== undefined || ['confirmed', 'in_progress', 'completed'].includes(i.status)).length,
      completed: mine.filter((i) => i.status === 'completed').length,
      scored: mine.filter((i) => reported.has(String(i._id))).length,
      advanced: mine.filter((i) => i.decision?.value === 'advance').length,
      dropped,
    };
  });
}
