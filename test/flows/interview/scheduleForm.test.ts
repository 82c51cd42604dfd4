/**
 * The scheduling form, pure, on the real NLU (so the time edge cases are the
 * ones HR would hit): facts are built by hand, no database.
 */
import { expect } from 'chai';
import { understand } from '../../../flows/nlu/index.js';
import { interviewFlow } from '../../../flows/interview/interviewFlow.js';
import type { InterviewFacts, PersonRef } from '../../../flows/interview/facts.js';
import { instantOf, type Busy } from '../../../flows/interview/slots.js';
import type { Action, ConversationState, StepResult, TextTurn } from '../../../flows/flow.js';
import type { Employee } from '../../../models/employee.js';
import type { SlotName } from '../../../flows/nlu/types.js';
import { cn2026 } from '../../helpers/calendar.js';

const TZ = 'Asia/Shanghai';
const HR: Employee = { userid: 'zhaomin', name: '赵敏', departments: [1], roles: ['employee', 'hr'], active: true, source: 'seed' };
const STAFF: Employee = { userid: 'wangfang', name: '王芳', departments: [2], roles: ['employee'], active: true, source: 'seed' };
const PM = { id: '64b000000000000000000001', code: 'PM-2026', title: '产品经理', department: '产品部', questionCount: 5 };
const JAVA = { id: '64b000000000000000000002', code: 'JAVA-BE', title: 'Java 后端工程师', department: '技术部', questionCount: 5 };
const LINA: PersonRef = { userid: 'lina', name: '李娜', department: '产品部' };

function facts(over: Partial<InterviewFacts> = {}): InterviewFacts {
  return {
    jobs: [PM, JAVA], people: [LINA, { userid: 'wangqiang', name: '王强', department: '技术部' }], busy: [], lookup: cn2026(),
    wechatyEnabled: false, jobsPageUrl: 'http://hr.test/hr/jobs', ...over,
  };
}

const flow = interviewFlow({ linkKey: Buffer.alloc(32), wechatyEnabled: () => false });

/** A conversation with the pure flow: keeps the state between turns, like the engine does. */
class Chat {
  state: ConversationState = {};
  last: StepResult = { state: {}, actions: [] };
  constructor(private readonly f: InterviewFacts = facts(), private readonly today = '2026-11-22', private readonly employee: Employee = HR) {}

  turn(text: string): TextTurn {
    const now = new Date(`${this.today}T10:00:00+08:00`);
    const asking = this.state.form?.asking as SlotName | undefined;
    const nlu = understand(text, { now, tz: TZ, ...(asking ? { expecting: asking } : {}) });
    const from = { channel: 'wecom' as const, id: this.employee.userid };
    return { inbound: { kind: 'text', key: `k${Math.random()}`, from, at: now, text }, user: from, employee: this.employee, now, tz: TZ, today: this.today, publicBaseUrl: 'http://hr.test', text, nlu };
  }

  say(text: string): string {
    const t = this.turn(text);
    this.last = this.state.form ? flow.resume!(this.state, this.state.form, t, this.f) : flow.start(this.state, t, this.f);
    this.state = this.last.state;
    return texts(this.last.actions).join('\n');
  }
}

function texts(actions: readonly Action[]): string[] {
  return actions.flatMap((a) => (a.kind === 'send' && a.message.kind === 'text' ? [a.message.text] : []));
}

const FULL = '帮我约张伟，电话13812345678，下周二下午3点面试产品经理，面试官李娜';

