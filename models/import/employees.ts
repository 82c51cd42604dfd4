/**
 * `import employees`: userid,name,department,manager_userid,roles,hire_date
 * (roles separated by `|`). Departments are matched by name and created when new.
 * Validation covers the whole file before anything is written; applying the same
 * file twice changes nothing.
 */
import { isIsoDate } from '../../lib/time.js';
import { DepartmentModel, EmployeeModel, ROLES, type Role } from '../employee.js';
import { audit } from '../auditLog.js';
import { fail, readCsv, type ImportProblem, type ImportResult } from './csv.js';

const COLUMNS = ['userid', 'name', 'department', 'manager_userid', 'roles', 'hire_date'] as const;

interface EmployeeRow {
  line: number;
  userid: string;
  name: string;
  department: string;
  managerUserid: string | undefined;
  roles: Role[];
  hireDate: string | undefined;
}

export async function importEmployees(text: string | Buffer, actor: string): Promise<ImportResult> {
  const { rows } = readCsv(text, COLUMNS);
  const problems: ImportProblem[] = [];
  const parsed: EmployeeRow[] = [];
  const seen = new Map<string, number>();

  for (const { line, fields } of rows) {
    const userid = fields['userid'] ?? '';
    const name = fields['name'] ?? '';
    const rolesRaw = (fields['roles'] ?? '').split('|').map((r) => r.trim()).filter(Boolean);
    const hire = fields['hire_date'] ?? '';
    const rowProblems: string[] = [];
    if (!/^[A-Za-z0-9_.@-]{1,64}$/.test(userid)) rowProblems.push(`userid "${userid}" 不合法（只能是字母、数字和 _.@-）`);
    if (name === '') rowProblems.push('name 不能为空');
    const badRoles = rolesRaw.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (badRoles.length > 0) rowProblems.push(`roles 里有未知角色 ${badRoles.join('|')}（可用：${ROLES.join('|')}）`);
    if (hire !== '' && !isIsoDate(hire)) rowProblems.push(`hire_date "${hire}" 应为 YYYY-MM-DD`);
    const first = seen.get(userid);
    if (first !== undefined) rowProblems.push(`userid ${userid} 与第 ${first} 行重复`);
    else seen.set(userid, line);
    for (const m of rowProblems) problems.push({ line, message: m });
    const roles = rolesRaw.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    parsed.push({
      line, userid, name,
      department: fields['department'] ?? '',
      managerUserid: fields['manager_userid'] || undefined,
      roles: roles.includes('employee') ? roles : ['employee', ...roles],
      hireDate: hire || undefined,
    });
  }

  const inFile = new Set(parsed.map((r) => r.userid));
  const managers = [...new Set(parsed.map((r) => r.managerUserid).filter((m): m is string => !!m))];
  const known = new Set((await EmployeeModel.find({ userid: { $in: managers } }, { userid: 1 }).lean()).map((e) => e.userid));
  for (const r of parsed) {
    if (r.managerUserid && r.managerUserid === r.userid) problems.push({ line: r.line, message: '员工不能是自己的上级' });
    else if (r.managerUserid && !inFile.has(r.managerUserid) && !known.has(r.managerUserid)) {
      problems.push({ line: r.line, message: `上级 ${r.managerUserid} 不存在（不在文件里，也不在系统里）` });
    }
  }
  if (problems.length > 0) return fail(problems);

  const deptIds = await ensureDepartments(parsed.map((r) => r.department).filter(Boolean));
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (const r of parsed) {
    const desired = {
      name: r.name,
      departments: r.department ? [deptIds.get(r.department)!] : [],
      managerUserid: r.managerUserid,
      roles: r.roles,
      hireDate: r.hireDate,
      active: true,
    };
    const existing = await EmployeeModel.findOne({ userid: r.userid }).lean();
    if (!existing) {
      await EmployeeModel.create({ userid: r.userid, ...desired, source: 'import' });
      created += 1;
    } else if (sameEmployee(existing, desired)) {
      unchanged += 1;
    } else {
      const unset = desired.managerUserid === undefined ? { managerUserid: 1 } : {};
      const set = Object.fromEntries(Object.entries(desired).filter(([, v]) => v !== undefined));
      await EmployeeModel.updateOne({ userid: r.userid }, { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) });
      updated += 1;
    }
  }
  if (created + updated > 0) {
    await audit({ actor, actorKind: 'hr', action: 'import.employees', subjectKind: 'employee', subjectId: '*', channel: 'cli', details: { created, updated, unchanged } });
  }
  return { ok: true, created, updated, unchanged };
}

function sameEmployee(
  a: { name: string; departments: number[]; managerUserid?: string | undefined; roles: string[]; hireDate?: string | undefined; active: boolean },
  b: { name: string; departments: number[]; managerUserid: string | undefined; roles: string[]; hireDate: string | undefined; active: boolean },
): boolean {
  return a.name === b.name && a.active === b.active && (a.managerUserid ?? undefined) === b.managerUserid
    && (a.hireDate ?? undefined) === b.hireDate
    && JSON.stringify(a.departments) === JSON.stringify(b.departments)
    && JSON.stringify([...a.roles].sort()) === JSON.stringify([...b.roles].sort());
}

/** Department ids by name, creating the missing ones after the highest existing id. */
async function ensureDepartments(names: string[]): Promise<Map<string, number>> {
  const unique = [...new Set(names)];
  const existing = await DepartmentModel.find({ name: { $in: unique } }).lean();
  const ids = new Map(existing.map((d) => [d.name, d.deptId]));
  let next = ((await DepartmentModel.findOne().sort({ deptId: -1 }).lean())?.deptId ?? 1) + 1;
  for (const name of unique) {
    if (ids.has(name)) continue;
    await DepartmentModel.create({ deptId: next, name, parentId: 1, source: 'import' });
    ids.set(name, next);
    next += 1;
  }
  return ids;
}
