/**
 * Dates, read in the business time zone whatever the process TZ says
 * (`TZ=UTC npx mocha …` and `TZ=America/New_York npx mocha …` must pass too).
 * Each row: text → the slots the leave flow (or the interview / payslip flow) gets.
 */
import { expect } from 'chai';
import { extractSlots, understand, warmUp, type Slots } from '../../../flows/nlu/index.js';
import { findDates } from '../../../flows/nlu/dates/phrases.js';
import { normalize } from '../../../flows/nlu/normalize.js';
import { slotsFromText, type DateReading } from '../../../flows/nlu/slots/index.js';
import { ctxAt, SUNDAY, WEDNESDAY } from './helpers.js';

function read(text: string, now: string, reading: DateReading): Slots {
  return slotsFromText(normalize(text), ctxAt(now), reading);
}

describe('NLU 日期：请假按“今后最近的那天”理解（参考时间 2026-11-22 周日 10:00）', () => {
  before(() => warmUp());
  const rows: Array<[string, Slots]> = [
    ['今天请假', { start: '2026-11-22', end: '2026-11-22' }],
    ['明天请假', { start: '2026-11-23', end: '2026-11-23' }],
    ['后天请假', { start: '2026-11-24', end: '2026-11-24' }],
    ['大后天请假', { start: '2026-11-25', end: '2026-11-25' }],
    ['昨天请假', { start: '2026-11-21', end: '2026-11-21' }],
    ['前天请的病假', { start: '2026-11-20', end: '2026-11-20', leaveType: 'sick' }],
    ['周五请假', { start: '2026-11-27', end: '2026-11-27' }],
    ['星期三请假', { start: '2026-11-25', end: '2026-11-25' }],
    ['礼拜五请假', { start: '2026-11-27', end: '2026-11-27' }],
    ['周日请假（今天就是周日）', { start: '2026-11-22', end: '2026-11-22' }],
    // The week rule: Monday to Sunday; on a Sunday 下周一 is tomorrow and 本周五 is two days ago.
    ['下周一请假', { start: '2026-11-23', end: '2026-11-23' }],
    ['本周五请假', { start: '2026-11-20', end: '2026-11-20' }],
    ['这周五请假', { start: '2026-11-20', end: '2026-11-20' }],
    ['下下周三请假', { start: '2026-12-02', end: '2026-12-02' }],
    ['上周五请假', { start: '2026-11-13', end: '2026-11-13' }],
    ['下周请假', { start: '2026-11-23', end: '2026-11-27' }],
    ['下周请三天假', { start: '2026-11-23', days: 3 }],
    ['下个月1号请假', { start: '2026-12-01', end: '2026-12-01' }],
    ['1号请假', { start: '2026-12-01', end: '2026-12-01' }],
    ['15号请假', { start: '2026-12-15', end: '2026-12-15' }],
    ['22号请假（今天）', { start: '2026-11-22', end: '2026-11-22' }],
    ['12月24日请假', { start: '2026-12-24', end: '2026-12-24' }],
    ['3月5日到7日请婚假', { start: '2027-03-05', end: '2027-03-07', leaveType: 'marriage' }],
    ['3.5-3.7请年假', { start: '2027-03-05', end: '2027-03-07', leaveType: 'annual' }],
    ['11/30请假', { start: '2026-11-30', end: '2026-11-30' }],
    ['2026年3月5日请假（明说了年份，过去也照办）', { start: '2026-03-05', end: '2026-03-05' }],
    ['3天后请假', { start: '2026-11-25', end: '2026-11-25' }],
    ['三天后请假', { start: '2026-11-25', end: '2026-11-25' }],
    ['月底请两天假', { start: '2026-11-30', days: 2 }],
    ['国庆后请假', { start: '2027-10-08', end: '2027-10-08' }],
    ['12月30日到1月2日请年假', { start: '2026-12-30', end: '2027-01-02', leaveType: 'annual' }],
    ['12月28日至12月31日请假', { start: '2026-12-28', end: '2026-12-31' }],
    ['12.28~12.30请假', { start: '2026-12-28', end: '2026-12-30' }],
    ['下周一到周三请假', { start: '2026-11-23', end: '2026-11-25' }],
    ['明天开始请假到周五', { start: '2026-11-23', end: '2026-11-27' }],
    ['周四周五请两天', { start: '2026-11-26', end: '2026-11-27', days: 2 }],
    ['下周一、周二请假', { start: '2026-11-23', end: '2026-11-24' }],
    ['今天下午三点以后请假', { start: '2026-11-22', end: '2026-11-22', startPeriod: 'pm', endPeriod: 'pm' }],
    ['明天开始请假', { start: '2026-11-23' }],
    ['从明天起请三天假', { start: '2026-11-23', days: 3 }],
    ['请三天假', { days: 3 }],
    ['请两天半年假', { days: 2.5, leaveType: 'annual' }],
    ['请一天半的假', { days: 1.5 }],
    ['１２月２４日到１２月２６日请假', { start: '2026-12-24', end: '2026-12-26' }],
    ['十二月二十三号请假', { start: '2026-12-23', end: '2026-12-23' }],
  ];
  for (const [text, slots] of rows) {
    it(`${text}`, () => expect(read(text.replace(/（.*）$/, ''), SUNDAY, 'leave')).to.deep.equal(slots));
  }
});

