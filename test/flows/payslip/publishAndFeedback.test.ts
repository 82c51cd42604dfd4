import { expect } from 'chai';
import mongoose from 'mongoose';
import { useTestDatabase } from '../../helpers/db.js';
import { MemoryOutbox } from '../../helpers/memoryOutbox.js';
import { importPayslips } from '../../../models/import/payslips.js';
import { EmployeeModel } from '../../../models/employee.js';
import { PayslipFeedbackModel, PayslipModel, PayslipMonthModel, openQuestion } from '../../../models/payslip.js';
import { AuditLogModel } from '../../../models/auditLog.js';
import { publishPayslips } from '../../../flows/payslip/publish.js';
import { acknowledge, askQuestion, maskDigits } from '../../../flows/payslip/feedback.js';
import { OCTOBER_CSV, PAYSLIP_KEY, SECRET_FIGURES, seedPeople } from './fixtures.js';

const NOW = new Date('2026-11-10T02:00:00Z');
const linkFor = (userid: string, month: string) => `http://localhost:3000/payslip?t=${userid}-${month}`;

describe('发布工资条与员工反馈 flows/payslip/publish + feedback', () => {
  useTestDatabase();
  beforeEach(async () => {
    await seedPeople();
    await importPayslips(OCTOBER_CSV, { key: PAYSLIP_KEY, actor: 'chenjing', channel: 'cli' });
  });

  it('发布：每人一张“10月工资条已发布”链接卡片；再发布一次不重复通知；更正后再发布是“已更新”', async () => {
    const outbox = new MemoryOutbox();
    const deps = { outbox, linkFor, tz: 'Asia/Shanghai', now: NOW };
    const r = await publishPayslips('2026-10', 'chenjing', 'cli', deps);
    expect(r).to.deep.equal({ ok: true, month: '2026-10', notified: 2, skippedInactive: 0, kind: 'first' });
    expect(outbox.textsTo('wangfang')).to.deep.equal(['[链接] 10月工资条已发布']);
    const card = outbox.sent[0]!.message;
    expect(card.kind === 'link_card' && card.url).to.equal('http://localhost:3000/payslip?t=wangfang-2026-10');
    for (const s of outbox.sent) for (const f of SECRET_FIGURES) expect(JSON.stringify(s)).not.to.include(f);
    expect((await PayslipMonthModel.findOne({ month: '2026-10' }).lean())?.publishedAt).to.be.instanceOf(Date);

    const again = await publishPayslips('2026-10', 'chenjing', 'web', deps);
    expect(again).to.include({ ok: true, kind: 'again' });
    expect(outbox.sent).to.have.length(2);

    await importPayslips(OCTOBER_CSV.replace('21.5,11524.45', '21,11524.45'), { key: PAYSLIP_KEY, actor: 'chenjing', channel: 'cli' });
    const update = await publishPayslips('2026-10', 'chenjing', 'cli', deps);
    expect(update).to.include({ ok: true, kind: 'update', notified: 2 });
    expect(outbox.textsTo('wangfang')).to.deep.equal(['[链接] 10月工资条已发布', '[链接] 10月工资条已更新']);
    expect(await AuditLogModel.countDocuments({ action: 'payslip.publish' })).to.equal(3);
  });

  it('离职员工不通知；没有的月份说明原因', async () => {
    await EmployeeModel.updateOne({ userid: 'zhangwei' }, { $set: { active: false } });
    const outbox = new MemoryOutbox();
    const r = await publishPayslips('2026-10', 'chenjing', 'cli', { outbox, linkFor, tz: 'Asia/Shanghai', now: NOW });
    expect(r).to.include({ notified: 1, skippedInactive: 1 });
    expect(await publishPayslips('2026-08', 'chenjing', 'cli', { outbox, linkFor, tz: 'Asia/Shanghai', now: NOW })).to.deep.equal({ ok: false, reason: 'no_month' });
  });

  it('确认无误：只记一次；未发布的月份不能确认', async () => {
    expect(await acknowledge('wangfang', '2026-10', 'web', { now: NOW })).to.equal('not_found');
    await publishPayslips('2026-10', 'chenjing', 'cli', { outbox: new MemoryOutbox(), linkFor, tz: 'Asia/Shanghai', now: NOW });
    expect(await acknowledge('wangfang', '2026-10', 'web', { now: NOW })).to.equal('acknowledged');
    expect(await acknowledge('wangfang', '2026-10', 'web', { now: NOW })).to.equal('already');
    expect((await PayslipModel.findOne({ userid: 'wangfang' }).lean())?.acknowledgedAt?.toISOString()).to.equal(NOW.toISOString());
    expect(await AuditLogModel.countDocuments({ action: 'payslip.acknowledge' })).to.equal(1);
  });

  it('有疑问：问题加密保存，HR 在企业微信收到链接卡片，聊天里数字被隐去', async () => {
    await publishPayslips('2026-10', 'chenjing', 'cli', { outbox: new MemoryOutbox(), linkFor, tz: 'Asia/Shanghai', now: NOW });
    const outbox = new MemoryOutbox();
    const deps = { key: PAYSLIP_KEY, outbox, hrAdmins: [], linkFor, now: NOW };
    expect(await askQuestion('wangfang', '2026-10', '加班费好像少了 350.50 元，10月31日也加班了', 'web', deps)).to.equal('sent');
    expect(outbox.sent.map((s) => s.to.id)).to.deep.equal(['chenjing']);
    const card = outbox.sent[0]!.message;
    if (card.kind !== 'link_card') throw new Error('expected a link card');
    expect(card.title).to.equal('王芳对2026年10月工资条有疑问');
    expect(card.description).to.include('加班费好像少了 ** 元，**月**日也加班了');
    expect(card.url).to.equal('http://localhost:3000/payslip?t=wangfang-2026-10');
    const fb = await PayslipFeedbackModel.findOne({ kind: 'question' }).lean();
    expect(JSON.stringify(fb)).not.to.include('350.50');
    expect(openQuestion(PAYSLIP_KEY, fb!)).to.include('350.50');
    expect(await askQuestion('wangfang', '2026-10', '   ', 'web', deps)).to.equal('empty');
    expect(await askQuestion('wangfang', '2026-10', '还有一个问题', 'web', { ...deps, hrAdmins: ['wangfang'] })).to.equal('no_hr');
    expect(maskDigits('扣款１００元')).to.equal('扣款**元');
  });

  it('提问次数有上限', async () => {
    await publishPayslips('2026-10', 'chenjing', 'cli', { outbox: new MemoryOutbox(), linkFor, tz: 'Asia/Shanghai', now: NOW });
    const deps = { key: PAYSLIP_KEY, outbox: new MemoryOutbox(), hrAdmins: ['chenjing'], linkFor, now: NOW };
    for (let i = 0; i < 10; i += 1) expect(await askQuestion('wangfang', '2026-10', `问题 ${i}`, 'web', deps)).to.equal('sent');
    expect(await askQuestion('wangfang', '2026-10', '再问一个', 'web', deps)).to.equal('too_many');
    expect(mongoose.connection.readyState).to.equal(1);
  });
});
