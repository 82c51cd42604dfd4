/** People, leave types, scope, durations, bare answers and corrections. */
import { expect } from 'chai';
import { extractSlots, understand, warmUp, type Slots } from '../../../flows/nlu/index.js';
import { ctxAt, SUNDAY } from './helpers.js';

describe('NLU 槽位：假期类型', () => {
  const rows: Array<[string, Slots['leaveType']]> = [
    ['请年假', 'annual'], ['年休假', 'annual'], ['年价', 'annual'],
    ['病假', 'sick'], ['发烧了请个假', 'sick'], ['sick leave', 'sick'],
    ['事假', 'personal'], ['家里有事', 'personal'],
    ['调休', 'compensatory'], ['调个休', 'compensatory'], ['倒休', 'compensatory'],
    ['婚假', 'marriage'], ['下个月结婚', 'marriage'],
    ['产假', 'maternity'], ['陪产假', 'paternity'], ['老婆生孩子', 'paternity'],
    ['丧假', 'bereavement'], ['爷爷去世了', 'bereavement'],
  ];
  for (const [text, code] of rows) {
    it(`${text} → ${code}`, () => expect(extractSlots(text, ctxAt(SUNDAY)).leaveType).to.equal(code));
  }
  it('没提类型就不猜', () => expect(extractSlots('明天请假', ctxAt(SUNDAY))).to.not.have.property('leaveType'));
});

describe('NLU 槽位：天数', () => {
  const rows: Array<[string, number]> = [
    ['请3天', 3], ['请三天', 3], ['请两天半', 2.5], ['请一天半', 1.5], ['请半天', 0.5], ['请0.5天', 0.5],
    ['请２天', 2], ['请一周年假', 5], ['请两个半天', 1],
  ];
  for (const [text, days] of rows) {
    it(`${text} → ${days}`, () => expect(extractSlots(text, ctxAt(SUNDAY)).days).to.equal(days));
  }
  it('3天后是日期不是天数', () => expect(extractSlots('3天后请假', ctxAt(SUNDAY))).to.not.have.property('days'));
});

describe('NLU 槽位：候选人、电话、岗位、面试官', () => {
  const rows: Array<[string, Slots]> = [
    ['安排张伟下周二下午3点面试产品经理', { candidateName: '张伟', position: '产品经理' }],
    ['帮我约王小明明天上午10点面试', { candidateName: '王小明' }],
    ['约李娜面试Java开发工程师', { candidateName: '李娜', position: 'Java开发工程师' }],
    ['候选人刘洋，电话13800138000', { candidateName: '刘洋', candidatePhone: '13800138000' }],
    ['候选人周杰 138 0013 8000', { candidateName: '周杰', candidatePhone: '13800138000' }],
    ['罗敏 +86 139-1234-5678', { candidatePhone: '13912345678' }],
    ['电话+8615912345678', { candidatePhone: '15912345678' }],
    ['约欧阳娜娜面试设计师', { candidateName: '欧阳娜娜', position: '设计师' }],
    ['安排黄磊面试，面试官李强', { candidateName: '黄磊', interviewer: '李强' }],
    ['给肖红安排复试，面试官是董明', { candidateName: '肖红', interviewer: '董明' }],
    ['面试官王总', { interviewer: '王总' }],
    ['安排丁磊面试高级前端工程师', { candidateName: '丁磊', position: '高级前端工程师' }],
    ['张伟的面试改到明天', { candidateName: '张伟' }],
    ['约明天下午面试张伟', { candidateName: '张伟' }],
    ['张三 138-0013-8000 产品经理 周三下午3点', { candidateName: '张三', candidatePhone: '13800138000', position: '产品经理' }],
  ];
  for (const [text, expected] of rows) {
    it(text, () => {
      const s = extractSlots(text, ctxAt(SUNDAY));
      const picked: Slots = {};
      for (const key of ['candidateName', 'candidatePhone', 'position', 'interviewer'] as const) {
        if (s[key] !== undefined) Object.assign(picked, { [key]: s[key] });
      }
      expect(picked).to.deep.equal(expected);
    });
  }
  it('常用词不当人名：周一、时间、应该', () => {
    expect(extractSlots('约个时间面试', ctxAt(SUNDAY))).to.not.have.property('candidateName');
    expect(extractSlots('周一面试', ctxAt(SUNDAY))).to.not.have.property('candidateName');
    expect(extractSlots('应该是周五', ctxAt(SUNDAY))).to.not.have.property('candidateName');
  });
  it('11 位以外的数字不是手机号', () => {
    expect(extractSlots('电话 1380013800', ctxAt(SUNDAY))).to.not.have.property('candidatePhone');
    expect(extractSlots('电话 12800138000', ctxAt(SUNDAY))).to.not.have.property('candidatePhone');
  });
});

