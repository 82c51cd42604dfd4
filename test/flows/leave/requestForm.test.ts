import { expect } from 'chai';
import { leaveRequestFlow, validate } from '../../../flows/leave/requestForm.js';
import type { LeaveFacts } from '../../../flows/leave/facts.js';
import type { Action, ConversationState, StepResult } from '../../../flows/flow.js';
import { DEFAULT_LEAVE_TYPES } from '../../../models/leaveType.js';
import { cn2026 } from '../../helpers/calendar.js';
import { textTurn } from '../../helpers/turns.js';

function facts(over: Partial<LeaveFacts> = {}): LeaveFacts {
  return {
    leaveTypes: DEFAULT_LEAVE_TYPES, balances: { annual: 5, compensatory: 1 }, reserved: {}, calendar: cn2026(), calendarYears: [2026],
    requests: [], approver: { userid: 'lina', name: '李娜' }, names: {}, ...over,
  };
}

function texts(r: StepResult): string[] {
  return r.actions.flatMap((a: Action) => (a.kind === 'send' && a.message.kind === 'text' ? [a.message.text] : []));
}

function resume(state: ConversationState, turn: ReturnType<typeof textTurn>, f = facts()): StepResult {
  return leaveRequestFlow.resume!(state, state.form!, turn, f);
}

