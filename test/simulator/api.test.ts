/**
 * The simulated WeCom server API: shapes and error codes, tokens, messages,
 * single-use response codes, limits — mostly through the app's own API client,
 * so the simulator is checked against what the app really sends and expects.
 */
import { expect } from 'chai';
import { WecomApiError } from '../../bot/wecom/api/index.js';
import { call, CORP, startRig, token, type Rig } from './harness.js';

describe('企业微信模拟器：服务端接口', () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig();
  });
  afterEach(() => rig.stop());

  describe('gettoken 与 access_token', () => {
    it('CorpID 或 Secret 不对时给出企业微信的错误码', async () => {
      expect(await call(rig.base, '/cgi-bin/gettoken', { query: { corpid: 'nope', corpsecret: CORP.secret } })).to.include({ errcode: 40013 });
      expect(await call(rig.base, '/cgi-bin/gettoken', { query: { corpid: CORP.corpId, corpsecret: 'wrong' } })).to.include({ errcode: 40001 });
    });

    it('有效期内再取拿到同一个 token，7200 秒后过期（42001），缺少时 41001，乱写时 40014', async () => {
      const first = await call(rig.base, '/cgi-bin/gettoken', { query: { corpid: CORP.corpId, corpsecret: CORP.secret } });
      expect(first).to.include({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
      expect(await token(rig.base)).to.equal(first['access_token']);
      const t = String(first['access_token']);
      expect(await call(rig.base, '/cgi-bin/user/get', { query: { userid: 'LiNa' } })).to.include({ errcode: 41001 });
      expect(await call(rig.base, '/cgi-bin/user/get', { query: { access_token: 'forged', userid: 'LiNa' } })).to.include({ errcode: 40014 });
      rig.clock.advance(7201_000);
      expect(await call(rig.base, '/cgi-bin/user/get', { query: { access_token: t, userid: 'LiNa' } })).to.include({ errcode: 42001 });
      expect(await token(rig.base)).to.not.equal(t);
    });

    it('token 被提前作废时，应用的客户端刷新一次后照常调用', async () => {
      await rig.client.users.get('LiNa');
      rig.sim.revokeTokens();
      const u = await rig.client.users.get('LiNa');
      expect(u.name).to.equal('李娜');
    });
  });

  describe('message/send', () => {
    it('文本发给两人，其中一个不存在：照发，invaliduser 里是小写的 userid', async () => {
      const r = await call(rig.base, '/cgi-bin/message/send', {
        query: { access_token: await token(rig.base) },
        body: { touser: 'WangFang|NoSuchUser', msgtype: 'text', agentid: CORP.agentId, text: { content: '你好' } },
      });
      expect(r).to.include({ errcode: 0, invaliduser: 'nosuchuser' });
      expect(r['msgid']).to.be.a('string');
      expect(rig.sim.chat('WangFang').map((i) => i.kind)).to.deep.equal(['bot']);
    });

    it('接收人全部无效 81013；agentid 不对 40056；超过 2048 字节 45002；空内容 44004；未知类型 40008', async () => {
      const t = await token(rig.base);
      const send = (body: Record<string, unknown>) => call(rig.base, '/cgi-bin/message/send', { query: { access_token: t }, body: { agentid: CORP.agentId, msgtype: 'text', ...body } });
      expect(await send({ touser: 'Nobody|Gone', text: { content: 'x' } })).to.include({ errcode: 81013 });
      expect(await send({ touser: 'WangFang', agentid: 1, text: { content: 'x' } })).to.include({ errcode: 40056 });
      expect(await send({ touser: 'WangFang', text: { content: '字'.repeat(683) } })).to.include({ errcode: 45002 });
      expect(await send({ touser: 'WangFang', text: { content: '' } })).to.include({ errcode: 44004 });
      expect(await send({ touser: 'WangFang', msgtype: 'video', video: {} })).to.include({ errcode: 40008 });
    });

    it('发给部门：部门下（含子部门）在职的人都收到，离职的不算', async () => {
      await rig.client.messages.send({ toparty: '1', msgtype: 'markdown', markdown: { content: '**通知**' } });
      for (const u of ['Boss', 'LiNa', 'WangFang']) expect(rig.sim.chat(u)).to.have.length(1);
      expect(rig.sim.chat('Gone')).to.have.length(0);
    });

    it('按钮卡片必须带 task_id，task_id 不能重复；发出后返回一次性的 response_code', async () => {
      const card = { card_type: 'button_interaction', main_title: { title: '请假' }, button_list: [{ text: '同意', key: 'approve' }] };
      const t = await token(rig.base);
      const send = (c: Record<string, unknown>) =>
        call(rig.base, '/cgi-bin/message/send', { query: { access_token: t }, body: { touser: 'LiNa', msgtype: 'template_card', agentid: CORP.agentId, template_card: c } });
      expect(await send(card)).to.include({ errcode: 40058 });
      const ok = await send({ ...card, task_id: 'leave-1' });
      expect(ok).to.include({ errcode: 0 });
      expect(ok['response_code']).to.be.a('string').with.length.above(20);
      expect(await send({ ...card, task_id: 'leave-1' })).to.include({ errcode: 40058 });
      expect(await send({ ...card, task_id: 'bad id!' })).to.include({ errcode: 40058 });
    });

    it('重发时带 enable_duplicate_check：窗口内同样的消息不再出现，回答里是原来的 msgid', async () => {
      const first = await rig.client.messages.send({ touser: 'WangFang', msgtype: 'text', text: { content: '已提交，等待审批' } });
      const again = await rig.client.messages.send({ touser: 'WangFang', msgtype: 'text', text: { content: '已提交，等待审批' }, enable_duplicate_check: 1, duplicate_check_interval: 600 });
      expect(again.msgid).to.equal(first.msgid);
      expect(rig.sim.chat('WangFang')).to.have.length(1);
      // Without the flag, or after the window, the same words are a new message.
      await rig.client.messages.send({ touser: 'WangFang', msgtype: 'text', text: { content: '已提交，等待审批' } });
      rig.clock.advance(601_000);
      await rig.client.messages.send({ touser: 'WangFang', msgtype: 'text', text: { content: '已提交，等待审批' }, enable_duplicate_check: 1, duplicate_check_interval: 600 });
      expect(rig.sim.chat('WangFang')).to.have.length(3);
    });

    it('给同一个人一分钟内发第 31 条：接口照常成功，但企业微信把它丢掉', async () => {
      for (let i = 1; i <= 31; i += 1) await rig.client.messages.send({ touser: 'WangFang', msgtype: 'text', text: { content: `第 ${i} 条` } });
      const chat = rig.sim.chat('WangFang');
      expect(chat.filter((i) => i.kind === 'bot')).to.have.length(30);
      expect(chat[30]).to.include({ kind: 'dropped' });
      rig.clock.advance(61_000);
      await rig.client.messages.send({ touser: 'WangFang', msgtype: 'text', text: { content: '一分钟后' } });
      expect(rig.sim.chat('WangFang').at(-1)).to.include({ kind: 'bot' });
    });
  });

  describe('update_template_card：response_code 只能用一次', () => {
    const card = { card_type: 'button_interaction' as const, task_id: 'leave-abc', main_title: { title: '王芳的请假申请' }, button_list: [{ text: '同意', key: 'approve', style: 1 as const }, { text: '驳回', key: 'reject', style: 2 as const }] };

    it('发送得到的 code 更新一次成功，再用就报错；点击得到的新 code 还能再更新一次', async () => {
      const sent = await rig.client.messages.send({ touser: 'LiNa', msgtype: 'template_card', template_card: card });
      await rig.client.messages.updateTemplateCard({ userids: ['LiNa'], response_code: sent.response_code!, button: { replace_name: '处理中' } });
      let err: unknown;
      try {
        await rig.client.messages.updateTemplateCard({ userids: ['LiNa'], response_code: sent.response_code!, button: { replace_name: '再来' } });
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(WecomApiError);
      expect((err as WecomApiError).failure).to.include({ kind: 'errcode', errcode: 40058 });

      const copy = rig.sim.chat('LiNa')[0];
      expect(copy?.kind === 'bot' && copy.card?.replaceName).to.equal('处理中');
    });

    it('点击卡片按钮：回调带 TaskId、EventKey 和新的 ResponseCode，用它把按钮改成“已同意”', async () => {
      const sent = await rig.client.messages.send({ touser: 'LiNa', msgtype: 'template_card', template_card: card });
      const tapped = await rig.sim.tap('LiNa', sent.msgid, 'approve');
      expect(tapped).to.deep.include({ ok: true });
      const ev = rig.app.events.at(-1);
      if (ev?.type !== 'template_card_event') throw new Error(`expected a card event, got ${ev?.type}`);
      expect(ev).to.include({ fromUser: 'LiNa', taskId: 'leave-abc', eventKey: 'approve', cardType: 'button_interaction', corpId: CORP.corpId, agentId: CORP.agentId });
      expect(ev.responseCode).to.not.equal(sent.response_code);
      await rig.client.messages.updateTemplateCard({ userids: ['LiNa'], response_code: ev.responseCode, button: { replace_name: '已同意' } });
      const copy = rig.sim.chat('LiNa')[0];
      expect(copy?.kind === 'bot' && copy.card).to.include({ replaceName: '已同意', tappedKey: 'approve' });
      // A handled card takes no more taps.
      expect(await rig.sim.tap('LiNa', sent.msgid, 'reject')).to.deep.equal({ ok: false, reason: '这张卡片已经处理过了' });
    });

    it('未知的 code、过了 72 小时的 code 都不能用；带菜单的通知卡片只能整张替换', async () => {
      const update = async (body: Record<string, unknown>) =>
        call(rig.base, '/cgi-bin/message/update_template_card', { query: { access_token: await token(rig.base) }, body: { agentid: CORP.agentId, userids: ['LiNa'], ...body } });
      expect(await update({ response_code: 'made-up', button: { replace_name: '已同意' } })).to.include({ errcode: 40058 });
      const notice = await rig.client.messages.send({
        touser: 'LiNa', msgtype: 'template_card',
        template_card: { card_type: 'text_notice', task_id: 'notice-1', main_title: { title: '通知' }, action_menu: { action_list: [{ text: '不再提醒', key: 'mute' }] }, card_action: { type: 1, url: 'http://app.example:3000/' } },
      });
      // A notice card with an action menu can be replaced, but it has no buttons to grey out.
      expect(await update({ response_code: notice.response_code, button: { replace_name: '已读' } })).to.include({ errcode: 40058 });
      expect(await update({ response_code: notice.response_code, template_card: { card_type: 'text_notice', main_title: { title: '已读' }, card_action: { type: 0 } } })).to.include({ errcode: 0 });
      const plain = await rig.client.messages.send({ touser: 'LiNa', msgtype: 'template_card', template_card: { card_type: 'text_notice', main_title: { title: '无菜单' }, card_action: { type: 0 } } });
      expect(plain.response_code).to.equal(undefined);
      const sent = await rig.client.messages.send({ touser: 'LiNa', msgtype: 'template_card', template_card: { ...card, task_id: 'leave-old' } });
      rig.clock.advance(72 * 3600_000 + 1000);
      expect(await update({ response_code: sent.response_code, button: { replace_name: '已同意' } })).to.include({ errcode: 40058 });
    });

    it('整张卡片替换成新卡片', async () => {
      const sent = await rig.client.messages.send({ touser: 'LiNa', msgtype: 'template_card', template_card: card });
      await rig.client.messages.updateTemplateCard({
        userids: ['LiNa'], response_code: sent.response_code!,
        template_card: { card_type: 'text_notice', main_title: { title: '已处理' }, card_action: { type: 1, url: 'http://app.example:3000/x' } },
      });
      const copy = rig.sim.chat('LiNa')[0];
      expect(copy?.kind === 'bot' && copy.card?.replacedCard).to.deep.include({ card_type: 'text_notice' });
    });
  });

  describe('通讯录', () => {
    it('user/get、user/list、simplelist、list_id 分页、department/list，和企业微信的字段一致', async () => {
      const u = await rig.client.users.get('WangFang');
      expect(u).to.include({ userid: 'WangFang', name: '王芳', main_department: 2, status: 1 });
      expect(u.direct_leader).to.deep.equal(['LiNa']);
      expect(u).to.not.have.property('mobile');
      expect((await rig.client.users.list(2)).map((x) => x.userid)).to.deep.equal(['LiNa', 'WangFang', 'Gone']);
      expect((await rig.client.users.simpleList(1)).map((x) => x.userid)).to.deep.equal(['Boss']);
      const page1 = await rig.client.users.listIds(undefined, 2);
      expect(page1.dept_user).to.have.length(2);
      const page2 = await rig.client.users.listIds(page1.next_cursor, 2);
      expect(page2.dept_user).to.have.length(2);
      expect(page2.next_cursor).to.equal('');
      expect((await rig.client.departments.list()).map((d) => d.id)).to.deep.equal([1, 2]);
      expect((await rig.client.departments.list(2)).map((d) => d.name)).to.deep.equal(['研发部']);
      const t = await token(rig.base);
      expect(await call(rig.base, '/cgi-bin/user/get', { query: { access_token: t, userid: 'Nobody' } })).to.include({ errcode: 60111 });
      expect(await call(rig.base, '/cgi-bin/user/list', { query: { access_token: t, department_id: '99' } })).to.include({ errcode: 60123 });
    });

    it('没模拟的接口也按企业微信的格式回答', async () => {
      expect(await call(rig.base, '/cgi-bin/media/upload', { query: { access_token: await token(rig.base) } })).to.include({ errcode: 48001 });
    });
  });

  describe('日程', () => {
    it('添加、修改（覆盖式）、删除；删过的再删报错；只给参与人看', async () => {
      const start = Math.floor(rig.clock.t / 1000) + 86_400;
      const id = await rig.client.schedule.add({ start_time: start, end_time: start + 3600, summary: '面试：周晨', attendees: [{ userid: 'LiNa' }], admins: ['Boss'], reminders: { is_remind: 1, remind_before_event_secs: 900 } });
      expect(rig.sim.schedules('LiNa').map((s) => s.schedule.summary)).to.deep.equal(['面试：周晨']);
      expect(rig.sim.schedules('WangFang')).to.deep.equal([]);
      await rig.client.schedule.update({ schedule: { schedule_id: id, start_time: start + 7200, end_time: start + 9000, summary: '面试：周晨（改期）', attendees: [{ userid: 'WangFang' }] } });
      expect(rig.sim.schedules('WangFang')[0]?.schedule).to.include({ summary: '面试：周晨（改期）', start_time: start + 7200 });
      expect(rig.sim.schedules('LiNa')).to.deep.equal([]);
      await rig.client.schedule.del({ schedule_id: id });
      expect(rig.sim.schedules('WangFang')).to.deep.equal([]);
      let err: unknown;
      try {
        await rig.client.schedule.del({ schedule_id: id });
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(WecomApiError);
    });

    it('结束早于开始、参与人不存在都被拒绝', async () => {
      const t = await token(rig.base);
      const add = (schedule: Record<string, unknown>) => call(rig.base, '/cgi-bin/oa/schedule/add', { query: { access_token: t }, body: { agentid: CORP.agentId, schedule } });
      expect(await add({ start_time: 200, end_time: 100 })).to.include({ errcode: 40058 });
      expect(await add({ start_time: 100, end_time: 200, attendees: [{ userid: 'Nobody' }] })).to.include({ errcode: 40003 });
    });
  });

  describe('假期与审批', () => {
    it('假期配置、余额（秒）、设置余额必须是 0.1 天的整数倍', async () => {
      const conf = await rig.client.vacation.getCorpConf();
      expect(conf.map((c) => c.name)).to.deep.equal(['年假', '病假']);
      const quota = await rig.client.vacation.getUserQuota('WangFang');
      expect(quota).to.deep.equal([{ id: 1, assignduration: 864_000, usedduration: 0, leftduration: 864_000, vacationname: '年假', real_assignduration: 864_000 }]);
      await rig.client.vacation.setUserQuota({ userid: 'WangFang', vacation_id: 1, leftduration: 7 * 86_400, time_attr: 0, remarks: '用掉 3 天' });
      expect((await rig.client.vacation.getUserQuota('WangFang'))[0]).to.include({ leftduration: 604_800 });
      const t = await token(rig.base);
      expect(await call(rig.base, '/cgi-bin/oa/vacation/setoneuserquota', { query: { access_token: t }, body: { userid: 'WangFang', vacation_id: 1, leftduration: 1000, time_attr: 0 } })).to.include({ errcode: 301063 });
    });

    it('提交审批得到 sp_no，审批人在企业微信里同意后应用收到 sys_approval_change', async () => {
      const { sp_no } = await rig.client.approval.apply({
        creator_userid: 'WangFang', template_id: 'tpl-leave', use_template_approver: 0,
        approver: [{ attr: 1, userid: ['LiNa'] }],
        apply_data: { contents: [{ control: 'Text', id: 'reason', value: { text: '回老家' } }] },
        summary_list: [{ summary_info: [{ text: '年假 3 天', lang: 'zh_CN' }] }],
      });
      expect(sp_no).to.match(/^20261122\d{6}$/);
      expect(rig.sim.pendingApprovals('LiNa').map((a) => a.spNo)).to.deep.equal([sp_no]);
      expect((await rig.client.approval.getDetail(sp_no))).to.include({ sp_status: 1, template_id: 'tpl-leave' });
      expect(await rig.sim.decide(sp_no, 'WangFang', 'approve')).to.deep.equal({ ok: false, reason: '现在不是你审批' });
      const r = await rig.sim.decide(sp_no, 'LiNa', 'approve', '好的');
      expect(r.ok).to.equal(true);
      const ev = rig.app.events.at(-1);
      if (ev?.type !== 'sys_approval_change') throw new Error(`expected an approval change, got ${ev?.type}`);
      expect(ev.approval).to.include({ spNo: sp_no, spStatus: 2, statuChangeEvent: 2, templateId: 'tpl-leave' });
      expect(ev.approval.spRecords[0]?.details[0]).to.include({ approverUserId: 'LiNa', speech: '好的', spStatus: 2 });
      expect((await rig.client.approval.getDetail(sp_no)).sp_status).to.equal(2);
      const t = await token(rig.base);
      expect(await call(rig.base, '/cgi-bin/oa/applyevent', { query: { access_token: t }, body: { creator_userid: 'Nobody', template_id: 'x', use_template_approver: 1, apply_data: { contents: [] }, summary_list: [{}] } })).to.include({ errcode: 301025 });
    });
  });

  describe('JS-SDK 票据', () => {
    it('企业票据和应用票据各自缓存，签名可以算出来', async () => {
      const corp = await rig.client.jsapi.getCorpTicket();
      const agent = await rig.client.jsapi.getAgentTicket();
      expect(corp).to.not.equal(agent);
      expect(await rig.client.jsapi.getCorpTicket()).to.equal(corp);
      const sig = await rig.client.jsapi.configSignature('http://app.example:3000/p?x=1#frag', { nonceStr: 'n', timestamp: 1 });
      expect(sig.signature).to.match(/^[0-9a-f]{40}$/);
    });
  });
});
