import { expect } from 'chai';
import { pino } from 'pino';
import { useTestDatabase } from '../../helpers/db.js';
import { FakeWecomApi } from '../../helpers/wecomApp.js';
import { createWecomClient, memoryTokenStore, type WecomClient } from '../../../bot/wecom/api/index.js';
import { applyContactChange, formatSyncReport, refreshEmployee, syncDirectory } from '../../../bot/wecom/directorySync.js';
import { DepartmentModel, EmployeeModel } from '../../../models/employee.js';

const silent = pino({ level: 'silent' });

describe('bot/wecom/directorySync 通讯录同步', () => {
  useTestDatabase();
  let api: FakeWecomApi;
  let client: WecomClient;
  beforeEach(() => {
    api = new FakeWecomApi().install();
    client = createWecomClient({ corpId: 'ww1', secret: 's', agentId: 1000002, apiBase: api.base, tokenStore: memoryTokenStore(), logger: silent, sleep: async () => undefined });
    api.handle('/cgi-bin/department/list', () => ({ json: { errcode: 0, department: [{ id: 1, name: '示例科技', parentid: 0, order: 1 }, { id: 2, name: '产品部', parentid: 1, order: 2 }] } }));
    api.handle('/cgi-bin/user/list', (c) => ({
      json: {
        errcode: 0,
        userlist: c.query['department_id'] === '1'
          ? [{ userid: 'zhaomin', name: '赵敏', department: [1], status: 1, is_leader_in_dept: [0] }]
          : [
              { userid: 'lina', name: '李娜', department: [2], status: 1, is_leader_in_dept: [1], direct_leader: [] },
              { userid: 'wangfang', name: '王芳', department: [2], status: 1, is_leader_in_dept: [0], direct_leader: ['lina'], position: '设计师' },
              { userid: 'quit', name: '离职的', department: [2], status: 5 },
            ],
      },
    }));
  });
  afterEach(() => api.uninstall());

  it('部门和成员写入本地；新成员默认 employee，部门负责人加 manager；direct_leader[0] 作上级；离职成员停用', async () => {
    const report = await syncDirectory(client, silent);
    expect(report.departments).to.deep.equal({ total: 2, created: 2, updated: 0 });
    expect(report.members).to.deep.include({ total: 4, created: 4 });
    expect(await DepartmentModel.findOne({ deptId: 2 }).lean()).to.include({ name: '产品部', parentId: 1, source: 'wecom' });
    const lina = await EmployeeModel.findOne({ userid: 'lina' }).lean();
    expect(lina?.roles).to.deep.equal(['employee', 'manager']);
    const wangfang = await EmployeeModel.findOne({ userid: 'wangfang' }).lean();
    expect(wangfang).to.include({ managerUserid: 'lina', position: '设计师', active: true, source: 'wecom' });
    expect(wangfang?.roles).to.deep.equal(['employee']);
    expect((await EmployeeModel.findOne({ userid: 'quit' }).lean())?.active).to.equal(false);
    expect(formatSyncReport(report)).to.include('成员：共 4，新增 4');
  });

  it('本地设置的角色保留；企业微信里已不存在的员工停用；再同步一次没有变化', async () => {
    await EmployeeModel.create([
      { userid: 'wangfang', name: '王芳', departments: [9], roles: ['employee', 'hr'], source: 'import' },
      { userid: 'gone', name: '已删除', departments: [2], roles: ['employee'], source: 'import' },
    ]);
    const first = await syncDirectory(client, silent);
    expect(first.members).to.deep.include({ updated: 1, deactivated: 1 });
    const wangfang = await EmployeeModel.findOne({ userid: 'wangfang' }).lean();
    expect(wangfang?.roles).to.deep.equal(['employee', 'hr']);
    expect(wangfang?.departments).to.deep.equal([2]);
    expect((await EmployeeModel.findOne({ userid: 'gone' }).lean())?.active).to.equal(false);
    const second = await syncDirectory(client, silent);
    expect(second.members).to.deep.include({ created: 0, updated: 0, deactivated: 0, unchanged: 4 });
  });

  it('企业微信一个成员都没返回（权限问题）→ 不停用任何人，并在报告里提醒', async () => {
    await EmployeeModel.create({ userid: 'wangfang', name: '王芳', departments: [2], roles: ['employee'], source: 'import' });
    api.handle('/cgi-bin/user/list', () => ({ json: { errcode: 0, userlist: [] } }));
    const report = await syncDirectory(client, silent);
    expect(report.members.deactivated).to.equal(0);
    expect(report.warnings.join('')).to.include('可见范围');
    expect((await EmployeeModel.findOne({ userid: 'wangfang' }).lean())?.active).to.equal(true);
  });

  it('新应用不能用 user/list（48002）→ 改用 user/list_id + user/get', async () => {
    api.handle('/cgi-bin/user/list', () => ({ json: { errcode: 48002, errmsg: 'api forbidden' } }));
    api.handle('/cgi-bin/user/list_id', (c) => ({
      json: c.body['cursor'] ? { errcode: 0, dept_user: [{ userid: 'lina', department: 2 }] } : { errcode: 0, next_cursor: 'p2', dept_user: [{ userid: 'wangfang', department: 2 }] },
    }));
    api.handle('/cgi-bin/user/get', (c) => ({ json: { errcode: 0, userid: c.query['userid'], name: c.query['userid'] === 'lina' ? '李娜' : '王芳', department: [2], status: 1 } }));
    const report = await syncDirectory(client, silent);
    expect(report.source).to.equal('user/list_id');
    expect(report.members.created).to.equal(2);
  });

  it('单个成员刷新：不存在（60111）→ 停用；删除成员的回调直接停用；改账号的回调停用旧账号、同步新账号', async () => {
    await EmployeeModel.create([
      { userid: 'old', name: '老账号', departments: [2], roles: ['employee'], source: 'import' },
      { userid: 'x', name: 'X', departments: [2], roles: ['employee'], source: 'import' },
    ]);
    api.handle('/cgi-bin/user/get', (c) => (c.query['userid'] === 'new'
      ? { json: { errcode: 0, userid: 'new', name: '新账号', department: [2], status: 1 } }
      : { json: { errcode: 60111, errmsg: 'userid not found' } }));
    expect(await refreshEmployee(client, 'x')).to.equal('deactivated');
    await applyContactChange(client, { changeType: 'update_user', userId: 'old', newUserId: 'new', user: {} }, silent);
    expect((await EmployeeModel.findOne({ userid: 'old' }).lean())?.active).to.equal(false);
    expect(await EmployeeModel.findOne({ userid: 'new' }).lean()).to.include({ name: '新账号', active: true });
    await applyContactChange(client, { changeType: 'delete_user', userId: 'new' }, silent);
    expect((await EmployeeModel.findOne({ userid: 'new' }).lean())?.active).to.equal(false);
  });
});