describe('安排面试：一句话填表（纯函数，真实 NLU）', () => {
  it('一句话说全了：只问形式和地点，然后给出摘要；确认后请求 interview.create', () => {
    const c = new Chat();
    expect(c.say(FULL)).to.include('面试形式是哪种');
    expect(c.say('现场')).to.include('在哪里面试');
    const summary = c.say('公司3楼301会议室');
    expect(summary).to.equal([
      '请确认面试安排：',
      '· 候选人：张伟（13812345678）',
      '· 岗位：产品经理',
      '· 时间：11月24日（周二）15:00–15:45（45 分钟）',
      '· 形式：现场面试，地点：公司3楼301会议室',
      '· 面试官：李娜',
      '· 邀请：你转发给候选人',
      '回复“确认”安排；要改直接说，比如“改成4点”“面试官换成王强”“时长1小时”；回复“取消”放弃。',
    ].join('\n'));
    c.say('确认');
    expect(c.state.form).to.equal(undefined);
    const a = c.last.actions[0];
    expect(a?.kind === 'effect' && a.effect.name).to.equal('interview.create');
    if (a?.kind === 'effect') {
      expect(a.effect.payload).to.deep.include({
        hrUserid: 'zhaomin', candidateName: '张伟', candidatePhone: '13812345678', jobId: PM.id, time: '2026-11-24T15:00',
        durationMin: 45, interviewerUserid: 'lina', kind: 'onsite', place: '公司3楼301会议室', channel: 'forward',
      });
    }
  });

  it('周日说“下周二下午3点”就是后天（中国的一周从周一开始），不是下下周', () => {
    const c = new Chat();
    expect(c.say(`${FULL}，视频面试`)).to.include('11月24日（周二）15:00–15:45');
  });

  it('先说日期，再答“3点半”或“15:30”：钟点落在刚才那天', () => {
    const c = new Chat();
    c.say('帮我约张伟，电话13812345678，面试产品经理，面试官李娜，视频面试');
    expect(c.say('下周三')).to.include('11月25日（周三）几点开始');
    expect(c.say('3点半')).to.include('11月25日（周三）15:30–16:15');
    expect(c.say('改成15:00')).to.include('11月25日（周三）15:00–15:45');
  });

  it('节假日：10月1日下午3点 → 可以安排，但摘要里提醒不是工作日', () => {
    const c = new Chat(facts(), '2026-09-22');
    const s = c.say('帮我约张伟，电话13812345678，10月1日下午3点面试产品经理，面试官李娜，视频面试');
    expect(s).to.include('10月1日（周四）15:00–15:45').and.include('注意：10月1日（周四）不是工作日。');
  });

  it('面试官那时已有面试：说明冲突，给出最近的 3 个空闲时段；回复序号就用那个时间', () => {
    const start = instantOf('2026-11-24T15:00', TZ);
    const busy: Busy[] = [{ start, end: new Date(start.getTime() + 45 * 60_000), interviewId: 'x', interviewerUserid: 'lina' }];
    const c = new Chat(facts({ busy }));
    const msg = c.say(`${FULL}，视频面试`);
    expect(msg).to.include('李娜在 11月24日（周二）15:00–15:45 已经有一场面试了')
      .and.include('1. 11月24日（周二）13:30–14:15')
      .and.include('2. 11月24日（周二）14:00–14:45')
      .and.include('3. 11月24日（周二）16:00–16:45');
    expect(c.say('3')).to.include('请确认面试安排').and.include('11月24日（周二）16:00–16:45');
  });

  it('两位同事都叫李娜：问是哪一位，回复序号', () => {
    const c = new Chat(facts({ people: [LINA, { userid: 'lina2', name: '李娜', department: '技术部' }] }));
    const msg = c.say(`${FULL}，视频面试`);
    expect(msg).to.include('有好几位叫李娜的同事').and.include('1. 李娜（产品部）（lina）').and.include('2. 李娜（技术部）（lina2）');
    c.say('2');
    c.say('确认');
    const a = c.last.actions[0];
    expect(a?.kind === 'effect' && a.effect.payload['interviewerUserid']).to.equal('lina2');
  });

  it('缺什么问什么：没有岗位时列出在招岗位；说错岗位时说明并再列一次', () => {
    const c = new Chat();
    expect(c.say('帮我约个面试')).to.equal('候选人叫什么名字？');
    expect(c.say('张伟')).to.include('张伟的手机号');
    expect(c.say('138 1234 5678')).to.equal('面试哪个岗位？在招的有：产品经理、Java 后端工程师。');
    expect(c.say('会计')).to.include('没有找到在招的“会计”岗位');
    // Reply words and other answers are not job titles (线上 is kept as the kind).
    expect(c.say('确认')).to.include('没有找到在招的“会计”岗位');
    expect(c.say('线上')).to.include('没有找到在招的“会计”岗位');
    expect(c.say('java')).to.include('什么时候面试');
  });

  it('过去的时间不行；确认前还能改钟点、换面试官、改时长', () => {
    const c = new Chat();
    expect(c.say('帮我约张伟，电话13812345678，今天早上9点面试产品经理，面试官李娜')).to.include('已经过去了');
    c.say('下周二下午3点');
    c.say('线上');
    expect(c.say('腾讯会议 123-456-789')).to.include('会议：腾讯会议 123-456-789');
    expect(c.say('改成4点')).to.include('11月24日（周二）16:00–16:45');
    expect(c.say('面试官换成王强')).to.include('· 面试官：王强');
    expect(c.say('时长1小时')).to.include('16:00–17:00（60 分钟）');
  });

  it('不是 HR 的同事不能安排面试', () => {
    const c = new Chat(facts(), '2026-11-22', STAFF);
    expect(c.say(FULL)).to.include('只有 HR 可以安排面试');
  });

  it('问名字时回“好的”不会被当成名字；问地点时回“确认”不会被当成地点', () => {
    const c = new Chat();
    c.say('帮我约个面试');
    expect(c.say('好的')).to.equal('候选人叫什么名字？');
    const d = new Chat();
    d.say(`${FULL}，现场`);
    expect(d.say('确认')).to.include('在哪里面试');
  });

  it('没有在招岗位时指向岗位管理页', () => {
    const c = new Chat(facts({ jobs: [] }));
    expect(c.say(FULL)).to.include('http://hr.test/hr/jobs');
  });
});
