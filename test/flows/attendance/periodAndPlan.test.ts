import { expect } from 'chai';
import { resolvePeriod } from '../../../flows/attendance/period.js';
import { isFinal, needsRefresh } from '../../../flows/attendance/freshness.js';
import { plan } from '../../../flows/attendance/queryFlow.js';
import type { Employee } from '../../../models/employee.js';

const TODAY = '2026-11-22';
const person = (userid: string, name: string, extra: Partial<Employee> = {}): Employee => ({
  userid, name, departments: [2], roles: ['employee'], active: true, source: 'seed', ...extra,
});
const lina = person('lina', '李娜', { roles: ['employee', 'manager'] });
const wangfang = person('wangfang', '王芳', { managerUserid: 'lina' });
const zhangwei = person('zhangwei', '张伟', { managerUserid: 'lina' });
const liuyang = person('liuyang', '刘洋', { departments: [3], managerUserid: 'zhaolei' });

describe('考勤问的是哪几天、能不能看 flows/attendance/period + freshness + plan（纯函数）', () => {
  it('没说时间 → 本月截至今天；10月 → 整月；上周 → 那几天；昨天 → 单日；未来 → 说明', () => {
    expect(resolvePeriod({}, TODAY)).to.deep.equal({ ok: true, period: { from: '2026-11-01', to: '2026-11-22', single: false, label: '11月（截至11月22日）' } });
    expect(resolvePeriod({ month: '2026-10' }, TODAY)).to.deep.equal({ ok: true, period: { from: '2026-10-01', to: '2026-10-31', single: false, label: '10月' } });
    expect(resolvePeriod({ month: '2025-12' }, TODAY).ok && resolvePeriod({ month: '2025-12' }, TODAY)).to.deep.include({ period: { from: '2025-12-01', to: '2025-12-31', single: false, label: '2025年12月' } });
    expect(resolvePeriod({ start: '2026-11-09', end: '2026-11-13' }, TODAY)).to.deep.equal({ ok: true, period: { from: '2026-11-09', to: '2026-11-13', single: false, label: '11月9日至11月13日' } });
    expect(resolvePeriod({ start: '2026-11-21', end: '2026-11-21' }, TODAY)).to.deep.equal({ ok: true, period: { from: '2026-11-21', to: '2026-11-21', single: true, label: '昨天（11月21日（周六））' } });
    expect(resolvePeriod({ start: '2026-11-20', end: '2026-11-26' }, TODAY)).to.deep.include({ ok: true, period: { from: '2026-11-20', to: '2026-11-22', single: false, label: '11月20日至11月22日' } });
    expect(resolvePeriod({ month: '2026-12' }, TODAY)).to.deep.equal({ ok: false, reason: 'future', label: '12月' });
    expect(resolvePeriod({ start: '2026-11-23', end: '2026-11-23' }, TODAY)).to.deep.include({ ok: false });
  });

  it('缓存新鲜度：过去的天取过一次（当天结束一整天后）就不再取；今天 10 分钟后刷新；昨天 1 小时后刷新', () => {
    const tz = 'Asia/Shanghai';
    const now = new Date('2026-11-22T10:00:00+08:00');
    expect(needsRefresh('2026-11-10', undefined, now, TODAY, tz)).to.equal(true);
    expect(isFinal('2026-11-10', new Date('2026-11-12T00:00:00+08:00'), tz)).to.equal(true);
    expect(isFinal('2026-11-10', new Date('2026-11-11T23:59:00+08:00'), tz)).to.equal(false);
    expect(needsRefresh('2026-11-10', new Date('2026-11-12T00:00:00+08:00'), now, TODAY, tz)).to.equal(false);
    expect(needsRefresh(TODAY, new Date(now.getTime() - 9 * 60_000), now, TODAY, tz)).to.equal(false);
    expect(needsRefresh(TODAY, new Date(now.getTime() - 10 * 60_000), now, TODAY, tz)).to.equal(true);
    expect(needsRefresh('2026-11-21', new Date(now.getTime() - 30 * 60_000), now, TODAY, tz)).to.equal(false);
    expect(needsRefresh('2026-11-21', new Date(now.getTime() - 61 * 60_000), now, TODAY, tz)).to.equal(true);
  });

  it('员工问自己；问团队被婉拒；问别人被婉拒', () => {
    expect(plan(wangfang, { month: '2026-11' }, TODAY, [], [])).to.deep.include({ kind: 'load', scope: 'self', people: [wangfang] });
    expect(plan(wangfang, { scope: 'team' }, TODAY, [], [])).to.deep.equal({ kind: 'say', text: '团队考勤只有带团队的负责人可以查看。你可以问自己的，比如“这个月迟到几次”“我昨天打卡了吗”。' });
    expect(plan(wangfang, {}, TODAY, [zhangwei], [])).to.deep.equal({ kind: 'say', text: '抱歉，考勤属于个人信息，只能查看你自己的。想看自己的可以问“这个月迟到几次”。' });
  });

  it('经理看团队、看自己团队的某个人；别的部门的人不行；没有下属的经理得到说明', () => {
    const team = [wangfang, zhangwei];
    expect(plan(lina, { scope: 'team' }, TODAY, [], team)).to.deep.include({ kind: 'load', scope: 'team', people: team });
    expect(plan(lina, {}, TODAY, [zhangwei], team)).to.deep.include({ kind: 'load', scope: 'person', people: [zhangwei] });
    expect(plan(lina, {}, TODAY, [liuyang], team)).to.deep.equal({ kind: 'say', text: '刘洋不在你的团队里，没法查看 ta 的考勤。可以问“我们组这个月的出勤”。' });
    expect(plan(lina, { scope: 'team' }, TODAY, [], [])).to.deep.include({ kind: 'say' });
    expect(plan(lina, { scope: 'team', month: '2026-12' }, TODAY, [], team)).to.deep.equal({ kind: 'say', text: '12月还没到，暂时没有考勤数据。' });
  });
});
