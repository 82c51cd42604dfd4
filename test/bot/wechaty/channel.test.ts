/**
 * The Wechaty channel on `wechaty-puppet-mock`: what candidates say becomes an
 * Inbound; strangers, groups and the bot's own messages do not; the Outbox's
 * wechaty sender says our messages; contacts are found by remark (phone) or
 * name, never guessed.
 */
import { expect } from 'chai';
import type { mock } from 'wechaty-puppet-mock';
import { WechatyChannel, runningWechatyChannel, MOCK_PUPPET } from '../../../bot/wechaty/channel.js';
import { channelSender } from '../../../bot/outbox/channels.js';
import { renderForWechat } from '../../../bot/wechaty/render.js';
import { toInbound } from '../../../bot/wechaty/inbound.js';
import { onMessage } from './mockContact.js';
import type { Inbound } from '../../../flows/types.js';
import { silentLogger } from '../../../lib/logger.js';

/** Resolves when `pred` holds (the mock delivers on its own ticks); fails after `ms`. */
export async function until(pred: () => boolean, ms = 3000): Promise<void> {
  const start = Date.now();
  while (!pred()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('Wechaty 渠道（mock puppet）', function () {
  this.timeout(20_000);
  let channel: WechatyChannel;
  let mocker: mock.Mocker;
  const accepted: Inbound[] = [];
  const candidates = new Set<string>();

  before(async () => {
    channel = new WechatyChannel({
      puppet: MOCK_PUPPET, logger: silentLogger,
      accept: async (i) => { accepted.push(i); },
      isCandidate: async (id) => candidates.has(id),
    });
    await channel.start();
    mocker = channel.mocker()!;
    await until(() => channel.isReady());
  });

  after(async () => {
    await channel.stop();
  });

  it('启动后登录，并注册为 Outbox 的 wechaty 发送方', () => {
    expect(channel.isReady()).to.equal(true);
    expect(runningWechatyChannel()).to.equal(channel);
    expect(channelSender('wechaty')).to.be.a('function');
  });

  it('候选人私聊的文字 → Inbound（channel wechaty，id 为联系人 id）；陌生人、群聊不进引擎', async () => {
    const zw = mocker.createContact({ name: '张伟' });
    const stranger = mocker.createContact({ name: '路人甲' });
    candidates.add(zw.id);
    const me = channel.mockSelf()!;
    zw.say('确认').to(me);
    stranger.say('你好').to(me);
    const room = mocker.createRoom({ topic: '求职群', memberIdList: [me.id, zw.id] });
    zw.say('群里的消息').to(room);
    await until(() => accepted.length >= 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(accepted).to.have.length(1);
    const i = accepted[0]!;
    expect(i.kind).to.equal('text');
    expect(i.from).to.deep.equal({ channel: 'wechaty', id: zw.id });
    if (i.kind === 'text') expect(i.text).to.equal('确认');
    expect(i.key).to.match(/^wechaty:/);
  });

  it('Outbox 发来的消息 → 候选人收到纯文字（卡片也变成文字）', async () => {
    const zw = mocker.createContact({ name: '李雷' });
    const got: string[] = [];
    const me = channel.selfId()!;
    onMessage(zw, (m) => { if (m.talker().id === me) got.push(m.text()); });
    await channelSender('wechaty')!(zw.id, { kind: 'text', text: '您好，邀请您面试' }, 'k1');
    await channelSender('wechaty')!(zw.id, { kind: 'link_card', title: '面试邀请', description: '产品经理', url: 'http://hr.test/i/x' }, 'k2');
    await until(() => got.length === 2);
    expect(got).to.deep.equal(['您好，邀请您面试', '面试邀请\n产品经理\nhttp://hr.test/i/x']);
  });

  it('找联系人：备注是手机号的优先；只按名字找时重名就不猜', async () => {
    const byAlias = mocker.createContact({ name: '韩梅梅', alias: '13900001111' } as never);
    mocker.createContact({ name: '韩梅梅' });
    expect(await channel.findContact({ name: '韩梅梅', phone: '13900001111' })).to.equal(byAlias.id);
    expect(await channel.findContact({ name: '韩梅梅', phone: '13900002222' })).to.equal(undefined);
    const only = mocker.createContact({ name: '欧阳娜娜' });
    expect(await channel.findContact({ name: '欧阳娜娜', phone: '13900003333' })).to.equal(only.id);
    expect(await channel.findContact({ name: '不存在', phone: '13900004444' })).to.equal(undefined);
  });

  it('发给不存在的联系人 → 永久失败（Outbox 不再重试）', async () => {
    try {
      await channel.send('nobody', { kind: 'text', text: 'x' });
      expect.fail('should throw');
    } catch (err) {
      expect((err as { permanent?: boolean }).permanent).to.equal(true);
    }
  });

  it('停止后注销发送方，不再算作可用', async () => {
    await channel.stop();
    expect(channelSender('wechaty')).to.equal(undefined);
    expect(runningWechatyChannel()).to.equal(undefined);
    expect(channel.isReady()).to.equal(false);
  });
});

describe('Wechaty 消息转换（纯函数）', () => {
  const base = { id: 'm1', self: () => false, room: () => undefined, text: () => ' 你好 ', type: () => 7, date: () => new Date(0), talker: () => ({ id: 'c1' }) };
  it('文字 → text；图片等 → unsupported；自己发的、群里的 → 忽略', () => {
    expect(toInbound(base)).to.deep.equal({ key: 'wechaty:m1', from: { channel: 'wechaty', id: 'c1' }, at: new Date(0), kind: 'text', text: '你好' });
    expect(toInbound({ ...base, type: () => 6 })?.kind).to.equal('unsupported');
    expect(toInbound({ ...base, self: () => true })).to.equal(undefined);
    expect(toInbound({ ...base, room: () => ({}) })).to.equal(undefined);
  });

  it('卡片在微信里读作文字', () => {
    expect(renderForWechat({ kind: 'button_card', taskId: 't', title: '标题', fields: [{ label: '时间', value: '明天' }], buttons: [] })).to.equal('标题\n时间：明天');
    expect(renderForWechat({ kind: 'markdown', markdown: '**x**', fallbackText: 'x' })).to.equal('x');
  });
});
