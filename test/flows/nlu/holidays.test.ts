/**
 * Holidays by name, resolved with the calendar: the lunar ones move every
 * year (2026: 春节 2-15…2-23, 中秋 9-25…9-27), so only the calendar knows.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { understand, warmUp, type Slots } from '../../../flows/nlu/index.js';
import { holidaySpans, nearestHoliday } from '../../../flows/nlu/dates/holidays.js';

const ROWS = readFileSync(new URL('../../../models/seed/holidays-cn-2026.csv', import.meta.url), 'utf8')
  .trim().split('\n').slice(1).map((l) => l.split(','))
  .map(([date, kind, name]) => ({ date: date!, kind: kind!, name: name! }));
const SPANS = holidaySpans(ROWS);
const TZ = 'Asia/Shanghai';

function slots(text: string, now: string, withCalendar = true): Slots {
  return understand(text, { now: new Date(`${now}+08:00`), tz: TZ, ...(withCalendar ? { holidays: SPANS } : {}) }).slots;
}

describe('NLU：按节日名说的日期（春节后第一天、中秋节前一天）', () => {
  before(() => warmUp());

  it('日历分段：每个节日一段连续的放假日；调休上班日不算；合并放假的一行算两个节日', () => {
    expect(SPANS.map((s) => `${s.name} ${s.start}…${s.end}`)).to.deep.equal([
      '元旦 2026-01-01…2026-01-03', '春节 2026-02-15…2026-02-23', '清明节 2026-04-04…2026-04-06', '劳动节 2026-05-01…2026-05-05',
      '端午节 2026-06-19…2026-06-21', '中秋节 2026-09-25…2026-09-27', '国庆节 2026-10-01…2026-10-07',
    ]);
    const merged = holidaySpans([
      { date: '2025-10-01', kind: 'holiday', name: '国庆节、中秋节' },
      { date: '2025-10-02', kind: 'holiday', name: '国庆节、中秋节' },
      { date: '2025-10-03', kind: 'holiday', name: '国庆节' },
      { date: '2025-10-05', kind: 'holiday', name: '国庆节' },
      { date: '2025-09-28', kind: 'workday', name: '国庆节调休上班' },
    ]);
    expect(merged.map((s) => `${s.name} ${s.start}…${s.end}`).sort()).to.deep.equal([
      '中秋节 2025-10-01…2025-10-02', '国庆节 2025-10-01…2025-10-03', '国庆节 2025-10-05…2025-10-05',
    ]);
  });

  it('往后看取还没过完的那次，往回看取已经开始的那次', () => {
    expect(nearestHoliday(SPANS, '春节', '2026-02-20', 'future')?.start).to.equal('2026-02-15');
    expect(nearestHoliday(SPANS, '春节', '2026-02-24', 'future')).to.equal(undefined); // 2027 not in the calendar
    expect(nearestHoliday(SPANS, '中秋节', '2026-11-22', 'past')?.end).to.equal('2026-09-27');
    expect(nearestHoliday(SPANS, '中秋节', '2026-09-01', 'past')).to.equal(undefined);
  });

  const rows: Array<[string, Slots]> = [
    ['春节后第一天请两天年假', { leaveType: 'annual', start: '2026-02-24', days: 2 }],
    ['过年前一天请事假', { leaveType: 'personal', start: '2026-02-14', end: '2026-02-14' }],
    ['春节假期结束后第一天请病假', { leaveType: 'sick', start: '2026-02-24', end: '2026-02-24' }],
    ['中秋节前一天请一天年假', { leaveType: 'annual', start: '2026-09-24', days: 1 }],
    ['中秋前一天到国庆后第一天请年假', { leaveType: 'annual', start: '2026-09-24', end: '2026-10-08' }],
    ['劳动节前夕请半天事假', { leaveType: 'personal', start: '2026-04-30', end: '2026-04-30', days: 0.5 }],
    ['清明节后请两天年假', { leaveType: 'annual', start: '2026-04-07', days: 2 }],
    ['端午节那天值班，想第二天补休', { start: '2026-06-19', end: '2026-06-19' }],
  ];
  for (const [text, expected] of rows) {
    it(`${text}（2026-01-20 说）`, () => {
      expect(slots(text, '2026-01-20T10:00:00')).to.deep.include(expected);
    });
  }

  it('没有日历（或日历里没有那一年）：农历节日不猜；国庆、五一这类固定日期照旧', () => {
    expect(slots('春节后第一天请两天年假', '2026-01-20T10:00:00', false)).not.to.have.property('start');
    expect(slots('春节后第一天请两天年假', '2026-11-22T10:00:00')).not.to.have.property('start'); // 2027 not imported
    expect(slots('国庆后请三天年假', '2026-01-20T10:00:00', false)).to.include({ start: '2026-10-08', days: 3 });
    expect(slots('五一请假', '2026-11-22T10:00:00', false)).to.include({ start: '2027-05-01' });
    expect(slots('元旦后请一天年假', '2026-11-22T10:00:00', false)).to.include({ start: '2027-01-02' });
    expect(slots('十一后请两天年假', '2026-11-22T10:00:00', false)).to.include({ start: '2027-10-08', days: 2 });
    expect(slots('国庆节前一天请假', '2026-11-22T10:00:00', false)).to.include({ start: '2027-09-30' });
  });

  it('日历里没有下一个春节：不猜日期，结果里说是哪个节日没法定位；元旦、国庆这类固定日期照样能算', () => {
    const r = understand('春节后第一天请两天年假', { now: new Date('2026-11-22T10:00:00+08:00'), tz: TZ, holidays: SPANS });
    expect(r.unplacedHoliday).to.equal('春节');
    expect(r.slots).not.to.have.property('start');
    const fixed = understand('元旦前一天请一天事假', { now: new Date('2026-12-07T10:00:00+08:00'), tz: TZ, holidays: SPANS });
    expect(fixed.slots).to.include({ start: '2026-12-31', leaveType: 'personal' });
    expect(fixed).not.to.have.property('unplacedHoliday');
    expect(slots('国庆后第一天请假', '2026-11-22T10:00:00')).to.include({ start: '2027-10-08' });
    expect(understand('春节后第一天请两天年假', { now: new Date('2026-01-20T10:00:00+08:00'), tz: TZ, holidays: SPANS })).not.to.have.property('unplacedHoliday');
  });

  it('“十一点”是时间，不是国庆', () => {
    expect(slots('明天十一点请假', '2026-01-20T10:00:00')).to.include({ start: '2026-01-21', end: '2026-01-21' });
  });
});
