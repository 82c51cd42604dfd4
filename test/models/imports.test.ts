import { expect } from 'chai';
import { useTestDatabase } from '../helpers/db.js';
import { importEmployees } from '../../models/import/employees.js';
import { importLeaveBalances } from '../../models/import/leaveBalances.js';
import { importHolidays } from '../../models/import/holidays.js';
import { CsvFormatError } from '../../models/import/csv.js';
import { EmployeeModel, DepartmentModel } from '../../models/employee.js';
import { LeaveAccountModel } from '../../models/leaveAccount.js';
import { HolidayModel } from '../../models/holiday.js';
import { AuditLogModel } from '../../models/auditLog.js';

const BOM = '\uFEFF';
const EMPLOYEES = `${BOM}userid,name,department,manager_userid,roles,hire_date
lina,李娜,产品部,,employee|manager,2020-03-01
wangfang,王芳,产品部,lina,employee,2023-07-15
chenjing,"陈静",人力资源部,,hr|interviewer,2019-01-02
zhaomin,赵敏,"人力资源部",chenjing,hr,2022-05-20
`;

describe('导入 employees / leave-balances / holidays', () => {
  useTestDatabase();

  it('带 BOM、带引号的员工表导入后，部门自动建好，上级关系正确', async () => {
    const r = await importEmployees(EMPLOYEES, 'hr-test');
    expect(r).to.deep.include({ ok: true, created: 4, updated: 0, unchanged: 0 });
    const wf = await EmployeeModel.findOne({ userid: 'wangfang' }).lean();
    expect(wf?.name).to.equal('王芳');
    expect(wf?.managerUserid).to.equal('lina');
    expect(wf?.roles).to.deep.equal(['employee']);
    expect(wf?.hireDate).to.equal('2023-07-15');
    const cj = await EmployeeModel.findOne({ userid: 'chenjing' }).lean();
    expect(cj?.roles).to.include.members(['employee', 'hr', 'interviewer']);
    expect(await DepartmentModel.countDocuments()).to.equal(2);
    expect(wf?.departments[0]).to.equal((await DepartmentModel.findOne({ name: '产品部' }).lean())?.deptId);
  });

  it('同一个文件导入两次，第二次什么都不变', async () => {
    await importEmployees(EMPLOYEES, 'hr-test');
    const before = await AuditLogModel.countDocuments();
    const again = await importEmployees(EMPLOYEES, 'hr-test');
    expect(again).to.deep.include({ ok: true, created: 0, updated: 0, unchanged: 4 });
    expect(await AuditLogModel.countDocuments()).to.equal(before);
  });

  it('有错误的行时逐行报告、一行都不导入', async () => {
    const bad = `userid,name,department,manager_userid,roles,hire_date
ok1,好人,产品部,,employee,2024-01-01
bad id,坏人,产品部,,employee,2024-01-01
x2,,产品部,,boss,2024-13-01
ok1,重复,产品部,ghost,employee,
`;
    const r = await importEmployees(bad, 'hr-test');
    expect(r.ok).to.equal(false);
    if (!r.ok) {
      const lines = r.problems.map((p) => p.line);
      expect(lines).to.include.members([3, 4, 5]);
      const text = r.problems.map((p) => `${p.line}:${p.message}`).join('\n');
      expect(text).to.include('bad id').and.include('name 不能为空').and.include('boss').and.include('2024-13-01').and.include('与第 2 行重复').and.include('ghost');
    }
    expect(await EmployeeModel.countDocuments()).to.equal(0);
  });

  it('缺列时报第 1 行', async () => {
    expect(() => importEmployees('userid,name\nx,y\n', 'hr')).to.not.throw();
    try {
      await importEmployees('userid,name\nx,y\n', 'hr');
      expect.fail('should throw');
    } catch (err) {
      expect(err).to.be.instanceOf(CsvFormatError);
      expect((err as CsvFormatError).problems[0]?.line).to.equal(1);
    }
  });

  it('假期余额：设置为文件里的天数，再导一次不变；账本记下调整', async () => {
    await importEmployees(EMPLOYEES, 'hr-test');
    const file = 'userid,leave_type,days\nwangfang,annual,5\nwangfang,compensatory,1.5\nlina,annual,10\n';
    expect(await importLeaveBalances(file, 'hr')).to.deep.include({ ok: true, updated: 3, unchanged: 0 });
    expect(await importLeaveBalances(file, 'hr')).to.deep.include({ ok: true, updated: 0, unchanged: 3 });
    const acc = await LeaveAccountModel.findOne({ userid: 'wangfang', leaveType: 'annual' }).lean();
    expect(acc?.balance).to.equal(5);
    expect(acc?.entries).to.have.length(1);
    expect(acc?.entries[0]?.kind).to.equal('adjustment');
    const bad = await importLeaveBalances('userid,leave_type,days\nnobody,annual,5\nwangfang,vacation,1\nwangfang,sick,0.3\n', 'hr');
    expect(bad.ok).to.equal(false);
    if (!bad.ok) expect(bad.problems.map((p) => p.line)).to.deep.equal([2, 3, 4]);
  });

  it('节假日：新增 2027 年、修改名称，重复导入不变，非法 kind 报错', async () => {
    const file = 'date,kind,name\n2027-01-01,holiday,元旦\n2026-10-10,workday,国庆调休上班日\n';
    const r = await importHolidays(file, 'hr');
    expect(r).to.deep.include({ ok: true, created: 1, updated: 1 });
    expect((await HolidayModel.findOne({ date: '2026-10-10' }).lean())?.name).to.equal('国庆调休上班日');
    expect(await importHolidays(file, 'hr')).to.deep.include({ ok: true, created: 0, updated: 0, unchanged: 2 });
    const bad = await importHolidays('date,kind,name\n2027-02-30,holiday,x\n2027-03-01,vacation,y\n', 'hr');
    expect(bad.ok).to.equal(false);
  });
});
