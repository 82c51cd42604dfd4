/**
 * The candidate's video interview page in Debian chromium (playwright-core) at
 * 320 px, with a fake camera and a fake microphone playing Chinese speech:
 *
 *   - consent → device check → practice → two questions with a retake; one
 *     chunk request is cut off and the upload resumes; the page is closed and
 *     reopened between the questions and continues at the second; the server
 *     ends up with playable recordings of the right length;
 *   - camera and microphone denied → help → text answers (a paste is noted);
 *   - an in-app browser without getUserMedia → WeChat help at once.
 *
 * Screenshots of every step go to artifacts/interview/ (git-ignored).
 */
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { useTestDatabase } from '../helpers/db.js';
import { InterviewModel } from '../../models/interview.js';
import { RecordingModel, recordingsBucket } from '../../models/recording.js';
import { ScoreJobModel } from '../../models/scoreReport.js';
import { probe } from '../../lib/media/ffmpeg.js';
import { question, seedInterview, startInterviewSite, T0, type InterviewSite } from '../miniapp/interview/harness.js';
import { launchWithMedia, makeSpeech, shot, type Speech } from './interviewBrowser.js';
import { CHROMIUM, ESPEAK, skipWithoutBrowser } from '../helpers/browserTools.js';

const PHONE = { viewport: { width: 320, height: 640 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', deviceScaleFactor: 1 } as const;

function button(page: Page, name: string | RegExp) {
  return page.getByRole('button', { name, exact: typeof name === 'string' });
}

/** Records for about `ms` and returns how long the recorder really ran, as the test saw it. */
async function recordFor(page: Page, ms: number): Promise<number> {
  await button(page, '准备好了，开始录制').click();
  await page.locator('#rec-dot').waitFor({ state: 'visible' });
  const started = Date.now();
  await page.waitForTimeout(ms);
  await button(page, '完成回答').click();
  const took = (Date.now() - started) / 1000;
  await page.getByText('已停止录制。').first().waitFor();
  return took;
}

async function probeStored(id: unknown): Promise<Awaited<ReturnType<typeof probe>>> {
  const data = await buffer(recordingsBucket().openDownloadStream(id as never));
  const dir = await mkdtemp(join(tmpdir(), 'interview-browser-'));
  try {
    await writeFile(join(dir, 'a.webm'), data);
    return await probe(join(dir, 'a.webm'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('视频面试页：手机浏览器 320px（playwright + chromium，假摄像头和中文语音麦克风）', function () {
  this.timeout(120_000);
  useTestDatabase();
  let site: InterviewSite;
  let speech: Speech;
  let allowing: Browser | undefined;

  before(async function () {
    skipWithoutBrowser(this, [CHROMIUM, ESPEAK]);
    site = await startInterviewSite();
    speech = await makeSpeech('我在上一家公司负责过一个跨部门的项目，目标是两周内上线新功能。我先和各方对齐目标，然后每天同步进度，最后按时上线。');
    allowing = await launchWithMedia({ wav: speech.wav, allow: true });
  });
  after(async () => {
    await allowing?.close();
    await site?.close();
    await speech?.cleanup();
  });
  beforeEach(() => {
    site.clock = T0;
  });

  it('同意 → 设备检测 → 练习 → 两道题（重录一次）；上传中断一次后续传；关掉页面再打开从第 2 题继续；服务器存下时长正确、能播放的录像', async () => {
    const s = await seedInterview({ questions: [question('q1', { thinkSec: 20 }), question('q2', { thinkSec: 20 })] });
    const context = await allowing!.newContext(PHONE);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    let cut = 0;
    let chunkRequests = 0;
    await page.route(/\/chunks\?offset=\d+$/, async (route) => {
      chunkRequests += 1;
      const offset = Number(/offset=(\d+)/.exec(route.request().url())?.[1]);
      // The network drops once, in the middle of the first real answer.
      if (cut === 0 && offset > 0) {
        cut += 1;
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    const sideways: string[] = [];
    const snap = async (name: string) => {
      if ((await shot(page, name)).sideways) sideways.push(name);
    };

    await page.goto(`${site.base}/interview/${s.token}`);
    await page.getByRole('heading', { name: '欢迎参加视频面试' }).waitFor();
    await expect(page.getByText('产品经理')).to.exist;
    await snap('01-welcome');
    await button(page, '开始').click();

    await page.getByRole('heading', { name: '录制说明' }).waitFor();
    await button(page, '同意并继续').click();
    await page.getByText('请选择评估方式。').waitFor();
    await page.getByLabel(/AI 辅助评估，HR 复核/).check();
    await page.getByLabel('我已阅读以上说明，同意录制我的回答').check();
    await snap('02-consent');
    await button(page, '同意并继续').click();

    await page.getByRole('heading', { name: '检查设备' }).waitFor();
    await button(page, '开始检测').click();
    await page.getByText('摄像头正常。').waitFor();
    await page.getByText('麦克风正常，听到你的声音了。').waitFor({ timeout: 15_000 });
    await page.locator('#net-status').getByText(/^(良好|一般|较慢)/).waitFor();
    await snap('03-device');
    await button(page, '设备正常，下一步').click();

    await page.getByRole('heading', { name: '请用一两句话介绍一下你自己。' }).waitFor();
    await snap('04-practice-think');
    await recordFor(page, 1200);
    await page.locator('#q-playback').waitFor({ state: 'visible' });
    await snap('05-practice-review');
    expect(chunkRequests, 'the practice is never uploaded').to.equal(0);
    await button(page, '开始正式答题').click();

    await page.getByText('第 1 / 2 题').waitFor();
    await page.getByText(/准备 20 秒，回答最长 10 秒/).waitFor();
    await snap('06-q1-think');
    await button(page, '准备好了，开始录制').click();
    await page.locator('#rec-dot').waitFor({ state: 'visible' });
    const firstStart = Date.now();
    await page.waitForTimeout(1500);
    await snap('07-q1-recording');
    await page.waitForTimeout(1300);
    await button(page, '完成回答').click();
    const firstTook = (Date.now() - firstStart) / 1000;
    await page.getByText(/^录像已保存/).waitFor({ timeout: 30_000 });
    expect(cut, 'one chunk request was cut off').to.equal(1);
    // The playback knows its length (Chrome's recorder does not write one; the page works it out).
    await page.waitForFunction(() => {
      const v = (globalThis as unknown as { document: { getElementById(id: string): { duration: number } | null } }).document.getElementById('q-playback');
      return v !== null && Number.isFinite(v.duration) && v.duration > 2;
    }, undefined, { timeout: 10_000 });
    await snap('08-q1-review');
    await button(page, '重录（还可以重录 1 次）').click();
    await page.locator('#rec-dot').waitFor({ state: 'visible' });
    const secondStart = Date.now();
    await page.waitForTimeout(2500);
    await button(page, '完成回答').click();
    const secondTook = (Date.now() - secondStart) / 1000;
    await page.getByText(/^录像已保存/).waitFor({ timeout: 30_000 });
    await page.getByText('这道题的重录次数已用完。').waitFor();
    expect(await button(page, /^重录/).count()).to.equal(0);
    await snap('09-q1-retaken');
    await button(page, '提交这个回答，下一题').click();
    await page.getByText('第 2 / 2 题').waitFor();

    // The candidate closes the page and opens the link again later.
    await page.goto(`${site.base}/interview/${s.token}`);
    await page.getByRole('heading', { name: '继续面试' }).waitFor();
    await page.getByText('你已完成 1 / 2 题，接下来从第 2 题继续。').waitFor();
    await snap('10-resume');
    await button(page, '继续').click();
    await button(page, '开始检测').click();
    await button(page, '设备正常，下一步').click();
    await page.getByText('第 2 / 2 题').waitFor();
    const thirdTook = await recordFor(page, 3000);
    await page.getByText(/^录像已保存/).waitFor({ timeout: 30_000 });
    await snap('11-q2-review');
    await button(page, '提交这个回答，完成面试').click();
    await page.getByRole('heading', { name: '面试已完成' }).waitFor();
    await snap('12-done');
    expect(await page.getByRole('link', { name: '申请删除我的资料' }).getAttribute('href')).to.equal(`/i/${s.token}/delete`);

    // Reopening a finished interview shows the done page; nothing can be recorded again.
    await page.goto(`${site.base}/interview/${s.token}`);
    await page.getByRole('heading', { name: '面试已完成' }).waitFor();
    await context.close();

    expect(problems, 'no script errors').to.deep.equal([]);
    expect(sideways, 'no sideways scrolling at 320 px').to.deep.equal([]);
    const interview = await InterviewModel.findById(s.interview._id).lean();
    expect(interview).to.include({ status: 'completed', textFallback: false });
    expect(interview?.consent?.review).to.equal('ai');
    expect(await ScoreJobModel.countDocuments({ interviewId: s.interview._id })).to.equal(1);
    const takes = await RecordingModel.find({ interviewId: s.interview._id }).sort({ questionId: 1, attempt: 1 }).lean();
    expect(takes.map((t) => [t.questionId, t.attempt, t.status])).to.deep.equal([['q1', 0, 'complete'], ['q1', 1, 'final'], ['q2', 0, 'final']]);
    expect(takes[0]?.purgedAt, 'the discarded take is deleted').to.be.instanceOf(Date);
    for (const [take, took] of [[takes[1], secondTook], [takes[2], thirdTook]] as const) {
      const p = await probeStored(take!._id);
      expect(p.hasAudio && p.hasVideo).to.equal(true);
      expect(p.durationSource).to.equal('container');
      expect(p.durationSec).to.be.closeTo(took, 0.8);
      expect(take!.durationSec).to.be.closeTo(took, 0.8);
    }
    expect(firstTook).to.be.greaterThan(2);
  });

  it('不允许使用摄像头和麦克风：页面说明怎么办，改用文字作答；粘贴被记下；面试照样完成', async () => {
    const denying = await launchWithMedia({ wav: speech.wav, allow: false });
    try {
      const s = await seedInterview({ questions: [question('q1'), question('q2')] });
      const context = await denying.newContext({ ...PHONE, userAgent: 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.47' });
      const page = await context.newPage();
      await page.goto(`${site.base}/interview/${s.token}`);
      await button(page, '开始').click();
      await page.getByLabel(/只由 HR 人工评估/).check();
      await page.getByLabel('我已阅读以上说明，同意录制我的回答').check();
      await button(page, '同意并继续').click();
      await button(page, '开始检测').click();
      await page.getByText('你没有允许使用摄像头或麦克风。').waitFor();
      await page.getByText(/安卓手机：打开「设置」/).waitFor();
      await page.getByText(/点右上角「···」，选择「在浏览器打开」/).waitFor();
      expect((await shot(page, '20-denied')).sideways).to.equal(false);
      await button(page, '改用文字作答').click();
      await page.getByText(/剩下的题目都用文字回答/).waitFor();
      await button(page, '确定，改用文字作答').click();

      await page.getByText('第 1 / 2 题').waitFor();
      await page.getByRole('textbox', { name: '你的回答' }).fill('我负责过一个跨部门项目，目标是两周上线。我先对齐目标，再每天同步进度，最后按时上线，用户留存提升了 5%。');
      expect((await shot(page, '21-text-answer')).sideways).to.equal(false);
      await button(page, '提交回答，下一题').click();
      await page.getByText('第 2 / 2 题').waitFor();
      await page.getByRole('textbox', { name: '你的回答' }).focus();
      await page.evaluate(() => {
        const doc = (globalThis as unknown as { document: { getElementById(id: string): { dispatchEvent(e: unknown): boolean } | null } }).document;
        const G = globalThis as unknown as { ClipboardEvent: new (t: string, i: unknown) => unknown; DataTransfer: new () => { setData(t: string, v: string): void } };
        const data = new G.DataTransfer();
        data.setData('text', '从网上复制的一段答案');
        doc.getElementById('q-textarea')?.dispatchEvent(new G.ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
      });
      await page.getByRole('textbox', { name: '你的回答' }).fill('我会先拆解问题，列出假设，再逐个验证。');
      await button(page, '提交回答，完成面试').click();
      await page.getByRole('heading', { name: '面试已完成' }).waitFor();
      await context.close();

      const i = await InterviewModel.findById(s.interview._id).lean();
      expect(i).to.include({ status: 'completed', textFallback: true });
      expect(i?.consent?.review).to.equal('human');
      expect(i?.integrity.map((e) => [e.kind, e.detail])).to.deep.include.members([['text_fallback', '未授权摄像头或麦克风'], ['paste', '粘贴了 10 个字']]);
      const answers = await RecordingModel.find({ interviewId: s.interview._id, status: 'final' }).lean();
      expect(answers.map((a) => a.kind)).to.deep.equal(['text', 'text']);
      expect(await ScoreJobModel.countDocuments({ interviewId: s.interview._id })).to.equal(1);
    } finally {
      await denying.close();
    }
  });

  it('面试已取消：打开链接只看到说明和面试信息链接，没有录制', async () => {
    const s = await seedInterview({ interview: { status: 'cancelled' } });
    const context = await allowing!.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${site.base}/interview/${s.token}`);
    await page.getByRole('heading', { name: '面试已结束' }).waitFor();
    await page.getByText('这场面试已取消。如有疑问，请联系邀请你的 HR。').waitFor();
    expect(await page.locator('video').count()).to.equal(0);
    expect((await shot(page, '40-cancelled')).sideways).to.equal(false);
    await context.close();
  });

  it('iPhone 微信内置浏览器没有 getUserMedia：一打开就提示用 Safari 打开，也可以文字作答', async () => {
    const s = await seedInterview();
    const context = await allowing!.newContext({ ...PHONE, userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 14_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.20(0x18001442) NetType/WIFI Language/zh_CN' });
    await context.addInitScript(() => {
      const nav = (globalThis as unknown as { navigator: object }).navigator;
      Object.defineProperty(nav, 'mediaDevices', { value: undefined, configurable: true });
    });
    const page = await context.newPage();
    await page.goto(`${site.base}/interview/${s.token}`);
    await button(page, '开始').click();
    await page.getByLabel(/AI 辅助评估，HR 复核/).check();
    await page.getByLabel('我已阅读以上说明，同意录制我的回答').check();
    await button(page, '同意并继续').click();
    await page.getByText(/当前浏览器不支持录像/).waitFor();
    await page.getByText('在 iPhone 微信里：点右上角「···」，选择「在 Safari 中打开」。').waitFor();
    await button(page, '改用文字作答').waitFor();
    expect((await shot(page, '30-wechat-ios-unsupported')).sideways).to.equal(false);
    await context.close();
  });
});
