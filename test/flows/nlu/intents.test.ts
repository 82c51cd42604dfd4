/** Intents on new phrasings (not in the corpus), short replies, typos, and the held-out gate. */
import { expect } from 'chai';
import { CONFIDENCE_THRESHOLD, INTENTS, understand, warmUp, type Intent } from '../../../flows/nlu/index.js';
import { loadCorpus } from '../../../flows/nlu/corpus.js';
import { ctxAt, SUNDAY } from './helpers.js';

describe('NLU 意图：每个意图都认得出（语料之外的说法）', () => {
  before(() => warmUp());
  const rows: Array<[string, Intent]> = [
    ['我想请明天下午的病假', 'leave.request'],
    ['后天想请个事假可以吗', 'leave.request'],
    ['下周三到周五请年假', 'leave.request'],
    ['请价两天', 'leave.request'],
    ['清假一天', 'leave.request'],
    ['明天请个leave', 'leave.request'],
    ['後天請年假', 'leave.request'],
    ['１２月２４日请假', 'leave.request'],
    ['我的年假还剩几天啊', 'leave.balance'],
    ['调休还有多少小时', 'leave.balance'],
    ['年价余额', 'leave.balance'],
    ['我上周提交的请假批了没', 'leave.status'],
    ['请假审批进度怎么样', 'leave.status'],
    ['撤回我后天的请假', 'leave.cancel'],
    ['周五的假我不请了，帮我撤销', 'leave.cancel'],
    ['查一下上个月的工资条', 'payslip.query'],
    ['查下payslip', 'payslip.query'],
    ['工资调发我看看', 'payslip.query'],
    ['10月份工资发了多少', 'payslip.query'],
    ['我这个月迟到了几次', 'attendance.query'],
    ['我上周有没有缺卡', 'attendance.query'],
    ['打咔记录查一下', 'attendance.query'],
    ['帮我约张伟下周二下午三点面试产品经理', 'interview.schedule'],
    ['给候选人李娜约个面试', 'interview.schedule'],
    ['面试改到下周一下午2点', 'interview.reschedule'],
    ['改期至下周一下午2点', 'interview.reschedule'],
    ['能把面试推迟到周五吗', 'interview.reschedule'],
    ['你能帮我干什么', 'help'],
    ['怎么用这个', 'help'],
    ['算了', 'cancel'],
    ['不用了', 'cancel'],
    ['好的', 'confirm'],
    ['确认提交', 'confirm'],
    ['👍', 'confirm'],
    ['不', 'deny'],
    ['不对', 'deny'],
    ['你好', 'greeting'],
    ['早上好', 'greeting'],
    ['今天中午吃什么', 'unknown'],
  ];
  for (const [text, intent] of rows) {
    it(`${text} → ${intent}`, () => expect(understand(text, ctxAt(SUNDAY)).intent).to.equal(intent));
  }

  it('表里覆盖了全部 14 个意图', () => {
    expect(new Set(rows.map(([, i]) => i))).to.have.length(INTENTS.length);
  });
});

describe('NLU 置信度', () => {
  before(() => warmUp());
  it('清楚的请求高于阈值', () => {
    for (const text of ['明天下午请半天病假', '查一下上个月的工资条', '好的']) {
      expect(understand(text, ctxAt(SUNDAY)).confidence, text).to.be.above(CONFIDENCE_THRESHOLD);
    }
  });
  it('乱码和无关的话低于阈值', () => {
    for (const text of ['asdfgh qwer', '……', '今天股市怎么样', '🤣🤣']) {
      const r = understand(text, ctxAt(SUNDAY));
      expect(r.intent === 'unknown' || r.confidence < CONFIDENCE_THRESHOLD, `${text}: ${r.intent} ${r.confidence}`).to.equal(true);
    }
  });
  it('置信度在 0 到 1 之间', () => {
    for (const ex of loadCorpus('heldout')) {
      const c = understand(ex.text, ctxAt(ex.now)).confidence;
      expect(c).to.be.within(0, 1);
    }
  });
});

describe('NLU 留出集准确率门槛（corpus/heldout.jsonl，从不参与训练）', () => {
  before(() => warmUp());
  it('训练集和留出集没有重复的句子', () => {
    const train = new Set(loadCorpus('train').map((e) => e.text));
    expect(loadCorpus('heldout').filter((e) => train.has(e.text)).map((e) => e.text)).to.deep.equal([]);
  });
  it('意图准确率 ≥ 0.90，整句槽位全对 ≥ 0.93', () => {
    const heldout = loadCorpus('heldout');
    let intents = 0;
    let slots = 0;
    for (const ex of heldout) {
      const r = understand(ex.text, ctxAt(ex.now));
      if (r.intent === ex.intent) intents += 1;
      const got = JSON.stringify(Object.entries(r.slots).sort());
      if (got === JSON.stringify(Object.entries(ex.slots).sort())) slots += 1;
    }
    expect(heldout.length).to.be.at.least(100);
    expect(intents / heldout.length).to.be.at.least(0.9);
    expect(slots / heldout.length).to.be.at.least(0.93);
  });
});
