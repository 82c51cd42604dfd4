import { expect } from 'chai';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { useTestDatabase } from '../../helpers/db.js';
import { FakeWecomApi, TestClock } from '../../helpers/wecomApp.js';
import { createWecomClient, memoryTokenStore, type WecomClient } from '../../../bot/wecom/api/index.js';
import { createOutbox } from '../../../bot/outbox/outboxStore.js';
import { OutboxSender, type OutboxSenderOptions } from '../../../bot/outbox/sender.js';
import { registerChannelSender } from '../../../bot/outbox/channels.js';
import { OutboxModel } from '../../../models/outbox.js';
import { listDeadLetters, resendDeadLetters } from '../../../bot/outbox/deadLetters.js';
import type { OutMessage } from '../../../flows/types.js';

const SEND = '/cgi-bin/message/send';
const wecomUser = (id: string) => ({ channel: 'wecom' as const, id });
const text = (t: string): OutMessage => ({ kind: 'text', text: t });

describe('bot/outbox/sender 发件箱发送', () => {
  useTestDatabase();
  let api: FakeWecomApi;
  let clock: TestClock;
  let logs: string[];

  beforeEach(() => {
    api = new FakeWecomApi().install();
    clock = new TestClock();
    logs = [];
  });
  afterEach(() => api.uninstall());

  function client(overrides: { fetchTimeoutMs?: number } = {}): WecomClient {
    return createWecomClient({
      corpId: 'ww1', secret: 's', agentId: 1000002, apiBase: api.base,
      tokenStore: memoryTokenStore(), logger: pino({ level: 'silent' }),
      now: () => clock.now().getTime(), sleep: async () => undefined, random: () => 0.5,
      fetchTimeoutMs: overrides.fetchTimeoutMs ?? 2_000,
    });
  }

  function sender(opts: Partial<OutboxSenderOptions> = {}): OutboxSender {
    const logger = pino({ level: 'debug' }, new Writable({ write(c: Buffer, _e, done) { logs.push(c.toString()); done(); } }));
    return new OutboxSender({ wecom: client(), logger, instanceId: `i-${Math.random()}`, now: () => clock.now(), random: () => 0.5, hrAdmins: ['zhaomin', 'qianhr'], ...opts });
  }

  const outbox = () => createOutbox({ now: () => clock.now() });

  it('文本消息 → message/send 一次，msgid 记入 result；同一个 key 再存一次不会重发', async () => {
    await outbox().send('k1', wecomUser('wangfang'), text('你好'));
    await outbox().send('k1', wecomUser('wangfang'), text('你好'));
    expect(await sender().drainOnce()).to.equal(1);
    expect(api.sent()).to.deep.equal([{ touser: 'wangfang', msgtype: 'text', text: { content: '你好' }, agentid: 1000002 }]);
    const doc = await OutboxModel.findOne({ key: 'k1' }).lean();
    expect(doc?.status).to.equal('sent');
    expect(doc?.attempts).to.equal(1);
    expect(doc?.result).to.deep.equal({ msgid: 'msgid-1' });
    expect(await sender().drainOnce()).to.equal(0);
  });

  it('审批卡片 → template_card；发送返回的 response_code 可以用 cardResponseCode 读回；卡片更新 → update_template_card', async () => {
    const box = outbox();
    await box.send('card', wecomUser('lina'), {
      kind: 'button_card', taskId: 'leave-abc', title: '王芳的请假申请', description: '年假 3 天',
      fields: [{ label: '类型', value: '年假' }], buttons: [{ key: 'approve', text: '同意', style: 'primary' }, { key: 'reject', text: '驳回', style: 'danger' }],
      source: 'HR 助手',
    });
    await sender().drainOnce();
    expect(api.sent()[0]).to.deep.include({ touser: 'lina', msgtype: 'template_card' });
    expect(await box.cardResponseCode('card')).to.equal('rc-send-leave-abc');
    expect(await box.cardResponseCode('nope')).to.equal(undefined);

    await box.updateCard('upd', { taskId: 'leave-abc', userids: ['lina'], responseCode: 'rc-send-leave-abc', replaceName: '已同意' });
    await sender().drainOnce();
    expect(api.cardUpdates()).to.deep.equal([{ userids: ['lina'], response_code: 'rc-send-leave-abc', button: { replace_name: '已同意' }, agentid: 1000002 }]);
  });

  it('同一个人一分钟内第 31 条消息等下一分钟再发（不丢），另一个人不受影响', async () => {
    const box = outbox();
    for (let i = 1; i <= 31; i += 1) await box.send(`u-${i}`, wecomUser('wangfang'), text(`第 ${i} 条`));
    await box.send('v-1', wecomUser('lina'), text('给李娜'));
    await sender().drainOnce();
    expect(api.sentTo('wangfang')).to.have.length(30);
    expect(api.sentTo('lina')).to.have.length(1);
    const waiting = await OutboxModel.findOne({ key: 'u-31' }).lean();
    expect(waiting?.status).to.equal('pending');
    expect(waiting?.attempts).to.equal(0);
    expect(waiting?.nextAttemptAt.getTime()).to.equal(clock.now().getTime() + 60_000);

    clock.advance(59_000);
    expect(await sender().drainOnce()).to.equal(0);
    clock.advance(1_000);
    await sender().drainOnce();
    expect(api.textsTo('wangfang').at(-1)).to.equal('第 31 条');
    // Order is kept for one recipient.
    expect(api.textsTo('wangfang')).to.deep.equal(Array.from({ length: 31 }, (_, i) => `第 ${i + 1} 条`));
  });

  it('一小时内已发 1000 条 → 下一条等到最早那条满一小时', async () => {
    const now = clock.now().getTime();
    const docs = Array.from({ length: 1000 }, (_, i) => ({
      key: `old-${i}`, channel: 'wecom', recipient: 'wangfang', kind: 'message', payload: { message: text('x') },
      status: 'sent', attempts: 1, nextAttemptAt: new Date(now - 3_500_000), sentAt: new Date(now - 3_500_000 + i * 3_000),
    }));
    await OutboxModel.insertMany(docs);
    await outbox().send('new', wecomUser('wangfang'), text('第 1001 条'));
    await sender().drainOnce();
    expect(api.sent()).to.deep.equal([]);
    const waiting = await OutboxModel.findOne({ key: 'new' }).lean();
    expect(waiting?.nextAttemptAt.getTime()).to.equal(now - 3_500_000 + 3_600_000);
  });

  it('45009 频率超限：客户端内部退避重试后成功，只发出一条', async () => {
    api.failNext(SEND, { json: { errcode: 45009, errmsg: 'api freq out of limit' } }, 2);
    await outbox().send('k', wecomUser('wangfang'), text('hi'));
    await sender().drainOnce();
    expect(api.count(SEND)).to.equal(3);
    expect((await OutboxModel.findOne({ key: 'k' }).lean())?.status).to.equal('sent');
  });

  it('企业微信一直 500：消息按指数退避改期重试，恢复后送达，不丢', async () => {
    api.failNext(SEND, { status: 500, json: {} }, 8);
    await outbox().send('k', wecomUser('wangfang'), text('hi'));
    const s = sender();
    await s.drainOnce();
    let doc = await OutboxModel.findOne({ key: 'k' }).lean();
    expect(doc?.status).to.equal('pending');
    expect(doc?.attempts).to.equal(1);
    expect(doc?.lastError).to.match(/HTTP 500/);
    expect(doc!.nextAttemptAt.getTime() - clock.now().getTime()).to.equal(3_750); // 5 s ceiling, equal jitter at 0.5

    clock.advance(3_750);
    await s.drainOnce();
    doc = await OutboxModel.findOne({ key: 'k' }).lean();
    expect(doc?.attempts).to.equal(2);
    expect(doc!.nextAttemptAt.getTime() - clock.now().getTime()).to.equal(7_500); // doubled

    clock.advance(7_500);
    await s.drainOnce();
    expect((await OutboxModel.findOne({ key: 'k' }).lean())?.status).to.equal('sent');
    expect(api.count(SEND)).to.equal(9);
  });

  it('access_token 在发送途中过期（42001）→ 重新取 token，用新 token 重发一次', async () => {
    const c = client();
    await c.getAccessToken(); // TOKEN-1 cached
    api.token = 'TOKEN-2';    // WeCom revoked it
    await outbox().send('k', wecomUser('wangfang'), text('hi'));
    await sender({ wecom: c }).drainOnce();
    const sends = api.calls.filter((x) => x.path === SEND);
    expect(sends.map((x) => x.query['access_token'])).to.deep.equal(['TOKEN-1', 'TOKEN-2']);
    expect((await OutboxModel.findOne({ key: 'k' }).lean())?.status).to.equal('sent');
  });

  it('发送超时（结果未知）→ 不盲目重发：重试时带 enable_duplicate_check，时间窗覆盖第一次尝试', async () => {
    api.failNext(SEND, { json: { errcode: 0, errmsg: 'ok', msgid: 'late' }, delayMs: 300 });
    await outbox().send('k', wecomUser('wangfang'), text('hi'));
    const s = sender({ wecom: client({ fetchTimeoutMs: 50 }) });
    await s.drainOnce();
    const doc = await OutboxModel.findOne({ key: 'k' }).lean();
    expect(doc?.status).to.equal('pending');
    expect(doc?.payload['uncertainSince']).to.equal(clock.now().toISOString());
    expect(api.count(SEND)).to.equal(1); // the client did not retry a non-idempotent send by itself

    clock.advance(120_000);
    await s.drainOnce();
    const retry = api.sent()[1]!;
    expect(retry).to.include({ enable_duplicate_check: 1, duplicate_check_interval: 180 });
    expect((await OutboxModel.findOne({ key: 'k' }).lean())?.status).to.equal('sent');
    expect(api.sent()[0]).to.not.have.property('enable_duplicate_check');
  });

  it('发送中途进程被杀：租约过期后另一个实例接手，只发出一次（并带重复检查）', async () => {
    await outbox().send('k', wecomUser('wangfang'), text('hi'));
    let started!: () => void;
    const claimed = new Promise<void>((resolve) => { started = resolve; });
    const dying = sender({
      wecom: { messages: { send: () => { started(); return new Promise(() => undefined); }, updateTemplateCard: () => new Promise(() => undefined) } },
    });
    void dying.drainOnce(); // never finishes: the process "dies" holding the message
    await claimed;
    expect((await OutboxModel.findOne({ key: 'k' }).lean())?.status).to.equal('sending');

    const survivor = sender();
    expect(await survivor.drainOnce()).to.equal(0); // the lease still holds
    clock.advance(120_001);
    expect(await survivor.drainOnce()).to.equal(1);
    expect(api.sent()).to.have.length(1);
    expect(api.sent()[0]).to.include({ enable_duplicate_check: 1 });
    const doc = await OutboxModel.findOne({ key: 'k' }).lean();
    expect(doc?.status).to.equal('sent');
    expect(doc?.attempts).to.equal(2);
    expect(logs.join('')).to.include('reclaimed');
  });

  it('两个实例同时发送：每条消息只发一次', async () => {
    const box = outbox();
    for (let i = 0; i < 24; i += 1) await box.send(`k${i}`, wecomUser(`user${i % 8}`), text(`消息 ${i}`));
    const [a, b] = [sender(), sender()];
    const [na, nb] = await Promise.all([a.drainOnce(), b.drainOnce()]);
    expect(na + nb).to.equal(24);
    const contents = api.sent().map((x) => (x['text'] as { content: string }).content).sort();
    expect(contents).to.deep.equal(Array.from({ length: 24 }, (_, i) => `消息 ${i}`).sort());
    expect(await OutboxModel.countDocuments({ status: 'sent' })).to.equal(24);
  });

  it('顺序跨实例也保持：较早的一条在别的实例手里时，后一条等它发完再发', async () => {
    const box = outbox();
    await box.send('m1', wecomUser('wangfang'), text('第一条'));
    clock.advance(10);
    await box.send('m2', wecomUser('wangfang'), text('第二条'));
    // Another instance holds m1 mid-send.
    await OutboxModel.updateOne({ key: 'm1' }, { $set: { status: 'sending', leaseOwner: 'other', leaseUntil: new Date(clock.now().getTime() + 60_000) }, $inc: { attempts: 1 } });
    const b = sender();
    expect(await b.drainOnce()).to.equal(0);
    expect(api.sent()).to.deep.equal([]);
    expect(await OutboxModel.findOne({ key: 'm2' }).lean()).to.include({ status: 'pending', attempts: 0 });
    await OutboxModel.updateOne({ key: 'm1' }, { $set: { status: 'sent' }, $unset: { leaseOwner: 1, leaseUntil: 1 } });
    clock.advance(1_500);
    expect(await b.drainOnce()).to.equal(1);
    expect(api.sentTo('wangfang').map((m) => (m['text'] as { content: string }).content)).to.deep.equal(['第二条']);
  });

  it('较早的一条改期重试后又到期：先发它，后一条随后', async () => {
    const box = outbox();
    await box.send('m1', wecomUser('wangfang'), text('第一条'));
    clock.advance(10);
    await box.send('m2', wecomUser('wangfang'), text('第二条'));
    // m1 failed once and is due again, later than m2 in the queue's order.
    await OutboxModel.updateOne({ key: 'm1' }, { $set: { nextAttemptAt: new Date(clock.now().getTime() + 5) }, $inc: { attempts: 1 } });
    clock.advance(20);
    const s = sender();
    await s.drainOnce();
    clock.advance(1_500);
    await s.drainOnce();
    expect(api.sentTo('wangfang').map((m) => (m['text'] as { content: string }).content)).to.deep.equal(['第一条', '第二条']);
  });

  it('两个实例同时发给同一个人的两条：按存入顺序到达，各一次', async () => {
    api.handle(SEND, (call) => ({ json: { errcode: 0, errmsg: 'ok', msgid: `m-${String(call.body['touser'])}` }, delayMs: 50 }));
    const box = outbox();
    await box.send('m1', wecomUser('wangfang'), text('第一条'));
    clock.advance(10);
    await box.send('m2', wecomUser('wangfang'), text('第二条'));
    const [a, b] = [sender(), sender()];
    await Promise.all([a.drainOnce(), b.drainOnce()]);
    for (let i = 0; i < 3; i += 1) {
      clock.advance(1_500);
      await Promise.all([a.drainOnce(), b.drainOnce()]);
    }
    expect(api.sentTo('wangfang').map((m) => (m['text'] as { content: string }).content)).to.deep.equal(['第一条', '第二条']);
  });

  it('所有接收人无效（81013）→ 立即放弃，日志告警点名 HR 管理员', async () => {
    api.failNext(SEND, { json: { errcode: 81013, errmsg: 'user & party & tag all invalid' } });
    await outbox().send('k', wecomUser('ghost'), text('hi'));
    await sender().drainOnce();
    const doc = await OutboxModel.findOne({ key: 'k' }).lean();
    expect(doc?.status).to.equal('dead');
    const alert = logs.find((l) => l.includes('outbox_dead_letter'));
    expect(alert).to.include('zhaomin').and.include('qianhr').and.include('81013');
  });

  it('重试次数有上限：超过后进入死信并告警', async () => {
    api.handle(SEND, () => ({ status: 502, json: {} }));
    await outbox().send('k', wecomUser('wangfang'), text('hi'));
    const s = sender({ backoff: { maxAttempts: 3 } });
    for (let i = 0; i < 3; i += 1) {
      await s.drainOnce();
      clock.advance(60_000);
    }
    const doc = await OutboxModel.findOne({ key: 'k' }).lean();
    expect(doc?.status).to.equal('dead');
    expect(doc?.attempts).to.equal(3);
    expect(logs.filter((l) => l.includes('outbox_dead_letter'))).to.have.length(1);
  });

  it('死信修好原因后重新发送：列出 → 放回 → 照常送达；再放一次什么也不做', async () => {
    api.handle(SEND, () => ({ status: 502, json: {} }));
    await outbox().send('k', wecomUser('wangfang'), text('hi'));
    await outbox().send('k2', wecomUser('lina'), text('给李娜'));
    const s = sender({ backoff: { maxAttempts: 2 } });
    for (let i = 0; i < 2; i += 1) {
      await s.drainOnce();
      clock.advance(60_000);
    }
    const dead = await listDeadLetters();
    expect(dead.map((d) => [d.key, d.recipient, d.attempts])).to.deep.equal([['k', 'wangfang', 2], ['k2', 'lina', 2]]);
    expect(dead[0]?.lastError).to.be.a('string').and.not.equal('');

    api.handle(SEND, () => ({ json: { errcode: 0, errmsg: 'ok', msgid: 'm-again' } }));
    expect(await resendDeadLetters({ keys: ['k', 'nope'] }, clock.now())).to.deep.equal({ requeued: 1, notDead: ['nope'] });
    expect(await s.drainOnce()).to.equal(1);
    expect(api.sentTo('wangfang').at(-1)).to.deep.include({ text: { content: 'hi' } });
    expect((await OutboxModel.findOne({ key: 'k' }).lean())?.status).to.equal('sent');
    expect(await resendDeadLetters({ keys: ['k'] }, clock.now())).to.deep.equal({ requeued: 0, notDead: ['k'] });
    expect(await resendDeadLetters({ all: true }, clock.now())).to.deep.equal({ requeued: 1, notDead: [] });
    expect(await listDeadLetters()).to.deep.equal([]);
  });

  it('应用配置错误（48002 无权限）→ 一直重试而不是丢弃：管理员修好后消息照常送达', async () => {
    api.failNext(SEND, { json: { errcode: 48002, errmsg: 'api forbidden' } });
    await outbox().send('k', wecomUser('wangfang'), text('hi'));
    const s = sender();
    await s.drainOnce();
    expect((await OutboxModel.findOne({ key: 'k' }).lean())?.status).to.equal('pending');
    clock.advance(10_000);
    await s.drainOnce();
    expect((await OutboxModel.findOne({ key: 'k' }).lean())?.status).to.equal('sent');
  });

  it('部分接收人无效（invaliduser）→ 记在消息上并写日志', async () => {
    api.failNext(SEND, { json: { errcode: 0, errmsg: 'ok', msgid: 'm', invaliduser: 'leftguy' } });
    await outbox().send('k', wecomUser('leftguy'), text('hi'));
    await sender().drainOnce();
    const doc = await OutboxModel.findOne({ key: 'k' }).lean();
    expect(doc?.result).to.deep.equal({ msgid: 'm', invaliduser: 'leftguy' });
    expect(logs.join('')).to.include('invalid recipients');
  });

  it('wechaty 渠道的消息交给注册的发送函数；没注册时等待重试', async () => {
    await outbox().send('w1', { channel: 'wechaty', id: 'contact-9' }, text('面试链接'));
    const s = sender();
    await s.drainOnce();
    expect((await OutboxModel.findOne({ key: 'w1' }).lean())?.lastError).to.match(/no sender registered/);

    const got: Array<[string, OutMessage, string]> = [];
    const unregister = registerChannelSender('wechaty', async (to, m, key) => void got.push([to, m, key]));
    try {
      clock.advance(10_000);
      await s.drainOnce();
    } finally {
      unregister();
    }
    expect(got).to.deep.equal([['contact-9', text('面试链接'), 'w1']]);
    expect(api.sent()).to.deep.equal([]);
    expect((await OutboxModel.findOne({ key: 'w1' }).lean())?.status).to.equal('sent');
  });

  it('后台循环：存进发件箱就被唤醒发送；stop() 等发送中的消息完成', async () => {
    const s = sender({ pollMs: 60_000 });
    s.start();
    try {
      await outbox().send('k', wecomUser('wangfang'), text('立刻发'));
      for (let i = 0; i < 200 && api.sent().length === 0; i += 1) await new Promise((r) => setTimeout(r, 5));
      expect(api.textsTo('wangfang')).to.deep.equal(['立刻发']);
    } finally {
      await s.stop();
    }
  });
});
