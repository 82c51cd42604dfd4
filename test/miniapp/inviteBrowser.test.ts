/**
 * The invitation page in a real browser (Debian chromium through
 * playwright-core) at a 320 px phone width: readable, every control labelled,
 * and the forms work without script. Screenshots go to artifacts/.
 */
import { mkdir } from 'node:fs/promises';
import { expect } from 'chai';
import { chromium, type Browser } from 'playwright-core';
import { useTestDatabase } from '../helpers/db.js';
import { WecomApp } from '../helpers/wecomApp.js';
import { EmployeeModel } from '../../models/employee.js';
import { CandidateModel } from '../../models/candidate.js';
import { InterviewModel } from '../../models/interview.js';
import { JobModel } from '../../models/job.js';
import { seedJobs } from '../../models/seed/jobs.js';
import { interviewToken } from '../../models/interviewLink.js';
import { CHROMIUM, skipWithoutBrowser } from '../helpers/browserTools.js';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const at = (s: string) => new Date(`${s}+08:00`);

describe('邀请页（浏览器，320 px）', function () {
  this.timeout(60_000);
  useTestDatabase();
  let app: WecomApp;
  let browser: Browser;

  before(async function () {
    skipWithoutBrowser(this);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    await mkdir('artifacts', { recursive: true });
  });

  after(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    await EmployeeModel.create([
      { userid: 'zhaomin', name: '赵敏', departments: [1], roles: ['employee', 'hr'], source: 'seed' },
      { userid: 'lina', name: '李娜', departments: [2], roles: ['employee', 'interviewer'], source: 'seed' },
    ]);
    await seedJobs();
    app = await WecomApp.start();
  });

  afterEach(async () => {
    await app?.stop();
  });

  it('现场面试：看详情 → 点“确认参加”→ 显示已确认；展开改期，有标签的输入框和空闲时段', async () => {
    const job = await JobModel.findOne({ code: 'PM-2026' }).lean();
    const c = await CandidateModel.create({ name: '张伟', phone: '13812345678', createdBy: 'zhaomin' });
    const i = await InterviewModel.create({
      candidateId: c._id, jobId: job!._id, kind: 'onsite', startAt: at('2026-11-24T15:00:00'), endAt: at('2026-11-24T15:45:00'),
      location: '公司 3 楼 301 会议室', interviewerUserid: 'lina', hrUserid: 'zhaomin', status: 'scheduled', linkVersion: 1,
    });
    const page = await browser.newPage({ viewport: { width: 320, height: 900 } });
    await page.goto(`${app.url}/i/${interviewToken(app.services.keys.link, i)}`);
    await page.screenshot({ path: 'artifacts/invite-01-onsite.png', fullPage: true });
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(320);
    await page.getByRole('button', { name: '确认参加' }).click();
    await page.waitForURL(/m=confirmed/);
    expect(await page.getByRole('status').textContent()).to.include('已确认参加');
    await page.getByText('时间不合适，改个时间').click();
    const box = page.getByLabel('希望改到什么时间？');
    expect(await box.isVisible()).to.equal(true);
    expect(await page.getByRole('radio').count()).to.equal(6);
    await page.screenshot({ path: 'artifacts/invite-02-confirmed-reschedule-open.png', fullPage: true });
    await box.fill('下周一下午2点');
    await page.getByRole('button', { name: '提交新时间' }).click();
    await page.waitForURL(/m=moved/);
    expect(await page.textContent('main')).to.include('11月23日（周一） 14:00–14:45');
    await page.screenshot({ path: 'artifacts/invite-03-moved.png', fullPage: true });
    await page.close();
  });

  it('视频面试：开始面试按钮在最上面；过期链接显示说明页', async () => {
    const job = await JobModel.findOne({ code: 'JAVA-BE' }).lean();
    const c = await CandidateModel.create({ name: '刘洋', phone: '13900001111', createdBy: 'zhaomin' });
    const i = await InterviewModel.create({
      candidateId: c._id, jobId: job!._id, kind: 'video', startAt: at('2026-11-24T16:00:00'), endAt: at('2026-11-24T16:45:00'),
      interviewerUserid: 'lina', hrUserid: 'zhaomin', status: 'scheduled', linkVersion: 1,
    });
    const page = await browser.newPage({ viewport: { width: 320, height: 800 } });
    const token = interviewToken(app.services.keys.link, i);
    await page.goto(`${app.url}/i/${token}`);
    expect(await page.getByRole('link', { name: '开始面试' }).getAttribute('href')).to.equal(`/interview/${token}`);
    await page.screenshot({ path: 'artifacts/invite-04-video.png', fullPage: true });
    await InterviewModel.updateOne({ _id: i._id }, { $inc: { linkVersion: 1 } });
    const r = await page.goto(`${app.url}/i/${token}`);
    expect(r?.status()).to.equal(410);
    expect(await page.textContent('body')).to.include('请使用最新收到的链接');
    await page.screenshot({ path: 'artifacts/invite-05-revoked.png', fullPage: true });
    await page.close();
  });
});
