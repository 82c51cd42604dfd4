import { createCheckinPort } from '../../../bot/wecom/checkinPort.js';
import { expect } from 'chai';
import nock from 'nock';
import { useTestDatabase } from '../../helpers/db.js';
import { MemoryOutbox } from '../../helpers/memoryOutbox.js';
import { previousWorkingDay, runAttendanceDigest, type DigestDeps } from '../../../flows/attendance/digest.js';
import { attendanceDigestJob } from '../../../scheduler/jobs/attendanceDigest.js';
import { Scheduler } from '../../../scheduler/registry.js';
import { LeaveRequestModel } from '../../../models/leaveRequest.js';
import { silentLogger } from '../../../lib/logger.js';
import { cn2026 } from '../../helpers/calendar.js';
import { seedPeople } from '../payslip/fixtures.js';
import { TZ, buildFixture, checkinClient, ordinaryDays, serveCheckins, type CheckinCall } from './fixtures.js';

const MONDAY = new Date('2026-11-23T09:30:00+08:00');

describe('考勤日报 flows/attendance/digest + scheduler/jobs/attendanceDigest', () => {
  useTestDatabase();
  let calls: CheckinCall[];
  let outbox: MemoryOutbox;
  let deps: (now: Date) => DigestDeps;

  beforeEach(async () => {
    await seedPeople();
    const fixture = buildFixture([
      { userid: 'wangfang', date: '2026-11-20', missOff: true },
      { userid: 'zhangwei', date: '2026-11-20', lateBy: 10 * 60 },
      { userid: 'liuyang', date: '2026-11-20', absent: true },
      { userid: 'lina', date: '2026-11-20' },
      { userid: 'zhaolei', date: '2026-11-20' },
      ...ordinaryDays('wangfang', '2026-09-28', '2026-09-30'),
    ]);
    calls = serveCheckins(() => fixture);
    outbox = new MemoryOutbox();
    deps = (now) => ({ outbox, tz: TZ, logger: silentLogger, source: { checkin: createCheckinPort(checkinClient().checkin, TZ, () => now), tz: TZ, now: () => now, logger: silentLogger } });
  });
  afterEach(() => nock.cleanAll());

  it('上一个工作日：周一看周五，国庆后看节前最后一天', () => {
    const c = cn2026();
    expect(previousWorkingDay('2026-11-23', c)).to.equal('2026-11-20');
    expect(previousWorkingDay('2026-10-08', c)).to.equal('2026-09-30');
    expect(previousWorkingDay('2026-10-12', c)).to.equal('2026-10-10'); // 调休 Saturday
  });

  it('周一早上：缺卡的人各收到一条补卡提醒，经理收到团队小结；再跑一次不重复发', async () => {
    const r = await runAttendanceDigest(MONDAY, deps(MONDAY));
    expect(r).to.deep.equal({ kind: 'sent', day: '2026-11-20', employees: 2, managers: 2, checked: 6 });
    expect(outbox.textsTo('wangfang')).to.deep.equal(['11月20日（周五）你下班缺卡。如果当天在岗，可以在企业微信“工作台 → 打卡”里提交补卡申请；如果是请假，记得补一个请假申请。']);
    expect(outbox.textsTo('liuyang')[0]).to.include('没有打卡记录').and.include('补卡');
    expect(outbox.textsTo('zhangwei')).to.deep.equal([]); // late is not a missing punch
    expect(outbox.textsTo('chenjing')).to.deep.equal([]); // not in any 打卡 rule
    expect(outbox.textsTo('lina')).to.deep.equal(['考勤日报 · 你的团队 11月20日（周五）（2 人）：\n缺卡或旷工：王芳（下班）\n迟到：张伟（10 分钟）']);
    expect(outbox.textsTo('zhaolei')[0]).to.include('刘洋（旷工）');
    expect(outbox.textsTo('zhaolei')[0]).not.to.include('王芳');
    expect(outbox.sent.map((s) => s.key)).to.include('attendance-digest:2026-11-20:wangfang');

    const again = await runAttendanceDigest(MONDAY, deps(MONDAY));
    expect(again).to.include({ kind: 'sent', employees: 2 });
    expect(outbox.sent).to.have.length(4);
  });

  it('批准了下午请假的人不会收到缺下班卡的提醒', async () => {
    await LeaveRequestModel.create({ leaveType: 'personal', reason: '家里有事', approverUserid: 'lina', channel: 'wecom', cards: [], status: 'approved', userid: 'wangfang', start: '2026-11-20', startPeriod: 'pm', end: '2026-11-20', endPeriod: 'pm', days: 0.5 });
    await runAttendanceDigest(MONDAY, deps(MONDAY));
    expect(outbox.textsTo('wangfang')).to.deep.equal([]);
    expect(outbox.textsTo('lina')[0]).to.include('请假：王芳（下午）');
    expect(outbox.textsTo('lina')[0]).not.to.include('缺卡或旷工：王芳');
  });

  it('节假日和周末什么都不发，也不去取打卡数据', async () => {
    const holiday = new Date('2026-10-05T09:30:00+08:00');
    expect(await runAttendanceDigest(holiday, deps(holiday))).to.deep.equal({ kind: 'not_a_working_day', today: '2026-10-05' });
    const sunday = new Date('2026-11-22T09:30:00+08:00');
    expect(await runAttendanceDigest(sunday, deps(sunday))).to.deep.equal({ kind: 'not_a_working_day', today: '2026-11-22' });
    expect(outbox.sent).to.deep.equal([]);
    expect(calls).to.deep.equal([]);
  });

  it('国庆后第一天看的是节前最后一天', async () => {
    const after = new Date('2026-10-08T09:30:00+08:00');
    const r = await runAttendanceDigest(after, deps(after));
    expect(r).to.include({ kind: 'sent', day: '2026-09-30' });
  });

  it('定时任务：按配置的 cron 注册，两个实例抢同一个时刻只跑一次', async () => {
    const job = attendanceDigestJob('30 9 * * 1-5', deps(MONDAY));
    expect(job.cron).to.equal('30 9 * * 1-5');
    const a = new Scheduler({ tz: TZ, instanceId: 'a', logger: silentLogger }).register(job);
    const b = new Scheduler({ tz: TZ, instanceId: 'b', logger: silentLogger }).register(job);
    const outcomes = await Promise.all([a.tick('attendance-digest', MONDAY), b.tick('attendance-digest', MONDAY)]);
    expect([...outcomes].sort()).to.deep.equal(['ok', 'skipped']);
    expect(outbox.sent).to.have.length(4);
  });
});
