import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { decodeMessage } from '../../../bot/wecom/callback.js';
import { dedupeKey, toInboundEvent, type InboundEvent } from '../../../bot/wecom/events.js';
import { parseXml } from '../../../bot/wecom/xml.js';
import { inbound, NOW, testCfg, wecomPost, withoutCdata } from './helpers.js';

function decode(xml: string): InboundEvent {
  const parsed = parseXml(xml);
  if (!parsed.ok) throw new Error(parsed.reason);
  const r = toInboundEvent(parsed.root);
  if (!r.ok) throw new Error(r.reason);
  return r.event;
}

function fixtureEvent(name: string): InboundEvent {
  return decode(inbound(name));
}

const ALL_FIXTURES = readdirSync(new URL('../../fixtures/wecom/inbound/', import.meta.url))
  .filter((f) => f.endsWith('.xml'))
  .map((f) => f.slice(0, -4));

describe('bot/wecom/events 入站事件类型', () => {
  it('每个夹具带不带 CDATA 解出完全相同的事件', () => {
    expect(ALL_FIXTURES.length).to.be.greaterThan(20);
    for (const name of ALL_FIXTURES) {
      const xml = inbound(name);
      const plain = withoutCdata(xml);
      if (name !== 'open_approval_change') expect(plain, name).not.to.equal(xml);
      expect(decode(plain), name).to.deep.equal(decode(xml));
    }
  });

  it('文本消息：公共字段、MsgId 去重键', () => {
    expect(fixtureEvent('text')).to.deep.equal({
      type: 'text',
      corpId: 'ww8f3a1b2c3d4e5f60',
      fromUser: 'ZhangSan',
      createTime: 1795489200,
      agentId: 1000002,
      msgId: '7391830567124598273',
      content: '明天下午请半天病假',
      dedupeKey: 'msg:7391830567124598273',
    });
  });

  it('MsgId 大于 2^53 时逐位保留（9007199254740993 不会变成 …992）', () => {
    const e = fixtureEvent('text-msgid-over-2e53');
    if (e.type !== 'text') throw new Error(e.type);
    expect(e.msgId).to.equal('9007199254740993');
    expect(e.dedupeKey).to.equal('msg:9007199254740993');
  });

  it('图片、语音、位置、链接消息', () => {
    expect(fixtureEvent('image')).to.include({
      type: 'image', msgId: '7391830567124598274', mediaId: '1Q7cPAqWk3LdGWdhRGbLz0sTsWJ6lrPN9mL8dOl2yE3M',
      picUrl: 'https://wework.qpic.cn/wwpic/123456_abcdef/0',
    });
    expect(fixtureEvent('voice')).to.include({ type: 'voice', format: 'amr', dedupeKey: 'msg:7391830567124598275' });
    expect(fixtureEvent('location')).to.include({
      type: 'location', latitude: 23.134521, longitude: 113.358803, scale: 20, label: '广州市天河区天河路',
    });
    expect(fixtureEvent('link')).to.include({
      type: 'link', title: '员工手册 2026 版', url: 'https://example.com/handbook?x=1&y=2',
    });
  });

  it('进入应用、菜单点击、菜单跳转', () => {
    expect(fixtureEvent('enter_agent')).to.deep.equal({
      type: 'enter_agent', corpId: 'ww8f3a1b2c3d4e5f60', fromUser: 'ZhangSan', createTime: 1795489100,
      agentId: 1000002, eventKey: '', dedupeKey: 'evt:ZhangSan:1795489100:enter_agent',
    });
    expect(fixtureEvent('click')).to.include({
      type: 'click', eventKey: 'menu_leave_balance', dedupeKey: 'evt:ZhangSan:1795489110:click:menu_leave_balance',
    });
    expect(fixtureEvent('view')).to.include({
      type: 'view', eventKey: 'https://hr.example.com/payslip',
      dedupeKey: 'evt:ZhangSan:1795489120:view:https%3A//hr.example.com/payslip',
    });
  });

  it('经理点“同意”：模板卡片事件带 TaskId、ResponseCode 和 OptionIds', () => {
    const e = fixtureEvent('template_card_event');
    expect(e).to.deep.equal({
      type: 'template_card_event',
      corpId: 'ww8f3a1b2c3d4e5f60',
      fromUser: 'LiSi',
      createTime: 1795492800,
      agentId: 1000002,
      eventKey: 'approve',
      taskId: 'leave-6740a1f0c2-1',
      cardType: 'button_interaction',
      responseCode: 'gT1c6uq7LJ5tCFmVJw7ZiA0fKiRbnhE5Nvq6SsRwU9g',
      selectedItems: [{ questionKey: 'reason', optionIds: ['ok_handover', 'ok_urgent'] }],
      dedupeKey: 'card:leave-6740a1f0c2-1:approve:LiSi',
    });
  });

  it('文档里拼错的 OpitonIds 也能读出，单个选项也是数组', () => {
    const e = fixtureEvent('template_card_event-opitonids');
    if (e.type !== 'template_card_event') throw new Error(e.type);
    expect(e.selectedItems).to.deep.equal([
      { questionKey: 'QuestionKey1', optionIds: ['OptionId1', 'OptionId2'] },
      { questionKey: 'QuestionKey2', optionIds: ['OptionId3'] },
    ]);
    expect(e.cardType).to.equal('multiple_interaction');
  });

  it('连点两次“同意”（CreateTime 不同）得到同一个去重键', () => {
    const first = fixtureEvent('template_card_event');
    const second = decode(inbound('template_card_event').replace('<CreateTime>1795492800', '<CreateTime>1795492803'));
    expect(second.createTime).to.equal(1795492803);
    expect(second.dedupeKey).to.equal(first.dedupeKey);
  });

  it('卡片右上角菜单事件', () => {
    expect(fixtureEvent('template_card_menu_event')).to.include({
      type: 'template_card_menu_event', taskId: 'leave-6740a1f0c2-1', eventKey: 'mute_reminders',
      responseCode: 'menuResponseCode',
      dedupeKey: 'evt:LiSi:1795492900:template_card_menu_event:leave-6740a1f0c2-1:mute_reminders',
    });
  });

  it('审批状态变更：两个 SpRecord 兄弟节点、会签两人、抄送人、备注（CommentId 保持字符串）', () => {
    const e = fixtureEvent('sys_approval_change');
    if (e.type !== 'sys_approval_change') throw new Error(e.type);
    expect(e.fromUser).to.equal('sys');
    expect(e.agentId).to.equal(3010040);
    expect(e.approval).to.deep.equal({
      spNo: '202611230001',
      spName: '请假',
      spStatus: 2,
      statuChangeEvent: 2,
      templateId: '3TkaH5KFbrG9heEQWLJjhgpFNDqzQyVFiqVLyyXf',
      applyTime: 1795489300,
      applyer: { userId: 'ZhangSan', party: '2' },
      spRecords: [
        {
          spStatus: 2, approverAttr: 1,
          details: [{ approverUserId: 'LiSi', speech: '同意，注意交接', spStatus: 2, spTime: 1795492800, mediaIds: [] }],
        },
        {
          spStatus: 2, approverAttr: 2,
          details: [
            { approverUserId: 'WangWu', speech: '', spStatus: 2, spTime: 1795494000, mediaIds: [] },
            { approverUserId: 'ZhaoLiu', speech: '', spStatus: 2, spTime: 1795496400, mediaIds: [] },
          ],
        },
      ],
      notifyerUserIds: ['ChengLiang', 'HR01'],
      comments: [{ userId: 'LiSi', time: 1795492700, content: '这是一个备注', commentId: '6750538708562308220', mediaIds: [] }],
    });
    expect(e.dedupeKey).to.equal('evt:sys:1795496400:sys_approval_change:202611230001:2');
  });

  it('有 SpNoStr 时优先用它；只有一个 SpRecord 也是数组', () => {
    const e = fixtureEvent('sys_approval_change-spnostr');
    if (e.type !== 'sys_approval_change') throw new Error(e.type);
    expect(e.approval.spNo).to.equal('202611230000000000002');
    expect(e.approval.spRecords).to.have.length(1);
    expect(e.approval.notifyerUserIds).to.deep.equal([]);
    expect(e.approval.comments).to.deep.equal([]);
    expect(e.dedupeKey).to.equal('evt:sys:1795496500:sys_approval_change:202611230000000000002:1');
  });

  it('同一审批单的“提单”和“同意”回调不会互相去重', () => {
    const a = fixtureEvent('sys_approval_change');
    const b = decode(inbound('sys_approval_change').replace('<StatuChangeEvent>2<', '<StatuChangeEvent>10<'));
    expect(a.dedupeKey).not.to.equal(b.dedupeKey);
  });

  it('审批流程引擎回调（无 CDATA 的文档样例）', () => {
    const e = fixtureEvent('open_approval_change');
    if (e.type !== 'open_approval_change') throw new Error(e.type);
    expect(e.approval).to.deep.include({ thirdNo: '201806010001', openSpStatus: 1, applyUserId: 'WuJunJie', approverStep: 0 });
    expect(e.approval.approvalNodes).to.deep.equal([
      {
        nodeStatus: 1, nodeAttr: 1, nodeType: 1,
        items: [{ name: 'chauvetxiao', userId: 'XiaoWen', party: '产品部', image: 'http://www.qq.com/xxx.png', status: 1, speech: '', opTime: 0 }],
      },
    ]);
    expect(e.approval.notifyNodes.map((n) => n.userId)).to.deep.equal(['GuoJinHui']);
    expect(e.dedupeKey).to.equal('evt:sys:1527838022:open_approval_change:201806010001:1:0');
  });

  it('通讯录变更：新增成员的全部字段，没有 AgentID', () => {
    const e = fixtureEvent('change_contact-create_user');
    if (e.type !== 'change_contact') throw new Error(e.type);
    expect(e.agentId).to.equal(undefined);
    expect(e.change).to.deep.equal({
      changeType: 'create_user',
      userId: 'zhangsan',
      user: {
        name: '张三', departments: [1, 2, 3], mainDepartment: 1, isLeaderInDept: [true, false, false],
        directLeaders: ['lisi', 'wangwu'], position: '产品经理', mobile: '13800000000', gender: '1',
        email: 'zhangsan@gzdev.com', bizMail: 'zhangsan@qyycs2.wecom.work', status: 1,
        avatar: 'http://wx.qlogo.cn/mmopen/ajNVdqHZLLA3WJ6DSZUfiakYe37PKnQhBIeOQBO4czqrnZDS79FH5Wm5m4X69TBicnHFlhiafvDwklOpZeXYQQ2icg/0',
        alias: 'zhangsan', telephone: '020-123456', address: '广州市',
      },
    });
    expect(e.dedupeKey).to.equal('evt:sys:1795400000:change_contact:create_user:zhangsan');
  });

  it('通讯录变更：更新（只带变化的字段）、删除成员、部门增改删', () => {
    const upd = fixtureEvent('change_contact-update_user');
    expect(upd.type === 'change_contact' && upd.change).to.deep.equal({
      changeType: 'update_user', userId: 'zhangsan', newUserId: 'zhangsan01', user: { departments: [2], position: '高级产品经理' },
    });
    const del = fixtureEvent('change_contact-delete_user');
    expect(del.type === 'change_contact' && del.change).to.deep.equal({ changeType: 'delete_user', userId: 'zhangsan01' });
    const cp = fixtureEvent('change_contact-create_party');
    expect(cp.type === 'change_contact' && cp.change).to.deep.equal({
      changeType: 'create_party', party: { id: 2, name: '研发部', parentId: 1, order: 1 },
    });
    const up = fixtureEvent('change_contact-update_party');
    expect(up.type === 'change_contact' && up.change).to.deep.equal({ changeType: 'update_party', party: { id: 2, name: '产品研发部' } });
    const dp = fixtureEvent('change_contact-delete_party');
    expect(dp.type === 'change_contact' && dp.change).to.deep.equal({ changeType: 'delete_party', partyId: 2 });
    expect(dp.dedupeKey).to.equal('evt:sys:1795400500:change_contact:delete_party:2');
  });

  it('不认识的事件与消息类型变成 unknown，保留原始字段，不丢弃', () => {
    const loc = fixtureEvent('unknown-event');
    expect(loc).to.deep.include({ type: 'unknown', msgType: 'event', event: 'LOCATION', problem: undefined });
    if (loc.type !== 'unknown') throw new Error(loc.type);
    expect(loc.raw['Latitude']).to.equal('23.104105');
    expect(loc.dedupeKey).to.equal('evt:ZhangSan:1795489300:LOCATION');
    const video = fixtureEvent('unknown-video');
    expect(video).to.deep.include({ type: 'unknown', msgType: 'video', event: undefined, dedupeKey: 'msg:7391830567124598278' });
    const tag = decode(inbound('change_contact-delete_party').replace('delete_party', 'update_tag'));
    expect(tag).to.include({ type: 'unknown', event: 'change_contact' });
  });

  it('已知类型缺了关键字段：降级为 unknown 并写明原因', () => {
    const noMsgId = decode(inbound('text').replace(/<MsgId>\d+<\/MsgId>/, ''));
    expect(noMsgId).to.include({ type: 'unknown', msgType: 'text', problem: 'missing <MsgId>' });
    const noTask = decode(inbound('template_card_event').replace(/<TaskId>.*<\/TaskId>/, ''));
    expect(noTask).to.include({ type: 'unknown', problem: 'missing <TaskId>' });
    const noInfo = decode(inbound('sys_approval_change-spnostr').replace(/<ApprovalInfo>.*<\/ApprovalInfo>/, ''));
    expect(noInfo).to.include({ type: 'unknown', problem: 'missing <ApprovalInfo>' });
  });

  it('去重键里的冒号被转义，不同字段组合不会撞键', () => {
    expect(dedupeKey('card', 'a:b', 'c')).to.not.equal(dedupeKey('card', 'a', 'b:c'));
    expect(dedupeKey('x', '100%:')).to.equal('x:100%25%3A');
  });

  it('端到端：加密签名后的审批回调经 decodeMessage 得到同样的事件', () => {
    const { query, body } = wecomPost(inbound('sys_approval_change'));
    const r = decodeMessage(query, body, testCfg, NOW);
    if (!r.ok) throw new Error(r.refusal.reason);
    expect(r.event).to.deep.equal(fixtureEvent('sys_approval_change'));
  });
});
