import { expect } from 'chai';
import { findClash, instantOf, nearestFreeSlots, offHours, type Busy } from '../../../flows/interview/slots.js';
import { decideReschedule, type RescheduleRequest } from '../../../flows/interview/policy.js';
import { localDateTime } from '../../../lib/time.js';
import { cn2026 } from '../../helpers/calendar.js';

const TZ = 'Asia/Shanghai';
const at = (local: string) => instantOf(local, TZ);
const local = (d: Date) => localDateTime(d, TZ);
const lookup = cn2026();

function busy(interviewId: string, start: string, minutes = 45, who = 'lina'): Busy {
  const s = at(start);
  return { start: s, end: new Date(s.getTime() + minutes * 60_000), interviewId, interviewerUserid: who };
}

describe('面试时段：工作时间、冲突、最近的空闲时段', () => {
  it('工作时间外：周末、节假日、早于 9 点、晚于 18 点、午休', () => {
    expect(offHours(at('2026-11-24T15:00'), 45, TZ, lookup)).to.equal(undefined);
    expect(offHours(at('2026-11-28T10:00'), 45, TZ, lookup)).to.equal('non_working_day'); // 周六
    expect(offHours(at('2026-10-01T15:00'), 45, TZ, lookup)).to.equal('non_working_day'); // 国庆
    expect(offHours(at('2026-10-10T10:00'), 45, TZ, lookup)).to.equal(undefined); // 调休上班的周六
    expect(offHours(at('2026-11-24T08:30'), 45, TZ, lookup)).to.equal('before_hours');
    expect(offHours(at('2026-11-24T17:30'), 45, TZ, lookup)).to.equal('after_hours');
    expect(offHours(at('2026-11-24T12:00'), 45, TZ, lookup)).to.equal('lunch');
    expect(offHours(at('2026-11-24T11:30'), 60, TZ, lookup)).to.equal('lunch');
  });

  it('冲突只看同一位面试官，并忽略正在改期的那场', () => {
    const b = [busy('a', '2026-11-24T15:00'), busy('b', '2026-11-24T15:00', 45, 'wangqiang')];
    expect(findClash('lina', at('2026-11-24T15:30'), at('2026-11-24T16:15'), b)?.interviewId).to.equal('a');
    expect(findClash('lina', at('2026-11-24T15:45'), at('2026-11-24T16:30'), b)).to.equal(undefined); // back to back is fine
    expect(findClash('lina', at('2026-11-24T15:00'), at('2026-11-24T15:45'), b, 'a')).to.equal(undefined);
  });

  it('最近的空闲时段：围绕想要的时间前后找，跳过已占、午休、周末，按时间排序', () => {
    const b = [busy('a', '2026-11-24T15:00'), busy('c', '2026-11-24T14:00', 60)];
    const slots = nearestFreeSlots({
      interviewer: 'lina', around: at('2026-11-24T15:00'), notBefore: at('2026-11-22T10:30'), durationMin: 45, busy: b, lookup, tz: TZ,
    });
    expect(slots.map(local)).to.deep.equal(['2026-11-24T16:00', '2026-11-24T16:30', '2026-11-24T17:00']); // 13:30 would run into the 14:00 one
  });

  it('别的时区：工作时间按当地钟点算（纽约夏令时结束后的周一 9:00）', () => {
    const ny = 'America/New_York';
    const slots = nearestFreeSlots({
      interviewer: 'lina', around: new Date('2026-11-02T09:00:00-05:00'), notBefore: new Date('2026-11-01T12:00:00-05:00'), durationMin: 45, busy: [], lookup, tz: ny, count: 1,
    });
    expect(slots.map((d) => localDateTime(d, ny))).to.deep.equal(['2026-11-02T09:00']);
  });

  it('国庆长假里要的时间：只给假期后的工作日（含调休上班的周六）', () => {
    const slots = nearestFreeSlots({
      interviewer: 'lina', around: at('2026-10-03T10:00'), notBefore: at('2026-09-30T18:00'), durationMin: 45, busy: [], lookup, tz: TZ, count: 2,
    });
    expect(slots.map(local)).to.deep.equal(['2026-10-08T09:00', '2026-10-08T09:30']);
  });
});

describe('改期规则', () => {
  const now = at('2026-11-22T10:00'); // 周日上午
  const interview = { id: 'i1', interviewerUserid: 'lina', startAt: at('2026-11-24T15:00'), endAt: at('2026-11-24T15:45'), rescheduleCount: 0 };
  const req = (over: Partial<RescheduleRequest>): RescheduleRequest => ({ by: 'candidate', requested: at('2026-11-23T14:00'), interview, now, busy: [], lookup, tz: TZ, ...over });

  it('候选人：工作时间、提前 24 小时以上、面试官有空 → 直接改', () => {
    const d = decideReschedule(req({}));
    expect(d.kind).to.equal('apply');
    if (d.kind === 'apply') expect(local(d.end)).to.equal('2026-11-23T14:45');
  });

  it('候选人：不足 24 小时 → 给出 24 小时后最近的空闲时段', () => {
    const d = decideReschedule(req({ requested: at('2026-11-23T09:30') })); // 23.5 h ahead
    expect(d.kind).to.equal('propose');
    if (d.kind === 'propose') {
      expect(d.reason).to.equal('too_soon');
      expect(d.slots.every((s) => s.getTime() >= now.getTime() + 24 * 3600_000)).to.equal(true);
      expect(local(d.slots[0]!)).to.equal('2026-11-23T10:00');
    }
  });

  it('候选人：周末或晚上 → 说明工作时间并给出时段；面试官没空 → 说明并给出时段', () => {
    const weekend = decideReschedule(req({ requested: at('2026-11-28T10:00') }));
    expect(weekend.kind === 'propose' && weekend.reason).to.equal('off_hours');
    const busyLina = decideReschedule(req({ busy: [busy('x', '2026-11-23T14:00')] }));
    expect(busyLina.kind === 'propose' && busyLina.reason).to.equal('busy');
    if (busyLina.kind === 'propose') expect(busyLina.slots.map(local)).to.not.include('2026-11-23T14:00');
  });

  it('候选人改过 2 次后不能再改；同一时间不算改期', () => {
    expect(decideReschedule(req({ interview: { ...interview, rescheduleCount: 2 } }))).to.deep.equal({ kind: 'refuse', reason: 'too_many' });
    expect(decideReschedule(req({ requested: interview.startAt })).kind).to.equal('same');
  });

  it('HR：面试官有空就改（晚上也行，但会提醒），有冲突给时段，过去的时间拒绝', () => {
    const evening = decideReschedule(req({ by: 'hr', requested: at('2026-11-23T19:00') }));
    expect(evening.kind === 'apply' && evening.offHours).to.equal('after_hours');
    expect(decideReschedule(req({ by: 'hr', busy: [busy('x', '2026-11-23T14:00')] })).kind).to.equal('propose');
    expect(decideReschedule(req({ by: 'hr', requested: at('2026-11-21T14:00') }))).to.deep.equal({ kind: 'refuse', reason: 'past' });
  });
});
