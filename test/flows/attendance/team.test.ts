import { expect } from 'chai';
import { useTestDatabase } from '../../helpers/db.js';
import { departmentTree, isInTeam, managedDepartments, teamOf } from '../../../flows/attendance/team.js';
import { DepartmentModel, EmployeeModel, type Employee } from '../../../models/employee.js';

// 1 公司 → 2 产品部 → 4 产品一组 → 6 移动端小组; 1 → 3 技术部 → 5 后端组
const DEPARTMENTS = [
  { deptId: 1, name: '公司' },
  { deptId: 2, name: '产品部', parentId: 1 },
  { deptId: 3, name: '技术部', parentId: 1 },
  { deptId: 4, name: '产品一组', parentId: 2 },
  { deptId: 5, name: '后端组', parentId: 3 },
  { deptId: 6, name: '移动端小组', parentId: 4 },
];

describe('考勤的团队范围 flows/attendance/team', () => {
  useTestDatabase();
  const tree = departmentTree(DEPARTMENTS);

  it('经理管的是主部门及其下所有子部门；不是经理只有直属下级', () => {
    expect([...managedDepartments({ roles: ['employee', 'manager'], departments: [2, 3] }, tree)].sort()).to.deep.equal([2, 4, 6]);
    expect([...managedDepartments({ roles: ['employee', 'manager'], departments: [3] }, tree)].sort()).to.deep.equal([3, 5]);
    expect(managedDepartments({ roles: ['employee'], departments: [2] }, tree).size).to.equal(0);
    expect(managedDepartments({ roles: ['manager'], departments: [] }, tree).size).to.equal(0);
  });

  it('通讯录数据成环也不会死循环', () => {
    const loop = departmentTree([{ deptId: 7, parentId: 8 }, { deptId: 8, parentId: 7 }]);
    expect([...managedDepartments({ roles: ['manager'], departments: [7] }, loop)].sort()).to.deep.equal([7, 8]);
  });

  it('isInTeam：直属下级（哪怕在别的部门）算；子部门的人算；兄弟部门、离职的人、自己不算', () => {
    const lina: Pick<Employee, 'userid' | 'roles' | 'departments'> = { userid: 'lina', roles: ['employee', 'manager'], departments: [2] };
    const scope = managedDepartments(lina, tree);
    const person = (userid: string, departments: number[], extra: Partial<Employee> = {}) => ({ userid, departments, active: true, managerUserid: undefined, ...extra });
    expect(isInTeam(lina, person('a', [6]), scope)).to.equal(true);
    expect(isInTeam(lina, person('b', [5], { managerUserid: 'lina' }), scope)).to.equal(true);
    expect(isInTeam(lina, person('c', [5]), scope)).to.equal(false);
    expect(isInTeam(lina, person('d', [1]), scope)).to.equal(false);
    expect(isInTeam(lina, person('e', [4], { active: false }), scope)).to.equal(false);
    expect(isInTeam(lina, person('lina', [2]), scope)).to.equal(false);
  });

  it('teamOf 从数据库取：产品部经理看到产品一组和移动端小组的人，看不到技术部', async () => {
    await DepartmentModel.insertMany(DEPARTMENTS.map((d) => ({ ...d, source: 'import' })));
    const base = { source: 'import', active: true } as const;
    await EmployeeModel.insertMany([
      { ...base, userid: 'lina', name: '李娜', departments: [2], roles: ['employee', 'manager'] },
      { ...base, userid: 'wangfang', name: '王芳', departments: [4], roles: ['employee'] },
      { ...base, userid: 'xiaoyu', name: '小雨', departments: [6], roles: ['employee'] },
      { ...base, userid: 'liuyang', name: '刘洋', departments: [5], roles: ['employee'] },
      { ...base, userid: 'boss', name: '老板', departments: [1], roles: ['employee', 'manager'] },
      { ...base, userid: 'gone', name: '离职', departments: [4], roles: ['employee'], active: false },
    ]);
    const lina = (await EmployeeModel.findOne({ userid: 'lina' }).lean()) as Employee;
    expect((await teamOf(lina)).map((e) => e.userid)).to.deep.equal(['wangfang', 'xiaoyu']);
    const boss = (await EmployeeModel.findOne({ userid: 'boss' }).lean()) as Employee;
    expect((await teamOf(boss)).map((e) => e.userid)).to.deep.equal(['lina', 'liuyang', 'wangfang', 'xiaoyu']);
  });
});
