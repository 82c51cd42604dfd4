import { expect } from 'chai';
import { parseXml } from '../../../bot/wecom/xml.js';
import { toInboundEvent, type InboundEvent } from '../../../bot/wecom/events.js';
import { toInbound } from '../../../bot/wecom/toInbound.js';
import { inbound } from './helpers.js';

function event(name: string): InboundEvent {
  const parsed = parseXml(inbound(name));
  if (!parsed.ok) throw new Error(parsed.reason);
  const e = toInboundEvent(parsed.root);
  if (!e.ok) throw new Error(e.reason);
  return e.event;
}

describe('bot/wecom/toInbound 企业微信事件 → 渠道无关的 Inbound', () => {
  it('文字消息 → text（key 是 MsgId 去重键，时间取 CreateTime）', () => {
    expect(toInbound(event('text'))).to.deep.equal({
      kind: 'inbound',
      inbound: {
        kind: 'text', key: 'msg:7391830567124598273', from: { channel: 'wecom', id: 'ZhangSan' },
        at: new Date(1795489200_000), text: '明天下午请半天病假',
      },
    });
  });

  it('点卡片按钮 → card_action（taskId、按钮 key、ResponseCode）', () => {
    const r = toInbound(event('template_card_event'));
    expect(r.kind).to.equal('inbound');
    if (r.kind !== 'inbound') return;
    expect(r.inbound).to.deep.include({ kind: 'card_action', taskId: 'leave-6740a1f0c2-1', actionKey: 'approve', responseCode: 'gT1c6uq7LJ5tCFmVJw7ZiA0fKiRbnhE5Nvq6SsRwU9g' });
    expect(r.inbound.from).to.deep.equal({ channel: 'wecom', id: 'LiSi' });
  });

  it('进入应用 → enter；点菜单 → enter 带菜单 key', () => {
    const enter = toInbound(event('enter_agent'));
    expect(enter.kind === 'inbound' && enter.inbound).to.deep.include({ kind: 'enter', menuKey: undefined });
    const click = toInbound(event('click'));
    expect(click.kind === 'inbound' && click.inbound.kind === 'enter' && click.inbound.menuKey).to.be.a('string').and.not.equal('');
  });

  it('审批状态变化 → approval_change：排在申请人的队列上，actor 是最后一个动手的审批人，优先 SpNoStr', () => {
    const r = toInbound(event('sys_approval_change'));
    expect(r.kind === 'inbound' && r.inbound).to.deep.include({
      kind: 'approval_change', spNo: '202611230001', spStatus: 2, changeEvent: 2, actor: 'ZhaoLiu', comment: '这是一个备注',
    });
    expect(r.kind === 'inbound' && r.inbound.from).to.deep.equal({ channel: 'wecom', id: 'ZhangSan' });
    const withStr = toInbound(event('sys_approval_change-spnostr'));
    expect(withStr.kind === 'inbound' && withStr.inbound).to.deep.include({ spNo: '202611230000000000002', spStatus: 1, actor: undefined, comment: undefined });
  });

  it('图片、语音、位置、链接 → unsupported（机器人会说只看得懂文字）', () => {
    for (const name of ['image', 'voice', 'location', 'link']) {
      const r = toInbound(event(name));
      expect(r.kind === 'inbound' && r.inbound.kind, name).to.equal('unsupported');
      expect(r.kind === 'inbound' && r.inbound.kind === 'unsupported' && r.inbound.what).to.equal(name);
    }
  });

  it('通讯录变更 → contact；菜单链接、卡片菜单、审批流程引擎 → ignored；不认识的 → unknown', () => {
    expect(toInbound(event('change_contact-update_user')).kind).to.equal('contact');
    expect(toInbound(event('change_contact-delete_party')).kind).to.equal('contact');
    expect(toInbound(event('view')).kind).to.equal('ignored');
    expect(toInbound(event('template_card_menu_event')).kind).to.equal('ignored');
    expect(toInbound(event('open_approval_change')).kind).to.equal('ignored');
    expect(toInbound(event('unknown-event'))).to.have.property('kind', 'unknown');
    expect(toInbound(event('unknown-video'))).to.have.property('kind', 'unknown');
  });
});
