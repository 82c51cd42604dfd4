/**
 * Whose attendance a person may see besides their own: the people who report
 * to them directly, and — for managers — the people of their own main
 * department and of every department under it (产品部 → 产品一组). Never a
 * sibling or parent department.
 */
import { DepartmentModel, EmployeeModel, type Department, type Employee } from '../../models/employee.js';

/** Children by parent id, from the whole department list (a company has hundreds at most). */
export type DepartmentTree = ReadonlyMap<number, readonly number[]>;

export function departmentTree(departments: ReadonlyArray<Pick<Department, 'deptId' | 'parentId'>>): DepartmentTree {
  const children = new Map<number, number[]>();
  for (const d of departments) {
    if (d.parentId === undefined || d.parentId === d.deptId) continue;
    children.set(d.parentId, [...(children.get(d.parentId) ?? []), d.deptId]);
  }
  return children;
}

export async function loadDepartmentTree(): Promise<DepartmentTree> {
  return departmentTree(await DepartmentModel.find({}, { deptId: 1, parentId: 1 }).lean());
}

/** The departments a manager oversees: their main department and its subtree (empty for non-managers). */
export function managedDepartments(manager: Pick<Employee, 'roles' | 'departments'>, tree: DepartmentTree): ReadonlySet<number> {
  const root = manager.departments[0];
  const out = new Set<number>();
  if (!manager.roles.includes('manager') || root === undefined) return out;
  const stack = [root];
  while (stack.length > 0) {
    const d = stack.pop()!;
    if (out.has(d)) continue; // a cycle in bad directory data must not loop forever
    out.add(d);
    stack.push(...(tree.get(d) ?? []));
  }
  return out;
}

/** Pure: the rule itself; `scope` is `managedDepartments(manager, tree)`, computed once per manager. */
export function isInTeam(
  manager: Pick<Employee, 'userid'>,
  e: Pick<Employee, 'userid' | 'active' | 'managerUserid' | 'departments'>,
  scope: ReadonlySet<number>,
): boolean {
  if (!e.active || e.userid === manager.userid) return false;
  if (e.managerUserid === manager.userid) return true;
  return e.departments.some((d) => scope.has(d));
}

export async function teamOf(manager: Employee): Promise<Employee[]> {
  const tree = await loadDepartmentTree();
  const scope = managedDepartments(manager, tree);
  const or: Array<Record<string, unknown>> = [{ managerUserid: manager.userid }];
  if (scope.size > 0) or.push({ departments: { $in: [...scope] } });
  const people = await EmployeeModel.find({ active: true, userid: { $ne: manager.userid }, $or: or }).sort({ userid: 1 }).lean();
  return people.filter((e) => isInTeam(manager, e, scope));
}

/**
 * Colleagues named in the text (张伟这个月迟到几次): names are matched as
 * 2–4 character substrings against the directory, longest first.
 */
export async function namedColleagues(text: string, asker: string): Promise<Employee[]> {
  const chars = [...text.replace(/\s+/g, '')];
  const subs = new Set<string>();
  for (let len = 2; len <= 4; len += 1) {
    for (let i = 0; i + len <= chars.length; i += 1) subs.add(chars.slice(i, i + len).join(''));
  }
  if (subs.size === 0) return [];
  const found = await EmployeeModel.find({ name: { $in: [...subs] }, active: true, userid: { $ne: asker } }).lean();
  // 王芳芳 mentioned: do not also report 王芳.
  return found.filter((e) => !found.some((o) => o !== e && o.name.length > e.name.length && o.name.includes(e.name)));
}
