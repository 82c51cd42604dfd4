/** The candidate's chat replies (Wechaty), pure, on the real NLU. */
import { expect } from 'chai';
import { understand } from '../../../flows/nlu/index.js';
import { candidateAwaitingHandler } from '../../../flows/interview/candidateReplies.js';
import { hrAwaitingHandler } from '../../../flows/interview/hrActions.js';
import type { Action, Awaiting, ConversationState, StepResult, TextTurn } from '../../../flows/flow.js';

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-11-22T10:00:00+08:00');

function turn(text: string, channel: 'wechaty' | 'wecom' = 'wechaty'): TextTurn {
  const from = { channel, id: channel === 'wechaty' ? 'contact-zw' : 'zhaomin' };
  return { inbound: { kind: 'text', key: 'k', from, at: NOW, text }, user: from, employee: undefined, now: NOW, tz: TZ, today: '2026-11-22', publicBaseUrl: 'http://hr.test', text, nlu: understand(text, { now: NOW, tz: TZ }) };
}

const AWAIT: Awaiting = {
  kind: 'interview.candidate',
  data: { interviewId: 'i1', label: '「产品经理」的面试（11月24日（周二）15:00–15:45）', link: 'http://hr.test/i/tok', clock: '15:00' },
  until: '2026-12-01T07:45:00.000Z',
};

function step(text: string, awaiting: Awaiting = AWAIT): StepResult {
  const state: ConversationState = { awaiting };
  const r = candidateAwaitingHandler(state, awaiting, turn(text));
  if (!r) throw new Error('not consumed');
  return r;
}

function effects(actions: readonly Action[]): Array<{ name: string; payload: Readonly<Record<string, unknown>> }> {
  return actions.flatMap((a) => (a.kind === 'effect' ? [a.effect] : []));
}

function says(actions: readonly Action[]): string {
  return actions.flatMap((a) => (a.kind === 'send' && a.message.kind === 'text' ? [a.message.text] : [])).join('\n');
}

describe('候选人的回复（微信）', () => {
  it('确认 → interview.confirm，并继续等候选人的回复', () => {
    const r = step('确认');
    expect(effects(r.actions)).to.deep.equal([{ name: 'interview.confirm', payload: { interviewId: 'i1' } }]);
    expect(r.state.awaiting?.kind).to.equal('interview.candidate');
  });

  it('“好的，我会准时参加”也是确认', () => {
    expect(effects(step('好的，我会准时参加').actions)[0]?.name).to.equal('interview.confirm');
  });

  it('改期至下周一下午2点 → interview.reschedule，时间是 11 月 23 日 14:00（周日说的“下周一”是明天）', () => {
    const r = step('改期至下周一下午2点');
    expect(effects(r.actions)).to.deep.equal([{ name: 'interview.reschedule', payload: { interviewId: 'i1', at: new Date('2026-11-23T14:00:00+08:00').toISOString() } }]);
  });

  it('只说“改到周三”：保留原来的钟点', () => {
    const r = step('改到周三');
    expect(effects(r.actions)[0]?.payload['at']).to.equal(new Date('2026-11-25T15:00:00+08:00').toISOString());
  });

  it('想改期但没说时间 → 问改到什么时间', () => {
    const r = step('能改个时间吗');
    expect(effects(r.actions)).to.have.length(0);
    expect(says(r.actions)).to.include('想改到什么时间');
  });

  it('取消 → 先问一句；再说“确定” → interview.decline；说“不用” → 照常', () => {
    const first = step('取消');
    expect(says(first.actions)).to.include('确定不参加这次面试了吗');
    const asked = first.state.awaiting!;
    expect(effects(step('确定', asked).actions)).to.deep.equal([{ name: 'interview.decline', payload: { interviewId: 'i1' } }]);
    expect(says(step('不用', asked).actions)).to.equal('好的，面试照常进行。');
  });

  it('给出时段后回复序号 → 改到那个时段', () => {
    const options = ['2026-11-23T02:00:00.000Z', '2026-11-23T02:30:00.000Z'];
    const r = step('2', { ...AWAIT, data: { ...AWAIT.data, options } });
    expect(effects(r.actions)).to.deep.equal([{ name: 'interview.reschedule', payload: { interviewId: 'i1', at: options[1] } }]);
    expect(r.state.awaiting?.data['options']).to.equal(undefined);
  });

  it('看不懂的话 → 说明可以怎么回复，附面试链接', () => {
    const r = step('请问需要带简历吗');
    expect(says(r.actions)).to.include('回复“确认”确认参加').and.include('http://hr.test/i/tok');
  });

  it('企业微信用户不会走候选人的处理', () => {
    expect(candidateAwaitingHandler({ awaiting: AWAIT }, AWAIT, turn('确认', 'wecom'))).to.equal(undefined);
  });
});

describe('HR 选时段 / 选哪一场', () => {
  const pick: Awaiting = { kind: 'interview.hr', data: { stage: 'pick', interviewId: 'i1', options: ['2026-11-24T06:00:00.000Z'] }, until: '2026-11-22T02:30:00.000Z' };

  it('回复序号 → 改到那个时段；说别的话 → 交回给正常流程', () => {
    const r = hrAwaitingHandler({ awaiting: pick }, pick, turn('1', 'wecom'));
    expect(r && effects(r.actions)).to.deep.equal([{ name: 'interview.reschedule', payload: { interviewId: 'i1', at: '2026-11-24T06:00:00.000Z' } }]);
    expect(hrAwaitingHandler({ awaiting: pick }, pick, turn('我的年假还剩几天', 'wecom'))).to.equal(undefined);
  });

  it('几场都对得上时回复序号 → 再问改到什么时间（或直接用已说的时间）', () => {
    const which: Awaiting = { kind: 'interview.hr', data: { stage: 'which', op: 'reschedule', interviewIds: ['a', 'b'], clocks: ['10:00', '15:00'] }, until: '2026-11-22T02:30:00.000Z' };
    const r = hrAwaitingHandler({ awaiting: which }, which, turn('2', 'wecom'));
    expect(r?.state.awaiting?.data).to.deep.include({ stage: 'time', interviewId: 'b', clock: '15:00' });
    const withTime: Awaiting = { ...which, data: { ...which.data, at: '2026-11-25T02:00:00.000Z' } };
    const r2 = hrAwaitingHandler({ awaiting: withTime }, withTime, turn('1', 'wecom'));
    expect(r2 && effects(r2.actions)).to.deep.equal([{ name: 'interview.reschedule', payload: { interviewId: 'a', at: '2026-11-25T02:00:00.000Z' } }]);
  });
});
