import { expect } from 'chai';
import { useTestDatabase } from '../../helpers/db.js';
import { importPayslips } from '../../../models/import/payslips.js';
import { AuditLogModel } from '../../../models/auditLog.js';
import { PayslipMonthModel } from '../../../models/payslip.js';
import { OCTOBER_CSV, PAYSLIP_KEY, SEPTEMBER_CSV, seedPeople } from '../../flows/payslip/fixtures.js';
import { readPdf } from './pdfText.js';
import { startPayslipSite, type PayslipSite } from './harness.js';

async function publishedMonths(): Promise<void> {
  await importPayslips(OCTOBER_CSV, { key: PAYSLIP_KEY, actor: 'chenjing', channel: 'cli' });
  await importPayslips(SEPTEMBER_CSV, { key: PAYSLIP_KEY, actor: 'chenjing', channel: 'cli' });
  await PayslipMonthModel.updateMany({}, { $set: { publishedAt: new Date('2026-11-10T02:00:00Z') } });
}

function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

describe('工资条页面 miniapp/payslip（真实 HTTP）', () => {
  useTestDatabase();
  let site: PayslipSite;
  before(async () => {
    site = await startPayslipSite();
  });
  after(() => site.close());
  beforeEach(async () => {
    site.clock = new Date('2026-11-22T02:00:00Z');
    await seedPeople();
    await publishedMonths();
  });

  it('本人：经企业微信登录后看到明细（按文件顺序）、三个合计和月份切换；查看被审计', async () => {
    const path = site.chatLink('wangfang', '2026-10');
    const res = await site.signIn(site.browser(), path, 'wangfang');
    expect(res.status).to.equal(200);
    expect(res.headers['cache-control']).to.include('no-store');
    const html = res.text;
    expect(html).to.include('2026年10月工资条').and.include('王芳');
    const order = ['基本工资', '绩效奖金', '加班费', '社保个人部分', '公积金个人部分', '个税', '出勤天数'].map((n) => html.indexOf(`>${n}<`));
    expect(order.every((i) => i > 0)).to.equal(true);
    expect(order).to.deep.equal([...order].sort((a, b) => a - b));
    expect(html).not.to.include('>扣款<'); // empty cell: not on her slip
    expect(html).to.include('12,000.00').and.include('-816.05').and.include('11,524.45');
    expect(html).to.include('应发合计').and.include('14,350.50').and.include('扣除合计').and.include('-2,826.05');
    expect(html).to.include('2026年9月').and.include('下载 PDF').and.include('确认无误').and.include('有疑问');
    expect(hrefs(html).filter((h) => h.startsWith('/payslip?t='))).to.have.length(1); // the other month
    const audits = await AuditLogModel.find({ action: 'payslip.view' }).lean();
    expect(audits.map((a) => [a.actor, a.actorKind, a.subjectId, a.channel])).to.deep.equal([['wangfang', 'employee', 'wangfang/2026-10', 'web']]);
  });

  it('PDF：能下载，嵌入的是中文字体子集，文字里有实发工资', async () => {
    const browser = site.browser();
    const page = await site.signIn(browser, site.chatLink('wangfang', '2026-10'), 'wangfang');
    const pdfPath = hrefs(page.text).find((h) => h.startsWith('/payslip/pdf?t='))!;
    const res = await browser.get(pdfPath).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    expect(res.headers['content-disposition']).to.equal('attachment; filename="payslip-2026-10.pdf"');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    expect(pdf.length).to.be.below(200_000); // a subset, not the 10 MB font
    const facts = readPdf(pdf);
    expect(facts.embeddedFonts.length).to.be.at.least(1);
    for (const f of facts.embeddedFonts) expect(f).to.match(/^[A-Z]{6}\+NotoSansSC/);
    const text = facts.lines.join('\n');
    expect(text).to.include('实发工资').and.include('11,524.45').and.include('王芳').and.include('2026年10月工资条');
    expect(text).not.to.include('\uFFFD');
    expect(await AuditLogModel.countDocuments({ action: 'payslip.download', actor: 'wangfang' })).to.equal(1);
  });

  it('别人打开：403 和中文说明；HR 可以看，页面标明并记审计', async () => {
    const path = site.chatLink('wangfang', '2026-10');
    const other = await site.signIn(site.browser(), path, 'zhangwei');
    expect(other.status).to.equal(403);
    expect(other.text).to.include('没有权限').and.include('只有本人可以查看').and.not.include('11,524.45');
    const hr = await site.signIn(site.browser(), path, 'chenjing');
    expect(hr.status).to.equal(200);
    expect(hr.text).to.include('以 HR 身份查看 王芳').and.include('11,524.45').and.not.include('确认无误');
    const audit = await AuditLogModel.findOne({ action: 'payslip.view', actor: 'chenjing' }).lean();
    expect(audit).to.include({ actorKind: 'hr', subjectId: 'wangfang/2026-10' });
  });

  it('过期或被改过的链接：清楚的页面，不是报错堆栈', async () => {
    const path = site.chatLink('wangfang', '2026-10');
    site.clock = new Date(site.clock.getTime() + 16 * 60_000);
    const expired = await site.browser().get(path).set('Accept', 'text/html');
    expect(expired.status).to.equal(410);
    expect(expired.text).to.include('链接已失效').and.include('已过期').and.include('查工资').and.not.match(/at .*\.ts|Error/);
    const tampered = path.replace(/.(?=\.)/, (c) => (c === 'A' ? 'B' : 'A'));
    const bad = await site.browser().get(tampered).set('Accept', 'text/html');
    expect(bad.status).to.equal(400);
    expect(bad.text).to.include('链接无效');
    const none = await site.browser().get('/payslip').set('Accept', 'text/html');
    expect(none.status).to.equal(400);
  });

  it('确认无误与有疑问：表单提交后回到页面看到结果，问题通过 Outbox 发给 HR', async () => {
    const browser = site.browser();
    const path = site.chatLink('wangfang', '2026-10');
    await site.signIn(browser, path, 'wangfang');
    const t = new URL(path, 'http://x').searchParams.get('t')!;
    const ack = await browser.post('/payslip/feedback').type('form').send({ t, action: 'ack' });
    expect(ack.status).to.equal(303);
    expect(ack.headers['location']).to.equal(`/payslip?t=${t}&done=ack`);
    const after = await browser.get(ack.headers['location']!);
    expect(after.text).to.include('已确认，谢谢').and.include('确认无误。').and.not.include('value="ack"');
    const q = await browser.post('/payslip/feedback').type('form').send({ t, action: 'question', text: '加班费少算了 2 小时' });
    expect(q.headers['location']).to.equal(`/payslip?t=${t}&done=sent`);
    expect(site.outbox.textsTo('chenjing')).to.deep.equal(['[链接] 王芳对2026年10月工资条有疑问']);
    const shown = await browser.get(q.headers['location']!);
    expect(shown.text).to.include('提过的问题').and.include('加班费少算了 2 小时');
  });

  it('读得慢：聊天链接 15 分钟后失效，已打开页面里的问题表单、PDF 和月份切换照常可用', async () => {
    const browser = site.browser();
    const path = site.chatLink('wangfang', '2026-10');
    const page = await site.signIn(browser, path, 'wangfang');
    const formToken = /name="t" value="([^"]+)"/.exec(page.text)?.[1];
    expect(formToken).to.be.a('string');
    const pdfPath = hrefs(page.text).find((h) => h.startsWith('/payslip/pdf?t='))!;
    const september = hrefs(page.text).find((h) => h.startsWith('/payslip?t='))!;
    const toHrBefore = site.outbox.textsTo('chenjing').length;
    site.clock = new Date(site.clock.getTime() + 40 * 60_000);
    expect((await browser.get(path).set('Accept', 'text/html')).status).to.equal(410);
    const q = await browser.post('/payslip/feedback').type('form').send({ t: formToken!, action: 'question', text: '绩效奖金和沟通的不一样' });
    expect(q.status).to.equal(303);
    expect(site.outbox.textsTo('chenjing').slice(toHrBefore)).to.deep.equal(['[链接] 王芳对2026年10月工资条有疑问']);
    expect((await browser.get(q.headers['location']!)).text).to.include('绩效奖金和沟通的不一样');
    expect((await browser.get(pdfPath)).status).to.equal(200);
    expect((await browser.get(september)).text).to.include('2026年9月工资条');
    site.clock = new Date(site.clock.getTime() + 2 * 3600_000);
    expect((await browser.get(pdfPath).set('Accept', 'text/html')).status).to.equal(410);
  });

  it('未发布的月份：本人看不到（说明原因），HR 可以预览', async () => {
    await PayslipMonthModel.updateOne({ month: '2026-10' }, { $unset: { publishedAt: 1 } });
    const path = site.chatLink('wangfang', '2026-10');
    const own = await site.signIn(site.browser(), path, 'wangfang');
    expect(own.status).to.equal(404);
    expect(own.text).to.include('还没发布');
    const hr = await site.signIn(site.browser(), path, 'chenjing');
    expect(hr.status).to.equal(200);
    expect(hr.text).to.include('该月尚未发布');
  });
});