describe('NLU 半天：上午 am、下午 pm（lib/workdays.ts 的约定）', () => {
  const rows: Array<[string, Slots]> = [
    ['明天下午请半天', { start: '2026-11-23', end: '2026-11-23', startPeriod: 'pm', endPeriod: 'pm', days: 0.5 }],
    ['明天上午请半天', { start: '2026-11-23', end: '2026-11-23', startPeriod: 'am', endPeriod: 'am', days: 0.5 }],
    ['明天下午请假', { start: '2026-11-23', end: '2026-11-23', startPeriod: 'pm', endPeriod: 'pm' }],
    ['明天请一下午假', { start: '2026-11-23', end: '2026-11-23', startPeriod: 'pm', endPeriod: 'pm' }],
    ['明天请半天', { start: '2026-11-23', end: '2026-11-23', days: 0.5 }],
    ['周一下午到周三上午请年假', { start: '2026-11-23', end: '2026-11-25', startPeriod: 'pm', endPeriod: 'am', leaveType: 'annual' }],
    ['明天上午到后天下午', { start: '2026-11-23', end: '2026-11-24' }],
    ['明天下午开始请两天', { start: '2026-11-23', startPeriod: 'pm', days: 2 }],
    ['明早请假看病', { start: '2026-11-23', end: '2026-11-23', startPeriod: 'am', endPeriod: 'am', leaveType: 'sick' }],
  ];
  for (const [text, slots] of rows) {
    it(text, () => expect(read(text, SUNDAY, 'leave')).to.deep.equal(slots));
  }
});

describe('NLU 日期：工作日参考（2026-11-25 周三 15:00）', () => {
  const rows: Array<[string, Slots]> = [
    ['本周五请假', { start: '2026-11-27', end: '2026-11-27' }],
    ['这周一请的假（已过，明说了）', { start: '2026-11-23', end: '2026-11-23' }],
    ['下周一请假', { start: '2026-11-30', end: '2026-11-30' }],
    ['周一请假', { start: '2026-11-30', end: '2026-11-30' }],
    ['周三请假（今天）', { start: '2026-11-25', end: '2026-11-25' }],
    ['下周请假', { start: '2026-11-30', end: '2026-12-04' }],
    ['下周一到周三请假', { start: '2026-11-30', end: '2026-12-02' }],
    ['上周五请假', { start: '2026-11-20', end: '2026-11-20' }],
    ['下下周三请假', { start: '2026-12-09', end: '2026-12-09' }],
    ['25号请假（今天）', { start: '2026-11-25', end: '2026-11-25' }],
    ['24号请假', { start: '2026-12-24', end: '2026-12-24' }],
  ];
  for (const [text, slots] of rows) {
    it(text, () => expect(read(text.replace(/（.*）$/, ''), WEDNESDAY, 'leave')).to.deep.equal(slots));
  }
});

describe('NLU 时间：面试的 time 是当地时间 YYYY-MM-DDTHH:mm', () => {
  const rows: Array<[string, string, string]> = [
    ['下周二下午3点', SUNDAY, '2026-11-24T15:00'],
    ['明天下午3点', SUNDAY, '2026-11-23T15:00'],
    ['下午3点（今天还没到）', SUNDAY, '2026-11-22T15:00'],
    ['下午2点（今天已过，顺延到明天）', WEDNESDAY, '2026-11-26T14:00'],
    ['3点半', SUNDAY, '2026-11-22T15:30'],
    ['明天3点半', SUNDAY, '2026-11-23T15:30'],
    ['15:30', SUNDAY, '2026-11-22T15:30'],
    ['明天15：30', SUNDAY, '2026-11-23T15:30'],
    ['晚上7点', SUNDAY, '2026-11-22T19:00'],
    ['明早9点', SUNDAY, '2026-11-23T09:00'],
    ['明天上午十点', SUNDAY, '2026-11-23T10:00'],
    ['后天下午两点半', SUNDAY, '2026-11-24T14:30'],
    ['周四下午三点一刻', SUNDAY, '2026-11-26T15:15'],
    ['中午12点', SUNDAY, '2026-11-22T12:00'],
    ['中午1点', SUNDAY, '2026-11-22T13:00'],
    ['12月1日上午9点半', SUNDAY, '2026-12-01T09:30'],
    ['两小时后', SUNDAY, '2026-11-22T12:00'],
    ['改期至下周一下午2点', SUNDAY, '2026-11-23T14:00'],
    ['把周四的面试改成周五下午4点', SUNDAY, '2026-11-27T16:00'],
  ];
  for (const [text, now, time] of rows) {
    it(`${text} → ${time}`, () => expect(read(text.replace(/（.*）$/, ''), now, 'interview').time).to.equal(time));
  }

  it('只有日期没有钟点：给 start，让流程再问几点', () => {
    expect(read('约张伟下周二面试', SUNDAY, 'interview')).to.deep.equal({ candidateName: '张伟', start: '2026-11-24' });
  });
});

