/**
 * 考勤的故事：员工和经理在企业微信里问考勤，一切经过真实的回调地址；企业微信的
 * 打卡接口由 nock 按真实的返回格式扮演（日报 + 打卡记录），带迟到、早退、缺卡、
 * 请假和国庆节。然后是每天早上的考勤日报：工作日发，节假日不发，重复跑不重发。
 */
import { expect } from 'chai';
import { useTestDatabase } from '../helpers/db.js';
import { WecomApp, type RecordedCall } from '../helpers/wecomApp.js';
import { LeaveRequestModel } from '../../models/leaveRequest.js';
import { attendanceFeature } from '../../server/features/attendance.js';
import { silentLogger } from '../../lib/logger.js';
import { seedPeople } from '../flows/payslip/fixtures.js';
import { buildFixture, ordinaryDays, wangfangOctober, type CheckinFixture } from '../flows/attendance/fixtures.js';

function serve(app: WecomApp, fixture: CheckinFixture): void {
  const body = (c: RecordedCall) => c.body as { starttime: number; endtime: number; useridlist: string[] };
  app.api.handle('/cgi-bin/checkin/getcheckin_daydata', (c) => {
    const b = body(c);
    const users = new Set(b.useridlist);
    return { json: { errcode: 0, errmsg: 'ok', datas: fixture.days.filter((d) => users.has(d.base_info.acctid) && d.base_info.date >= b.starttime && d.base_info.date <= b.endtime) } };
  });
  app.api.handle('/cgi-bin/checkin/getcheckindata', (c) => {
    const b = body(c);
    const users = new Set(b.useridlist);
    return { json: { errcode: 0, errmsg: 'ok', checkindata: fixture.records.filter((r) => users.has(r.userid) && r.checkin_time >= b.starttime && r.checkin_time <= b.endtime) } };
  });
}

describe('故事：考勤问答与日报（经真实回调地址，nock 扮演企业微信打卡接口）', () => {
  useTestDatabase();
  let app: WecomApp;

  beforeEach(async () => {
    await seedPeople();
    app = await WecomApp.start();
    serve(app, buildFixture([
      ...wangfangOctober(),
      ...ordinaryDays('wangfang', '2026-11-01', '2026-11-22', new Set(['2026-11-20'])),
      { userid: 'wangfang', date: '2026-11-20', missOff: true },
      ...ordinaryDays('zhangwei', '2026-11-01', '2026-11-22', new Set(['2026-11-18'])),
      { userid: 'zhangwei', date: '2026-11-18', lateBy: 25 * 60 },
      ...ordinaryDays('liuyang', '2026-11-01', '2026-11-22'),
    ]));
    const base = { leaveType: 'annual', approverUserid: 'lina', channel: 'wecom', status: 'approved' } as const;
    await LeaveRequestModel.create({ ...base, userid: 'wangfang', start: '2026-10-13', end: '2026-10-13', days: 1 });
    await LeaveRequestModel.create({ ...base, userid: 'wangfang', start: '2026-10-14', startPeriod: 'am', end: '2026-10-14', endPeriod: 'am', days: 0.5 });
  });
  afterEach(() => app.stop());

  const checkinCalls = () => app.api.calls.filter((c) => c.path.startsWith('/cgi-bin/checkin/')).length;

  it('王芳：10月有几天缺卡 → 节假日和批准的请假不算；再问一次不再调用打卡接口', async () => {
    await app.sendText('wangfang', '10月有几天缺卡');
    const answer = await app.nextText('wangfang');
    expect(answer.split('\n')[0]).to.equal('10月的考勤：应出勤 18 天，迟到 1 次，早退 1 次，缺卡 1 次，旷工 1 天，加班 2 小时。');
    expect(answer).to.include('缺卡：10月12日（周一）下班').and.include('请假（不算缺勤）：10月13日（周二）、10月14日（周三）上午、10月20日（周二）');
    const calls = checkinCalls();
    expect(calls).to.equal(4); // 31 days: two windows for each API
    await app.sendText('wangfang', '10月迟到几次');
    expect(await app.nextText('wangfang')).to.include('迟到（共 12 分钟）：10月9日（周五）');
    expect(checkinCalls()).to.equal(calls);
  });

  it('李娜：我们组这个月的出勤 → 只有她团队的人；王芳问同样的话被婉拒', async () => {
    await app.sendText('lina', '我们组这个月的出勤');
    const team = await app.nextText('lina');
    expect(team).to.include('你的团队 11月（截至11月22日）的出勤（2 人').and.include('王芳：缺卡 1').and.include('张伟：迟到 1');
    expect(team).not.to.include('刘洋');
    const asked = app.api.calls.filter((c) => c.path === '/cgi-bin/checkin/getcheckin_daydata').flatMap((c) => c.body['useridlist'] as string[]);
    expect(new Set(asked)).to.deep.equal(new Set(['wangfang', 'zhangwei']));

    await app.sendText('wangfang', '我们组这个月的出勤');
    expect(await app.nextText('wangfang')).to.include('只有带团队的负责人可以查看');
  });

  it('考勤日报：周一早上提醒周五缺卡的人、经理收到小结；国庆节不发；同一天再跑不重发', async () => {
    const [job] = attendanceFeature().jobs!(app.services);
    expect(job?.name).to.equal('attendance-digest');
    expect(job?.cron).to.equal('30 9 * * *'); // ATTENDANCE_DIGEST_CRON default

    app.clock.set(new Date('2026-10-05T09:30:00+08:00'));
    await job!.run({ now: app.clock.now(), signal: new AbortController().signal, logger: silentLogger });
    await app.settle();
    expect(app.api.sent()).to.deep.equal([]);

    app.clock.set(new Date('2026-11-23T09:30:00+08:00'));
    await job!.run({ now: app.clock.now(), signal: new AbortController().signal, logger: silentLogger });
    await app.settle();
    expect(app.api.textsTo('wangfang')).to.deep.equal(['11月20日（周五）你下班缺卡。如果当天在岗，可以在企业微信“工作台 → 打卡”里提交补卡申请；如果是请假，记得补一个请假申请。']);
    expect(app.api.textsTo('lina')).to.have.length(1);
    expect(app.api.textsTo('lina')[0]).to.include('缺卡或旷工：王芳（下班）');
    expect(app.api.textsTo('zhangwei')).to.deep.equal([]);

    await job!.run({ now: app.clock.now(), signal: new AbortController().signal, logger: silentLogger });
    await app.settle();
    expect(app.api.sent()).to.have.length(2);
  });
});
