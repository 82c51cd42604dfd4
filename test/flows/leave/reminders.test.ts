import { expect } from 'chai';
import { useTestDatabase } from '../../helpers/db.js';
import { MemoryOutbox } from '../../helpers/memoryOutbox.js';
import { runLeaveReminders } from '../../../flows/leave/reminders.js';
import { importEmployees } from '../../../models/import/employees.js';
import { LeaveRequestModel } from '../../../models/leaveRequest.js';
import { silentLogger } from '../../../lib/logger.js';

describe('待审批提醒与升级 flows/leave/reminders', () => {
  useTestDatabase();

  it('超过 24 小时提醒审批人一次，超过 48 小时转 HR 并给 HR 一张卡片；重复运行不重复发', async () => {
    await importEmployees(`userid,name,department,manager_userid,roles,hire_date
lina,李娜,产品部,,employee|manager,2020-03-01
wangfang,王芳,产品部,lina,employee,2023-07-15
zhangwei,张伟,产品部,lina,employee,2023-07-15
chenjing,陈静,人力资源部,,employee|hr,2019-01-02
`, 'test');
    const now = new Date('2026-11-25T02:00:00Z');
    const base = { leaveType: 'annual' as const, start: '2026-12-01', end: '2026-12-01', days: 1, approverUserid: 'lina', cards: [] };
    await LeaveRequestModel.create({ ...base, userid: 'wangfang', createdAt: new Date(now.getTime() - 25 * 3600_000) });
    await LeaveRequestModel.create({ ...base, userid: 'zhangwei', start: '2026-12-02', end: '2026-12-02', createdAt: new Date(now.getTime() - 49 * 3600_000) });
    await LeaveRequestModel.create({ ...base, userid: 'zhangwei', start: '2026-12-03', end: '2026-12-03', createdAt: new Date(now.getTime() - 2 * 3600_000) });
    const outbox = new MemoryOutbox();
    const deps = { outbox, tz: 'Asia/Shanghai', logger: silentLogger, hrAdmins: [] };
    const r1 = await runLeaveReminders(now, deps);
    expect(r1).to.deep.equal({ reminded: 2, escalated: 1 });
    expect(outbox.textsTo('lina')).to.have.length(1);
    expect(outbox.last('lina')).to.include('2 条请假申请');
    expect(outbox.cardsTo('chenjing')).to.have.length(1);
    expect(outbox.textsTo('chenjing')[0]).to.include('张伟').and.include('转给 HR');
    const escalated = await LeaveRequestModel.findOne({ escalatedAt: { $exists: true } }).lean();
    expect(escalated?.cards.map((c) => c.userid)).to.deep.equal(['chenjing']);
    const r2 = await runLeaveReminders(new Date(now.getTime() + 3600_000), deps);
    expect(r2).to.deep.equal({ reminded: 0, escalated: 0 });
    expect(outbox.sent).to.have.length(3);
  });
});
