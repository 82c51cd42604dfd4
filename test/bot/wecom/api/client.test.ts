import { expect } from 'chai';
import nock from 'nock';
import { WecomApiError } from '../../../../bot/wecom/api/index.js';
import { memoryTokenStore } from '../../../../bot/wecom/api/token-store.js';
import { AGENT_ID, API, CORP_ID, harness, SECRET } from './harness.js';
import { slowServer, type SlowServer } from './slow-server.js';

const TOKEN_QUERY = { corpid: CORP_ID, corpsecret: SECRET };
const ok = { errcode: 0, errmsg: 'ok' };
const textTo = (user: string) => ({ touser: user, msgtype: 'text' as const, text: { content: '你的请假已提交' } });

async function rejected(p: Promise<unknown>): Promise<WecomApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof WecomApiError) return err;
    throw err;
  }
  throw new Error('expected a WecomApiError');
}

describe('bot/wecom/api 企业微信接口客户端', () => {
  afterEach(function () {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    // Only a passing test is judged on leftovers: a failed one already reported why.
    if (this.currentTest?.state === 'passed') expect(pending, 'unused nock interceptors').to.deep.equal([]);
  });

  describe('access_token 缓存', () => {
    it('第一次调用取 token，之后复用；写入共享存储，7200 秒有效', async () => {
      const h = harness();
      nock(API).get('/cgi-bin/gettoken').query(TOKEN_QUERY).once().reply(200, { ...ok, access_token: 'TOKEN-A', expires_in: 7200 });
      nock(API)
        .post('/cgi-bin/message/send', { ...textTo('ZhangSan'), agentid: AGENT_ID })
        .query({ access_token: 'TOKEN-A' })
        .twice()
        .reply(200, { ...ok, msgid: 'MSG1', invaliduser: '' });
      const first = await h.client.messages.send(textTo('ZhangSan'));
      await h.client.messages.send(textTo('ZhangSan'));
      expect(first.msgid).to.equal('MSG1');
      expect(await h.store.read()).to.deep.equal({ token: 'TOKEN-A', expiresAt: h.clock + 7_200_000 });
    });

    it('共享存储里有别的实例取到的有效 token 时直接用，不调 gettoken', async () => {
      const store = memoryTokenStore({ token: 'SHARED', expiresAt: Date.UTC(2026, 10, 22, 3, 0, 0) });
      const h = harness({ tokenStore: store });
      nock(API).get('/cgi-bin/user/get').query({ userid: 'ZhangSan', access_token: 'SHARED' }).reply(200, { ...ok, userid: 'ZhangSan', name: '张三', department: [2] });
      const user = await h.client.users.get('ZhangSan');
      expect(user).to.include({ userid: 'ZhangSan', name: '张三' });
    });

    it('离过期不到 5 分钟时提前刷新', async () => {
      const h = harness();
      await h.store.write({ token: 'OLD', expiresAt: h.clock + 4 * 60_000 });
      nock(API).get('/cgi-bin/gettoken').query(TOKEN_QUERY).reply(200, { ...ok, access_token: 'NEW', expires_in: 7200 });
      nock(API).get('/cgi-bin/department/list').query({ access_token: 'NEW' }).reply(200, { ...ok, department: [{ id: 1, name: '总部', parentid: 0 }] });
      expect(await h.client.departments.list()).to.deep.equal([{ id: 1, name: '总部', parentid: 0 }]);
      // Two hours later the memory copy is stale too.
      h.advance(7200_000 - 4 * 60_000);
      nock(API).get('/cgi-bin/gettoken').query(TOKEN_QUERY).reply(200, { ...ok, access_token: 'NEWER', expires_in: 7200 });
      expect(await h.client.getAccessToken()).to.equal('NEWER');
    });

    it('100 个并发调用只触发一次 gettoken（single flight）', async () => {
      // A generous timeout: 100 intercepted requests can take over a second on a busy machine.
      const h = harness({ fetchTimeoutMs: 30_000 });
      nock(API).get('/cgi-bin/gettoken').query(TOKEN_QUERY).once().delay(20).reply(200, { ...ok, access_token: 'TOKEN-A', expires_in: 7200 });
      nock(API).post('/cgi-bin/message/send').query({ access_token: 'TOKEN-A' }).times(100).reply(200, { ...ok, msgid: 'M' });
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => h.client.messages.send(textTo(`u${i}`))));
      expect(results).to.have.length(100);
    });

    it('共享存储读写失败不影响发消息', async () => {
      const broken = {
        read: async () => Promise.reject(new Error('mongo down')),
        write: async () => Promise.reject(new Error('mongo down')),
      };
      const h = harness({ tokenStore: broken });
      nock(API).get('/cgi-bin/gettoken').query(TOKEN_QUERY).reply(200, { ...ok, access_token: 'T', expires_in: 7200 });
      nock(API).post('/cgi-bin/message/send').query({ access_token: 'T' }).reply(200, { ...ok, msgid: 'M' });
      expect((await h.client.messages.send(textTo('a'))).msgid).to.equal('M');
      expect(h.logLines.join('')).to.include('token store read failed');
    });

    it('Secret 错误（40001）：一分钟内不再反复调用 gettoken（防止 IP 被封）', async () => {
      const h = harness();
      nock(API).get('/cgi-bin/gettoken').query(TOKEN_QUERY).once().reply(200, { errcode: 40001, errmsg: 'invalid credential' });
      const first = await rejected(h.client.messages.send(textTo('a')));
      const second = await rejected(h.client.messages.send(textTo('b')));
      expect(first.errcode).to.equal(40001);
      expect(second).to.equal(first);
      expect(first.explanation).to.include('WECOM_SECRET');
      h.advance(60_001);
      nock(API).get('/cgi-bin/gettoken').query(TOKEN_QUERY).reply(200, { ...ok, access_token: 'T', expires_in: 7200 });
      expect(await h.client.getAccessToken()).to.equal('T');
    });

    it('gettoken 返回的内容缺字段 → bad_response', async () => {
      const h = harness();
      nock(API).get('/cgi-bin/gettoken').query(TOKEN_QUERY).reply(200, { ...ok });
      const err = await rejected(h.client.getAccessToken());
      expect(err.kind).to.equal('bad_response');
      expect(err.path).to.equal('/cgi-bin/gettoken');
    });
  });

  describe('token 中途失效', () => {
    it('42001 → 刷新一次 → 重试成功', async () => {
      const h = harness();
      nock(API).get('/cgi-bin/gettoken').query(TOKEN_QUERY).reply(200, { ...ok, access_token: 'OLD', expires_in: 7200 });
      nock(API).get('/cgi-bin/gettoken').query(TOKEN_QUERY).reply(200, { ...ok, access_token: 'FRESH', expires_in: 7200 });
      nock(API).post('/cgi-bin/message/send').query({ access_token: 'OLD' }).reply(200, { errcode: 42001, errmsg: 'access_token expired' });
      nock(API).post('/cgi-bin/message/send').query({ access_token: 'FRESH' }).reply(200, { ...ok, msgid: 'M2' });
      expect((await h.client.messages.send(textTo('ZhangSan'))).msgid).to.equal('M2');
      expect(h.sleeps).to.deep.equal([]);
      expect((await h.store.read())?.token).to.equal('FRESH');
    });

    it('40014 与 41001 同样处理；共享存储里被拒的旧 token 不会再被拿回来', async () => {
      for (const errcode of [40014, 41001]) {
        const h = harness();
        await h.store.write({ token: 'REVOKED', expiresAt: h.clock + 3_600_000 });
        nock(API).post('/cgi-bin/oa/getapprovaldetail').query({ access_token: 'REVOKED' }).reply(200, { errcode, errmsg: 'x' });
        nock(API).get('/cgi-bin/gettoken').query(TOKEN_QUERY).reply(200, { ...ok, access_token: 'GOOD', expires_in: 7200 });
        nock(API).post('/cgi-bin/oa/getapprovaldetail', { sp_no: '202611230001' }).query({ access_token: 'GOOD' }).reply(200, { ...ok, info: { sp_no: '202611230001', sp_status: 2 } });
        const info = await h.client.approval.getDetail('202611230001');
        expect(info).to.include({ sp_no: '202611230001', sp_status: 2 });
      }
    });

    it('刷新后再次 42001 → 抛出错误，不死循环', async () => {
      const h = harness();
      nock(API).get('/cgi-bin/gettoken').query(TOKEN_QUERY).twice().reply(200, { ...ok, access_token: 'SAME', expires_in: 7200 });
      const send = nock(API).post('/cgi-bin/message/send').query(true).twice().reply(200, { errcode: 42001, errmsg: 'access_token expired' });
      const err = await rejected(h.client.messages.send(textTo('ZhangSan')));
      expect(send.isDone()).to.equal(true);
      expect(err.errcode).to.equal(42001);
      expect(err.attempts).to.equal(2);
      expect(err.explanation).to.equal('access_token 已过期，会自动重新获取');
    });
  });

  describe('退避与重试', () => {
    it('45009 频率超限 → 抖动退避后成功', async () => {
      const h = harness();
      nock(API).get('/cgi-bin/gettoken').query(TOKEN_QUERY).reply(200, { ...ok, access_token: 'T', expires_in: 7200 });
      nock(API).post('/cgi-bin/message/send').query(true).twice().reply(200, { errcode: 45009, errmsg: 'api freq out of limit' });
      nock(API).post('/cgi-bin/message/send').query(true).reply(200, { ...ok, msgid: 'M3' });
      expect((await h.client.messages.send(textTo('a'))).msgid).to.equal('M3');
      // Equal jitter with random() = 0.5: 3/4 of 500 ms, then of 1000 ms.
      expect(h.sleeps).to.deep.equal([375, 750]);
      expect(h.logLines.filter((l) => l.includes('retrying'))).to.have.length(2);
    });

    it('-1 系统繁忙、45033 并发超限在预算内重试，用尽后报错（可重试）', async () => {
      const h = harness({ retry: { maxAttempts: 3 } });
      nock(API).get('/cgi-bin/gettoken').query(TOKEN_QUERY).reply(200, { ...ok, access_token: 'T', expires_in: 7200 });
      nock(API).get('/cgi-bin/user/get').query(true).reply(200, { errcode: -1, errmsg: 'system busy' });
      nock(API).get('/cgi-bin/user/get').query(true).twice().reply(200, { errcode: 45033, errmsg: 'api concurrent out of limit' });
      const err = await rejected(h.client.users.get('ZhangSan'));
      expect(err).to.include({ attempts: 3, retryable: true, outcomeUnknown: false });
      expect(err.errcode).to.equal(45033);
      expect(err.explanation).to.include('并发');
      expect(h.sleeps).to.have.length(2);
    });

    it('HTTP 500、502 重试后成功；HTTP 404 不重试', async () => {
      const h = harness();
      nock(API).get('/cgi-bin/gettoken').query(TOKEN_QUERY).reply(200, { ...ok, access_token: 'T', expires_in: 7200 });
      nock(API).post('/cgi-bin/oa/vacation/getuservacationquota').query(true).reply(500, 'Internal Server Error');
      nock(API).post('/cgi-bin/oa/vacation/getuservacationquota').query(true).reply(502, 'Bad Gateway');
      nock(API).post('/cgi-bin/oa/vacation/getuservacationquota', { userid: 'ZhangSan' }).query(true).reply(200, {
        ...ok,
        lists: [{ id: 1, assignduration: 432000, usedduration: 86400, leftduration: 345600, vacationname: '年假' }],
      });
      const quota = await h.client.vacation.getUserQuota('ZhangSan');
      expect(quota[0]).to.include({ vacationname: '年假', leftduration: 345600 });
      expect(h.sleeps).to.deep.equal([375, 750]);

      nock(API).get('/cgi-bin/oa/vacation/getcorpconf').query(true).reply(404, 'not found');
      const err = await rejected(h.client.vacation.getCorpConf());
      expect(err).to.include({ kind: 'http', attempts: 1, retryable: false });
      expect(err.explanation).to.equal('企业微信服务器返回 HTTP 404');
    });

    describe('超时（用真实的本地服务器挂起请求）', () => {
      let server: SlowServer;
      beforeEach(async () => {
        server = await slowServer();
        server.on('/cgi-bin/gettoken', { ...ok, access_token: 'TOKEN-SLOW', expires_in: 7200 });
      });
      afterEach(async () => server.close());

      it('读接口超时 → 重试，全部超时后给出清楚的错误', async () => {
        const h = harness({ apiBase: server.base, fetchTimeoutMs: 40 });
        server.on('/cgi-bin/user/get', 'hang', 'hang', 'hang', 'hang');
        const err = await rejected(h.client.users.get('ZhangSan'));
        expect(err.kind).to.equal('timeout');
        expect(err).to.include({ attempts: 4, retryable: true, outcomeUnknown: false, path: '/cgi-bin/user/get' });
        expect(err.message).to.equal('/cgi-bin/user/get: no response within 40 ms');
        expect(err.explanation).to.equal('企业微信接口 0 秒内没有响应');
        expect(server.seen.filter((p) => p.startsWith('/cgi-bin/user/get'))).to.have.length(4);
        expect(h.sleeps).to.deep.equal([375, 750, 1500]);
        expect(h.logLines.join('')).not.to.include('TOKEN-SLOW');
      });

      it('读接口一次超时后重试成功', async () => {
        const h = harness({ apiBase: server.base, fetchTimeoutMs: 40 });
        server.on('/cgi-bin/user/get', 'hang', { ...ok, userid: 'ZhangSan', name: '张三', department: [] });
        expect((await h.client.users.get('ZhangSan')).name).to.equal('张三');
      });

      it('发消息超时不盲目重发（可能已经发出），错误标明 outcomeUnknown', async () => {
        const h = harness({ apiBase: server.base, fetchTimeoutMs: 40 });
        server.on('/cgi-bin/message/send', 'hang', { ...ok, msgid: 'SHOULD-NOT-BE-ASKED' });
        const err = await rejected(h.client.messages.send(textTo('a')));
        expect(err).to.include({ kind: 'timeout', attempts: 1, outcomeUnknown: true, retryable: true });
        expect(server.seen.filter((p) => p.startsWith('/cgi-bin/message/send'))).to.have.length(1);
      });
    });

    it('连接错误（读接口）重试；错误信息里没有 URL 中的 token', async () => {
      const h = harness();
      nock(API).get('/cgi-bin/gettoken').query(TOKEN_QUERY).reply(200, { ...ok, access_token: 'TOKEN-NET', expires_in: 7200 });
      nock(API).get('/cgi-bin/department/list').query(true).times(4).replyWithError(`socket hang up on ${API}/cgi-bin/department/list?access_token=TOKEN-NET`);
      const err = await rejected(h.client.departments.list(1));
      expect(err.kind).to.equal('network');
      expect(err.attempts).to.equal(4);
      expect(err.message).not.to.include('TOKEN-NET');
      expect(err.message).to.include('access_token=[redacted]');
    });

    it('返回的不是 JSON → bad_response，不重试', async () => {
      const h = harness();
      nock(API).get('/cgi-bin/gettoken').query(TOKEN_QUERY).reply(200, { ...ok, access_token: 'T', expires_in: 7200 });
      nock(API).get('/cgi-bin/user/get').query(true).reply(200, '<html>proxy login</html>');
      const err = await rejected(h.client.users.get('a'));
      expect(err).to.include({ kind: 'bad_response', attempts: 1 });
    });
  });

  describe('错误码变成带中文说明的类型化错误', () => {
    const cases: Array<[number, string]> = [
      [60020, '企业可信IP'],
      [48002, '开通对应的 API 权限'],
      [81013, '所有接收人都无效'],
      [301025, '可见范围'],
      [301055, '可调用接口的应用'],
      [40029, 'code 只能用一次'],
      [50001, '可信域名'],
      [60011, '可见范围'],
      [301062, '假勤'],
      [301063, '8640'],
      [301098, '适用范围'],
      [301024, '30 天'],
      [999999, '错误码 999999'],
    ];
    for (const [errcode, phrase] of cases) {
      it(`errcode ${errcode}`, async () => {
        const h = harness();
        nock(API).get('/cgi-bin/gettoken').query(TOKEN_QUERY).reply(200, { ...ok, access_token: 'T', expires_in: 7200 });
        nock(API).post('/cgi-bin/message/send').query(true).reply(200, { errcode, errmsg: 'some english errmsg' });
        const err = await rejected(h.client.messages.send(textTo('a')));
        expect(err).to.be.instanceOf(WecomApiError);
        expect(err).to.include({ path: '/cgi-bin/message/send', attempts: 1, retryable: false });
        expect(err.errcode).to.equal(errcode);
        expect(err.errmsg).to.equal('some english errmsg');
        expect(err.explanation).to.include(phrase);
        expect(err.message).to.include(`errcode ${errcode}`);
        expect(h.sleeps).to.deep.equal([]);
      });
    }
  });

  describe('日志里没有 secret 和 token', () => {
    it('取 token、失效刷新、退避、失败的全过程日志都不含 secret 和 token', async () => {
      const h = harness();
      nock(API).get('/cgi-bin/gettoken').query(TOKEN_QUERY).reply(200, { ...ok, access_token: 'TOKEN-ALPHA-123', expires_in: 7200 });
      nock(API).get('/cgi-bin/gettoken').query(TOKEN_QUERY).reply(200, { ...ok, access_token: 'TOKEN-BETA-456', expires_in: 7200 });
      nock(API).post('/cgi-bin/message/send').query({ access_token: 'TOKEN-ALPHA-123' }).reply(200, { errcode: 40014, errmsg: 'invalid access_token' });
      nock(API).post('/cgi-bin/message/send').query({ access_token: 'TOKEN-BETA-456' }).reply(200, { errcode: 45009, errmsg: 'freq' });
      nock(API).post('/cgi-bin/message/send').query({ access_token: 'TOKEN-BETA-456' }).reply(200, { ...ok, msgid: 'M' });
      await h.client.messages.send(textTo('a'));
      nock(API).get('/cgi-bin/user/get').query(true).reply(200, { errcode: 60011, errmsg: 'no privilege to access/modify contact/party/agent' });
      const err = await rejected(h.client.users.get('a'));
      nock(API).get('/cgi-bin/department/list').query(true).replyWithError(`ECONNRESET ${API}/cgi-bin/gettoken?corpid=${CORP_ID}&corpsecret=${SECRET}`);
      nock(API).get('/cgi-bin/department/list').query(true).reply(200, { ...ok, department: [] });
      await h.client.departments.list();

      const log = h.logLines.join('\n');
      expect(h.logLines.length).to.be.greaterThan(5);
      for (const secret of [SECRET, 'TOKEN-ALPHA-123', 'TOKEN-BETA-456']) {
        expect(log).not.to.include(secret);
        expect(err.message).not.to.include(secret);
        expect(String(err.stack)).not.to.include(secret);
      }
      expect(log).to.include('/cgi-bin/message/send');
    });
  });

  describe('类型化调用', () => {
    beforeEach(() => {
      nock(API).get('/cgi-bin/gettoken').query(TOKEN_QUERY).reply(200, { ...ok, access_token: 'T', expires_in: 7200 });
    });

    it('发按钮交互卡片：带 task_id，返回 response_code', async () => {
      const h = harness();
      const card = {
        card_type: 'button_interaction' as const,
        task_id: 'leave-6740a1f0c2-1',
        main_title: { title: '张三的请假申请', desc: '病假 0.5 天' },
        horizontal_content_list: [{ keyname: '时间', value: '11月23日 下午' }],
        button_list: [
          { text: '同意', style: 1 as const, key: 'approve' },
          { text: '驳回', style: 2 as const, key: 'reject' },
        ],
      };
      nock(API)
        .post('/cgi-bin/message/send', { touser: 'LiSi', msgtype: 'template_card', template_card: card, agentid: AGENT_ID })
        .query({ access_token: 'T' })
        .reply(200, { ...ok, msgid: 'M', invaliduser: '', response_code: 'RC1' });
      const res = await h.client.messages.send({ touser: 'LiSi', msgtype: 'template_card', template_card: card });
      expect(res.response_code).to.equal('RC1');
    });

    it('更新卡片按钮为“已同意”', async () => {
      const h = harness();
      nock(API)
        .post('/cgi-bin/message/update_template_card', { userids: ['LiSi'], response_code: 'RC2', button: { replace_name: '已同意' }, agentid: AGENT_ID })
        .query(true)
        .reply(200, { ...ok, invaliduser: [] });
      const res = await h.client.messages.updateTemplateCard({ userids: ['LiSi'], response_code: 'RC2', button: { replace_name: '已同意' } });
      expect(res.invaliduser).to.deep.equal([]);
    });

    it('提交审批、设置假期余额、日程增改删', async () => {
      const h = harness();
      nock(API).post('/cgi-bin/oa/applyevent').query(true).reply(200, { ...ok, sp_no: '202611230001' });
      nock(API)
        .post('/cgi-bin/oa/vacation/setoneuserquota', { userid: 'ZhangSan', vacation_id: 1, leftduration: 345600, time_attr: 0, remarks: '请假审批通过' })
        .query(true)
        .reply(200, ok);
      nock(API)
        .post('/cgi-bin/oa/schedule/add', { schedule: { start_time: 1795500000, end_time: 1795503600, summary: '面试：产品经理', attendees: [{ userid: 'WangWu' }] }, agentid: AGENT_ID })
        .query(true)
        .reply(200, { ...ok, schedule_id: 'SCH1' });
      nock(API).post('/cgi-bin/oa/schedule/update', { schedule: { schedule_id: 'SCH1', start_time: 1795586400, end_time: 1795590000 } }).query(true).reply(200, ok);
      nock(API).post('/cgi-bin/oa/schedule/del', { schedule_id: 'SCH1' }).query(true).reply(200, ok);

      const applied = await h.client.approval.apply({
        creator_userid: 'ZhangSan',
        template_id: 'TPL',
        use_template_approver: 1,
        apply_data: {
          contents: [
            {
              control: 'Vacation',
              id: 'vacation-1',
              value: {
                vacation: {
                  selector: { type: 'single', options: [{ key: '3', value: [{ text: '病假', lang: 'zh_CN' }] }] },
                  attendance: { date_range: { type: 'halfday', new_begin: 1795500000, new_end: 1795514400, new_duration: 43200 }, type: 1 },
                },
              },
            },
          ],
        },
        summary_list: [{ summary_info: [{ text: '病假 0.5 天', lang: 'zh_CN' }] }],
      });
      expect(applied.sp_no).to.equal('202611230001');
      await h.client.vacation.setUserQuota({ userid: 'ZhangSan', vacation_id: 1, leftduration: 345600, time_attr: 0, remarks: '请假审批通过' });
      const id = await h.client.schedule.add({ start_time: 1795500000, end_time: 1795503600, summary: '面试：产品经理', attendees: [{ userid: 'WangWu' }] });
      await h.client.schedule.update({ schedule: { schedule_id: id, start_time: 1795586400, end_time: 1795590000 } });
      await h.client.schedule.del({ schedule_id: id });
    });

    it('OAuth：成员与非成员；code 过期 40029 不重试', async () => {
      const h = harness();
      nock(API).get('/cgi-bin/auth/getuserinfo').query({ access_token: 'T', code: 'C1' }).reply(200, { ...ok, userid: 'ZhangSan', user_ticket: 'UT' });
      nock(API).get('/cgi-bin/auth/getuserinfo').query({ access_token: 'T', code: 'C2' }).reply(200, { ...ok, openid: 'OPEN', external_userid: 'EXT' });
      nock(API).get('/cgi-bin/auth/getuserinfo').query({ access_token: 'T', code: 'C3' }).reply(200, { errcode: 40029, errmsg: 'invalid code' });
      expect(await h.client.auth.getUserInfo('C1')).to.deep.equal({ kind: 'member', userId: 'ZhangSan', userTicket: 'UT' });
      expect(await h.client.auth.getUserInfo('C2')).to.deep.equal({ kind: 'non_member', openId: 'OPEN', externalUserId: 'EXT' });
      const err = await rejected(h.client.auth.getUserInfo('C3'));
      expect(err.errcode).to.equal(40029);
    });

    it('成员列表、简单列表、ID 列表', async () => {
      const h = harness();
      nock(API).get('/cgi-bin/user/list').query({ access_token: 'T', department_id: 2 }).reply(200, { ...ok, userlist: [{ userid: 'a', name: 'A', department: [2] }] });
      nock(API).get('/cgi-bin/user/simplelist').query({ access_token: 'T', department_id: 2 }).reply(200, { ...ok, userlist: [{ userid: 'a', name: 'A', department: [2] }] });
      nock(API).post('/cgi-bin/user/list_id', { limit: 10000 }).query(true).reply(200, { ...ok, next_cursor: 'N', dept_user: [{ userid: 'a', department: 2 }] });
      expect(await h.client.users.list(2)).to.have.length(1);
      expect(await h.client.users.simpleList(2)).to.have.length(1);
      expect((await h.client.users.listIds()).next_cursor).to.equal('N');
    });

    it('JS-SDK：票据缓存 7200 秒，两种签名各取一次票据，URL 去掉 #', async () => {
      const h = harness();
      nock(API).get('/cgi-bin/get_jsapi_ticket').query({ access_token: 'T' }).once().reply(200, { ...ok, ticket: 'CORP-TICKET', expires_in: 7200 });
      nock(API).get('/cgi-bin/ticket/get').query({ access_token: 'T', type: 'agent_config' }).once().reply(200, { ...ok, ticket: 'AGENT-TICKET', expires_in: 7200 });
      const a = await h.client.jsapi.configSignature('https://hr.example.com/payslip?m=2026-10#top', { nonceStr: 'n', timestamp: 1 });
      const b = await h.client.jsapi.configSignature('https://hr.example.com/payslip?m=2026-10', { nonceStr: 'n', timestamp: 1 });
      expect(a.signature).to.equal(b.signature);
      const c = await h.client.jsapi.agentConfigSignature('https://hr.example.com/payslip?m=2026-10', { nonceStr: 'n', timestamp: 1 });
      expect(c.signature).not.to.equal(a.signature);
      expect((await h.client.jsapi.configSignature('https://hr.example.com/')).timestamp).to.equal(Math.floor(h.clock / 1000));
    });

    it('apiBase 带路径前缀时保留（模拟器）', async () => {
      nock.cleanAll();
      const h = harness({ apiBase: `${API}/wecom-sim/` });
      nock(API).get('/wecom-sim/cgi-bin/gettoken').query(TOKEN_QUERY).reply(200, { ...ok, access_token: 'T', expires_in: 7200 });
      expect(await h.client.getAccessToken()).to.equal('T');
    });
  });
});
