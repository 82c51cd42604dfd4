import { createCheckinPort } from '../../../bot/wecom/checkinPort.js';
import { expect } from 'chai';
import nock from 'nock';
import { useTestDatabase } from '../../helpers/db.js';
import { loadAttendance, type AttendanceSourceDeps } from '../../../flows/attendance/source.js';
import { AttendanceDayModel } from '../../../models/attendanceDay.js';
import { silentLogger } from '../../../lib/logger.js';
import { startOfLocalDay } from '../../../lib/time.js';
import { TZ, buildFixture, checkinClient, ordinaryDays, serveCheckins, wangfangOctober, type CheckinCall, type CheckinFixture } from './fixtures.js';

const s = (date: string) => Math.floor(startOfLocalDay(date, TZ).getTime() / 1000);

describe('考勤缓存与企业微信拉取 flows/attendance/source', () => {
  useTestDatabase();
  let clock: Date;
  let calls: CheckinCall[];
  let fixture: CheckinFixture;
  let failing: boolean;
  let deps: AttendanceSourceDeps;

  beforeEach(() => {
    clock = new Date('2026-11-22T10:00:00+08:00');
    failing = false;
    fixture = buildFixture([...wangfangOctober(), ...ordinaryDays('wangfang', '2026-11-01', '2026-11-22')]);
    calls = serveCheckins(() => fixture, [], { fail: () => failing });
    deps = { checkin: createCheckinPort(checkinClient().checkin, TZ, () => clock), tz: TZ, now: () => clock, logger: silentLogger };
  });
  afterEach(() => nock.cleanAll());

  it('第一次问 10 月：按 30 天切分拉取并写入缓存；再问一次不再调用企业微信（过去的天已定稿）', async () => {
    const first = await loadAttendance(['wangfang'], '2026-10-01', '2026-10-31', deps);
    expect(first.stale).to.equal(false);
    expect(first.days).to.have.length(31);
    expect(calls.map((c) => [c.path, c.body.starttime, c.body.endtime])).to.have.deep.members([
      ['getcheckin_daydata', s('2026-10-01'), s('2026-10-30')],
      ['getcheckin_daydata', s('2026-10-31'), s('2026-10-31')],
      ['getcheckindata', s('2026-10-01'), s('2026-10-31') - 1],
      ['getcheckindata', s('2026-10-31'), s('2026-11-01') - 1],
    ]);
    expect(calls.every((c) => c.path === 'getcheckin_daydata' || c.body.opencheckindatatype === 1)).to.equal(true);
    expect(await AttendanceDayModel.countDocuments({ userid: 'wangfang' })).to.equal(31);

    calls.length = 0;
    clock = new Date(clock.getTime() + 3 * 3600_000);
    const again = await loadAttendance(['wangfang'], '2026-10-01', '2026-10-31', deps);
    expect(calls).to.deep.equal([]);
    expect(again.days.find((d) => d.date === '2026-10-09')?.lateMinutes).to.equal(12);
  });

  it('今天的数据 10 分钟后才刷新，而且只刷新今天', async () => {
    await loadAttendance(['wangfang'], '2026-11-01', '2026-11-22', deps);
    expect(calls.length).to.equal(2);
    calls.length = 0;
    clock = new Date(clock.getTime() + 5 * 60_000);
    await loadAttendance(['wangfang'], '2026-11-01', '2026-11-22', deps);
    expect(calls).to.deep.equal([]);
    clock = new Date(clock.getTime() + 6 * 60_000);
    await loadAttendance(['wangfang'], '2026-11-01', '2026-11-30', deps);
    expect(calls.map((c) => [c.path, c.body.starttime])).to.have.deep.members([
      ['getcheckin_daydata', s('2026-11-22')],
      ['getcheckindata', s('2026-11-22')],
    ]);
  });

  it('超过 100 人、超过 30 天：每次调用不超过 100 人、30 天（记录每一次调用）', async () => {
    const users = Array.from({ length: 101 }, (_, i) => `u${String(i + 1).padStart(3, '0')}`);
    fixture = buildFixture(users.filter((_, i) => i % 10 === 0).flatMap((u) => ordinaryDays(u, '2026-10-01', '2026-10-31')));
    const r = await loadAttendance(users, '2026-10-01', '2026-10-31', deps);
    expect(r.days).to.have.length(101 * 31);
    expect(r.days.filter((d) => d.tracked).length).to.equal(11 * 31); // 11 people are in a 打卡 rule
    const day = calls.filter((c) => c.path === 'getcheckin_daydata');
    const raw = calls.filter((c) => c.path === 'getcheckindata');
    for (const c of calls) expect(c.body.useridlist.length).to.be.at.most(100);
    for (const c of day) expect((c.body.endtime - c.body.starttime) / 86_400 + 1).to.be.at.most(30);
    for (const c of raw) expect(c.body.endtime - c.body.starttime).to.be.below(30 * 86_400);
    expect(day.map((c) => [c.body.starttime, c.body.endtime, c.body.useridlist.length])).to.deep.equal([
      [s('2026-10-01'), s('2026-10-30'), 100], [s('2026-10-01'), s('2026-10-30'), 1],
      [s('2026-10-31'), s('2026-10-31'), 100], [s('2026-10-31'), s('2026-10-31'), 1],
    ]);
    expect(raw.map((c) => [c.body.starttime, c.body.endtime, c.body.useridlist.length])).to.deep.equal([
      [s('2026-10-01'), s('2026-10-31') - 1, 100], [s('2026-10-01'), s('2026-10-31') - 1, 1],
      [s('2026-10-31'), s('2026-11-01') - 1, 100], [s('2026-10-31'), s('2026-11-01') - 1, 1],
    ]);
    expect(new Set(day.flatMap((c) => c.body.useridlist)).size).to.equal(101);
  });

  it('企业微信连不上：有缓存就用缓存并标明；没有缓存就什么都没有', async () => {
    await loadAttendance(['wangfang'], '2026-11-01', '2026-11-21', deps);
    failing = true;
    clock = new Date(clock.getTime() + 2 * 3600_000);
    const r = await loadAttendance(['wangfang'], '2026-11-01', '2026-11-22', deps);
    expect(r.stale).to.equal(true);
    expect(r.days.length).to.equal(21);
    const none = await loadAttendance(['zhangwei'], '2026-11-01', '2026-11-22', deps);
    expect(none).to.deep.equal({ days: [], stale: true });
  });

  it('企业微信没有记录的人：记为无打卡数据，也不会每次都去问', async () => {
    await loadAttendance(['ghost'], '2026-10-01', '2026-10-05', deps);
    const docs = await AttendanceDayModel.find({ userid: 'ghost' }).lean();
    expect(docs.map((d) => d.tracked)).to.deep.equal([false, false, false, false, false]);
    calls.length = 0;
    await loadAttendance(['ghost'], '2026-10-01', '2026-10-05', deps);
    expect(calls).to.deep.equal([]);
  });
});
