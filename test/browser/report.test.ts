/**
 * HR's report page in a real browser (Debian chromium through playwright-core)
 * on a 320 px phone: open the report, play a recording streamed from GridFS
 * with Range requests, enter a human rating and a decision; the human-only
 * review page; the job ranking page. Screenshots go to artifacts/ (git-ignored).
 */
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AuditLogModel } from '../../models/auditLog.js';
import { InterviewModel } from '../../models/interview.js';
import { ScoreReportModel } from '../../models/scoreReport.js';
import { RecordingModel } from '../../models/recording.js';
import { SESSION_COOKIE } from '../../server/auth/session.js';
import { signToken } from '../../lib/signedToken.js';
import { useTestDatabase } from '../helpers/db.js';
import { makeTempDir, webmWithoutDuration } from '../fixtures/scorer/generate.js';
import { GOOD_ANSWERS, seedInterview, storeRecording, storeText } from '../scorer/workerFixtures.js';
import { scoreNow, seedPeople, SESSION_KEY, startReportSite, type ReportSite } from '../miniapp/reportHarness.js';
import { CHROMIUM, skipWithoutBrowser } from '../helpers/browserTools.js';

const ARTIFACTS = join(process.cwd(), 'artifacts');
const require = createRequire(import.meta.url);
const sample1 = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo', 'sample1.jpg');

