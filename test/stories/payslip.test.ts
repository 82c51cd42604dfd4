/**
 * 工资条的故事：HR 用命令行导入并发布 → 员工在企业微信里收到通知、问“上个月工资条”
 * → 点开链接 → 企业微信 OAuth 登录（nock 扮演 auth/getuserinfo）→ 看到明细 →
 * 下载 PDF → 别人打开同一个链接被拒 → 过期的链接有清楚的说明。全程经过真实的
 * 回调地址和真实的 HTTP；聊天、日志、链接里都不出现任何金额。
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import { useTestDatabase } from '../helpers/db.js';
import { WecomApp } from '../helpers/wecomApp.js';
import { payslipCommandsWith } from '../../cli/commands/importPayslips.js';
import { silentLogger } from '../../lib/logger.js';
import { AuditLogModel } from '../../models/auditLog.js';
import { OCTOBER_CSV, SECRET_FIGURES, seedPeople } from '../flows/payslip/fixtures.js';
import { readPdf } from '../miniapp/payslip/pdfText.js';

function command(app: WecomApp, name: string) {
  const c = payslipCommandsWith({ now: () => app.clock.now() }).find((x) => x.name === name);
  if (!c) throw new Error(`no command ${name}`);
  return c;
}

function textcards(app: WecomApp, userid: string): Array<{ title: string; description: string; url: string }> {
  return app.api.sentTo(userid).filter((b) => b['msgtype'] === 'textcard').map((b) => b['textcard'] as { title: string; description: string; url: string });
}

describe('故事：工资条（导入 → 发布 → 员工询问 → 链接 → OAuth → 页面与 PDF）', () => {
  useTestDatabase();
  let app: WecomApp;
  let dir: string;
  const codes = new Map<string, string>();

  beforeEach(async () => {
    await seedPeople();
    app = await WecomApp.start();
    dir = await mkdtemp(join(tmpdir(), 'payslip-story-'));
    app.api.handle('/cgi-bin/auth/getuserinfo', (call) => {
      const userid = codes.get(call.query['code'] ?? '');
      return { json: userid ? { errcode: 0, errmsg: 'ok', userid, user_ticket: '' } : { errcode: 40029, errmsg: 'invalid code' } };
    });
  });
  afterEach(async () => {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  });

  /** A phone browser that follows the WeCom sign-in as `userid`, landing back on `path`. */
  async function openAs(userid: string, path: string): Promise<{ agent: supertest.Agent; page: supertest.Response }> {
    const agent = supertest.agent(app.url);
    const first = await agent.get(path).set('Accept', 'text/html');
    if (first.status !== 302) return { agent, page: first };
    expect(first.headers['location']).to.equal(`/auth/wecom/start?next=${encodeURIComponent(path)}`);
    const start = await agent.get(first.headers['location']!);
    const authorize = new URL(start.headers['location']!);
    expect(authorize.hostname).to.equal('open.weixin.qq.com');
    expect(authorize.searchParams.get('redirect_uri')).to.equal('http://hr.test/auth/wecom/callback');
    const code = `code-${userid}-${codes.size}`;
    codes.set(code, userid);
    const back = await agent.get(`/auth/wecom/callback?code=${code}&state=${authorize.searchParams.get('state')}`);
    expect(back.status).to.equal(302);
    expect(back.headers['location']).to.equal(path);
    return { agent, page: await agent.get(path).set('Accept', 'text/html') };
  }

  it('导入 → 发布 → 王芳问“上个月工资条” → 只本人能看 → PDF 里有实发工资 → 过期链接说清楚', async () => {
    // HR imports and publishes with the CLI.
    const file = join(dir, '2026-10.csv');
    await writeFile(file, OCTOBER_CSV);
    const out: string[] = [];
    const err: string[] = [];
    const ctx = { config: app.services.config, logger: silentLogger, out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    expect(await command(app, 'import payslips').run([file], ctx), err.join('\n')).to.equal(0);
    expect(out.join('\n')).to.include('2026年10月工资条导入完成：2 人');
    expect(await command(app, 'publish payslips').run(['2026-10'], ctx)).to.equal(0);
    expect(out.at(-1)).to.include('已为 2 人排队发送通知');

    await app.waitFor(() => textcards(app, 'wangfang').length > 0, '王芳收到发布通知');
    expect(textcards(app, 'wangfang')[0]).to.include({ title: '10月工资条已发布' });

    // She asks in chat: a link card, no amount.
    app.skip('wangfang');
    await app.sendText('wangfang', '上个月工资条');
    expect(await app.nextText('wangfang')).to.equal('2026年10月工资条');
    const card = textcards(app, 'wangfang').at(-1)!;
    expect(card.description).to.include('15 分钟');
    expect(card.url).to.match(/^http:\/\/hr\.test\/payslip\?t=[\w-]+\.[\w-]+$/);
    const path = card.url.replace('http://hr.test', '');

    // Opens it: WeCom sign-in, then the slip.
    const { agent, page } = await openAs('wangfang', path);
    expect(page.status).to.equal(200);
    expect(page.text).to.include('2026年10月工资条').and.include('基本工资').and.include('11,524.45').and.include('2026年10月');
    const pdfPath = [...page.text.matchAll(/href="(\/payslip\/pdf\?t=[^"]+)"/g)][0]![1]!;
    const pdf = await agent.get(pdfPath).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).to.equal(200);
    const text = readPdf(pdf.body as Buffer).lines.join('\n');
    expect(text).to.include('实发工资').and.include('11,524.45');

    // Someone else with the same link.
    const other = await openAs('zhangwei', path);
    expect(other.page.status).to.equal(403);
    expect(other.page.text).to.include('只有本人可以查看');

    // Sixteen minutes later the link is dead, with a clear page.
    app.clock.advance(16 * 60_000);
    const late = await agent.get(path).set('Accept', 'text/html');
    expect(late.status).to.equal(410);
    expect(late.text).to.include('链接已过期').and.include('查工资');

    // Audited, and no figure anywhere but the page and the PDF.
    const actions = (await AuditLogModel.find({ subjectKind: { $in: ['payslip', 'payslip-month'] } }).lean()).map((a) => `${a.action}:${a.actor}`);
    expect(actions).to.include.members(['payslip.import:cli', 'payslip.publish:cli', 'payslip.view:wangfang', 'payslip.download:wangfang']);
    const chat = JSON.stringify(app.api.calls.filter((c) => c.path === '/cgi-bin/message/send'));
    const logs = app.logs.join('\n');
    for (const figure of SECRET_FIGURES) {
      expect(chat, `chat: ${figure}`).not.to.include(figure);
      expect(logs, `logs: ${figure}`).not.to.include(figure);
    }
    for (const c of textcards(app, 'wangfang')) expect(c.url).not.to.match(/11524|1152445/);
  });

  it('问一个没有的月份：说清楚有哪些月份', async () => {
    const file = join(dir, '2026-10.csv');
    await writeFile(file, OCTOBER_CSV);
    const ctx = { config: app.services.config, logger: silentLogger, out: () => undefined, err: () => undefined };
    await command(app, 'import payslips').run([file], ctx);
    await command(app, 'publish payslips').run(['2026-10'], ctx);
    await app.settle();
    app.skip('wangfang');
    await app.sendText('wangfang', '2026年8月的工资');
    expect(await app.nextText('wangfang')).to.equal('没有找到2026年8月的工资条（可能还没发布）。可以查看的月份：2026年10月。说“查2026年10月的工资条”就行。');
  });
});
