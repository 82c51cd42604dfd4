/**
 * 候选人的邀请页（/i/<token>）：链接过期、被改、被新链接取代时的页面和状态码；
 * 页面上确认、改期（中文说时间 / 选空闲时段）、不参加、申请删除资料；JSON 接口。
 * 经过真实的应用（WecomApp），企业微信 API 由 nock 扮演。
 */
import { expect } from 'chai';
import { Types } from 'mongoose';
import { useTestDatabase } from '../helpers/db.js';
import { WecomApp } from '../helpers/wecomApp.js';
import { signToken } from '../../lib/signedToken.js';
import { EmployeeModel } from '../../models/employee.js';
import { CandidateModel } from '../../models/candidate.js';
import { InterviewModel, type Interview } from '../../models/interview.js';
import { JobModel } from '../../models/job.js';
import { seedJobs } from '../../models/seed/jobs.js';
import { interviewToken } from '../../models/interviewLink.js';

const at = (s: string) => new Date(`${s}+08:00`);
/** What a reader sees: the page without its tags. */
const visible = (html: string) => html.replace(/<[^>]+>/g, '');

describe('候选人邀请页 /i/<token>', function () {
  this.timeout(30_000);
  useTestDatabase();
  let app: WecomApp;

  beforeEach(async () => {
    await EmployeeModel.create([
      { userid: 'zhaomin', name: '赵敏', departments: [1], roles: ['employee', 'hr'], source: 'seed' },
      { userid: 'lina', name: '李娜', departments: [2], roles: ['employee', 'interviewer'], source: 'seed' },
    ]);
    await seedJobs();
    app = await WecomApp.start();
    app.api.handle('/cgi-bin/oa/schedule/add', () => ({ json: { errcode: 0, errmsg: 'ok', schedule_id: 'sch-1' } }));
  });

  afterEach(async () => {
    await app?.stop();
  });

  async function interview(over: Partial<Interview> = {}): Promise<Interview> {
    const job = await JobModel.findOne({ code: 'PM-2026' }).lean();
    const c = await CandidateModel.create({ name: '张伟<b>', phone: '13812345678', createdBy: 'zhaomin' });
    const doc = await InterviewModel.create({
      candidateId: c._id, jobId: job!._id, kind: 'onsite', startAt: at('2026-11-24T15:00:00'), endAt: at('2026-11-24T15:45:00'),
      location: '公司3楼301会议室', interviewerUserid: 'lina', hrUserid: 'zhaomin', status: 'scheduled', linkVersion: 1,
      wecomScheduleId: 'sch-1', slotSetAt: at('2026-11-22T09:00:00'), ...over,
    });
    return (await InterviewModel.findById(doc._id).lean())!;
  }

  const page = (path: string) => fetch(`${app.url}${path}`, { headers: { accept: 'text/html' }, redirect: 'manual' });
  const post = (path: string, form: Record<string, string> = {}) => fetch(`${app.url}${path}`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body: new URLSearchParams(form).toString(),
  });
  const tokenOf = (i: Interview) => interviewToken(app.services.keys.link, i);

  it('打开链接：岗位、时间、形式、地点、面试官，确认 / 改期 / 不参加 / 删除资料；名字被转义', async () => {
    const i = await interview();
    const r = await page(`/i/${tokenOf(i)}`);
    expect(r.status).to.equal(200);
    expect(r.headers.get('cache-control')).to.equal('no-store');
    const html = await r.text();
    expect(visible(html)).to.include('张伟&lt;b&gt;，你好').and.include('产品经理').and.include('11月24日（周二） 15:00–15:45')
      .and.include('现场面试').and.include('公司3楼301会议室').and.include('李娜').and.include('待确认')
      .and.include('确认参加').and.include('时间不合适，改个时间').and.include('无法参加').and.include('申请删除我的资料');
    expect(html).to.not.include('<b>');
    // Free slots offered for a reschedule: ≥ 24 h ahead, in working hours, near the current time (not the current time itself).
    expect(visible(html)).to.include('11月24日（周二） 14:30–15:15').and.include('11月24日（周二） 15:30–16:15');
    expect(html).to.include('value="2026-11-24T06:30:00.000Z"').and.not.include('value="2026-11-24T07:00:00.000Z"');
  });

  it('视频面试：有“开始面试”按钮，指向 /interview/<同一个 token>', async () => {
    const i = await interview({ kind: 'video', location: undefined });
    const html = await (await page(`/i/${tokenOf(i)}`)).text();
    expect(html).to.include(`href="/interview/${tokenOf(i)}"`).and.include('开始面试').and.include('请在 15:45 前完成录制');
  });

  it('链接被改过 → 403；过期 → 410；改期后的旧链接 → 410；面试不存在 → 404；都有说明页', async () => {
    const i = await interview();
    const good = tokenOf(i);
    const tampered = `${good.slice(0, -3)}${good.slice(-3) === 'AAA' ? 'BBB' : 'AAA'}`;
    const r1 = await page(`/i/${tampered}`);
    expect(r1.status).to.equal(403);
    expect(await r1.text()).to.include('链接无效或已被修改');
    const expired = signToken(app.services.keys.link, { kind: 'interview', sub: String(i._id), ver: 1, exp: Math.floor(at('2026-11-01T00:00:00').getTime() / 1000) });
    const r2 = await page(`/i/${expired}`);
    expect(r2.status).to.equal(410);
    expect(await r2.text()).to.include('链接已经过期');
    const otherKind = signToken(app.services.keys.link, { kind: 'payslip', sub: String(i._id), ver: 1, exp: 4_000_000_000 });
    expect((await page(`/i/${otherKind}`)).status).to.equal(403);
    await InterviewModel.updateOne({ _id: i._id }, { $inc: { linkVersion: 1 } });
    const r3 = await page(`/i/${good}`);
    expect(r3.status).to.equal(410);
    expect(await r3.text()).to.include('请使用最新收到的链接');
    const ghost = signToken(app.services.keys.link, { kind: 'interview', sub: String(new Types.ObjectId()), ver: 1, exp: 4_000_000_000 });
    expect((await page(`/i/${ghost}`)).status).to.equal(404);
    const api = await fetch(`${app.url}/api/i/${tampered}`);
    expect(api.status).to.equal(403);
    expect(await api.json()).to.deep.equal({ error: '链接无效或已被修改，请从邀请消息里重新打开。' });
  });

  it('确认参加 → 303 回到页面并显示已确认；HR 收到通知；再点一次没有副作用', async () => {
    const i = await interview();
    const t = tokenOf(i);
    const r = await post(`/i/${t}/confirm`);
    expect(r.status).to.equal(303);
    expect(r.headers.get('location')).to.equal(`/i/${t}?m=confirmed`);
    expect((await InterviewModel.findById(i._id).lean())?.status).to.equal('confirmed');
    expect(await (await page(`/i/${t}?m=confirmed`)).text()).to.include('已确认参加，期待与你见面。').and.include('已确认');
    await post(`/i/${t}/confirm`);
    await app.waitFor(() => app.api.textsTo('zhaomin').length >= 1, 'HR 知道');
    await app.settle();
    expect(app.api.textsTo('zhaomin')).to.deep.equal(['张伟<b>已确认参加 11月24日（周二）15:00–15:45 的产品经理面试。']);
  });

  it('用中文说新时间（下周一下午2点）→ 改好，跳到新链接；旧链接失效；日程更新；HR 和面试官都知道', async () => {
    const i = await interview();
    const t = tokenOf(i);
    const r = await post(`/i/${t}/reschedule`, { when: '下周一下午2点' });
    expect(r.status).to.equal(303);
    const moved = (await InterviewModel.findById(i._id).lean())!;
    expect(moved.startAt.toISOString()).to.equal(at('2026-11-23T14:00:00').toISOString());
    expect(moved.linkVersion).to.equal(2);
    expect(r.headers.get('location')).to.equal(`/i/${tokenOf(moved)}?m=moved`);
    expect((await page(`/i/${t}`)).status).to.equal(410);
    expect(visible(await (await page(r.headers.get('location')!)).text())).to.include('面试时间已更新').and.include('11月23日（周一） 14:00–14:45');
    await app.waitFor(() => app.api.count('/cgi-bin/oa/schedule/update') === 1 && app.api.textsTo('lina').length === 1, '日程和面试官');
    expect(app.api.textsTo('zhaomin')[0]).to.include('（候选人页面）');
  });

  it('时间不合适（周六）→ 留在页面，说明原因并列出空闲时段；选一个 → 改好', async () => {
    const i = await interview();
    const t = tokenOf(i);
    const r = await post(`/i/${t}/reschedule`, { when: '下周六上午10点' });
    expect(r.status).to.equal(200);
    const html = await r.text();
    expect(html).to.include('面试安排在工作日 9:00–18:00').and.include('value="下周六上午10点"');
    const slot = /name="slot" value="([^"]+)"/.exec(html)?.[1];
    expect(slot).to.be.a('string');
    const r2 = await post(`/i/${t}/reschedule`, { slot: slot! });
    expect(r2.status).to.equal(303);
    expect((await InterviewModel.findById(i._id).lean())?.startAt.toISOString()).to.equal(slot);
  });

  it('看不懂的时间 → 请换个说法；什么都没填 → 提示', async () => {
    const t = tokenOf(await interview());
    expect(await (await post(`/i/${t}/reschedule`, { when: '等我考完试' })).text()).to.include('没看懂这个时间');
    expect(await (await post(`/i/${t}/reschedule`, {})).text()).to.include('请填写希望的时间');
  });

  it('不参加（写了原因）→ 面试取消，日程删除，HR 看到原因；之后页面不再有操作按钮', async () => {
    const i = await interview();
    const t = tokenOf(i);
    const r = await post(`/i/${t}/decline`, { reason: '已接受其他公司的offer' });
    expect(r.status).to.equal(303);
    const after = (await InterviewModel.findById(i._id).lean())!;
    expect(after).to.deep.include({ status: 'declined', statusBy: 'candidate', statusNote: '已接受其他公司的offer' });
    const html = await (await page(`/i/${t}?m=declined`)).text();
    expect(html).to.include('已取消这次面试').and.not.include('确认参加</button>');
    await app.waitFor(() => app.api.count('/cgi-bin/oa/schedule/del') === 1, '日程删除');
    await app.waitFor(() => app.api.textsTo('zhaomin').some((x) => x.includes('原因：已接受其他公司的offer')), 'HR 看到原因');
  });

  it('申请删除资料：先说明，再确认；记下申请时间，面试取消，HR 收到通知', async () => {
    const i = await interview();
    const t = tokenOf(i);
    expect(await (await page(`/i/${t}/delete`)).text()).to.include('删除后无法恢复').and.include('这场面试也会取消');
    const r = await post(`/i/${t}/delete`);
    expect(r.status).to.equal(200);
    expect(await r.text()).to.include('已收到您的删除申请');
    const c = await CandidateModel.findById(i.candidateId).lean();
    expect(c?.deletionRequestedAt).to.be.instanceOf(Date);
    const after = (await InterviewModel.findById(i._id).lean())!;
    expect(after.deletionRequestedAt).to.be.instanceOf(Date);
    expect(after.status).to.equal('cancelled');
    await app.waitFor(() => app.api.textsTo('zhaomin').some((x) => x.includes('申请删除个人资料')), 'HR 知道');
    expect(await (await page(`/i/${t}`)).text()).to.include('你已申请删除个人资料');
  });

  it('JSON 接口：详情和可选的空闲时段', async () => {
    const i = await interview({ kind: 'video', location: undefined });
    const r = await fetch(`${app.url}/api/i/${tokenOf(i)}`);
    expect(r.status).to.equal(200);
    const body = await r.json() as Record<string, unknown>;
    expect(body).to.deep.include({ jobTitle: '产品经理', kind: 'video', status: 'scheduled', questionCount: 5, videoUrl: `/interview/${tokenOf(i)}`, location: null });
    expect(body['freeSlots']).to.have.length(6);
    expect((body['freeSlots'] as string[])[0]).to.equal(at('2026-11-24T13:30:00').toISOString());
  });
});
