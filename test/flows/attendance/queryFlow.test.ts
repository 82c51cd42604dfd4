import { createCheckinPort } from '../../../bot/wecom/checkinPort.js';
import { expect } from 'chai';
import nock from 'nock';
import { useTestDatabase } from '../../helpers/db.js';
import { textTurn } from '../../helpers/turns.js';
import { attendanceQueryFlow } from '../../../flows/attendance/queryFlow.js';
import type { AttendanceSourceDeps } from '../../../flows/attendance/source.js';
import { EmployeeModel, type Employee } from '../../../models/employee.js';
import { LeaveRequestModel } from '../../../models/leaveRequest.js';
import { silentLogger } from '../../../lib/logger.js';
import type { Slots } from '../../../flows/nlu/types.js';
import { seedPeople } from '../payslip/fixtures.js';
import { TZ, buildFixture, checkinClient, ordinaryDays, serveCheckins, wangfangOctober, type CheckinCall } from './fixtures.js';

const NOW = new Date('2026-11-22T10:00:00+08:00');

describe('考勤问答 flows/attendance/queryFlow（数据库 + 企业微信打卡接口）', () => {
  useTestDatabase();
  let calls: CheckinCall[];
  let deps: AttendanceSourceDeps;

  beforeEach(async () => {
    await seedPeople();
    const fixture = buildFixture([
      ...wangfangOctober(),
      ...ordinaryDays('wangfang', '2026-11-01', '2026-11-22', new Set(['2026-11-20'])),
      { userid: 'wangfang', date: '2026-11-20', missOff: true },
      ...ordinaryDays('zhangwei', '2026-11-01', '2026-11-22', new Set(['2026-11-18'])),
      { userid: 'zhangwei', date: '2026-11-18', lateBy: 25 * 60 },
      ...ordinaryDays('liuyang', '2026-11-01', '2026-11-22'),
    ]);
    calls = serveCheckins(() => fixture);
    deps = { checkin: createCheckinPort(checkinClient().checkin, TZ, () => NOW), tz: TZ, now: () => NOW, logger: silentLogger };
    const base = { leaveType: 'annual', approverUserid: 'lina', approvalMode: 'local', channel: 'wecom', status: 'approved' } as const;
    await LeaveRequestModel.create({ ...base, userid: 'wangfang', start: '2026-10-13', end: '2026-10-13', days: 1 });
    await LeaveRequestModel.create({ ...base, userid: 'wangfang', start: '2026-10-14', startPeriod: 'am', end: '2026-10-14', endPeriod: 'am', days: 0.5 });
    // A rejected request changes nothing.
    await LeaveRequestModel.create({ ...base, status: 'rejected', userid: 'wangfang', start: '2026-10-15', end: '2026-10-15', days: 1 });
  });
  afterEach(() => nock.cleanAll());

  async function ask(userid: string, text: string, slots: Slots): Promise<string> {
    const employee = (await EmployeeModel.findOne({ userid }).lean()) as Employee;
    const turn = textTurn(text, { intent: 'attendance.query', slots }, { employee, today: '2026-11-22' });
    const flow = attendanceQueryFlow(deps);
    const result = flow.start({}, turn, await flow.loadFacts(turn));
    const [action] = result.actions;
    if (action?.kind !== 'send' || action.message.kind !== 'text') throw new Error('expected one text reply');
    return action.message.text;
  }

  it('10月有几天缺卡：按节假日和批准的请假调整后的数字与日期', async () => {
    const text = await ask('wangfang', '10月有几天缺卡', { month: '2026-10' });
    expect(text.split('\n')[0]).to.equal('10月的考勤：应出勤 18 天，迟到 1 次，早退 1 次，缺卡 1 次，旷工 1 天，加班 2 小时。');
    expect(text).to.include('缺卡：10月12日（周一）下班').and.include('旷工：10月15日（周四）');
    expect(text).to.include('请假（不算缺勤）：10月13日（周二）、10月14日（周三）上午、10月20日（周二）');
  });

  it('我昨天打卡了吗 / 这个月迟到几次：第二次问同一段时间不再调用企业微信', async () => {
    expect(await ask('wangfang', '我昨天打卡了吗', { start: '2026-11-21', end: '2026-11-21' })).to.equal('昨天（11月21日（周六））是休息日，不用打卡。');
    expect(await ask('wangfang', '20号打卡了吗', { start: '2026-11-20', end: '2026-11-20' })).to.equal(
      '11月20日（周五）：上班 8:50 已打卡，下班未打卡（缺卡）。\n缺卡的话，可以在企业微信“工作台 → 打卡”里提交补卡申请。');
    const month = await ask('wangfang', '这个月迟到几次', { month: '2026-11' });
    expect(month).to.include('11月（截至11月22日）的考勤：应出勤 15 天，迟到 0 次，早退 0 次，缺卡 1 次').and.include('缺卡：11月20日（周五）下班');
    const before = calls.length;
    await ask('wangfang', '这个月迟到几次', { month: '2026-11' });
    expect(calls.length).to.equal(before);
  });

  it('经理：我们组这个月的出勤 —— 只有自己团队的人；部门今天谁没打卡', async () => {
    const team = await ask('lina', '我们组这个月的出勤', { month: '2026-11', scope: 'team' });
    expect(team).to.include('你的团队 11月（截至11月22日）的出勤（2 人，应出勤 15 天）');
    expect(team).to.include('· 王芳：缺卡 1').and.include('· 张伟：迟到 1');
    expect(team).not.to.include('刘洋'); // 技术部, not hers
    const users = new Set(calls.flatMap((c) => c.body.useridlist));
    expect(users.has('liuyang')).to.equal(false);
    const today = await ask('lina', '部门今天谁没打卡', { start: '2026-11-22', end: '2026-11-22', scope: 'team' });
    expect(today).to.equal('今天（11月22日（周日））是休息日，不用打卡。');
    const friday = await ask('lina', '张伟11月18日的考勤', { start: '2026-11-18', end: '2026-11-18' });
    expect(friday).to.include('张伟 11月18日（周三）：上班 9:25 已打卡（时间异常）').and.include('迟到 25 分钟');
  });

  it('工作日上午问“部门今天谁没打卡”：没打上班卡的人，请假的人单列', async () => {
    nock.cleanAll();
    const friday = new Date('2026-11-20T10:00:00+08:00');
    const fixture = buildFixture([
      { userid: 'wangfang', date: '2026-11-20' },
      { userid: 'zhangwei', date: '2026-11-20', missOn: true, missOff: true },
    ]);
    // Before 下班, WeCom has no off-punch record yet.
    fixture.records.splice(0, fixture.records.length, ...fixture.records.filter((r) => r.checkin_type === '上班打卡'));
    serveCheckins(() => fixture);
    deps = { ...deps, now: () => friday };
    await LeaveRequestModel.create({ leaveType: 'sick', approverUserid: 'lina', channel: 'wecom', cards: [], status: 'approved', userid: 'wangfang', start: '2026-11-20', startPeriod: 'pm', end: '2026-11-20', endPeriod: 'pm', days: 0.5 });
    const employee = (await EmployeeModel.findOne({ userid: 'lina' }).lean()) as Employee;
    const turn = textTurn('部门今天谁没打卡', { intent: 'attendance.query', slots: { start: '2026-11-20', end: '2026-11-20', scope: 'team' } }, { employee, today: '2026-11-20' });
    const flow = attendanceQueryFlow(deps);
    const [action] = flow.start({}, turn, await flow.loadFacts(turn)).actions;
    expect(action?.kind === 'send' && action.message.kind === 'text' && action.message.text).to.equal('你的团队 今天（11月20日（周五））（2 人）：\n还没有上班打卡：张伟\n请假：王芳（下午）');
  });

  it('员工问团队或别人：礼貌拒绝，也不去企业微信取数据', async () => {
    expect(await ask('wangfang', '我们组这个月的出勤', { month: '2026-11', scope: 'team' })).to.include('只有带团队的负责人可以查看');
    expect(await ask('wangfang', '张伟这个月迟到几次', { month: '2026-11' })).to.include('只能查看你自己的');
    expect(await ask('lina', '刘洋这个月迟到几次', { month: '2026-11' })).to.include('刘洋不在你的团队里');
    expect(calls).to.deep.equal([]);
  });
});
