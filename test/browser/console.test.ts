/**
 * The demo walkthrough in a real browser, on a freshly started app in demo mode:
 * 王芳 asks for leave in Chinese, 李娜 approves on the card, the card updates in
 * place, 王芳 is told and her balance is lower; then she opens her payslip
 * through the simulated WeCom sign-in. Screenshots go to artifacts/.
 */
import { expect } from 'chai';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { LAPTOP, launchChromium, newPage, PHONE, shot, startDemoApp, type DemoApp } from './console.harness.js';
import { skipWithoutBrowser } from '../helpers/browserTools.js';

describe('演示控制台（浏览器）', function () {
  this.timeout(120_000);
  let app: DemoApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  before(async function () {
    skipWithoutBrowser(this);
    app = await startDemoApp();
    browser = await launchChromium();
    ({ context, page } = await newPage(browser, LAPTOP));
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
  });

  const messages = () => page.locator('.messages');
  const say = async (text: string) => {
    await page.getByLabel('输入消息').fill(text);
    await page.getByLabel('输入消息').press('Enter');
  };
  /** Sends `text` and waits for the next bot message (after the ones already there) to match. */
  const sayAndWait = async (text: string, expected: RegExp) => {
    const before = await messages().locator('.row.bot').count();
    await say(text);
    await page.waitForFunction(
      ({ n, source }) => {
        const rows = [...document.querySelectorAll('.messages .row.bot')].slice(n);
        return rows.some((r) => new RegExp(source).test(r.textContent ?? ''));
      },
      { n: before, source: expected.source },
      { timeout: 20_000 },
    );
  };
  const choose = async (name: string) => {
    await page.locator('nav.people .person', { hasText: name }).first().click();
    await page.locator('.chat-sub', { hasText: name }).waitFor();
  };

  it('王芳用中文请年假，李娜在卡片上同意，卡片原地更新，王芳收到通知、余额减少', async () => {
    await page.goto(`${app.url}/console`);
    await page.locator('.chat-sub', { hasText: '王芳' }).waitFor();
    // The seed published last month's payslips: every member got the notice card.
    await messages().locator('.textcard', { hasText: '工资条已发布' }).waitFor({ timeout: 20_000 });
    await shot(page, 'console-01-start');

    await sayAndWait('下周一到周三请年假', /请确认请假信息/);
    const summary = await messages().locator('.bubble.bot', { hasText: '请确认请假信息' }).innerText();
    expect(summary).to.contain('年假').and.to.contain('李娜');
    // The demo runs on the real clock: read the dates and days back from the summary.
    const firstDay = /(\d+月\d+日)（周一）/.exec(summary)?.[1];
    const left = /批准后剩 ([\d.]+) 天/.exec(summary)?.[1];
    expect(firstDay, summary).to.be.a('string');
    expect(left, summary).to.be.a('string');
    await sayAndWait('确认', /等待 李娜 审批/);
    await shot(page, 'console-02-wangfang-submitted');

    await choose('李娜');
    const card = messages().locator('.tpl', { hasText: '王芳的请假申请' });
    await card.waitFor({ timeout: 20_000 });
    expect(await card.innerText()).to.contain(firstDay!).and.to.contain('批准后余额');
    await shot(page, 'console-03-lina-card');
    await card.getByRole('button', { name: '同意' }).click();
    await card.locator('.tpl-btn.done', { hasText: '已同意' }).waitFor({ timeout: 20_000 });
    expect(await card.getByRole('button', { name: '驳回' }).count()).to.equal(0);
    await shot(page, 'console-04-lina-approved');

    await choose('王芳');
    await messages().locator('.bubble.bot', { hasText: '已通过' }).waitFor({ timeout: 20_000 });
    await sayAndWait('我的年假还剩几天', new RegExp(`可用 ${left!.replace('.', '\\.')} 天`));
    await shot(page, 'console-05-wangfang-balance');
  });

  it('王芳打开工资条：模拟的企业微信网页授权以她的身份登录', async () => {
    await choose('王芳');
    await messages().locator('.textcard', { hasText: '工资条已发布' }).first().locator('.tc-more').click();
    await page.locator('.browser').waitFor({ state: 'visible' });
    const frame = await contentFrame(page);
    await frame.getByText('实发', { exact: false }).first().waitFor({ timeout: 20_000 });
    const text = await frame.locator('body').innerText();
    expect(text).to.contain('王芳');
    expect(text).to.match(/\d[\d,]*\.\d{2}/);
    await shot(page, 'console-06-payslip');
    await page.getByRole('button', { name: '关闭页面' }).click();
    await page.locator('.browser').waitFor({ state: 'hidden' });
  });

  it('招聘专员林晓一句话约面试，打开发给候选人的链接；面试进了李娜的企业微信日历', async () => {
    await choose('林晓');
    await sayAndWait('帮我约陈晓明，电话13812345678，下周二下午3点面试产品经理，面试官李娜', /视频|现场|线上/);
    await sayAndWait('视频', /确认/);
    await say('确认');
    const link = messages().locator('a.msg-link[href*="/i/"]').last();
    await link.waitFor({ timeout: 20_000 });
    await shot(page, 'console-10a-linxiao-invitation');
    await link.click();
    const frame = await contentFrame(page);
    await frame.getByText('陈晓明', { exact: false }).first().waitFor({ timeout: 20_000 });
    await shot(page, 'console-11-candidate-page');
    await page.getByRole('button', { name: '关闭页面' }).click();

    await choose('李娜');
    await page.locator('.side .cal-item', { hasText: '陈晓明' }).waitFor({ timeout: 10_000 });
    await shot(page, 'console-12-lina-calendar');
  });

  it('手机屏幕上：对话占满屏幕，顶部切换成员，日历在抽屉里', async () => {
    const phone = await newPage(browser, PHONE);
    try {
      await phone.page.goto(`${app.url}/console#LiNa`);
      await phone.page.locator('.chat-sub', { hasText: '李娜' }).waitFor();
      await phone.page.locator('.tpl', { hasText: '王芳的请假申请' }).waitFor({ timeout: 20_000 });
      expect(await phone.page.locator('nav.people').isVisible()).to.equal(false);
      await shot(phone.page, 'console-07-phone-lina');
      await phone.page.getByRole('button', { name: '日历', exact: true }).click();
      await phone.page.locator('.side', { hasText: '企业微信日历' }).waitFor();
      await phone.page.locator('.cal-item', { hasText: '宋阳' }).waitFor({ timeout: 10_000 });
      await shot(phone.page, 'console-08-phone-calendar');
      await phone.page.getByRole('button', { name: '关闭日历' }).click();
      await phone.page.getByLabel('当前成员').selectOption('WangFang');
      await phone.page.locator('.chat-sub', { hasText: '王芳' }).waitFor();
      await shot(phone.page, 'console-09-phone-wangfang');
      // The narrowest phones (320 px): nothing sticks out sideways.
      await phone.page.setViewportSize({ width: 320, height: 640 });
      const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).to.be.at.most(0);
      await shot(phone.page, 'console-10-phone-320');
    } finally {
      await phone.context.close();
    }
  });
});

/** The page open in the console's in-phone browser. */
async function contentFrame(page: Page): Promise<Frame> {
  const handle = await page.locator('iframe.browser-frame').elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('no page in the phone');
  await frame.waitForLoadState('domcontentloaded');
  return frame;
}
