/**
 * 面试的故事：HR 在企业微信里一句话约面试，面试官的日程里出现这场面试，候选人
 * 在微信里（招聘微信号，wechaty-puppet-mock 扮演）确认、改期、取消。一切经过
 * 真实的回调地址和 Outbox；企业微信的服务端 API 由 nock 扮演。时钟固定在
 * 2026-11-22（周日）上午 10 点。
 */
import { expect } from 'chai';
import type { mock } from 'wechaty-puppet-mock';
import { useTestDatabase } from '../helpers/db.js';
import { WecomApp, contentOf } from '../helpers/wecomApp.js';
import { runningWechatyChannel } from '../../bot/wechaty/channel.js';
import { onMessage } from '../bot/wechaty/mockContact.js';
import { DepartmentModel, EmployeeModel } from '../../models/employee.js';
import { InterviewModel, type Interview } from '../../models/interview.js';
import { CandidateModel } from '../../models/candidate.js';
import { seedJobs } from '../../models/seed/jobs.js';
import { runInterviewReminders } from '../../flows/interview/reminders.js';
import { interviewToken } from '../../models/interviewLink.js';

const FULL = '帮我约张伟，电话13812345678，下周二下午3点面试产品经理，面试官李娜';
const at = (s: string) => new Date(`${s}+08:00`);
const secs = (s: string) => Math.floor(at(s).getTime() / 1000);

async function seedCompany(): Promise<void> {
  await DepartmentModel.create([{ deptId: 1, name: '人力资源部', source: 'seed' }, { deptId: 2, name: '产品部', source: 'seed' }, { deptId: 3, name: '技术部', source: 'seed' }]);
  await EmployeeModel.create([
    { userid: 'zhaomin', name: '赵敏', departments: [1], roles: ['employee', 'hr'], source: 'seed' },
    { userid: 'lina', name: '李娜', departments: [2], roles: ['employee', 'manager', 'interviewer'], source: 'seed' },
    { userid: 'wangqiang', name: '王强', departments: [3], roles: ['employee', 'interviewer'], source: 'seed' },
    { userid: 'wangfang', name: '王芳', departments: [2], managerUserid: 'lina', roles: ['employee'], source: 'seed' },
  ]);
  await seedJobs('zhaomin');
}

/** A candidate on the recruiting WeChat account: what they receive, and a way to talk. */
interface Phone {
  readonly contact: mock.ContactMock;
  readonly inbox: string[];
  say(text: string): void;
}

