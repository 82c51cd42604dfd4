/**
 * 请假的故事：员工、经理、HR 在企业微信里说话、点卡片，一切都经过真实的回调地址
 * （加密、签名、HTTP），企业微信的服务端 API 由 nock 扮演。时钟固定在
 * 2026-11-22（周日）上午 10 点，所以“下周一”就是 11 月 23 日。
 */
import { expect } from 'chai';
import { useTestDatabase } from '../helpers/db.js';
import { WecomApp, signedCallback, textXml, type WecomAppOptions } from '../helpers/wecomApp.js';
import { EmployeeModel } from '../../models/employee.js';
import { LeaveRequestModel } from '../../models/leaveRequest.js';
import { LeaveAccountModel } from '../../models/leaveAccount.js';
import { getBalance, postEntry } from '../../models/leaveLedger.js';


async function seedCompany(annualDays = 10): Promise<void> {
  await EmployeeModel.create([
    { userid: 'wangfang', name: '王芳', departments: [2], managerUserid: 'lina', roles: ['employee'], source: 'seed' },
    { userid: 'lina', name: '李娜', departments: [2], roles: ['employee', 'manager'], source: 'seed' },
    { userid: 'zhaomin', name: '赵敏', departments: [1], roles: ['employee', 'hr'], source: 'seed' },
  ]);
  await postEntry('wangfang', 'annual', { key: 'alloc:2026', kind: 'allocation', days: annualDays, by: 'hr' });
}

interface Card {
  readonly taskId: string;
  readonly body: Record<string, unknown>;
}

function cardsTo(app: WecomApp, userid: string): Card[] {
  return app.api.sentTo(userid)
    .filter((b) => b['msgtype'] === 'template_card')
    .map((body) => ({ taskId: String((body['template_card'] as { task_id: string }).task_id), body }));
}

