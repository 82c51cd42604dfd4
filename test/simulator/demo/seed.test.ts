/**
 * The demo company seed: once, into an empty database only, every step
 * idempotent (a crashed start finishes the job), payslips through the real
 * importer (nothing in clear), and the dashboard has something to show.
 */
import { expect } from 'chai';
import mongoose from 'mongoose';
import { useTestDatabase } from '../../helpers/db.js';
import { silentLogger } from '../../../lib/logger.js';
import { loadDashboard } from '../../../miniapp/hr/dashboardData.js';
import { AttendanceDayModel } from '../../../models/attendanceDay.js';
import { CacheEntryModel } from '../../../models/cacheEntry.js';
import { DepartmentModel, EmployeeModel } from '../../../models/employee.js';
import { InterviewModel } from '../../../models/interview.js';
import { JobModel } from '../../../models/job.js';
import { getBalance } from '../../../models/leaveLedger.js';
import { LeaveRequestModel } from '../../../models/leaveRequest.js';
import { openSlip, PayslipModel, PayslipMonthModel } from '../../../models/payslip.js';
import { ScoreReportModel } from '../../../models/scoreReport.js';
import type { OutboxPort } from '../../../flows/ports.js';
import type { OutMessage, UserRef } from '../../../flows/types.js';
import { bundledHolidayLookup } from '../../../simulator/demo/calendar.js';
import { demoCheckins } from '../../../simulator/demo/checkins.js';
import { DEMO_EMPLOYEES } from '../../../simulator/demo/company.js';
import { demoLeaves } from '../../../simulator/demo/leaves.js';
import { seedDemoCompany, type DemoSeedDeps } from '../../../simulator/demo/seed.js';

const NOW = new Date('2026-11-22T10:00:00+08:00');
const TZ = 'Asia/Shanghai';
const KEY = Buffer.alloc(32, 7);

function deps(sent: Array<{ key: string; to: UserRef; message: OutMessage }>, schedules: unknown[]): DemoSeedDeps {
  const lookup = bundledHolidayLookup();
  const outbox: OutboxPort = {
    async send(key, to, message) {
      if (!sent.some((s) => s.key === key)) sent.push({ key, to, message });
    },
    async updateCard() {},
    async cardResponseCode() {
      return undefined;
    },
  };
  return {
    keys: { payslip: KEY },
    tz: TZ,
    now: NOW,
    instanceId: 'test',
    lookup,
    outbox,
    payslipLinkFor: (userid, month) => `http://localhost:3000/payslip?u=${userid}&m=${month}`,
    checkins: (anchor) => demoCheckins({ anchor, tz: TZ, lookup, leaves: demoLeaves(anchor, lookup), userids: DEMO_EMPLOYEES.map((e) => e.userid), now: () => NOW }),
    addSchedule: (s) => {
      schedules.push(s);
      return `sched-${schedules.length}`;
    },
    logger: silentLogger,
  };
}

async function counts(): Promise<Record<string, number>> {
  return {
    employees: await EmployeeModel.countDocuments(),
    departments: await DepartmentModel.countDocuments(),
    requests: await LeaveRequestModel.countDocuments(),
    months: await PayslipMonthModel.countDocuments(),
    slips: await PayslipModel.countDocuments(),
    attendance: await AttendanceDayModel.countDocuments(),
    jobs: await JobModel.countDocuments(),
    interviews: await InterviewModel.countDocuments(),
    reports: await ScoreReportModel.countDocuments(),
  };
}

