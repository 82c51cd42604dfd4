/**
 * Whose attendance a person may see besides their own: the people who report
 * to them directly, and — for managers — the people of their own main
 * department. Never another department.
 */
import { EmployeeModel, type Employee } from '../../models/employee.js';

/** Pure: the rule itself, over a list of people. */
export function isInTeam(manager: Pick<Employee, 'userid' | 'roles' | 'departments'>, e: Pick<Employee, 'userid' | 'active' | 'managerUserid' | 'departments'>): boolean {
  if (!e.active || e.userid === manager.userid) return false;
  if (e.managerUserid === manager.userid) return true;
  const dept = manager.departments[0];
  return manager.roles.includes('manager') && dept !== undefined && e.departments.includes(dept);
}

export async function teamOf(manager: Employee): Promise<Employee[]> {
  const or: Array<Record<string, unknown>> = [{ managerUserid: manager.userid }];
  const dept = manager.departments[0];
  if (manager.roles.includes('manager') && dept !== undefined) or.push({ departments: dept });
  const people = await EmployeeModel.find({ active: true, userid: { $ne: manager.userid }, $or: or }).sort({ userid: 1 }).lean();
  return people.filter((e) => isInTeam(manager, e));
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
