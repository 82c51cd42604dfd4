/**
 * HR opens the dashboard on a freshly started demo: through the console (as
 * 陈静, in the phone) and directly in a browser, where the simulated WeCom
 * sign-in offers its member chooser. An employee is turned away. Screenshots
 * go to artifacts/.
 */
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import type { DashboardData } from '../../miniapp/hr/dashboardTypes.js';
import { LAPTOP, launchChromium, newPage, PHONE, shot, startDemoApp, type DemoApp } from './console.harness.js';
import { skipWithoutBrowser } from '../helpers/browserTools.js';

describe('HR 看板（浏览器）', function () {
  this.timeout(120_000);
  let app: DemoApp;
  let browser: Browser;

  before(async function () {
    skipWithoutBrowser(this);
    app = await startDemoApp();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('陈静在控制台里打开 HR 看板：请假、待审批、考勤异常和招聘漏斗都有图有数', async () => {
    const { context, page } = await newPage(browser, LAPTOP);
    try {
      await page.goto(`${app.url}/console#ChenJing`);
      await page.locator('.chat-sub', { hasText: '陈静' }).waitFor();
      await page.getByRole('button', { name: 'HR 看板', exact: true }).click();
      const frame = page.frameLocator('iframe.browser-frame');
      await frame.locator('h1', { hasText: 'HR 看板' }).waitFor({ timeout: 20_000 });
      await frame.locator('#chart-funnel').waitFor();
      await shot(page, 'dashboard-01-in-console');
    } finally {
      await context.close();
    }
  });

  it('直接打开看板：模拟登录选 陈静，页面有表格数字和离线渲染的图表', async () => {
    const { context, page } = await newPage(browser, LAPTOP);
    try {
      const external: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(app.url) && !r.url().startsWith('data:')) external.push(r.url());
      });
      await page.goto(`${app.url}/hr/dashboard`);
      await page.locator('text=企业微信登录（模拟）').first().waitFor();
      await shot(page, 'dashboard-02-chooser');
      await page.getByRole('link', { name: /陈静/ }).click();
      await page.locator('h1', { hasText: 'HR 看板' }).waitFor({ timeout: 20_000 });
      // Charts are drawn (canvas has pixels) from the bundled Chart.js.
      for (const id of ['chart-leave-type', 'chart-leave-dept', 'chart-anomalies', 'chart-funnel']) {
        const drawn = await page.evaluate((cid) => {
          const c = document.getElementById(cid);
          if (!(c instanceof HTMLCanvasElement)) return false;
          const ctx = c.getContext('2d');
          if (!ctx || c.width === 0) return false;
          const px = ctx.getImageData(0, 0, c.width, c.height).data;
          for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) return true;
          return false;
        }, id);
        expect(drawn, `${id} is drawn`).to.equal(true);
      }
      expect(external, 'nothing fetched from outside').to.deep.equal([]);

      const text = await page.locator('main').innerText();
      expect(text).to.contain('马琳'); // on leave through today
      expect(text).to.contain('待审批（2 条）');
      expect(text).to.contain('产品经理');
      await page.waitForTimeout(400);
      await shot(page, 'dashboard-03-laptop');

      const api = await page.evaluate(async () => (await fetch('/api/hr/dashboard')).json());
      const data = api as DashboardData;
      expect(data.pending.map((p) => p.name).sort()).to.deep.equal(['朱涛', '高静']);
      expect(data.onLeave.map((p) => p.name)).to.include('马琳');
      const fe = data.funnel.find((j) => j.code === 'PM-2026');
      expect(fe).to.include({ invited: 3, completed: 1, scored: 1 });
      expect(data.leaveByType.find((t) => t.code === 'annual')?.days ?? 0).to.be.greaterThan(0);
      expect(data.anomalies.length).to.be.greaterThan(0);

      await page.setViewportSize(PHONE);
      await page.reload();
      await page.locator('h1', { hasText: 'HR 看板' }).waitFor();
      await page.waitForTimeout(400);
      await page.screenshot({ path: 'artifacts/dashboard-04-phone-full.png', fullPage: true });
      const cards = page.locator('main > section');
      for (let i = 0; i < (await cards.count()); i += 1) await cards.nth(i).screenshot({ path: `artifacts/dashboard-04-phone-card-${i + 1}.png` });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'no sideways scrolling on a phone').to.be.at.most(0);
      await page.setViewportSize({ width: 320, height: 640 });
      await page.reload();
      await page.locator('h1', { hasText: 'HR 看板' }).waitFor();
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 'not at 320 px either').to.be.at.most(0);
      await shot(page, 'dashboard-04b-phone-320');
    } finally {
      await context.close();
    }
  });

  it('员工 王芳 打开看板被拒绝，看到中文说明', async () => {
    const { context, page } = await newPage(browser, PHONE);
    try {
      await page.goto(`${app.url}/hr/dashboard`);
      await page.getByRole('link', { name: /王芳/ }).click();
      await page.locator('text=只对 HR').waitFor({ timeout: 20_000 });
      await shot(page, 'dashboard-05-forbidden');
      const api = await page.evaluate(async () => (await fetch('/api/hr/dashboard')).status);
      expect(api).to.equal(403);
    } finally {
      await context.close();
    }
  });
});
