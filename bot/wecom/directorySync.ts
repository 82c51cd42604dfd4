/**
 * 通讯录 → Employee / Department. Pulls the departments the app can see
 * (`department/list`) and their members (`user/list` per department; apps that
 * may not list details fall back to `user/list_id` + `user/get`), then:
 *
 *  - names, departments, position and the manager (`direct_leader[0]`) follow
 *    WeCom;
 *  - roles are local and never touched on existing employees; a new member
 *    starts as `employee`, plus `manager` when `is_leader_in_dept` says so;
 *  - members gone from WeCom, disabled (status 2) or left (status 5) become
 *    `active: false` — nothing is deleted, their requests and history stay.
 *    A pull that returns nobody deactivates nobody (that is a permission
 *    problem, not an empty company).
 *
 * `applyContactChange` does the same for one member when a change_contact
 * callback arrives, so the daily sync only has to catch what was missed.
 */
import type { Logger } from '../../lib/logger.js';
import { audit } from '../../models/auditLog.js';
import { DepartmentModel, EmployeeModel, type Employee } from '../../models/employee.js';
import { WecomApiError, type WecomClient, type WecomUser } from './api/index.js';
import type { ContactChange } from './events.js';

export type MemberOutcome = 'created' | 'updated' | 'unchanged' | 'deactivated' | 'skipped';

export interface DirectorySyncReport {
  readonly departments: { readonly total: number; readonly created: number; readonly updated: number };
  readonly members: { readonly total: number; readonly created: number; readonly updated: number; readonly unchanged: number; readonly deactivated: number; readonly skipped: number };
  /** Which listing WeCom allowed. */
  readonly source: 'user/list' | 'user/list_id';
  readonly warnings: readonly string[];
}

type DirectoryClient = Pick<WecomClient, 'departments' | 'users'>;

const USERID = /^[A-Za-z0-9_.@-]{1,64}$/;

export async function syncDirectory(client: DirectoryClient, logger: Logger): Promise<DirectorySyncReport> {
  const warnings: string[] = [];
  const depts = await client.departments.list();
  let deptCreated = 0;
  let deptUpdated = 0;
  for (const d of depts) {
    const desired = { name: d.name.slice(0, 64), parentId: d.parentid > 0 ? d.parentid : undefined, order: d.order, source: 'wecom' as const };
    const before = await DepartmentModel.findOneAndUpdate({ deptId: d.id }, { $set: stripUndefined(desired) }, { upsert: true, returnDocument: 'before' }).lean();
    if (!before) deptCreated += 1;
    else if (before.name !== desired.name || before.parentId !== desired.parentId || before.order !== desired.order) deptUpdated += 1;
  }

  const { users, source } = await listMembers(client, depts.map((d) => d.id), logger);
  const counts = { created: 0, updated: 0, unchanged: 0, deactivated: 0, skipped: 0 };
  const seen = new Set<string>();
  for (const u of users) {
    if (!USERID.test(u.userid)) {
      warnings.push(`成员 ${u.userid}（${u.name}）的账号含有本系统不支持的字符，已跳过`);
      counts.skipped += 1;
      continue;
    }
    seen.add(u.userid);
    counts[await upsertMember(u)] += 1;
  }

  if (seen.size === 0) {
    warnings.push('企业微信没有返回任何成员：请检查应用的可见范围和通讯录权限。本次没有停用任何员工。');
  } else {
    const gone = await EmployeeModel.updateMany({ active: true, userid: { $nin: [...seen] } }, { $set: { active: false } });
    counts.deactivated += gone.modifiedCount;
  }
  const report: DirectorySyncReport = {
    departments: { total: depts.length, created: deptCreated, updated: deptUpdated },
    members: { total: seen.size, ...counts },
    source,
    warnings,
  };
  await audit({ actor: 'system', actorKind: 'system', action: 'directory.sync', subjectKind: 'employee', subjectId: '*', channel: 'wecom', details: { departments: report.departments, members: report.members, source } });
  logger.info({ departments: report.departments, members: report.members, source, warnings: warnings.length }, 'directory synced from WeCom');
  return report;
}

/** One member, fresh from `user/get`; a member WeCom no longer knows (60111) is deactivated. */
export async function refreshEmployee(client: Pick<WecomClient, 'users'>, userid: string): Promise<MemberOutcome> {
  let user: WecomUser;
  try {
    user = await client.users.get(userid);
  } catch (err) {
    if (err instanceof WecomApiError && err.errcode === 60111) return deactivate(userid);
    throw err;
  }
  return USERID.test(user.userid) ? upsertMember(user) : 'skipped';
}

