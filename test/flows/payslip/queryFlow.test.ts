import { expect } from 'chai';
import { answer } from '../../../flows/payslip/queryFlow.js';
import { textTurn } from '../../helpers/turns.js';
import type { Action } from '../../../flows/flow.js';
import type { OutMessage } from '../../../flows/types.js';

const linkFor = (userid: string, month: string, now: Date) => `https://hr.example.com/payslip?t=${userid}.${month}.${now.getTime()}`;

function only(actions: readonly Action[]): OutMessage {
  expect(actions).to.have.length(1);
  const a = actions[0]!;
  if (a.kind !== 'send') throw new Error(`expected a send, got ${a.kind}`);
  return a.message;
}

describe('查工资 flows/payslip/queryFlow（纯函数）', () => {
  const facts = { months: ['2026-10', '2026-09'] };

  it('不说月份：给最近一个月的链接卡片，卡片里没有任何金额', () => {
    const m = only(answer({}, textTurn('查工资', { intent: 'payslip.query' }), facts, linkFor).actions);
    expect(m.kind).to.equal('link_card');
    if (m.kind !== 'link_card') return;
    expect(m.title).to.equal('2026年10月工资条');
    expect(m.url).to.equal(`https://hr.example.com/payslip?t=wangfang.2026-10.${new Date('2026-11-22T10:00:00+08:00').getTime()}`);
    expect(m.description).to.include('15 分钟').and.include('本人');
    expect(`${m.title}${m.description}`).not.to.match(/\d{3,}(\.\d+)?元|¥/);
  });

  it('上个月 / 2026年9月：给那个月的链接', () => {
    const m = only(answer({}, textTurn('2026年9月的工资', { intent: 'payslip.query', slots: { month: '2026-09' } }), facts, linkFor).actions);
    expect(m.kind === 'link_card' && m.title).to.equal('2026年9月工资条');
  });

  it('没有的月份：说清楚，并列出有哪些月份', () => {
    const m = only(answer({}, textTurn('8月的工资', { intent: 'payslip.query', slots: { month: '2026-08' } }), facts, linkFor).actions);
    expect(m.kind).to.equal('text');
    expect(m.kind === 'text' && m.text).to.include('没有找到2026年8月').and.include('2026年10月、2026年9月');
  });

  it('还没到的月份、一份都没有时', () => {
    const future = only(answer({}, textTurn('12月工资', { intent: 'payslip.query', slots: { month: '2026-12' } }), facts, linkFor).actions);
    expect(future.kind === 'text' && future.text).to.include('还没到');
    const none = only(answer({}, textTurn('查工资', { intent: 'payslip.query' }), { months: [] }, linkFor).actions);
    expect(none.kind === 'text' && none.text).to.include('还没有你已发布的工资条');
    const noneMonth = only(answer({}, textTurn('9月工资', { intent: 'payslip.query', slots: { month: '2026-09' } }), { months: [] }, linkFor).actions);
    expect(noneMonth.kind === 'text' && noneMonth.text).to.include('没有找到2026年9月');
  });
});
