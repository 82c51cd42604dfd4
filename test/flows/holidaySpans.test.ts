import { expect } from 'chai';
import { useTestDatabase } from '../helpers/db.js';
import { cachedHolidaySpans } from '../../flows/holidaySpans.js';
import { HolidayModel } from '../../models/holiday.js';

describe('flows/holidaySpans：节假日分段的缓存', () => {
  useTestDatabase();

  it('从数据库读出分段；10 分钟内用缓存，之后读到 HR 新导入的年份', async () => {
    let now = 0;
    const spans = cachedHolidaySpans(() => now);
    const first = await spans();
    expect(first.map((s) => s.name)).to.include('春节').and.include('中秋节'); // the bundled 2026 calendar
    expect(first.some((s) => s.start.startsWith('2027'))).to.equal(false);
    await HolidayModel.insertMany(['2027-02-06', '2027-02-07', '2027-02-08'].map((date) => ({ date, kind: 'holiday', name: '春节' })));
    now += 9 * 60_000;
    expect(await spans()).to.equal(first);
    now += 60_000;
    const later = await spans();
    expect(later.find((s) => s.name === '春节' && s.start === '2027-02-06')).to.deep.equal({ name: '春节', start: '2027-02-06', end: '2027-02-08' });
  });
});
