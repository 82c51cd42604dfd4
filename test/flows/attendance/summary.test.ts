import { expect } from 'chai';
import { toAttendanceDays } from '../../../bot/wecom/checkinDays.js';
import { dayOutcome, summarize } from '../../../flows/attendance/summary.js';
import { leaveParts, mergeParts } from '../../../flows/attendance/leaves.js';
import { personDay, personPeriod, teamDay, teamPeriod } from '../../../flows/attendance/wording.js';
import type { AttendanceDay } from '../../../models/attendanceDay.js';
import { cn2026 } from '../../helpers/calendar.js';
import { TZ, buildFixture, ordinaryDays, wangfangOctober } from './fixtures.js';

const calendar = cn2026();
const TODAY = '2026-11-22';
const FETCHED = new Date('2026-11-22T02:00:00Z');

function docs(specs: Parameters<typeof buildFixture>[0], userids: string[], from: string, to: string): AttendanceDay[] {
  const f = buildFixture(specs);
  return toAttendanceDays({ userids, from, to, dayData: f.days, records: f.records }, TZ, FETCHED);
}

describe('考勤计算 flows/attendance/summary + fromWecom + wording（纯函数）', () => {
  const october = docs(wangfangOctober(), ['wangfang'], '2026-10-01', '2026-10-31');
  const ourLeave = new Map([['2026-10-13', 'full' as const], ['2026-10-14', 'am' as const]]);

  it('WeCom 日报与打卡记录 → 每天一条：迟到、早退、缺卡是哪一次、旷工、加班、假勤请假', () => {
    const by = new Map(october.map((d) => [d.date, d]));
    expect(october).to.have.length(31);
    expect(by.get('2026-10-09')).to.include({ lateCount: 1, lateMinutes: 12, tracked: true, workday: true });
    expect(by.get('2026-10-10')).to.include({ earlyCount: 1, earlyMinutes: 30 });
    expect(by.get('2026-10-12')?.missingPunches).to.equal(1);
    expect(by.get('2026-10-12')?.punches.map((p) => [p.kind, Boolean(p.at), p.exception ?? ''])).to.deep.equal([['on', true, ''], ['off', false, '未打卡']]);
    expect(by.get('2026-10-15')?.absent).to.equal(true);
    expect(by.get('2026-10-16')?.overtimeMinutes).to.equal(120);
    expect(by.get('2026-10-20')).to.include({ onLeave: true, leaveShare: 1 });
    expect(by.get('2026-10-17')).to.include({ workday: false, missingPunches: 0 });
  });

  it('10月：节假日的“缺卡”不算，本应用批准的请假（含半天）不算缺勤，假勤里的年假也不算', () => {
    const s = summarize({ userid: 'wangfang', name: '王芳', days: october, leave: ourLeave }, '2026-10-01', '2026-10-31', calendar, TODAY);
    expect(s.workdays).to.equal(18);
    expect(s.late).to.deep.equal({ count: 1, minutes: 12, dates: ['2026-10-09'] });
    expect(s.early).to.deep.equal({ count: 1, minutes: 30, dates: ['2026-10-10'] });
    expect(s.missing).to.deep.equal({ count: 1, days: [{ date: '2026-10-12', which: ['off'] }] });
    expect(s.absent).to.deep.equal({ days: 1, dates: [{ date: '2026-10-15', share: 1 }] });
    expect(s.overtimeMinutes).to.equal(120);
    expect(s.leave).to.deep.equal([{ date: '2026-10-13', part: 'full' }, { date: '2026-10-14', part: 'am' }, { date: '2026-10-20', part: 'full' }]);

    const text = personPeriod('10月', s);
    expect(text.split('\n')[0]).to.equal('10月的考勤：应出勤 18 天，迟到 1 次，早退 1 次，缺卡 1 次，旷工 1 天，加班 2 小时。');
    expect(text).to.include('迟到（共 12 分钟）：10月9日（周五）');
    expect(text).to.include('早退（共 30 分钟）：10月10日（周六）');
    expect(text).to.include('缺卡：10月12日（周一）下班');
    expect(text).to.include('旷工：10月15日（周四）');
    expect(text).to.include('请假（不算缺勤）：10月13日（周二）、10月14日（周三）上午、10月20日（周二）');
    expect(text).to.include('补卡');
    expect(Buffer.byteLength(text)).to.be.below(2048);
  });

  it('排班：企业微信说周六排了班就算出勤日（缺卡照算），说周三轮休就不算；法定节假日任何规则都不算', () => {
    const days = docs([
      { userid: 'u', date: '2026-11-21', missOff: true }, // Saturday, a scheduled shift
      { userid: 'u', date: '2026-11-18', dayType: 1 }, // Wednesday, the shift's day off
      { userid: 'u', date: '2026-10-02', missOn: true, missOff: true }, // 国庆, rule not synced
    ], ['u'], '2026-10-01', '2026-11-21').filter((d) => ['2026-11-21', '2026-11-18', '2026-10-02'].includes(d.date));
    const by = new Map(days.map((d) => [d.date, d]));
    expect(dayOutcome('2026-11-21', by.get('2026-11-21'), undefined, calendar, TODAY)).to.deep.include({ working: true, missing: ['off'] });
    expect(dayOutcome('2026-11-18', by.get('2026-11-18'), undefined, calendar, TODAY)).to.include({ working: false });
    expect(dayOutcome('2026-10-02', by.get('2026-10-02'), undefined, calendar, TODAY)).to.deep.include({ working: false, missing: [] });
    // Nobody tracked: the calendar alone.
    expect(dayOutcome('2026-11-21', undefined, undefined, calendar, TODAY)).to.include({ working: false });
    expect(dayOutcome('2026-11-18', undefined, undefined, calendar, TODAY)).to.include({ working: true });
  });

  it('下午请假免下班卡和早退；不知道是哪半天时免一次缺卡；半天假又旷工算半天', () => {
    const [d] = docs([{ userid: 'u', date: '2026-11-18', missOff: true, earlyBy: 0 }], ['u'], '2026-11-18', '2026-11-18');
    expect(dayOutcome('2026-11-18', d, 'pm', calendar, TODAY).missing).to.deep.equal([]);
    expect(dayOutcome('2026-11-18', d, undefined, calendar, TODAY).missing).to.deep.equal(['off']);
    const [early] = docs([{ userid: 'u', date: '2026-11-18', earlyBy: 1800 }], ['u'], '2026-11-18', '2026-11-18');
    expect(dayOutcome('2026-11-18', early, 'pm', calendar, TODAY).earlyCount).to.equal(0);
    const [half] = docs([{ userid: 'u', date: '2026-11-18', missOn: true, wecomLeaveDays: 0.5 }], ['u'], '2026-11-18', '2026-11-18');
    expect(dayOutcome('2026-11-18', half, undefined, calendar, TODAY)).to.include({ leave: 'half' });
    expect(dayOutcome('2026-11-18', half, undefined, calendar, TODAY).missing).to.deep.equal([]);
    const [absent] = docs([{ userid: 'u', date: '2026-11-18', absent: true }], ['u'], '2026-11-18', '2026-11-18');
    expect(dayOutcome('2026-11-18', absent, 'am', calendar, TODAY).absent).to.equal(0.5);
    expect(dayOutcome('2026-11-18', absent, undefined, calendar, TODAY).absent).to.equal(1);
  });

  it('今天还没过完：下班卡和旷工不算；单日回答列出打卡时间', () => {
    const [today] = docs([{ userid: 'u', date: '2026-11-20', missOff: true }], ['u'], '2026-11-20', '2026-11-20');
    const asToday = dayOutcome('2026-11-20', today, undefined, calendar, '2026-11-20');
    expect(asToday.missing).to.deep.equal([]);
    expect(personDay('今天（11月20日（周五））', asToday, TZ, true)).to.equal('今天（11月20日（周五））：上班 8:50 已打卡，下班还没有打卡。');
    const asPast = dayOutcome('2026-11-20', today, undefined, calendar, TODAY);
    expect(personDay('11月20日（周五）', asPast, TZ, false)).to.equal('11月20日（周五）：上班 8:50 已打卡，下班未打卡（缺卡）。\n缺卡的话，可以在企业微信“工作台 → 打卡”里提交补卡申请。');
    expect(personDay('昨天（11月21日（周六））', dayOutcome('2026-11-21', undefined, undefined, calendar, TODAY), TZ, false)).to.include('休息日');
    const [late] = docs([{ userid: 'u', date: '2026-11-19', lateBy: 300 }], ['u'], '2026-11-19', '2026-11-19');
    expect(personDay('11月19日（周四）', dayOutcome('2026-11-19', late, undefined, calendar, TODAY), TZ, false)).to.equal('11月19日（周四）：上班 9:05 已打卡（时间异常），下班 18:05 已打卡；迟到 5 分钟。');
  });

  it('团队：一段时间的合计和有问题的人在前；某一天谁没打卡、谁请假', () => {
    const specs = [
      ...ordinaryDays('wangfang', '2026-11-16', '2026-11-20', new Set(['2026-11-18'])),
      { userid: 'wangfang', date: '2026-11-18', missOff: true },
      ...ordinaryDays('zhangwei', '2026-11-16', '2026-11-20', new Set(['2026-11-20'])),
      { userid: 'zhangwei', date: '2026-11-20', missOn: true, missOff: true },
    ];
    const all = docs(specs, ['wangfang', 'zhangwei', 'liuyang'], '2026-11-16', '2026-11-20');
    const people = [
      summarize({ userid: 'zhangwei', name: '张伟', days: all, leave: undefined }, '2026-11-16', '2026-11-20', calendar, TODAY),
      summarize({ userid: 'wangfang', name: '王芳', days: all, leave: undefined }, '2026-11-16', '2026-11-20', calendar, TODAY),
      summarize({ userid: 'liuyang', name: '刘洋', days: all, leave: new Map([['2026-11-20', 'full' as const]]) }, '2026-11-16', '2026-11-20', calendar, TODAY),
    ];
    const period = teamPeriod('11月16日至11月20日', people);
    expect(period).to.include('你的团队 11月16日至11月20日的出勤（3 人，应出勤 5 天）').and.include('合计迟到 0 次，早退 0 次，缺卡 3 次');
    expect(period).to.include('· 张伟：缺卡 2').and.include('· 王芳：缺卡 1').and.include('· 刘洋：请假 1 天');
    const day = teamDay('11月20日（周五）', false, people.map((p) => ({ name: p.name, day: p.days.at(-1)! })));
    expect(day).to.include('缺卡或旷工：张伟（上班、下班）').and.include('请假：刘洋（全天）');
    const today = teamDay('今天', true, people.map((p) => ({ name: p.name, day: dayOutcome('2026-11-20', all.find((d) => d.userid === p.userid && d.date === '2026-11-20'), p.userid === 'liuyang' ? 'full' : undefined, calendar, '2026-11-20') })));
    expect(today).to.include('还没有上班打卡：张伟').and.not.include('还没有上班打卡：张伟、');
  });

  it('请假拆成天：半天、跨节假日', () => {
    expect(leaveParts({ start: '2026-09-30', startPeriod: 'pm', end: '2026-10-09', endPeriod: 'am' }, calendar)).to.deep.equal([
      { date: '2026-09-30', part: 'pm' }, { date: '2026-10-08', part: 'full' }, { date: '2026-10-09', part: 'am' },
    ]);
    expect(leaveParts({ start: '2026-11-18', startPeriod: 'pm', end: '2026-11-18', endPeriod: 'pm' }, calendar)).to.deep.equal([{ date: '2026-11-18', part: 'pm' }]);
    expect(mergeParts('am', 'pm')).to.equal('full');
  });
});