describe('请假表单（纯函数）', () => {
  it('我想请下周一到周三的年假 → 直接给出摘要：3 天、批准后剩 2 天、审批人李娜', () => {
    const t = textTurn('我想请下周一到周三的年假', { intent: 'leave.request', slots: { leaveType: 'annual', start: '2026-11-23', end: '2026-11-25' } });
    const r = leaveRequestFlow.start({}, t, facts());
    expect(r.state.form?.stage).to.equal('confirming');
    const [summary] = texts(r);
    expect(summary).to.include('年假').and.include('3 天').and.include('批准后剩 2 天').and.include('李娜').and.include('11月23日（周一） 至 11月25日（周三）');
  });

  it('确认后提交 leave.submit，并清掉表单', () => {
    const start = leaveRequestFlow.start({}, textTurn('下周一到周三年假', { intent: 'leave.request', slots: { leaveType: 'annual', start: '2026-11-23', end: '2026-11-25' } }), facts());
    const r = resume(start.state, textTurn('确认', { intent: 'confirm' }));
    expect(r.state.form).to.equal(undefined);
    expect(r.actions).to.have.length(1);
    const a = r.actions[0]!;
    expect(a.kind).to.equal('effect');
    if (a.kind === 'effect') {
      expect(a.effect.name).to.equal('leave.submit');
      expect(a.effect.payload).to.include({ userid: 'wangfang', leaveType: 'annual', start: '2026-11-23', end: '2026-11-25', days: 3 });
    }
  });

  it('缺类型时只问类型，回答“年假”后给摘要', () => {
    const r1 = leaveRequestFlow.start({}, textTurn('下周一请假', { intent: 'leave.request', slots: { start: '2026-11-23', end: '2026-11-23' } }), facts());
    expect(r1.state.form?.asking).to.equal('leaveType');
    expect(texts(r1)[0]).to.match(/请哪种假/).and.include('年假（可用 5 天）');
    const r2 = resume(r1.state, textTurn('年假', { intent: 'unknown', slots: { leaveType: 'annual' } }));
    expect(r2.state.form?.stage).to.equal('confirming');
    expect(texts(r2)[0]).to.include('1 天');
  });

  it('两天半：从周一上午到周三中午', () => {
    const r = leaveRequestFlow.start({}, textTurn('明天开始请两天半年假', { intent: 'leave.request', slots: { leaveType: 'annual', start: '2026-11-23', days: 2.5 } }), facts());
    expect(texts(r)[0]).to.include('2.5 天').and.include('11月25日（周三）上午');
  });

  it('明天下午请半天病假：0.5 天，病假不占余额', () => {
    const r = leaveRequestFlow.start({}, textTurn('明天下午请半天病假', { intent: 'leave.request', slots: { leaveType: 'sick', start: '2026-11-23', end: '2026-11-23', startPeriod: 'pm', endPeriod: 'pm', days: 0.5 } }), facts());
    const s = texts(r)[0]!;
    expect(s).to.include('0.5 天').and.include('11月23日（周一）下午').and.not.include('余额');
  });

  it('国庆跨节：2026-09-28 到 2026-10-10 只算 6 个工作日', () => {
    const v = validate({ leaveType: 'annual', start: '2026-09-28', end: '2026-10-10' }, facts({ balances: { annual: 10 } }), '2026-09-01');
    expect(v.ok).to.equal(true);
    if (v.ok) expect(v.draft.days).to.equal(6);
  });

  it('余额不够时说明可用天数并提示改类型', () => {
    const r = leaveRequestFlow.start({}, textTurn('下周一到下周五加下下周一年假', { intent: 'leave.request', slots: { leaveType: 'annual', start: '2026-11-23', end: '2026-11-30' } }), facts());
    expect(r.state.form?.stage).to.equal('filling');
    expect(texts(r)[0]).to.include('年假可用 5 天，不够这次的 6 天').and.include('改成事假');
  });

  it('和已有申请重叠（按半天判断）', () => {
    const existing = { id: 'x', leaveType: 'annual' as const, start: '2026-11-24', end: '2026-11-24', startPeriod: 'pm' as const, endPeriod: 'pm' as const, days: 0.5, status: 'pending' as const, approverUserid: 'lina', approvalMode: 'local' as const, createdAt: '' };
    const f = facts({ requests: [existing] });
    const clash = validate({ leaveType: 'sick', start: '2026-11-24', end: '2026-11-24' }, f, '2026-11-22');
    expect(clash.ok).to.equal(false);
    if (!clash.ok) expect(clash.message).to.include('重叠');
    const morning = validate({ leaveType: 'sick', start: '2026-11-24', startPeriod: 'am', end: '2026-11-24', endPeriod: 'am' }, f, '2026-11-22');
    expect(morning.ok).to.equal(true);
  });

  it('补请：病假可以补 3 天内的，年假不能从过去开始', () => {
    expect(validate({ leaveType: 'sick', start: '2026-11-19', end: '2026-11-19' }, facts(), '2026-11-22').ok).to.equal(true);
    const old = validate({ leaveType: 'sick', start: '2026-11-18', end: '2026-11-18' }, facts(), '2026-11-22');
    expect(old.ok).to.equal(false);
    const annual = validate({ leaveType: 'annual', start: '2026-11-20', end: '2026-11-20' }, facts(), '2026-11-22');
    expect(annual.ok).to.equal(false);
    if (!annual.ok) expect(annual.message).to.include('不能从已经过去的日期开始');
  });

  it('整段都是休息日时提醒不用请假', () => {
    const v = validate({ leaveType: 'annual', start: '2026-11-28', end: '2026-11-29' }, facts(), '2026-11-22');
    expect(v.ok).to.equal(false);
    if (!v.ok) expect(v.message).to.include('休息日');
  });

  it('确认前纠正：不对，是后天 —— 一天的假跟着挪', () => {
    const s1 = leaveRequestFlow.start({}, textTurn('明天请年假', { intent: 'leave.request', slots: { leaveType: 'annual', start: '2026-11-23', end: '2026-11-23' } }), facts());
    const s2 = resume(s1.state, textTurn('不对，是后天', { intent: 'unknown', correction: true, slots: { start: '2026-11-24', end: '2026-11-24' } }));
    expect(s2.state.form?.stage).to.equal('confirming');
    expect(texts(s2)[0]).to.include('11月24日（周二）').and.not.include('11月23日');
  });

  it('多天的假改开始日时保持天数', () => {
    const s1 = leaveRequestFlow.start({}, textTurn('周一到周三年假', { intent: 'leave.request', slots: { leaveType: 'annual', start: '2026-11-23', end: '2026-11-25' } }), facts());
    const s2 = resume(s1.state, textTurn('改成周二开始', { intent: 'unknown', correction: true, slots: { start: '2026-11-24', end: '2026-11-24' } }));
    expect(texts(s2)[0]).to.include('11月24日（周二） 至 11月26日（周四）').and.include('3 天');
  });

  it('听不懂的回答会重问，两次后提示可以取消', () => {
    const s1 = leaveRequestFlow.start({}, textTurn('请年假', { intent: 'leave.request', slots: { leaveType: 'annual' } }), facts());
    expect(s1.state.form?.asking).to.equal('start');
    const s2 = resume(s1.state, textTurn('嗯嗯', { intent: 'unknown' }));
    expect(texts(s2)[0]).to.include('没认出开始日期').and.not.include('取消');
    const s3 = resume(s2.state, textTurn('啊这', { intent: 'unknown' }));
    const s4 = resume(s3.state, textTurn('呃', { intent: 'unknown' }));
    expect(texts(s4)[0]).to.include('回复“取消”');
  });

  it('事假要写事由，回答直接作为事由', () => {
    const s1 = leaveRequestFlow.start({}, textTurn('明天请事假', { intent: 'leave.request', slots: { leaveType: 'personal', start: '2026-11-23', end: '2026-11-23' } }), facts());
    expect(s1.state.form?.asking).to.equal('reason');
    const s2 = resume(s1.state, textTurn('家里有事要回老家', { intent: 'unknown' }));
    expect(texts(s2)[0]).to.include('事由：家里有事要回老家');
  });

  it('在确认时说“不对”会问要改什么，不会提交', () => {
    const s1 = leaveRequestFlow.start({}, textTurn('明天年假', { intent: 'leave.request', slots: { leaveType: 'annual', start: '2026-11-23', end: '2026-11-23' } }), facts());
    const s2 = resume(s1.state, textTurn('不对', { intent: 'deny' }));
    expect(s2.actions.every((a) => a.kind === 'send')).to.equal(true);
    expect(texts(s2)[0]).to.include('哪里要改');
    expect(s2.state.form?.stage).to.equal('confirming');
  });

  it('没有审批人时说明原因并结束', () => {
    const r = leaveRequestFlow.start({}, textTurn('明天年假', { intent: 'leave.request', slots: { leaveType: 'annual', start: '2026-11-23', end: '2026-11-23' } }), facts({ approver: undefined }));
    expect(r.state.form).to.equal(undefined);
    expect(texts(r)[0]).to.include('审批人');
  });
});