describe('演示公司的种子数据', function () {
  this.timeout(60_000);
  useTestDatabase({ clearEach: false });

  const sent: Array<{ key: string; to: UserRef; message: OutMessage }> = [];
  const schedules: unknown[] = [];

  it('空库里种下 20 人的公司：部门、余额、请假、两个月工资条、一个月考勤、岗位与面试、一份评分报告', async () => {
    const outcome = await seedDemoCompany(deps(sent, schedules));
    expect(outcome).to.deep.equal({ kind: 'seeded', anchor: '2026-11-22' });
    const c = await counts();
    expect(c).to.include({ employees: 20, departments: 6, requests: 9, months: 2, slips: 40, jobs: 2, interviews: 5, reports: 1 });
    expect(c['attendance']).to.be.greaterThan(20 * 20);

    const wang = await EmployeeModel.findOne({ userid: 'WangFang' }).lean();
    expect(wang).to.include({ name: '王芳', managerUserid: 'LiNa', source: 'seed' });
    expect((await EmployeeModel.findOne({ userid: 'ChenJing' }).lean())?.roles).to.include('hr');
    expect(await getBalance('WangFang', 'annual')).to.equal(10);
    expect(await getBalance('ZhangWei', 'annual')).to.equal(8 - 2); // two approved days this month
  });

  it('工资条走真实的导入：密文里没有金额，能用密钥打开，合计等于实发；只有最近一个月发了通知', async () => {
    const months = (await PayslipMonthModel.find({}).sort({ month: 1 }).lean()).map((m) => [m.month, Boolean(m.publishedAt)]);
    expect(months).to.deep.equal([['2026-09', true], ['2026-10', true]]);
    const raw = await mongoose.connection.db!.collection('payslips').findOne({ userid: 'WangFang', month: '2026-10' });
    expect(JSON.stringify(raw)).to.not.match(/16500/);
    const slip = openSlip(KEY, { userid: 'WangFang', month: '2026-10', sealed: String(raw?.['sealed']) });
    const sum = slip.lines.reduce((s, l) => s + (l.kind === 'money' ? l.cents : 0), 0);
    expect(sum).to.equal(slip.netCents);
    expect(slip.lines[0]).to.deep.include({ name: '基本工资', cents: 1_650_000 });
    const notices = sent.filter((s) => s.key.startsWith('payslip-publish:'));
    expect(notices).to.have.length(20);
    expect(notices.every((n) => n.key.includes(':2026-10:') && n.message.kind === 'link_card')).to.equal(true);
  });

  it('评分报告来自真实的内容评分器，并标明是演示数据；未来的面试进了企业微信日历', async () => {
    const report = await ScoreReportModel.findOne({}).lean();
    expect(report?.flags).to.include('demo_data');
    expect(report?.answers).to.have.length(5);
    expect(report?.answers.every((a) => a.contentRated && typeof a.overall === 'number')).to.equal(true);
    expect((report?.answers[0]?.analysis as { content?: { status?: string } }).content?.status).to.equal('scored');
    expect(report?.overall).to.be.within(40, 100);
    const withCalendar = await InterviewModel.find({ wecomScheduleId: { $exists: true } }).lean();
    expect(withCalendar).to.have.length(schedules.length).and.to.have.length(3);
  });

  it('再启动不会重复种；中途崩溃（只留下“started”标记）再启动能补完且不重复', async () => {
    const before = await counts();
    expect(await seedDemoCompany(deps(sent, schedules))).to.deep.equal({ kind: 'already', anchor: '2026-11-22' });
    await CacheEntryModel.updateOne({ _id: 'demo-seed' }, { $set: { value: 'started:2026-11-22' } });
    await InterviewModel.deleteMany({ status: 'declined' });
    const resumed = await seedDemoCompany(deps(sent, schedules));
    expect(resumed).to.deep.equal({ kind: 'seeded', anchor: '2026-11-22' });
    expect(await counts()).to.deep.equal(before);
    expect(sent.filter((s) => s.key.startsWith('payslip-publish:'))).to.have.length(20);
  });

  it('看板在演示数据上：今天休息日，马琳在休年假，两条待审批，产品经理岗位的漏斗 3→1', async () => {
    const d = await loadDashboard(NOW, TZ);
    expect(d.todayIsWorkday).to.equal(false);
    expect(d.onLeave.map((r) => r.name)).to.deep.equal(['马琳']);
    expect(d.absenceDate).to.equal('2026-11-20');
    expect(d.absences.length).to.be.greaterThan(0);
    expect(d.pending.map((p) => [p.name, p.approver])).to.have.deep.members([['朱涛', '徐强'], ['高静', '何燕']]);
    expect(d.pending.find((p) => p.name === '朱涛')?.ageHours).to.be.closeTo(30, 0.1);
    expect(d.leaveByType.find((t) => t.code === 'annual')?.days).to.equal(6);
    expect(d.leaveByDepartment.find((r) => r.department === '销售部')?.total).to.equal(3.5);
    expect(d.funnel.find((j) => j.code === 'PM-2026')).to.include({ invited: 3, confirmed: 2, completed: 1, scored: 1, advanced: 0, dropped: 0 });
    expect(d.funnel.find((j) => j.code === 'SALES-REP')).to.include({ invited: 2, dropped: 1 });
    expect(d.anomalies.map((a) => a.department)).to.include('产品研发部');
  });

  it('库里已有别的员工（不是演示数据）时什么都不动', async () => {
    await CacheEntryModel.deleteOne({ _id: 'demo-seed' });
    const before = await counts();
    expect(await seedDemoCompany(deps(sent, schedules))).to.deep.equal({ kind: 'not_demo' });
    expect(await counts()).to.deep.equal(before);
  });
});
