/**
 * The engine with the real NLU, the real leave flows and the real database;
 * only the Outbox is in memory. Story names follow the user.
 */
import { expect } from 'chai';
import { useTestDatabase } from '../helpers/db.js';
import { MemoryOutbox } from '../helpers/memoryOutbox.js';
import { Engine } from '../../flows/engine.js';
import { EffectRegistry } from '../../flows/effects.js';
import type { Inbound } from '../../flows/types.js';
import { leaveFeature } from '../../server/features/leave.js';
import { importEmployees } from '../../models/import/employees.js';
import { setBalance, getBalance } from '../../models/leaveLedger.js';
import { LeaveRequestModel } from '../../models/leaveRequest.js';
import { silentLogger } from '../../lib/logger.js';
import type { Services } from '../../server/feature.js';

const STAFF = `userid,name,department,manager_userid,roles,hire_date
lina,李娜,产品部,,employee|manager,2020-03-01
wangfang,王芳,产品部,lina,employee,2023-07-15
chenjing,陈静,人力资源部,,employee|hr,2019-01-02
`;

interface World { engine: Engine; outbox: MemoryOutbox; clock: { now: Date }; say(userid: string, text: string): Promise<void>; tap(userid: string, taskId: string, key: string): Promise<void> }

function world(): World {
  const outbox = new MemoryOutbox();
  const effects = new EffectRegistry();
  const clock = { now: new Date('2026-11-22T10:00:00+08:00') };
  const feature = leaveFeature({ leaveBalanceSource: 'ledger', leaveApproval: 'local' });
  const services = { effects, outbox, wecomPort: undefined } as unknown as Services;
  void feature.setup?.(services);
  const engine = new Engine({
    flows: feature.flows!(services), cardHandlers: feature.cardHandlers, awaitingHandlers: feature.awaitingHandlers,
    effects, outbox, tz: 'Asia/Shanghai', publicBaseUrl: 'http://hr.test', logger: silentLogger, now: () => clock.now,
  });
  let n = 0;
  const deliver = (inbound: Inbound) => engine.handle(inbound);
  return {
    engine, outbox, clock,
    say: (userid, text) => deliver({ kind: 'text', key: `msg:${(n += 1)}`, from: { channel: 'wecom', id: userid }, at: clock.now, text }),
    tap: (userid, taskId, key) => deliver({ kind: 'card_action', key: `card:${taskId}:${key}:${userid}:${(n += 1)}`, from: { channel: 'wecom', id: userid }, at: clock.now, taskId, actionKey: key, responseCode: `click-${n}` }),
  };
}