describe('HR 面试报告页（浏览器，320px 手机）', function () {
  this.timeout(120_000);
  useTestDatabase();
  let site: ReportSite;
  let browser: Browser;
  let tmp: ReturnType<typeof makeTempDir>;
  let video: string;

  before(async function () {
    skipWithoutBrowser(this);
    await mkdir(ARTIFACTS, { recursive: true });
    site = await startReportSite();
    tmp = makeTempDir('report-browser-');
    video = webmWithoutDuration(tmp.dir, 'answer.webm', { durationSec: 4, video: { image: sample1 }, audio: { durationSec: 4, silences: [[1.5, 2.3]] } });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--autoplay-policy=no-user-gesture-required'],
    });
  });
  after(async () => {
    await browser?.close();
    await site?.close();
    tmp?.cleanup();
  });
  beforeEach(() => seedPeople());

  async function phoneAs(userid: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', deviceScaleFactor: 2 });
    const url = new URL(site.base);
    await context.addCookies([{
      name: SESSION_COOKIE, value: signToken(SESSION_KEY, { kind: 'session', sub: userid, exp: Math.floor(site.clock.getTime() / 1000) + 3600 }),
      domain: url.hostname, path: '/', httpOnly: true,
    }]);
    return { context, page: await context.newPage() };
  }

  async function noSidewaysScroll(page: Page): Promise<void> {
    const w = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(w.scroll, 'no sideways scrolling at 320 px').to.be.at.most(w.client);
  }

  it('打开报告 → 播放第 1 题录像 → 录入人工评分 → 做出决定（写理由）', async () => {
    const s = await seedInterview();
    const recId = await storeRecording(s.interviewId, 'q1', video);
    await RecordingModel.updateOne({ _id: recId }, { $set: { transcript: GOOD_ANSWERS['q1'] } });
    await storeText(s.interviewId, 'q2', GOOD_ANSWERS['q2']!);
    await storeText(s.interviewId, 'q3', GOOD_ANSWERS['q3']!);
    expect((await scoreNow(s.interviewId, site.clock, { faces: true })).result.kind).to.equal('report');

    const { context, page } = await phoneAs('chenjing');
    const ranges: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/media/')) ranges.push(r.headers()['range'] ?? '(none)');
    });
    try {
      await page.goto(`${site.base}/hr/reports/${String(s.interviewId)}`);
      await page.getByRole('heading', { name: '张伟', exact: true }).waitFor();
      await noSidewaysScroll(page);
      const overall = (await ScoreReportModel.findOne({ interviewId: s.interviewId }).lean())?.overall;
      expect(await page.getByTestId('overall').textContent()).to.equal(`${overall} / 100`);
      await page.screenshot({ path: join(ARTIFACTS, 'report-01-phone-320.png'), fullPage: true });

      const player = page.getByTestId('player-q1');
      await player.scrollIntoViewIfNeeded();
      await player.evaluate((v: HTMLVideoElement) => v.play());
      await page.waitForFunction(() => {
        const v = document.querySelector('video');
        return v !== null && v.currentTime > 1 && v.videoWidth > 0;
      }, undefined, { timeout: 20_000 });
      expect(ranges.some((r) => r.startsWith('bytes=')), `the player asked for ranges: ${ranges.join(', ')}`).to.equal(true);
      await page.screenshot({ path: join(ARTIFACTS, 'report-02-playing.png') });
      expect(await AuditLogModel.countDocuments({ action: 'recording.view', actor: 'chenjing' })).to.be.greaterThan(0);

      await page.getByLabel('你的评分（1–5）').first().selectOption('4');
      await page.getByLabel('备注（选填）').first().fill('分两期上线的办法讲得清楚');
      await page.getByRole('button', { name: '保存评分' }).first().click();
      await page.getByText('人工评分已保存。').waitFor();
      expect(await page.getByTestId('human-q1').textContent()).to.include('4 良好').and.include('分两期上线的办法讲得清楚');

      await page.getByLabel('理由（必填，会记录在案）').fill('沟通题回答具体，进入业务面');
      await page.getByRole('button', { name: '进入下一轮' }).click();
      await page.getByText('决定已保存并记录。').waitFor();
      expect(await page.getByTestId('decision').textContent()).to.include('当前：进入下一轮（陈静');
      await noSidewaysScroll(page);
      await page.screenshot({ path: join(ARTIFACTS, 'report-03-rated-and-decided.png'), fullPage: true });
      expect((await InterviewModel.findById(s.interviewId).lean())?.decision).to.deep.include({ value: 'advance', reason: '沟通题回答具体，进入业务面', by: 'chenjing' });
    } finally {
      await context.close();
    }
  });

  it('不写理由点决定：浏览器先拦下（必填），没有保存', async () => {
    const s = await seedInterview();
    await storeText(s.interviewId, 'q1', GOOD_ANSWERS['q1']!);
    await scoreNow(s.interviewId, site.clock);
    const { context, page } = await phoneAs('chenjing');
    try {
      await page.goto(`${site.base}/hr/reports/${String(s.interviewId)}`);
      await page.getByRole('button', { name: '不合适' }).click();
      const invalid = await page.getByLabel('理由（必填，会记录在案）').evaluate((t: HTMLTextAreaElement) => !t.checkValidity());
      expect(invalid).to.equal(true);
      expect((await InterviewModel.findById(s.interviewId).lean())?.decision).to.equal(undefined);
    } finally {
      await context.close();
    }
  });

  it('仅人工评审的报告：只有录像、画面检查和人工评分', async () => {
    const s = await seedInterview({ review: 'human', name: '李娜' });
    await storeRecording(s.interviewId, 'q1', video);
    await storeText(s.interviewId, 'q2', GOOD_ANSWERS['q2']!);
    await scoreNow(s.interviewId, site.clock, { faces: true });
    const { context, page } = await phoneAs('lilei');
    try {
      await page.goto(`${site.base}/hr/reports/${String(s.interviewId)}`);
      await page.getByTestId('human-only').waitFor();
      const text = (await page.textContent('main')) ?? '';
      for (const word of ['综合分', '要点覆盖', '表达数据', '本题内容分']) expect(text, word).to.not.include(word);
      expect(text).to.include('画面中出现多人');
      await noSidewaysScroll(page);
      await page.screenshot({ path: join(ARTIFACTS, 'report-04-human-only.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('岗位排名页：手机上能读，筛选可用', async () => {
    for (const [name, score, group] of [['张伟', 82, '社招'], ['李娜', 64, '校招'], ['王强', 91, '社招']] as const) {
      const s = await seedInterview({ name, group });
      await storeText(s.interviewId, 'q1', GOOD_ANSWERS['q1']!);
      await storeText(s.interviewId, 'q2', GOOD_ANSWERS['q2']!);
      await scoreNow(s.interviewId, site.clock);
      await ScoreReportModel.updateOne({ interviewId: s.interviewId }, { $set: { overall: score } });
    }
    const { context, page } = await phoneAs('chenjing');
    try {
      await page.goto(`${site.base}/hr/jobs/PM-2026/ranking`);
      await page.getByRole('heading', { name: '候选人排名：产品经理' }).waitFor();
      await noSidewaysScroll(page);
      await page.screenshot({ path: join(ARTIFACTS, 'report-05-ranking.png'), fullPage: true });
      await page.getByLabel('最低分').fill('80');
      await page.getByRole('button', { name: '筛选' }).click();
      await page.waitForURL(/min=80/);
      const names = await page.locator('[data-testid^="cand-"] b').allTextContents();
      expect(names.filter((n) => !/^\d+$/.test(n))).to.deep.equal(['王强', '张伟']);
    } finally {
      await context.close();
    }
  });
});