describe('NLU 槽位：范围 scope', () => {
  const rows: Array<[string, 'self' | 'team' | undefined]> = [
    ['我们组这个月的考勤', 'team'], ['部门上个月考勤', 'team'], ['团队迟到统计', 'team'], ['我的下属谁迟到了', 'team'],
    ['我自己的年假', 'self'], ['我的考勤', undefined],
  ];
  for (const [text, scope] of rows) {
    it(`${text} → ${String(scope)}`, () => expect(extractSlots(text, ctxAt(SUNDAY)).scope).to.equal(scope));
  }
});

describe('NLU 追问后的简短回答（expecting）', () => {
  before(() => warmUp());
  const rows: Array<[string, keyof Slots, Slots[keyof Slots]]> = [
    ['后天', 'start', '2026-11-24'],
    ['周五', 'end', '2026-11-27'],
    ['年假', 'leaveType', 'annual'],
    ['年', 'leaveType', 'annual'],
    ['病假吧', 'leaveType', 'sick'],
    ['李娜', 'candidateName', '李娜'],
    ['叫王小明', 'candidateName', '王小明'],
    ['产品经理', 'position', '产品经理'],
    ['3', 'days', 3],
    ['两天', 'days', 2],
    ['下午3点', 'time', '2026-11-22T15:00'],
    ['明天上午10点', 'time', '2026-11-23T10:00'],
    ['上个月', 'month', '2026-10'],
    ['13800138000', 'candidatePhone', '13800138000'],
  ];
  for (const [text, slot, value] of rows) {
    it(`问 ${slot}，答“${text}”`, () => {
      const r = understand(text, ctxAt(SUNDAY, slot));
      expect(r.slots[slot]).to.equal(value);
      expect(r.confidence).to.be.at.least(0.5);
    });
  }
  it('问结束日期时答“周五”：不再当作开始日', () => {
    expect(understand('周五', ctxAt(SUNDAY, 'end')).slots).to.not.have.property('start');
  });
});

describe('NLU 更正（correction）', () => {
  before(() => warmUp());
  const rows: Array<[string, Slots]> = [
    ['不对，是后天', { start: '2026-11-24', end: '2026-11-24' }],
    ['改成年假', { leaveType: 'annual' }],
    ['应该是周五', { start: '2026-11-27', end: '2026-11-27' }],
    ['不是明天，是大后天', { start: '2026-11-25', end: '2026-11-25' }],
    ['不是周一是周二', { start: '2026-11-24', end: '2026-11-24' }],
    ['错了，候选人叫李娜', { candidateName: '李娜' }],
  ];
  for (const [text, slots] of rows) {
    it(text, () => {
      const r = understand(text, ctxAt(SUNDAY));
      expect(r.correction).to.equal(true);
      expect(r.slots).to.include(slots);
    });
  }
  it('“把面试改成周五”是改期请求，不是更正', () => {
    const r = understand('把面试改成周五', ctxAt(SUNDAY));
    expect(r.correction).to.equal(false);
    expect(r.intent).to.equal('interview.reschedule');
  });
  it('单独的“不对”是否定', () => {
    const r = understand('不对', ctxAt(SUNDAY));
    expect(r.intent).to.equal('deny');
    expect(r.correction).to.equal(false);
  });
});
