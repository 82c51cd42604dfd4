/**
 * The payslip page in a real browser (Debian chromium through playwright-core)
 * at 320 px: signed in through the WeCom OAuth round trip, readable without
 * sideways scrolling, PDF download, and a question sent to HR from the form.
 * Screenshots go to artifacts/ (git-ignored).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { useTestDatabase } from '../../helpers/db.js';
import { importPayslips } from '../../../models/import/payslips.js';
import { PayslipMonthModel } from '../../../models/payslip.js';
import { OCTOBER_CSV, PAYSLIP_KEY, SEPTEMBER_CSV, seedPeople } from '../../flows/payslip/fixtures.js';
import { startPayslipSite, type PayslipSite } from './harness.js';
import { CHROMIUM, skipWithoutBrowser } from '../../helpers/browserTools.js';


/** Runs in the page: how wide the document is against the viewport (no DOM types in this Node project). */
function pageWidths(): { scroll: number; client: number } {
  const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
  return { scroll: root.scrollWidth, client: root.clientWidth };
}
const ARTIFACTS = new URL('../../../artifacts/', import.meta.url).pathname;

describe('工资条页面：手机浏览器 320px（playwright + chromium）', function () {
  this.timeout(60_000);
  useTestDatabase();
  let site: PayslipSite;
  let browser: Browser;

  before(async function () {
    skipWithoutBrowser(this);
    await mkdir(ARTIFACTS, { recursive: true });
    site = await startPayslipSite();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });
  beforeEach(async () => {
    site.clock = new Date('2026-11-22T02:00:00Z');
    await seedPeople();
    await importPayslips(OCTOBER_CSV, { key: PAYSLIP_KEY, actor: 'chenjing', channel: 'cli' });
    await importPayslips(SEPTEMBER_CSV, { key: PAYSLIP_KEY, actor: 'chenjing', channel: 'cli' });
    await PayslipMonthModel.updateMany({}, { $set: { publishedAt: new Date('2026-11-10T02:00:00Z') } });
  });

  /** A phone whose WeCom sign-in (played by the harness) answers as `userid`. */
  async function phoneAs(userid: string): Promise<BrowserContext> {
    site.signInAs = userid;
    return browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true, deviceScaleFactor: 2 });
  }

  it('本人在手机上打开：登录后能读、不用横向滚动；下载 PDF；“有疑问”表单发给 HR', async () => {
    const context = await phoneAs('wangfang');
    const page = await context.newPage();
    await page.goto(`${site.base}${site.chatLink('wangfang', '2026-10')}`);
    await page.getByText('2026年10月工资条').first().waitFor();
    expect(await page.getByTestId('net').textContent()).to.equal('11,524.45');
    const widths = await page.evaluate(pageWidths);
    expect(widths.scroll).to.be.at.most(widths.client);
    await page.screenshot({ path: join(ARTIFACTS, 'payslip-01-phone-320.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 PDF' }).click()]);
    expect(download.suggestedFilename()).to.equal('payslip-2026-10.pdf');

    await page.getByText('有疑问').click();
    await page.getByLabel('你的问题').fill('加班费好像少算了一天');
    await page.getByRole('button', { name: '发给 HR' }).click();
    await page.getByText('问题已发给 HR').waitFor();
    expect(site.outbox.textsTo('chenjing')).to.deep.equal(['[链接] 王芳对2026年10月工资条有疑问']);
    await page.getByRole('link', { name: '2026年9月' }).click();
    await page.getByText('2026年9月工资条').first().waitFor();
    expect(await page.getByTestId('net').textContent()).to.equal('11,716.67');
    await page.screenshot({ path: join(ARTIFACTS, 'payslip-02-phone-320-september.png'), fullPage: true });
    await context.close();
  });

  it('别人打开同一个链接：中文的“没有权限”页面', async () => {
    const context = await phoneAs('zhangwei');
    const page = await context.newPage();
    const res = await page.goto(`${site.base}${site.chatLink('wangfang', '2026-10')}`);
    expect(res?.status()).to.equal(403);
    await page.getByText('只有本人可以查看').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'payslip-03-phone-403.png') });
    await context.close();
  });

  it('HR 管理页在手机上也能用', async () => {
    const context = await phoneAs('chenjing');
    const page = await context.newPage();
    await page.goto(`${site.base}/hr/payslips`);
    await page.getByText('导入工资表').waitFor();
    await page.getByLabel('选择工资表文件').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(OCTOBER_CSV.replace('zhangwei,2026-10', 'nobody,2026-10')) });
    await page.getByRole('button', { name: '校验并导入' }).click();
    await page.getByText('第 3 行：员工 nobody 不存在').waitFor();
    const widths = await page.evaluate(pageWidths);
    expect(widths.scroll).to.be.at.most(widths.client);
    await page.screenshot({ path: join(ARTIFACTS, 'payslip-04-hr-phone.png'), fullPage: true });
    await context.close();
  });
});