describe('故事：请假（经真实回调地址，nock 扮演企业微信）', () => {
  useTestDatabase();
  let app: WecomApp;

  async function start(opts: WecomAppOptions = {}): Promise<WecomApp> {
    app = await WecomApp.start(opts);
    return app;
  }

  afterEach(async () => {
    await app?.stop();
  });

  /** 王芳 asks, confirms; returns the card 李娜 received. */
  async function requestAndConfirm(text = '我想请下周一到周三的年假'): Promise<{ summary: string; card: Card }> {
    await app.sendText('wangfang', text);
    const summary = await app.nextText('wangfang');
    await app.sendText('wangfang', '确认');
    expect(await app.nextText('wangfang')).to.equal('已提交，等待 李娜 审批。有结果我会马上告诉你。');
    await app.waitFor(() => cardsTo(app, 'lina').length > 0, '李娜收到审批卡片');
    return { summary, card: cardsTo(app, 'lina').at(-1)! };
  }

  it('王芳：我想请下周一到周三的年假 → 确认 → 李娜收到卡片 → 点同意 → 卡片变“已同意” → 王芳收到通知 → 年假少 3 天', async () => {
    await seedCompany();
    await start();
    const { summary, card } = await requestAndConfirm();
    expect(summary).to.include('11月23日（周一） 至 11月25日（周三）').and.include('3 天').and.include('审批人：李娜');

    expect(card.taskId).to.match(/^leave-[0-9a-f]{24}$/);
    expect(card.body).to.deep.equal({
      touser: 'lina',
      msgtype: 'template_card',
      agentid: 1000002,
      template_card: {
        card_type: 'button_interaction',
        task_id: card.taskId,
        source: { desc: 'HR 助手 · 请假审批', desc_color: 0 },
        main_title: { title: '王芳的请假申请', desc: '年假 3 天' },
        horizontal_content_list: [
          { keyname: '类型', value: '年假' },
          { keyname: '时间', value: '11月23日（周一） 至 11月25日（周三）' },
          { keyname: '天数', value: '3 天' },
          { keyname: '批准后余额', value: '7 天' },
        ],
        button_list: [
          { type: 0, text: '同意', style: 1, key: 'approve' },
          { type: 0, text: '驳回', style: 2, key: 'reject' },
        ],
      },
    });

    await app.tapCard('lina', card.taskId, 'approve', 'rc-click-lina');
    await app.waitFor(() => app.api.cardUpdates().length > 0, '卡片更新');
    expect(app.api.cardUpdates()).to.deep.equal([{ userids: ['lina'], response_code: 'rc-click-lina', button: { replace_name: '已同意' }, agentid: 1000002 }]);
    expect(await app.nextText('wangfang')).to.equal('你的年假申请（11月23日（周一） 至 11月25日（周三），3 天）已通过 ✅ 审批人：李娜');
    expect(await getBalance('wangfang', 'annual')).to.equal(7);
    expect((await LeaveRequestModel.findOne({ userid: 'wangfang' }).lean())?.status).to.equal('approved');
  });

  it('李娜连点两次“同意”、又点“驳回” → 只算第一次；第二次点击被去重，点驳回得到“已通过”的提示', async () => {
    await seedCompany();
    await start();
    const { card } = await requestAndConfirm();
    await app.tapCard('lina', card.taskId, 'approve', 'rc-1');
    app.clock.advance(1_000);
    await app.tapCard('lina', card.taskId, 'approve', 'rc-2');
    await app.settle();
    expect(app.api.textsTo('wangfang').filter((t) => t.includes('已通过'))).to.have.length(1);

    app.clock.advance(1_000);
    await app.tapCard('lina', card.taskId, 'reject', 'rc-3');
    expect(await app.nextText('lina', app.api.sentTo('lina').length)).to.equal('这条申请已通过（李娜），不需要再处理。');
    expect(app.api.cardUpdates().map((u) => u['button'])).to.deep.equal([{ replace_name: '已同意' }, { replace_name: '已同意' }]);
    expect((await LeaveRequestModel.findOne({ userid: 'wangfang' }).lean())?.status).to.equal('approved');
    expect(await getBalance('wangfang', 'annual')).to.equal(7);
  });

  it('企业微信重试同一个回调（没收到 200）→ 只处理一次', async () => {
    await seedCompany();
    await start();
    const req = signedCallback(textXml('wangfang', '我的年假还剩几天', Math.floor(app.clock.now().getTime() / 1000), '7391830567124590001'), app.clock.now());
    await Promise.all([app.postSigned(req), app.postSigned(req), app.postSigned(req)]);
    await app.settle();
    expect(app.api.textsTo('wangfang')).to.have.length(1);
    expect(app.api.textsTo('wangfang')[0]).to.include('年假：可用 10 天');
  });

  it('经理和 HR 同时点：经理点同意、HR 点驳回 → 只有一个决定生效，另一方被告知已处理，余额与结果一致', async () => {
    await seedCompany();
    await start();
    const { card } = await requestAndConfirm();
    const seenLina = app.api.sentTo('lina').length;
    await Promise.all([
      app.tapCard('lina', card.taskId, 'approve', 'rc-lina'),
      app.tapCard('zhaomin', `${card.taskId}-hr`, 'reject', 'rc-zhaomin'),
    ]);
    await app.settle();
    const request = await LeaveRequestModel.findOne({ userid: 'wangfang' }).lean();
    expect(['approved', 'rejected']).to.include(request?.status);
    const outcomes = app.api.textsTo('wangfang').filter((t) => t.includes('已通过') || t.includes('没有通过'));
    expect(outcomes).to.have.length(1);
    const loser = request?.status === 'approved' ? 'zhaomin' : 'lina';
    const loserTexts = app.api.textsTo(loser).slice(loser === 'lina' ? seenLina : 0);
    expect(loserTexts.some((t) => t.startsWith('这条申请已'))).to.equal(true);
    expect(await getBalance('wangfang', 'annual')).to.equal(request?.status === 'approved' ? 7 : 10);
  });

  it('王芳提交后撤回 → 卡片变“已撤回”，李娜收到通知，年假退回', async () => {
    await seedCompany();
    await start();
    const { card } = await requestAndConfirm();
    expect(await getBalance('wangfang', 'annual')).to.equal(7); // reserved while pending
    await app.sendText('wangfang', '撤回我的请假申请');
    expect(await app.nextText('wangfang')).to.include('要撤回 11月23日（周一） 至 11月25日（周三） 的年假（待审批）');
    await app.sendText('wangfang', '确认');
    expect(await app.nextText('wangfang')).to.include('已撤回').and.include('余额已退回');
    await app.waitFor(() => app.api.cardUpdates().length > 0, '卡片更新');
    // No tap happened: the update uses the response_code WeCom returned when the card was sent.
    expect(app.api.cardUpdates()[0]).to.deep.include({ userids: ['lina'], response_code: `rc-send-${card.taskId}`, button: { replace_name: '已撤回' } });
    expect(app.api.textsTo('lina').at(-1)).to.include('王芳 撤回了请假申请');
    expect(await getBalance('wangfang', 'annual')).to.equal(10);
    expect(cardsTo(app, 'lina').map((c) => c.taskId)).to.deep.equal([card.taskId]);
  });

  it('撤回和审批同时发生 → 结果只有一个（已撤回，或批准后立即取消），年假一天不少、账目不重复', async () => {
    await seedCompany();
    await start();
    const { card } = await requestAndConfirm();
    await app.sendText('wangfang', '撤回我的请假申请');
    await app.nextText('wangfang');
    await Promise.all([app.sendText('wangfang', '确认'), app.tapCard('lina', card.taskId, 'approve', 'rc-race')]);
    await app.settle();
    const request = await LeaveRequestModel.findOne({ userid: 'wangfang' }).lean();
    expect(['withdrawn', 'cancelled']).to.include(request?.status);
    // Whichever came first, she is told the leave is off (never "too late to withdraw").
    expect(app.api.textsTo('wangfang').filter((t) => /^已(撤回|取消)/.test(t))).to.have.length(1);
    expect(app.api.textsTo('wangfang').some((t) => t.includes('不能撤回'))).to.equal(false);
    expect(await getBalance('wangfang', 'annual')).to.equal(10);
    const account = await LeaveAccountModel.findOne({ userid: 'wangfang', leaveType: 'annual' }).lean();
    expect(account?.entries.map((e) => e.kind).sort()).to.deep.equal(['allocation', 'restore', 'usage']);
  });

  it('年假不够：可用 2 天想请 3 天 → 说清楚还剩多少，建议缩短或换假', async () => {
    await seedCompany(2);
    await start();
    await app.sendText('wangfang', '我想请下周一到周三的年假');
    expect(await app.nextText('wangfang')).to.equal('年假可用 2 天，不够这次的 3 天。可以缩短时间，或者改成其他假（比如“改成事假”）。');
    await app.settle();
    expect(cardsTo(app, 'lina')).to.deep.equal([]);
  });

  it('和已有申请重叠：已请下周一到周三年假，再请下周二病假 → 提示重叠', async () => {
    await seedCompany();
    await start();
    await requestAndConfirm();
    await app.sendText('wangfang', '下周二请一天病假');
    expect(await app.nextText('wangfang')).to.include('时间重叠了').and.include('11月23日（周一） 至 11月25日（周三） 的年假');
  });

  it('跨国庆：9 月 28 日到 10 月 10 日的年假 = 6 个工作日（10 月 1–7 日放假，10 月 10 日周六调休上班）', async () => {
    await seedCompany();
    await start({ now: new Date('2026-09-20T10:00:00+08:00') });
    await app.sendText('wangfang', '我想请9月28日到10月10日的年假');
    const summary = await app.nextText('wangfang');
    expect(summary).to.include('9月28日（周一） 至 10月10日（周六）');
    expect(summary).to.include('天数：6 天（按工作日计）');
    expect(summary).to.include('批准后剩 4 天');
  });

  it('按节日说：“春节后第一天请两天年假”（1 月说）→ 日历里的春节之后：2 月 24–25 日', async () => {
    await seedCompany();
    await start({ now: new Date('2026-01-20T10:00:00+08:00') });
    await app.sendText('wangfang', '春节后第一天请两天年假');
    const summary = await app.nextText('wangfang');
    expect(summary).to.include('2月24日（周二） 至 2月25日（周三）').and.include('天数：2 天');
  });

  it('日历里还没有明年的春节：“春节后第一天请两天年假”→ 说明原因，请她直接说日期；说了日期照常往下走', async () => {
    await seedCompany();
    await start();
    await app.sendText('wangfang', '春节后第一天请两天年假');
    expect(await app.nextText('wangfang')).to.equal('节假日日历里还没有下一个春节的放假安排（HR 导入新一年的日历后就能直接说），这次请直接说日期，比如“2月18日”。');
    await app.sendText('wangfang', '2027年2月18日');
    expect(await app.nextText('wangfang')).to.include('请确认').and.include('2月18日（周四）');
  });

  it('半天：明天下午请半天病假 → 0.5 天，卡片上写“下午”', async () => {
    await seedCompany();
    await start();
    await app.sendText('wangfang', '明天下午请半天病假');
    const summary = await app.nextText('wangfang');
    expect(summary).to.include('11月23日（周一）下午').and.include('0.5 天');
    await app.sendText('wangfang', '确认');
    await app.nextText('wangfang');
    await app.waitFor(() => cardsTo(app, 'lina').length > 0);
    const fields = (cardsTo(app, 'lina')[0]!.body['template_card'] as { horizontal_content_list: Array<{ keyname: string; value: string }> }).horizontal_content_list;
    expect(fields).to.deep.include({ keyname: '时间', value: '11月23日（周一）下午' });
    expect(fields).to.deep.include({ keyname: '天数', value: '0.5 天' });
    expect(await getBalance('wangfang', 'annual')).to.equal(10); // sick leave uses no balance
  });

  it('填到一半 30 分钟没动静 → 表单自动取消，下次说话时告诉她', async () => {
    await seedCompany();
    await start();
    await app.sendText('wangfang', '我想请年假');
    expect(await app.nextText('wangfang')).to.include('从哪天开始');
    app.clock.advance(31 * 60_000);
    await app.sendText('wangfang', '下周一');
    expect(await app.nextText('wangfang')).to.equal('刚才的请假申请超过 30 分钟没有继续，已自动取消。需要的话重新告诉我就行。');
  });

  it('填到一半说“取消” → 什么都没提交', async () => {
    await seedCompany();
    await start();
    await app.sendText('wangfang', '我想请年假');
    await app.nextText('wangfang');
    await app.sendText('wangfang', '取消');
    expect(await app.nextText('wangfang')).to.equal('好的，请假申请已取消，什么都没有提交。');
    expect(await LeaveRequestModel.countDocuments()).to.equal(0);
  });

  it('填到一半问“我年假还剩几天?” → 先回答，再接着问刚才的问题，填完照常提交', async () => {
    await seedCompany();
    await start();
    await app.sendText('wangfang', '我想请年假');
    expect(await app.nextText('wangfang')).to.include('从哪天开始');
    await app.sendText('wangfang', '我年假还剩几天?');
    expect(await app.nextText('wangfang')).to.include('年假：可用 10 天');
    expect(await app.nextText('wangfang')).to.equal('我们接着刚才的：从哪天开始？比如“明天”“下周一下午”“12月1日”。');
    await app.sendText('wangfang', '下周一到周三');
    expect(await app.nextText('wangfang')).to.include('请确认请假信息').and.include('3 天');
    await app.sendText('wangfang', '确认');
    expect(await app.nextText('wangfang')).to.include('已提交');
  });

  it('李娜点“驳回”后补一句理由 → 王芳收到驳回通知和理由，年假退回', async () => {
    await seedCompany();
    await start();
    const { card } = await requestAndConfirm();
    app.skip('lina');
    await app.tapCard('lina', card.taskId, 'reject', 'rc-reject');
    expect(await app.nextText('wangfang')).to.equal('你的年假申请（11月23日（周一） 至 11月25日（周三））没有通过，审批人：李娜。如有疑问可以直接联系 TA。');
    expect(await app.nextText('lina')).to.include('可以直接回复驳回理由');
    expect(app.api.cardUpdates()[0]).to.deep.include({ response_code: 'rc-reject', button: { replace_name: '已驳回' } });
    await app.sendText('lina', '项目上线期间不能请假');
    expect(await app.nextText('wangfang')).to.equal('李娜 的驳回理由：项目上线期间不能请假');
    expect(await app.nextText('lina')).to.equal('已把理由转告王芳。');
    expect(await getBalance('wangfang', 'annual')).to.equal(10);
    expect((await LeaveRequestModel.findOne({ userid: 'wangfang' }).lean())?.decisionNote).to.equal('项目上线期间不能请假');
  });

  describe('LEAVE_APPROVAL=wecom：提交到企业微信“审批”，状态由 sys_approval_change 推动', () => {
    const env = { LEAVE_APPROVAL: 'wecom', WECOM_LEAVE_TEMPLATE_ID: 'TPL-LEAVE-2026' };

    async function submitToWecom(text = '我想请下周一到周三的年假'): Promise<string> {
      await app.sendText('wangfang', text);
      await app.nextText('wangfang');
      await app.sendText('wangfang', '确认');
      const reply = await app.nextText('wangfang');
      const spNo = /单号 (\d+)/.exec(reply)?.[1];
      expect(spNo, reply).to.be.a('string');
      return spNo!;
    }

    it('提交 → oa/applyevent 请求体；审批通过（2）→ 已通过；通过后撤销（6）→ 余额退回', async () => {
      await seedCompany();
      await start({ env });
      const spNo = await submitToWecom();
      expect(app.api.bodies('/cgi-bin/oa/applyevent')).to.deep.equal([{
        creator_userid: 'wangfang',
        template_id: 'TPL-LEAVE-2026',
        use_template_approver: 1,
        apply_data: {
          contents: [
            {
              control: 'Vacation', id: 'vacation-1563793073898',
              value: {
                vacation: {
                  selector: { type: 'single', options: [{ key: '1', value: [{ text: '年假', lang: 'zh_CN' }] }], exp_type: 0 },
                  attendance: {
                    date_range: {
                      type: 'halfday',
                      new_begin: Date.parse('2026-11-23T09:00:00+08:00') / 1000,
                      new_end: Date.parse('2026-11-25T18:00:00+08:00') / 1000,
                      new_duration: 3 * 86_400,
                    },
                    type: 1,
                  },
                },
              },
            },
            { control: 'Textarea', id: 'item-1497581399901', value: { text: '王芳的年假' } },
          ],
        },
        summary_list: [
          { summary_info: [{ text: '假期类型：年假', lang: 'zh_CN' }] },
          { summary_info: [{ text: '时间：11月23日至11月25日', lang: 'zh_CN' }] },
          { summary_info: [{ text: '天数：3 天', lang: 'zh_CN' }] },
        ],
      }]);
      expect(cardsTo(app, 'lina')).to.deep.equal([]); // WeCom's own approval app shows the card
      expect(await getBalance('wangfang', 'annual')).to.equal(7);

      await app.approvalChange({ spNo, spStatus: 1, applyer: 'wangfang', changeEvent: 1 });
      await app.settle();
      expect((await LeaveRequestModel.findOne({ spNo }).lean())?.status).to.equal('pending');

      app.clock.advance(60_000);
      await app.approvalChange({ spNo, spStatus: 2, applyer: 'wangfang', approver: 'lina' });
      expect(await app.nextText('wangfang')).to.equal('你的年假申请（11月23日（周一） 至 11月25日（周三），3 天）已通过 ✅ 审批人：李娜');
      expect((await LeaveRequestModel.findOne({ spNo }).lean())?.status).to.equal('approved');

      app.clock.advance(60_000);
      await app.approvalChange({ spNo, spStatus: 6, applyer: 'wangfang', approver: 'lina' });
      expect(await app.nextText('wangfang')).to.include('在企业微信审批中已撤销，余额已退回');
      expect((await LeaveRequestModel.findOne({ spNo }).lean())?.status).to.equal('cancelled');
      expect(await getBalance('wangfang', 'annual')).to.equal(10);
    });

    it('驳回（3）带审批意见 → 王芳收到驳回和理由；撤销（4）→ 已撤回；同一个状态推送两次只处理一次', async () => {
      await seedCompany();
      await start({ env });
      const first = await submitToWecom('我想请下周一到周三的年假');
      app.clock.advance(60_000);
      await app.approvalChange({ spNo: first, spStatus: 3, applyer: 'wangfang', approver: 'lina', speech: '月底项目上线' });
      const rejected = await app.nextText('wangfang');
      expect(rejected).to.include('没有通过').and.include('李娜 的驳回理由：月底项目上线');
      expect(await getBalance('wangfang', 'annual')).to.equal(10);

      const second = await submitToWecom('我想请12月7日到12月8日的年假');
      expect(await getBalance('wangfang', 'annual')).to.equal(8);
      app.clock.advance(60_000);
      await app.approvalChange({ spNo: second, spStatus: 4, applyer: 'wangfang' });
      await app.approvalChange({ spNo: second, spStatus: 4, applyer: 'wangfang' }); // WeCom sends approval callbacks twice
      expect(await app.nextText('wangfang')).to.include('已撤销');
      await app.settle();
      expect(app.api.textsTo('wangfang').filter((t) => t.includes('已撤销'))).to.have.length(1);
      expect((await LeaveRequestModel.findOne({ spNo: second }).lean())?.status).to.equal('withdrawn');
      expect(await getBalance('wangfang', 'annual')).to.equal(10);
    });
  });
});
