/**
 * Callbacks the simulator sends: real XML shapes, encrypted and signed with the
 * app's Token and EncodingAESKey, decoded by the app's own decoder; WeCom's
 * retry rule (only HTTP 200 counts, three tries).
 */
import { expect } from 'chai';
import { decrypt, verifySignature } from '../../bot/wecom/crypto.js';
import { parseEnvelope } from '../../bot/wecom/xml.js';
import { sealCallback } from '../../simulator/index.js';
import { CORP, startRig, type Rig } from './harness.js';

describe('企业微信模拟器：回调', () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig();
  });
  afterEach(() => rig.stop());

  it('王芳打字：应用收到解密后的文本消息，MsgId 是 64 位整数的字符串', async () => {
    const r = await rig.sim.say('WangFang', '下周一到周三请年假');
    expect(r).to.deep.include({ ok: true });
    expect(rig.app.refusals).to.deep.equal([]);
    const ev = rig.app.events[0];
    if (ev?.type !== 'text') throw new Error(`expected text, got ${ev?.type}`);
    expect(ev).to.include({ fromUser: 'WangFang', content: '下周一到周三请年假', corpId: CORP.corpId, agentId: CORP.agentId });
    expect(ev.msgId).to.match(/^\d{19}$/);
    expect(BigInt(ev.msgId) > BigInt(Number.MAX_SAFE_INTEGER)).to.equal(true);
    expect(ev.createTime).to.equal(Math.floor(rig.clock.t / 1000));
    const line = rig.sim.chat('WangFang')[0];
    expect(line).to.deep.include({ kind: 'user_text', text: '下周一到周三请年假' });
    expect(line?.kind === 'user_text' && line.delivery.state).to.equal('delivered');
  });

  it('打开应用发 enter_agent；离职成员、空消息、不存在的人都不发', async () => {
    await rig.sim.enter('LiNa');
    expect(rig.app.events.map((e) => e.type)).to.deep.equal(['enter_agent']);
    expect(await rig.sim.say('Gone', '你好')).to.deep.equal({ ok: false, reason: '没有这个成员' });
    expect(await rig.sim.say('WangFang', '   ')).to.deep.equal({ ok: false, reason: '消息是空的' });
    expect(await rig.sim.enter('Nobody')).to.deep.equal({ ok: false, reason: '没有这个成员' });
    expect(rig.app.events).to.have.length(1);
  });

  it('带下拉选项的卡片：点击回调里有 SelectedItems', async () => {
    const sent = await rig.client.messages.send({
      touser: 'LiNa', msgtype: 'template_card',
      template_card: {
        card_type: 'button_interaction', task_id: 'leave-sel', main_title: { title: '审批' },
        button_selection: { question_key: 'reason', title: '理由', option_list: [{ id: 'ok', text: '同意' }, { id: 'busy', text: '项目忙' }], selected_id: 'ok' },
        button_list: [{ text: '提交', key: 'submit' }],
      },
    });
    await rig.sim.tap('LiNa', sent.msgid, 'submit', 'busy');
    const ev = rig.app.events.at(-1);
    if (ev?.type !== 'template_card_event') throw new Error(`expected a card event, got ${ev?.type}`);
    expect(ev.selectedItems).to.deep.equal([{ questionKey: 'reason', optionIds: ['busy'] }]);
  });

  it('应用没回 200：按企业微信的规则共试三次；一直失败就记下原因', async () => {
    rig.app.statuses.push(500, 503);
    const ok = await rig.sim.say('WangFang', '查工资');
    expect(ok.ok && ok.delivery).to.deep.include({ state: 'delivered', attempts: 3 });
    rig.app.statuses.push(500, 500, 500);
    const bad = await rig.sim.say('WangFang', '还在吗');
    expect(bad.ok && bad.delivery).to.deep.equal({ state: 'failed', attempts: 3, reason: 'HTTP 500' });
    const last = rig.sim.chat('WangFang').at(-1);
    expect(last?.kind === 'user_text' && last.delivery.state).to.equal('failed');
  });

  it('信封和签名：ToUserName 是 CorpID，签名覆盖 Encrypt，明文以 CorpID 结尾', () => {
    const signed = sealCallback('<xml><Content><![CDATA[你好]]></Content></xml>', CORP, Date.UTC(2026, 10, 22));
    const env = parseEnvelope(signed.body);
    if (!env.ok) throw new Error(env.reason);
    expect(env.envelope).to.include({ toUserName: CORP.corpId, agentId: String(CORP.agentId) });
    expect(signed.query.timestamp).to.equal(String(Date.UTC(2026, 10, 22) / 1000));
    expect(verifySignature(CORP.token, signed.query.timestamp, signed.query.nonce, env.envelope.encrypt, signed.query.msg_signature)).to.equal(true);
    const plain = decrypt(CORP.encodingAesKey, env.envelope.encrypt, CORP.corpId);
    expect(plain.ok && plain.message).to.equal('<xml><Content><![CDATA[你好]]></Content></xml>');
  });

  it('消息里有 ]]> 也不会弄坏 XML', async () => {
    await rig.sim.say('WangFang', 'a]]>b<xml>');
    const ev = rig.app.events[0];
    expect(ev?.type === 'text' && ev.content).to.equal('a]]>b<xml>');
  });
});