/** What a change_contact callback means for the employee list. */
export async function applyContactChange(client: Pick<WecomClient, 'users'>, change: ContactChange, logger: Logger): Promise<void> {
  switch (change.changeType) {
    case 'delete_user':
      logger.info({ userid: change.userId, outcome: await deactivate(change.userId) }, 'member removed in WeCom');
      return;
    case 'create_user':
    case 'update_user': {
      if (change.changeType === 'update_user' && change.newUserId && change.newUserId !== change.userId) {
        // A renamed account: the old id stops working in WeCom. History stays under it; HR re-links if needed.
        await deactivate(change.userId);
        logger.warn({ from: change.userId, to: change.newUserId }, 'member account renamed in WeCom: old employee deactivated, new one synced');
      }
      const userid = change.changeType === 'update_user' ? change.newUserId ?? change.userId : change.userId;
      logger.info({ userid, outcome: await refreshEmployee(client, userid) }, 'member refreshed after a contact change');
      return;
    }
    default:
      // Department changes: the daily sync rebuilds departments from department/list.
      logger.debug({ change: change.changeType }, 'department change left to the daily sync');
  }
}

/** Chinese summary for the CLI and the log. */
export function formatSyncReport(r: DirectorySyncReport): string {
  const m = r.members;
  return [
    `通讯录同步完成（成员来源：${r.source}）`,
    `部门：共 ${r.departments.total}，新增 ${r.departments.created}，更新 ${r.departments.updated}`,
    `成员：共 ${m.total}，新增 ${m.created}，更新 ${m.updated}，未变 ${m.unchanged}，停用 ${m.deactivated}${m.skipped ? `，跳过 ${m.skipped}` : ''}`,
    ...r.warnings.map((w) => `注意：${w}`),
  ].join('\n');
}

// ---------------------------------------------------------------------------

async function listMembers(client: DirectoryClient, deptIds: readonly number[], logger: Logger): Promise<{ users: WecomUser[]; source: DirectorySyncReport['source'] }> {
  const byId = new Map<string, WecomUser>();
  try {
    for (const id of deptIds) for (const u of await client.users.list(id)) byId.set(u.userid, u);
    return { users: [...byId.values()], source: 'user/list' };
  } catch (err) {
    // Apps created after 2022-08 may not read member details by department: list ids, then read each.
    if (!(err instanceof WecomApiError && err.kind === 'errcode')) throw err;
    logger.warn({ errcode: err.errcode }, 'user/list refused; falling back to user/list_id + user/get');
  }
  const ids = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await client.users.listIds(cursor);
    for (const row of page.dept_user) ids.add(row.userid);
    cursor = page.next_cursor || undefined;
  } while (cursor);
  const users: WecomUser[] = [];
  for (const id of ids) users.push(await client.users.get(id));
  return { users, source: 'user/list_id' };
}

function isActive(u: WecomUser): boolean {
  return u.status !== 2 && u.status !== 5;
}

async function upsertMember(u: WecomUser): Promise<MemberOutcome> {
  const leader = u.direct_leader?.find((l) => l !== '' && l !== u.userid);
  const desired: Partial<Employee> = stripUndefined({
    name: u.name.slice(0, 64) || u.userid,
    departments: [...u.department],
    // An absent field means "not told" (older apps): keep ours. An empty list means "no leader".
    managerUserid: u.direct_leader === undefined ? undefined : leader,
    position: u.position || undefined,
    mobile: u.mobile || undefined,
    email: u.email || u.biz_mail || undefined,
    active: isActive(u),
  });
  const existing = await EmployeeModel.findOne({ userid: u.userid }).lean();
  if (!existing) {
    const roles: Employee['roles'] = u.is_leader_in_dept?.includes(1) ? ['employee', 'manager'] : ['employee'];
    try {
      await EmployeeModel.create({ userid: u.userid, ...desired, roles, source: 'wecom' });
      return 'created';
    } catch (err) {
      if ((err as { code?: unknown }).code !== 11000) throw err; // created meanwhile (a callback raced the sync): update below
    }
  }
  const current = existing ?? (await EmployeeModel.findOne({ userid: u.userid }).lean());
  const unsetManager = u.direct_leader !== undefined && leader === undefined && current?.managerUserid !== undefined;
  const changed = unsetManager || Object.entries(desired).some(([k, v]) => JSON.stringify(current?.[k as keyof Employee]) !== JSON.stringify(v));
  if (!changed) return 'unchanged';
  await EmployeeModel.updateOne({ userid: u.userid }, { $set: desired, ...(unsetManager ? { $unset: { managerUserid: 1 } } : {}) });
  return desired.active === false && current?.active === true ? 'deactivated' : 'updated';
}

async function deactivate(userid: string): Promise<MemberOutcome> {
  const res = await EmployeeModel.updateOne({ userid, active: true }, { $set: { active: false } });
  return res.modifiedCount === 1 ? 'deactivated' : 'unchanged';
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
