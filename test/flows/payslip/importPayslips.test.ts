import { expect } from 'chai';
import mongoose from 'mongoose';
import { useTestDatabase } from '../../helpers/db.js';
import { importPayslips, parseCents, itemColumn } from '../../../models/import/payslips.js';
import { PayslipModel, PayslipMonthModel, activeSlip, monthsWithSlip, openSlip, sealSlip } from '../../../models/payslip.js';
import { AuditLogModel } from '../../../models/auditLog.js';
import { OCTOBER_CSV, PAYSLIP_KEY, SECRET_FIGURES, SEPTEMBER_CSV, seedPeople } from './fixtures.js';

const opts = { key: PAYSLIP_KEY, actor: 'chenjing', channel: 'cli' as const };

async function rawDump(): Promise<string> {
  const db = mongoose.connection.db!;
  const out: unknown[] = [];
  for (const c of await db.listCollections({}, { nameOnly: true }).toArray()) {
    out.push(await db.collection(c.name).find({}).toArray());
  }
  return JSON.stringify(out);
}

describe('工资条导入 models/import/payslips', () => {
  useTestDatabase();
  beforeEach(() => seedPeople());

  it('金额读法：千分位、两位小数、负数扣除、¥ 前缀；其他写法拒绝', () => {
    expect(parseCents('12000')).to.equal(1_200_000);
    expect(parseCents('15,000.00')).to.equal(1_500_000);
    expect(parseCents('350.5')).to.equal(35_050);
    expect(parseCents('-816.05')).to.equal(-81_605);
    expect(parseCents('¥1,234.56')).to.equal(123_456);
    expect(parseCents('-¥100')).to.equal(-10_000);
    for (const bad of ['', 'abc', '1.234', '1e5', '12 000', '1,23', '--1', '1,0000', '100000000001']) expect(parseCents(bad), bad).to.equal(undefined);
    expect(itemColumn('（出勤天数）')).to.deep.equal({ name: '出勤天数', kind: 'memo' });
    expect(itemColumn('[应发合计]')).to.deep.equal({ name: '应发合计', kind: 'memo' });
    expect(itemColumn('个税')).to.deep.equal({ name: '个税', kind: 'money' });
  });

  it('导入一个月：按文件顺序保存项目，金额加密，数据库里找不到任何工资数字', async () => {
    const r = await importPayslips(OCTOBER_CSV, opts);
    expect(r).to.include({ ok: true, month: '2026-10', employees: 2, replaced: false, published: false });
    const month = await PayslipMonthModel.findOne({ month: '2026-10' }).lean();
    expect(month?.itemOrder).to.deep.equal(['基本工资', '绩效奖金', '加班费', '社保个人部分', '公积金个人部分', '个税', '扣款', '出勤天数']);
    const found = await activeSlip('wangfang', '2026-10', { publishedOnly: false });
    const content = openSlip(PAYSLIP_KEY, found!.slip);
    expect(content.netCents).to.equal(1_152_445);
    expect(content.lines.map((l) => l.name)).to.deep.equal(['基本工资', '绩效奖金', '加班费', '社保个人部分', '公积金个人部分', '个税', '出勤天数']);
    expect(content.lines.at(-1)).to.deep.equal({ name: '出勤天数', kind: 'memo', text: '21.5' });

    const dump = await rawDump();
    expect(dump).to.include('wangfang'); // the scan does see the documents
    for (const figure of SECRET_FIGURES) expect(dump, figure).not.to.include(figure);
    expect(await AuditLogModel.countDocuments({ action: 'payslip.import', subjectId: '2026-10' })).to.equal(1);
  });

  it('每一行都先校验：问题带行号一次列全，任何一处出错都不写入', async () => {
    const csv = `userid,month,基本工资,个税,实发工资
wangfang,2026-10,12000,-800,11200
nobody,2026-10,100,0,100
zhangwei,2026-13,100,0,100
lina,2026-09,100,0,100
chenjing,2026-10,1万,0,100
zhaolei,2026-10,12000,800,11200
wangfang,2026-10,1,0,1
liuyang,2026-10,100,0,
`;
    const r = await importPayslips(csv, opts);
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    const byLine = (n: number) => r.problems.filter((p) => p.line === n).map((p) => p.message).join(' / ');
    expect(byLine(3)).to.include('nobody').and.include('不存在');
    expect(byLine(4)).to.include('YYYY-MM');
    expect(byLine(5)).to.include('只能有一个月份').and.include('第 2 行是 2026-10');
    expect(byLine(6)).to.include('基本工资').and.include('不是有效金额');
    expect(byLine(7)).to.include('“个税”是扣除项，应写成负数');
    expect(byLine(8)).to.include('与第 2 行重复');
    expect(byLine(9)).to.include('实发工资').and.include('为空');
    expect(r.problems.map((p) => p.line)).to.deep.equal([...r.problems.map((p) => p.line)].sort((a, b) => a - b));
    // Messages never echo an amount.
    expect(r.problems.map((p) => p.message).join('\n')).not.to.match(/12000|11200|12800/);
    expect(await PayslipModel.countDocuments({})).to.equal(0);
    expect(await PayslipMonthModel.countDocuments({})).to.equal(0);
  });

  it('各项合计对不上实发工资时指出来，并提示扣除项写负数', async () => {
    const r = await importPayslips('userid,month,基本工资,社保个人部分,实发工资\nwangfang,2026-10,12000,-1000,11200\n', opts);
    expect(r.ok).to.equal(false);
    expect(!r.ok && r.problems).to.deep.equal([{ line: 2, message: '各项合计与“实发工资”不一致。扣除项（社保、公积金、个税、扣款等）请写成负数；小计等不参与合计的列请把列名写在括号里，如“（应发合计）”' }]);
    const refund = await importPayslips('userid,month,基本工资,个税退还,实发工资\nwangfang,2026-10,12000,100,12100\n', opts);
    expect(refund.ok).to.equal(true);
  });

  it('表头问题：缺 实发工资 列、没有项目列、空文件', async () => {
    const noNet = await importPayslips('userid,month,基本工资\nwangfang,2026-10,1\n', opts);
    expect(!noNet.ok && noNet.problems[0]?.message).to.include('实发工资');
    const noItems = await importPayslips('userid,month,实发工资\nwangfang,2026-10,1\n', opts);
    expect(!noItems.ok && noItems.problems[0]?.message).to.include('没有任何工资项目');
    const empty = await importPayslips('userid,month,基本工资,实发工资\n', opts);
    expect(!empty.ok && empty.problems[0]?.message).to.include('没有数据行');
    const noUser = await importPayslips('month,基本工资,实发工资\n2026-10,1,1\n', opts);
    expect(!noUser.ok && noUser.problems[0]?.message).to.include('缺少列');
  });

  it('同一个月重新导入：新批次整体替换，旧批次删除，读者只看到生效的批次；有审计', async () => {
    const first = await importPayslips(OCTOBER_CSV, opts);
    const corrected = OCTOBER_CSV.replace('350.50,-1050,-960,-816.05,,21.5,11524.45', '450.50,-1050,-960,-816.05,,21.5,11624.45');
    const second = await importPayslips(corrected, opts);
    expect(second).to.include({ ok: true, replaced: true });
    if (!first.ok || !second.ok) return;
    expect(second.batchId).not.to.equal(first.batchId);
    expect(await PayslipModel.countDocuments({ batchId: new mongoose.Types.ObjectId(first.batchId) })).to.equal(0);
    expect(await PayslipModel.countDocuments({ month: '2026-10' })).to.equal(2);
    const slip = await activeSlip('wangfang', '2026-10', { publishedOnly: false });
    expect(openSlip(PAYSLIP_KEY, slip!.slip).netCents).to.equal(1_162_445);
    expect(await AuditLogModel.countDocuments({ action: 'payslip.reimport', subjectId: '2026-10' })).to.equal(1);
  });

  it('导入中途的批次（尚未切换）读者看不到；一小时后被清理', async () => {
    await importPayslips(OCTOBER_CSV, opts);
    const stray = new mongoose.Types.ObjectId();
    await PayslipModel.create({ userid: 'wangfang', month: '2026-10', batchId: stray, sealed: sealSlip(PAYSLIP_KEY, { userid: 'wangfang', month: '2026-10', lines: [], netCents: 1 }) });
    const slip = await activeSlip('wangfang', '2026-10', { publishedOnly: false });
    expect(openSlip(PAYSLIP_KEY, slip!.slip).netCents).to.equal(1_152_445);
    await importPayslips(OCTOBER_CSV, { ...opts, now: new Date(Date.now() + 2 * 3600_000) });
    expect(await PayslipModel.countDocuments({ batchId: stray })).to.equal(0);
  });

  it('未发布的月份员工看不到；只列出本人有工资条的月份', async () => {
    await importPayslips(OCTOBER_CSV, opts);
    await importPayslips(SEPTEMBER_CSV, opts);
    expect(await monthsWithSlip('wangfang', { publishedOnly: true })).to.deep.equal([]);
    expect(await monthsWithSlip('wangfang', { publishedOnly: false })).to.deep.equal(['2026-10', '2026-09']);
    await PayslipMonthModel.updateOne({ month: '2026-09' }, { $set: { publishedAt: new Date() } });
    expect(await monthsWithSlip('wangfang', { publishedOnly: true })).to.deep.equal(['2026-09']);
    expect(await monthsWithSlip('zhangwei', { publishedOnly: true })).to.deep.equal([]);
  });

  it('密文搬到别人的记录上会被识破', async () => {
    await importPayslips(OCTOBER_CSV, opts);
    const a = await PayslipModel.findOne({ userid: 'wangfang' }).lean();
    const b = await PayslipModel.findOne({ userid: 'zhangwei' }).lean();
    expect(() => openSlip(PAYSLIP_KEY, { ...b!, sealed: a!.sealed })).to.throw(/does not belong/);
  });
});