describe('HR 工资条管理页 miniapp/hr/payslip*', () => {
  useTestDatabase();
  let site: PayslipSite;
  before(async () => {
    site = await startPayslipSite();
  });
  after(() => site.close());
  beforeEach(() => seedPeople());

  it('只对 HR 开放；上传有问题的文件返回带行号的问题，正确的文件导入；发布后员工收到通知', async () => {
    const employee = site.browser();
    const denied = await site.signIn(employee, '/hr/payslips', 'wangfang');
    expect(denied.status).to.equal(403);

    const hr = site.browser();
    const page = await site.signIn(hr, '/hr/payslips', 'chenjing');
    expect(page.status).to.equal(200);
    expect(page.text).to.include('导入工资表').and.include('还没有导入任何月份').and.include('<label for="file">');

    const bad = await hr.post('/api/hr/payslips/import').set('Content-Type', 'text/csv').send(OCTOBER_CSV.replace('wangfang,2026-10', 'nobody,2026-10'));
    expect(bad.status).to.equal(422);
    expect(bad.body.ok).to.equal(false);
    expect(bad.body.problems).to.deep.equal([{ line: 2, message: '员工 nobody 不存在，请先导入员工' }]);

    const ok = await hr.post('/api/hr/payslips/import').set('Content-Type', 'text/csv').send(OCTOBER_CSV);
    expect(ok.status).to.equal(200);
    expect(ok.body).to.include({ ok: true, month: '2026-10', employees: 2 });
    expect(ok.body.message).to.include('导入完成').and.include('发布并通知员工');
    expect(await AuditLogModel.countDocuments({ action: 'payslip.import', actor: 'chenjing', channel: 'web' })).to.equal(1);

    const list = await hr.get('/hr/payslips');
    expect(list.text).to.include('2026年10月').and.include('未发布').and.include('发布并通知员工');
    const roster = await hr.get('/hr/payslips/2026-10');
    expect(roster.text).to.include('王芳').and.include('张伟').and.include('未确认');
    expect(roster.text).not.to.include('11,524.45');

    const cross = await hr.post('/hr/payslips/publish').set('Origin', 'https://evil.example').type('form').send({ month: '2026-10' });
    expect(cross.status).to.equal(403);
    const pub = await hr.post('/hr/payslips/publish').type('form').send({ month: '2026-10' });
    expect(pub.status).to.equal(303);
    expect(pub.headers['location']).to.equal('/hr/payslips?msg=published&n=2');
    expect(site.outbox.textsTo('wangfang')).to.deep.equal(['[链接] 10月工资条已发布']);
    const done = await hr.get(pub.headers['location']!);
    expect(done.text).to.include('已发布，已通知 2 人');
  });

  it('没登录的接口调用得到 401，不是跳转', async () => {
    const res = await site.browser().post('/api/hr/payslips/import').set('Content-Type', 'text/csv').send(OCTOBER_CSV);
    expect(res.status).to.equal(401);
    expect(res.body.error).to.include('登录');
  });
});