describe('NLU 月份：工资条和考勤按“最近过去的那个月”理解', () => {
  const rows: Array<[string, string]> = [
    ['10月工资条', '2026-10'],
    ['上个月工资', '2026-10'],
    ['这个月工资', '2026-11'],
    ['本月考勤', '2026-11'],
    ['11月考勤', '2026-11'],
    ['12月的工资条', '2025-12'],
    ['2026年9月工资条', '2026-09'],
    ['去年12月工资条', '2025-12'],
    ['上上个月工资', '2026-09'],
    ['十月份工资', '2026-10'],
  ];
  for (const [text, month] of rows) {
    it(`${text} → ${month}`, () => expect(read(text, SUNDAY, 'period').month).to.equal(month));
  }

  it('同一个“12月24日”：请假是今年将来的那天，考勤是去年过去的那天', () => {
    expect(read('12月24日请假', SUNDAY, 'leave').start).to.equal('2026-12-24');
    expect(read('12月24日打卡了吗', SUNDAY, 'period').start).to.equal('2025-12-24');
  });

  it('考勤的“上周”是上周一到周五', () => {
    expect(read('上周迟到了吗', SUNDAY, 'period')).to.deep.equal({ start: '2026-11-09', end: '2026-11-13' });
  });
});

describe('chrono-node 的已知缺口，这里都要对', () => {
  it('本周五 不被当成“周五”而忽略“本”', () => {
    expect(read('本周五', WEDNESDAY, 'leave').start).to.equal('2026-11-27');
    expect(read('本周五', SUNDAY, 'leave').start).to.equal('2026-11-20');
  });
  it('下个月1号 / 1号 / 下周 都有结果', () => {
    expect(read('下个月1号', SUNDAY, 'leave').start).to.equal('2026-12-01');
    expect(read('1号', SUNDAY, 'leave').start).to.equal('2026-12-01');
    expect(read('下周', SUNDAY, 'leave')).to.deep.equal({ start: '2026-11-23', end: '2026-11-27' });
  });
  it('3月5日到7日 不丢结束日', () => {
    expect(read('3月5日到7日', SUNDAY, 'leave')).to.deep.equal({ start: '2027-03-05', end: '2027-03-07' });
  });
  it('明天下午2点到4点：结束是同一天 16:00，不是第二天凌晨 4 点', () => {
    const f = findDates(normalize('明天下午2点到4点'), { today: '2026-11-22', minuteOfDay: 600, direction: 'future' });
    expect(f.mentions).to.have.length(1);
    expect(f.mentions[0]!.start).to.include({ date: '2026-11-23', hour: 14, minute: 0 });
    expect(f.mentions[0]!.end).to.include({ date: '2026-11-23', hour: 16, minute: 0 });
    expect(read('明天下午2点到4点面试', SUNDAY, 'interview').time).to.equal('2026-11-23T14:00');
  });
  it('不存在的日期不算日期，也不把尾巴当成别的日期或天数', () => {
    expect(read('2月30日请假', SUNDAY, 'leave')).to.deep.equal({});
    expect(read('13月5日请假', SUNDAY, 'leave')).to.deep.equal({});
    expect(read('2月29日请假', SUNDAY, 'leave').start).to.equal('2028-02-29');
  });
  it('时区按配置的 IANA 名称算，不看进程的 TZ', () => {
    // 23:30 in Shanghai is 15:30 UTC the same day; 00:30 is still the previous day in UTC.
    expect(extractSlots('明天请假', ctxAt('2026-11-22T23:30:00+08:00')).start).to.equal('2026-11-23');
    expect(extractSlots('明天请假', ctxAt('2026-11-22T00:30:00+08:00')).start).to.equal('2026-11-23');
    // The same instant is still Saturday evening in New York.
    expect(extractSlots('明天请假', ctxAt('2026-11-22T10:00:00+08:00', undefined, 'America/New_York')).start).to.equal('2026-11-22');
  });
});

describe('NLU 整句：日期随意图读法', () => {
  before(() => warmUp());
  it('请假句不带 time，面试句不带 startPeriod', () => {
    const leave = understand('明天下午3点后请假', ctxAt(SUNDAY));
    expect(leave.intent).to.equal('leave.request');
    expect(leave.slots).to.not.have.property('time');
    const interview = understand('约张伟明天下午3点面试', ctxAt(SUNDAY));
    expect(interview.slots).to.deep.equal({ candidateName: '张伟', time: '2026-11-23T15:00' });
  });
});