describe('故事：面试（企业微信回调 + 招聘微信号）', function () {
  this.timeout(30_000);
  useTestDatabase();
  let app: WecomApp;
  let scheduleSeq = 0;

  beforeEach(async () => {
    await seedCompany();
    app = await WecomApp.start({ env: { WECHATY_PUPPET: 'wechaty-puppet-mock', COMPANY_NAME: '示例科技' } });
    app.api.handle('/cgi-bin/oa/schedule/add', () => ({ json: { errcode: 0, errmsg: 'ok', schedule_id: `sch-${(scheduleSeq += 1)}` } }));
  });

  afterEach(async () => {
    await app?.stop();
  });

  function phone(name: string, alias?: string): Phone {
    const channel = runningWechatyChannel();
    if (!channel) throw new Error('wechaty channel not running');
    const contact = channel.mocker()!.createContact({ name, ...(alias ? { alias } : {}) } as never);
    const inbox: string[] = [];
    const botId = channel.selfId();
    onMessage(contact, (m) => {
      if (m.talker().id === botId) inbox.push(m.text());
    });
    return { contact, inbox, say: (text) => contact.say(text).to(channel.mockSelf()!) };
  }

  /** Drains the app until `pred` holds; the mock puppet delivers on its own ticks, so this also waits a little. */
  async function eventually(pred: () => boolean | Promise<boolean>, what: string): Promise<void> {
    const start = Date.now();
    for (;;) {
      await app.settle();
      if (await pred()) return;
      if (Date.now() - start > 8000) throw new Error(`timed out: ${what}`);
      await new Promise((r) => setTimeout(r, 15));
    }
  }

  async function hr(text: string): Promise<string> {
    await app.sendText('zhaomin', text);
    return app.nextText('zhaomin');
  }

  async function only(): Promise<Interview> {
    const all = await InterviewModel.find({}).lean();
    expect(all).to.have.length(1);
    return all[0]!;
  }

  /** HR books 张伟 for 下周二 15:00 onsite, invitation by the WeChat account. */
  async function bookByWechat(zw: Phone): Promise<Interview> {
    expect(await hr(FULL)).to.include('面试形式是哪种');
    expect(await hr('现场')).to.include('在哪里面试');
    expect(await hr('公司3楼301会议室')).to.include('· 邀请：你转发给候选人（回复“微信发送”改由招聘微信号直接发）');
    expect(await hr('微信发送')).to.include('· 邀请：由招聘微信号直接发给候选人');
    await app.sendText('zhaomin', '确认');
    await eventually(() => zw.inbox.length >= 1, '张伟收到邀请');
    return only();
  }

  it('HR 一句话约张伟 → 确认 → 李娜的日程（oa/schedule/add 请求体）→ 张伟在微信里收到邀请 → 确认 → 改期至下周一下午2点（直接改，三方都知道）→ 取消', async () => {
    const zw = phone('张伟', '13812345678');
    const interview = await bookByWechat(zw);

    // The calendar entry, exactly.
    expect(app.api.bodies('/cgi-bin/oa/schedule/add')).to.deep.equal([{
      schedule: {
        admins: ['zhaomin'],
        start_time: secs('2026-11-24T15:00:00'),
        end_time: secs('2026-11-24T15:45:00'),
        is_whole_day: 0,
        attendees: [{ userid: 'lina' }],
        summary: '面试：张伟（产品经理）',
        description: '候选人：张伟\n岗位：产品经理\n形式：现场面试\n地点：公司3楼301会议室\n安排人：赵敏',
        reminders: { is_remind: 1, remind_before_event_secs: 900, timezone: 8 },
        location: '公司3楼301会议室',
      },
      agentid: 1000002,
    }]);
    expect(interview).to.deep.include({ status: 'scheduled', wecomScheduleId: 'sch-1', inviteChannel: 'wechaty', interviewerUserid: 'lina', hrUserid: 'zhaomin', kind: 'onsite', linkVersion: 1 });
    const candidate = await CandidateModel.findById(interview.candidateId).lean();
    expect(candidate?.channel).to.deep.equal({ kind: 'wechaty', contactId: zw.contact.id });

    await app.waitFor(() => app.api.textsTo('lina').length >= 1, '李娜收到通知');
    expect(app.api.textsTo('lina')[0]).to.equal('赵敏安排你面试张伟（产品经理）：11月24日（周二）15:00–15:45，现场面试，公司3楼301会议室。已加入你的企业微信日程。');
    await app.waitFor(() => app.api.textsTo('zhaomin').some((t) => t.startsWith('邀请已通过招聘微信号')), 'HR 知道邀请已发出');
    expect(app.api.textsTo('zhaomin')).to.include('已安排：张伟，产品经理，11月24日（周二）15:00–15:45，现场面试。\n已加入李娜的企业微信日程（提前 15 分钟提醒），也通知了 TA。');
    const invitation = zw.inbox[0]!;
    expect(invitation).to.include('张伟您好！示例科技邀请您参加「产品经理」岗位的面试。')
      .and.include('时间：11月24日（周二）15:00–15:45').and.include('地点：公司3楼301会议室')
      .and.include(`详情与确认：http://hr.test/i/${interviewToken(app.services.keys.link, interview)}`)
      .and.include('回复“确认”确认参加');

    // 确认
    zw.say('确认');
    await eventually(async () => (await only()).status === 'confirmed', '面试变为已确认');
    await eventually(() => zw.inbox.length >= 2, '张伟收到确认回复');
    expect(zw.inbox[1]).to.equal('好的，已确认参加。面试前一天和前一小时我会再提醒您。');
    await app.waitFor(() => app.api.textsTo('zhaomin').includes('张伟已确认参加 11月24日（周二）15:00–15:45 的产品经理面试。'), 'HR 知道已确认');

    // 改期至下周一下午2点: on a Sunday that is tomorrow 14:00, 28 h ahead, 李娜 free → applied.
    const oldLink = `/i/${interviewToken(app.services.keys.link, await only())}`;
    zw.say('改期至下周一下午2点');
    await eventually(async () => (await only()).linkVersion === 2, '面试已改期');
    const moved = await only();
    expect(moved.startAt.toISOString()).to.equal(at('2026-11-23T14:00:00').toISOString());
    expect(moved.endAt.toISOString()).to.equal(at('2026-11-23T14:45:00').toISOString());
    expect(moved).to.deep.include({ status: 'confirmed', rescheduleCount: 1 });
    await app.waitFor(() => app.api.count('/cgi-bin/oa/schedule/update') === 1, '日程已更新');
    const update = app.api.bodies('/cgi-bin/oa/schedule/update')[0]!;
    expect(update['schedule']).to.deep.include({ schedule_id: 'sch-1', start_time: secs('2026-11-23T14:00:00'), end_time: secs('2026-11-23T14:45:00') });
    await eventually(() => zw.inbox.length >= 3, '张伟收到新链接');
    expect(zw.inbox[2]).to.equal(`好的，面试已改到 11月23日（周一）14:00–14:45。这是新的面试链接（之前的链接已失效）：http://hr.test/i/${interviewToken(app.services.keys.link, moved)}`);
    await app.waitFor(() => app.api.textsTo('lina').length >= 2, '李娜知道改期');
    expect(app.api.textsTo('lina')[1]).to.equal('张伟的面试从 11月24日（周二）15:00–15:45 改到了 11月23日（周一）14:00–14:45，你的日程已更新。');
    expect(app.api.textsTo('zhaomin')).to.include('张伟把面试从 11月24日（周二）15:00–15:45 改到了 11月23日（周一）14:00–14:45（微信回复）。面试官的日程已更新。');
    const stale = await fetch(`${app.url}${oldLink}`, { headers: { accept: 'text/html' } });
    expect(stale.status).to.equal(410);
    expect(await stale.text()).to.include('请使用最新收到的链接');

    // 取消 → asked once → 确定 → declined, calendar entry removed, everyone told.
    zw.say('取消');
    await eventually(() => zw.inbox.length >= 4, '张伟被问是否确定');
    expect(zw.inbox[3]).to.include('确定不参加这次面试了吗');
    zw.say('确定');
    await eventually(async () => (await only()).status === 'declined', '面试已取消');
    await app.waitFor(() => app.api.count('/cgi-bin/oa/schedule/del') === 1, '日程已删除');
    expect(app.api.bodies('/cgi-bin/oa/schedule/del')[0]).to.deep.equal({ schedule_id: 'sch-1' });
    await eventually(() => zw.inbox.length >= 5, '张伟收到取消确认');
    expect(zw.inbox[4]).to.equal('已为您取消这次面试。感谢您对我们的关注，祝一切顺利！');
    await app.waitFor(() => app.api.textsTo('lina').length >= 3, '李娜知道取消');
    expect(app.api.textsTo('lina')[2]).to.equal('张伟取消了 11月23日（周一）14:00–14:45 的面试，已从你的日程里移除。');
    expect(app.api.textsTo('zhaomin')).to.include('张伟取消了 11月23日（周一）14:00–14:45 的产品经理面试。已从面试官的日程里移除。');
  });

  it('候选人想改到不足 24 小时的时间 → 给出最近的空闲时段 → 回复序号 → 改好', async () => {
    const zw = phone('张伟', '13812345678');
    await bookByWechat(zw);
    zw.say('能改到明天上午9点半吗'); // Monday 09:30 is 23.5 h away
    await eventually(() => zw.inbox.some((t) => t.startsWith('改期需要至少提前 24 小时')), '给出时段');
    const proposal = zw.inbox.find((t) => t.startsWith('改期需要至少提前 24 小时'))!;
    expect(proposal).to.include('1. 11月23日（周一）10:00–10:45');
    expect((await only()).linkVersion).to.equal(1);
    zw.say('1');
    await eventually(async () => (await only()).linkVersion === 2, '改到所选时段');
    expect((await only()).startAt.toISOString()).to.equal(at('2026-11-23T10:00:00').toISOString());
  });

  it('李娜那时已有面试 → 说明冲突并给出最近的空闲时段 → HR 回复序号 → 按所选时段创建', async () => {
    const zw = phone('张伟', '13812345678');
    await bookByWechat(zw);
    app.skip('zhaomin');
    expect(await hr('帮我约刘洋，电话13900001111，下周二下午3点面试Java后端工程师，面试官李娜，视频面试')).to.equal([
      '李娜在 11月24日（周二）15:00–15:45 已经有一场面试了。离你说的时间最近的空闲时段：',
      '1. 11月24日（周二）13:30–14:15',
      '2. 11月24日（周二）14:00–14:45',
      '3. 11月24日（周二）16:00–16:45',
      '回复序号选一个，或者直接说别的时间。',
    ].join('\n'));
    expect(await hr('3')).to.include('· 时间：11月24日（周二）16:00–16:45（45 分钟）');
    await app.sendText('zhaomin', '确认');
    await app.waitFor(() => app.api.count('/cgi-bin/oa/schedule/add') === 2, '第二场进了日程');
    const second = await InterviewModel.findOne({ kind: 'video' }).lean();
    expect(second?.startAt.toISOString()).to.equal(at('2026-11-24T16:00:00').toISOString());
    // Forwarded by HR: the text to forward arrives as its own message.
    await app.waitFor(() => app.api.textsTo('zhaomin').some((t) => t.startsWith('刘洋您好！')), 'HR 拿到可转发的邀请');
    const forward = app.api.textsTo('zhaomin').find((t) => t.startsWith('刘洋您好！'))!;
    expect(forward).to.include('形式：视频面试（打开链接，按提示录制回答，共 5 道题，每题有准备时间）').and.include('请在 11月24日（周二）16:45 前完成');
  });

  it('HR 问“今天有哪些面试”“张伟的面试”→ 简短列表，带状态和链接；HR 改期后拿到新的转发文字', async () => {
    await hr(`${FULL}，现场，地点是公司3楼301会议室`);
    await app.sendText('zhaomin', '确认');
    await app.waitFor(() => app.api.textsTo('zhaomin').some((t) => t.startsWith('张伟您好！')), '邀请已生成');
    app.skip('zhaomin');
    expect(await hr('今天有哪些面试')).to.equal('今天（11月22日）没有面试。要安排的话可以说：“帮我约张伟，电话13812345678，下周二下午3点面试产品经理，面试官李娜”。');
    const list = await hr('张伟的面试');
    const i = await only();
    expect(list).to.equal(`张伟的面试：\n1. 11月24日 15:00 张伟 · 产品经理 · 现场 · 待确认（面试官 李娜）\n   http://hr.test/i/${interviewToken(app.services.keys.link, i)}`);

    await app.sendText('zhaomin', '把张伟的面试改到周三上午10点');
    await app.waitFor(() => app.api.textsTo('zhaomin').some((t) => t.startsWith('已把张伟的面试改到')), 'HR 改期');
    const moved = await only();
    expect(moved.startAt.toISOString()).to.equal(at('2026-11-25T10:00:00').toISOString());
    expect(moved.linkVersion).to.equal(2);
    await app.waitFor(() => app.api.textsTo('zhaomin').filter((t) => t.startsWith('张伟您好！')).length === 2, '新的转发文字');
    expect(app.api.textsTo('zhaomin').filter((t) => t.startsWith('张伟您好！'))[1]).to.include(`http://hr.test/i/${interviewToken(app.services.keys.link, moved)}`);
    expect(app.api.textsTo('lina').at(-1)).to.equal('张伟的面试从 11月24日（周二）15:00–15:45 改到了 11月25日（周三）10:00–10:45，你的日程已更新。');
  });

  it('HR 说“取消张伟的面试”→ 取消，日程删除，面试官和候选人（微信）都知道，旧链接失效', async () => {
    const zw = phone('张伟', '13812345678');
    const booked = await bookByWechat(zw);
    app.skip('zhaomin');
    expect(await hr('取消张伟的面试')).to.equal('已取消张伟 11月24日（周二）15:00–15:45 的面试，面试官的日程已移除，也通知了 TA。已通过招聘微信号告诉候选人。');
    expect((await only()).status).to.equal('cancelled');
    await app.waitFor(() => app.api.count('/cgi-bin/oa/schedule/del') === 1, '日程删除');
    expect(app.api.textsTo('lina').at(-1)).to.equal('张伟 11月24日（周二）15:00–15:45 的面试已取消，已从你的日程里移除。');
    await eventually(() => zw.inbox.length >= 2, '张伟知道取消');
    expect(zw.inbox[1]).to.include('很抱歉，示例科技「产品经理」原定 11月24日（周二）15:00–15:45 的面试取消了');
    expect((await fetch(`${app.url}/i/${interviewToken(app.services.keys.link, booked)}`, { headers: { accept: 'text/html' } })).status).to.equal(410);
  });

  it('填表到一半问“今天有哪些面试”→ 先回答列表，再接着问刚才的问题', async () => {
    expect(await hr('帮我约刘洋，电话13900001111，下周三上午10点面试，面试官李娜')).to.include('面试哪个岗位？');
    await app.sendText('zhaomin', '今天有哪些面试');
    expect(await app.nextText('zhaomin')).to.match(/^今天（11月22日）没有面试/);
    expect(await app.nextText('zhaomin')).to.equal('我们接着刚才的：面试哪个岗位？');
    expect(await hr('产品经理')).to.include('面试形式是哪种');
  });

  it('不是 HR 的王芳想约面试 → 被拒绝；面试官问下周的面试 → 只看到自己的', async () => {
    const ask = async (userid: string, text: string) => {
      app.skip(userid);
      await app.sendText(userid, text);
      return app.nextText(userid);
    };
    expect(await ask('wangfang', FULL)).to.include('只有 HR 可以安排面试');
    await hr(`${FULL}，现场，地点是公司3楼301会议室`);
    await app.sendText('zhaomin', '确认');
    await app.settle();
    expect(await ask('lina', '下周有哪些面试')).to.match(/^下周的面试：\n1\. 11月24日 15:00 张伟 · 产品经理 · 现场 · 待确认（面试官 李娜）/);
    expect(await ask('wangqiang', '下周有哪些面试')).to.match(/^下周没有面试/);
  });

  it('提醒：两个调度实例同时跑，每条提醒只发一次；24 小时前、1 小时前各一次，未确认时提醒 HR', async () => {
    const zw = phone('张伟', '13812345678');
    await bookByWechat(zw);
    await app.settle();
    const deps = {
      outbox: app.services.outbox, logger: app.services.logger, linkKey: app.services.keys.link, publicBaseUrl: 'http://hr.test',
      tz: 'Asia/Shanghai', companyName: '示例科技',
    };
    const before = app.api.sent().length;
    const inboxBefore = zw.inbox.length;
    // 24 h before 11-24 15:00, two instances at once, then again five minutes later.
    const t24 = at('2026-11-23T15:00:00');
    const [a, b] = await Promise.all([runInterviewReminders(t24, deps), runInterviewReminders(t24, deps)]);
    await runInterviewReminders(new Date(t24.getTime() + 5 * 60_000), deps);
    expect(a.sent + b.sent).to.equal(3); // candidate 24 h, interviewer 24 h, HR: not confirmed yet
    await app.settle();
    await eventually(() => zw.inbox.length === inboxBefore + 1, '张伟收到 24 小时提醒');
    expect(zw.inbox.at(-1)).to.include('提醒：您明天有「产品经理」的面试').and.include('还没确认的话，回复“确认”即可');
    const newTexts = app.api.sent().slice(before).map((m) => `${String(m['touser'])}: ${contentOf(m)}`);
    expect(newTexts).to.have.length(2);
    expect(newTexts).to.include('lina: 提醒：明天（11月24日（周二）15:00–15:45）面试张伟（产品经理）：现场面试，公司3楼301会议室。');
    expect(newTexts.find((t) => t.startsWith('zhaomin:'))).to.include('张伟还没有确认');
    // 1 h before: once more each, HR not again.
    const t1 = at('2026-11-24T14:00:00');
    const [c, d] = await Promise.all([runInterviewReminders(t1, deps), runInterviewReminders(t1, deps)]);
    expect(c.sent + d.sent).to.equal(2);
    const stamps = (await only()).reminders;
    expect(Object.keys(stamps).sort()).to.deep.equal(['candidate1h', 'candidate24h', 'hrUnconfirmed', 'interviewer1h', 'interviewer24h']);
  });

  it('提醒：HR 转发的邀请 → 24 小时前 HR 收到一条可转发的提醒（说明还没确认，不再另发催确认），1 小时前只提醒面试官', async () => {
    await hr(`${FULL}，现场，地点是公司3楼301会议室`);
    await app.sendText('zhaomin', '确认');
    await app.settle();
    const deps = { outbox: app.services.outbox, logger: app.services.logger, linkKey: app.services.keys.link, publicBaseUrl: 'http://hr.test', tz: 'Asia/Shanghai', companyName: '示例科技' };
    const before = app.api.textsTo('zhaomin').length;
    const t24 = at('2026-11-23T15:00:00');
    const [a, b] = await Promise.all([runInterviewReminders(t24, deps), runInterviewReminders(t24, deps)]);
    expect(a.sent + b.sent).to.equal(2); // HR (to forward) and 李娜
    await app.settle();
    const toHr = app.api.textsTo('zhaomin').slice(before);
    expect(toHr).to.have.length(1);
    expect(toHr[0]).to.match(/^张伟明天面试，TA 还没有确认。可以把下面这段提醒转发给 TA：\n\n提醒：您明天有「产品经理」的面试/);
    expect(toHr[0]).to.include('http://hr.test/i/').and.include('请打开链接确认').and.not.include('回复“确认”');
    const t1 = at('2026-11-24T14:00:00');
    expect((await runInterviewReminders(t1, deps)).sent).to.equal(1);
    expect(Object.keys((await only()).reminders).sort()).to.deep.equal(['candidate24h', 'hrUnconfirmed', 'interviewer1h', 'interviewer24h']);
  });

  it('面试结束后：面试官收到“进行了吗”卡片；点“候选人未到场”→ 标记未到场并告诉 HR', async () => {
    await hr(`${FULL}，现场，地点是公司3楼301会议室`);
    await app.sendText('zhaomin', '确认');
    await app.settle();
    const deps = { outbox: app.services.outbox, logger: app.services.logger, linkKey: app.services.keys.link, publicBaseUrl: 'http://hr.test', tz: 'Asia/Shanghai', companyName: '示例科技' };
    const after = at('2026-11-24T16:00:00');
    app.clock.set(after);
    const r = await runInterviewReminders(after, deps);
    expect(r.heldChecks).to.equal(1);
    await app.waitFor(() => app.api.sentTo('lina').some((m) => m['msgtype'] === 'template_card'), '李娜收到卡片');
    const card = app.api.sentTo('lina').find((m) => m['msgtype'] === 'template_card')!;
    const taskId = String((card['template_card'] as { task_id: string }).task_id);
    await app.tapCard('lina', taskId, 'noshow');
    await app.waitFor(() => app.api.textsTo('zhaomin').some((t) => t.includes('已标记为未到场')), 'HR 知道未到场');
    expect((await only()).status).to.equal('no_show');
    expect(app.api.textsTo('lina').at(-1)).to.equal('已记录：候选人未到场，也告诉了 HR。');
  });
});
