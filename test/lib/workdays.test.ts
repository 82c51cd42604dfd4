import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { countWorkingDays, isWorkingDay, lookupFromEntries, addWorkingDays, type DayKind } from '../../lib/workdays.js';
import { addDays, isoWeekday, zonedTime, localDate, tzOffsetMinutes, formatChineseDate, isIsoDate, addMonths } from '../../lib/time.js';

const rows = readFileSync(new URL('../../models/seed/holidays-cn-2026.csv', import.meta.url), 'utf8')
  .trim().split('\n').slice(1).map((l) => l.split(','))
  .map(([date, kind]) => ({ date: date!, kind: kind as DayKind }));
const cn2026 = lookupFromEntries(rows);

describe('工作日计算 lib/workdays', () => {
  it('国庆跨节请假：2026-09-28 到 2026-10-10 是 6 个工作日（10-10 周六调休上班）', () => {
    expect(countWorkingDays({ start: '2026-09-28', end: '2026-10-10' }, cn2026)).to.equal(6);
  });
  it('调休周日上班、法定节假日休息', () => {
    expect(isWorkingDay('2026-01-04', cn2026)).to.equal(true); // Sunday, 元旦调休上班
    expect(isWorkingDay('2026-10-01', cn2026)).to.equal(false);
    expect(isWorkingDay('2026-11-21', cn2026)).to.equal(false); // plain Saturday
    expect(isWorkingDay('2026-11-23', cn2026)).to.equal(true);
  });
  it('半天：同一天下午 0.5 天，周一下午到周三上午 2 天', () => {
    expect(countWorkingDays({ start: '2026-11-23', startPeriod: 'pm', end: '2026-11-23', endPeriod: 'pm' }, cn2026)).to.equal(0.5);
    expect(countWorkingDays({ start: '2026-11-23', startPeriod: 'am', end: '2026-11-23', endPeriod: 'am' }, cn2026)).to.equal(0.5);
    expect(countWorkingDays({ start: '2026-11-23', startPeriod: 'pm', end: '2026-11-25', endPeriod: 'am' }, cn2026)).to.equal(2);
    expect(countWorkingDays({ start: '2026-11-23', end: '2026-11-23' }, cn2026)).to.equal(1);
  });
  it('结束早于开始、同日下午到上午都会报错', () => {
    expect(() => countWorkingDays({ start: '2026-11-25', end: '2026-11-23' }, cn2026)).to.throw(RangeError);
    expect(() => countWorkingDays({ start: '2026-11-23', startPeriod: 'pm', end: '2026-11-23', endPeriod: 'am' }, cn2026)).to.throw(RangeError);
  });
  it('往后数工作日会跳过长假', () => {
    expect(addWorkingDays('2026-09-30', 1, cn2026)).to.equal('2026-10-08');
  });
});

describe('时区 lib/time', () => {
  it('上海时间与 UTC 互转与进程时区无关', () => {
    const t = zonedTime('2026-11-23', '09:30', 'Asia/Shanghai');
    expect(t.toISOString()).to.equal('2026-11-23T01:30:00.000Z');
    expect(localDate(new Date('2026-11-22T16:30:00Z'), 'Asia/Shanghai')).to.equal('2026-11-23');
    expect(tzOffsetMinutes(t, 'Asia/Shanghai')).to.equal(480);
  });
  it('夏令时区也能换算', () => {
    expect(zonedTime('2026-07-01', '12:00', 'America/New_York').toISOString()).to.equal('2026-07-01T16:00:00.000Z');
    expect(zonedTime('2026-12-01', '12:00', 'America/New_York').toISOString()).to.equal('2026-12-01T17:00:00.000Z');
  });
  it('日期算术', () => {
    expect(addDays('2026-12-31', 1)).to.equal('2027-01-01');
    expect(isoWeekday('2026-11-22')).to.equal(7);
    expect(isoWeekday('2026-11-23')).to.equal(1);
    expect(addMonths('2026-01', -1)).to.equal('2025-12');
    expect(isIsoDate('2026-02-30')).to.equal(false);
    expect(formatChineseDate('2026-11-23')).to.equal('11月23日（周一）');
  });
});

describe('按时长推算结束日 endForDuration', () => {
  const none = () => undefined;
  it('两天半从周一上午开始到周三中午', async () => {
    const { endForDuration } = await import('../../lib/workdays.js');
    expect(endForDuration('2026-11-23', undefined, 2.5, none)).to.deep.equal({ start: '2026-11-23', end: '2026-11-25', endPeriod: 'am' });
    expect(endForDuration('2026-11-27', undefined, 2, none)).to.deep.equal({ start: '2026-11-27', end: '2026-11-30', endPeriod: undefined });
    expect(endForDuration('2026-11-23', 'pm', 0.5, none)).to.deep.equal({ start: '2026-11-23', end: '2026-11-23', endPeriod: 'pm' });
    expect(endForDuration('2026-09-30', undefined, 2, cn2026)).to.deep.equal({ start: '2026-09-30', end: '2026-10-08', endPeriod: undefined });
  });
});