describe('对话引擎 + 请假（真实 NLU 与数据库）', () => {
  useTestDatabase();
  let w: World;
  beforeEach(async () => {
    await importEmployees(STAFF, 'test');
    await setBalance('wangfang', 'annual', 5, 'test', 'seed');
    w = world();
  });

  it('员工请下周一到周三年假 → 确认 → 经理收到卡片 → 同意 → 卡片变为已同意 → 员工收到通知 → 余额减少 3 天', async () => {
    await w.say('wangfang', '我想请下周一到周三的年假');
    expect(w.outbox.last('wangfang')).to.include('3 天').and.include('李娜');
    await w.say('wangfang', '确认');
    expect(w.outbox.last('wangfang')).to.include('已提交');
    expect(await getBalance('wangfang', 'annual')).to.equal(2); // reserved on submit
    const [card] = w.outbox.cardsTo('lina');
    expect(card?.title).to.equal('王芳的请假申请');
    expect(card?.fields.map((f) => f.value)).to.include('11月23日（周一） 至 11月25日（周三）');
    await w.tap('lina', card!.taskId, 'approve');
    expect(w.outbox.updates.map((u) => u.update.replaceName)).to.deep.equal(['已同意']);
    expect(w.outbox.last('wangfang')).to.include('已通过');
    expect(await getBalance('wangfang', 'annual')).to.equal(2);
    const req = await LeaveRequestModel.findOne({ userid: 'wangfang' }).lean();
    expect(req?.status).to.equal('approved');
  });

  it('连点两次同意、或 HR 同时处理：只生效一次，第二次说明已处理', async () => {
    await w.say('wangfang', '下周一请一天年假');
    await w.say('wangfang', '确认');
    const taskId = w.outbox.cardsTo('lina')[0]!.taskId;
    await Promise.all([w.tap('lina', taskId, 'approve'), w.tap('chenjing', taskId, 'reject')]);
    const req = await LeaveRequestModel.findOne({ userid: 'wangfang' }).lean();
    const loser = req?.status === 'approved' ? 'chenjing' : 'lina';
    expect(w.outbox.last(loser)).to.include('不需要再处理');
    await w.tap('lina', taskId, 'approve');
    expect(w.outbox.last('lina')).to.include('不需要再处理');
    const notices = w.outbox.textsTo('wangfang').filter((t) => t.includes('已通过') || t.includes('没有通过'));
    expect(notices).to.have.length(1);
    expect(await getBalance('wangfang', 'annual')).to.equal(req?.status === 'approved' ? 4 : 5);
  });

  it('不是审批人的员工点卡片会被拒绝', async () => {
    await w.say('wangfang', '下周一请一天年假');
    await w.say('wangfang', '确认');
    const taskId = w.outbox.cardsTo('lina')[0]!.taskId;
    await w.tap('wangfang', taskId, 'approve');
    expect(w.outbox.last('wangfang')).to.include('不是这条申请的审批人');
    expect((await LeaveRequestModel.findOne({}).lean())?.status).to.equal('pending');
  });

  it('驳回后经理补一句理由，员工收到理由，余额退回', async () => {
    await w.say('wangfang', '下周一到周三请年假');
    await w.say('wangfang', '确认');
    const taskId = w.outbox.cardsTo('lina')[0]!.taskId;
    await w.tap('lina', taskId, 'reject');
    expect(w.outbox.last('lina')).to.include('驳回理由');
    await w.say('lina', '那周项目上线，换个时间吧');
    expect(w.outbox.last('wangfang')).to.include('那周项目上线');
    expect(await getBalance('wangfang', 'annual')).to.equal(5);
  });

  it('审批前撤回：状态变为已撤回，余额退回，经理的卡片变为已撤回；之后再点同意无效', async () => {
    await w.say('wangfang', '下周二请一天年假');
    await w.say('wangfang', '确认');
    const taskId = w.outbox.cardsTo('lina')[0]!.taskId;
    await w.say('wangfang', '撤回我的请假申请');
    expect(w.outbox.last('wangfang')).to.include('要撤回');
    await w.say('wangfang', '确认');
    expect(w.outbox.last('wangfang')).to.include('已撤回');
    expect(w.outbox.updates.at(-1)?.update.replaceName).to.equal('已撤回');
    expect(w.outbox.last('lina')).to.include('撤回了请假申请');
    expect(await getBalance('wangfang', 'annual')).to.equal(5);
    await w.tap('lina', taskId, 'approve');
    expect(w.outbox.last('lina')).to.include('已撤回');
  });

  it('填表中途问余额：先回答，再接着问刚才的问题', async () => {
    await w.say('wangfang', '我要请年假');
    expect(w.outbox.last('wangfang')).to.include('从哪天开始');
    await w.say('wangfang', '我年假还剩几天?');
    const texts = w.outbox.textsTo('wangfang');
    expect(texts.at(-2)).to.include('年假：可用 5 天');
    expect(texts.at(-1)).to.include('我们接着刚才的').and.include('从哪天开始');
    await w.say('wangfang', '下周一');
    expect(w.outbox.last('wangfang')).to.include('请确认');
  });

  it('中途说“算了”就取消，什么都不提交', async () => {
    await w.say('wangfang', '下周一请年假');
    await w.say('wangfang', '算了');
    expect(w.outbox.last('wangfang')).to.include('已取消');
    await w.say('wangfang', '确认');
    expect(w.outbox.last('wangfang')).to.include('没有需要确认');
    expect(await LeaveRequestModel.countDocuments()).to.equal(0);
  });

  it('表单闲置 30 分钟后过期，下次说话时提示', async () => {
    await w.say('wangfang', '下周一请年假');
    w.clock.now = new Date(w.clock.now.getTime() + 31 * 60_000);
    await w.say('wangfang', '确认');
    const texts = w.outbox.textsTo('wangfang');
    expect(texts.some((t) => t.includes('超过 30 分钟'))).to.equal(true);
    expect(await LeaveRequestModel.countDocuments()).to.equal(0);
  });

  it('同一条消息重复投递只处理一次', async () => {
    const inbound: Inbound = { kind: 'text', key: 'msg:dup-1', from: { channel: 'wecom', id: 'wangfang' }, at: w.clock.now, text: '我的年假还剩几天' };
    await w.engine.handle(inbound);
    await w.engine.handle(inbound);
    expect(w.outbox.textsTo('wangfang')).to.have.length(1);
  });

  it('保存后发送前崩溃：重投时补发，不重算、不重复提交', async () => {
    await w.say('wangfang', '下周一请一天年假');
    const confirm: Inbound = { kind: 'text', key: 'msg:crash-1', from: { channel: 'wecom', id: 'wangfang' }, at: w.clock.now, text: '确认' };
    w.outbox.failNext = 1;
    let failed = false;
    try {
      await w.engine.handle(confirm);
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
    await w.engine.handle(confirm); // WeCom retries / the pipeline retries
    expect(await LeaveRequestModel.countDocuments()).to.equal(1);
    expect(w.outbox.cardsTo('lina')).to.have.length(1);
    expect(await getBalance('wangfang', 'annual')).to.equal(4);
  });

  it('不在员工名单里的人会被告知联系 HR；看不懂的话给出例子', async () => {
    await w.say('stranger', '你好');
    expect(w.outbox.last('stranger')).to.include('员工名单');
    await w.say('wangfang', '今天天气怎么样呀');
    expect(w.outbox.last('wangfang')).to.include('可以这样说');
  });
});

describe('候选人（Wechaty 渠道）在没有进行中事项时的回复', () => {
  useTestDatabase();
  it('看不懂或说“确认”时给出面试相关的提示，不提请假', async () => {
    const w = world();
    const from = { channel: 'wechaty' as const, id: 'contact-1' };
    await w.engine.handle({ kind: 'text', key: 'wx:1', from, at: w.clock.now, text: '你好' });
    await w.engine.handle({ kind: 'text', key: 'wx:2', from, at: w.clock.now, text: '确认' });
    await w.engine.handle({ kind: 'text', key: 'wx:3', from, at: w.clock.now, text: '帮助' });
    const texts = w.outbox.textsTo('contact-1');
    expect(texts).to.have.length(3);
    for (const t of texts) expect(t).to.not.include('年假');
    expect(texts[1]).to.include('没有待确认的面试');
  });
});
