/**
 * 通讯录 read APIs (doc 90196 / 90200 / 90201 / 96067 / 90208) over the
 * simulated address book. Like an app created after 2022-06-20, the answers omit
 * mobile, email, avatar and address.
 */
import type { Directory, SimDepartment, SimUser } from './directory.js';
import type { Json } from './http.js';

export function userJson(u: SimUser): Json {
  return {
    userid: u.userid,
    name: u.name,
    department: [...u.departments],
    order: u.departments.map(() => 0),
    position: u.position,
    gender: u.gender,
    is_leader_in_dept: u.leaderInDept.map((b) => (b ? 1 : 0)),
    direct_leader: [...u.directLeader],
    telephone: '',
    alias: '',
    status: u.status,
    main_department: u.departments[0] ?? 1,
    open_userid: `wo${Buffer.from(u.userid).toString('hex').slice(0, 24)}`,
    external_position: '',
    extattr: { attrs: [] },
  };
}

export function simpleUserJson(u: SimUser): Json {
  return { userid: u.userid, name: u.name, department: [...u.departments], open_userid: `wo${Buffer.from(u.userid).toString('hex').slice(0, 24)}` };
}

export function departmentJson(d: SimDepartment): Json {
  return { id: d.id, name: d.name, name_en: '', department_leader: [...d.leaders], parentid: d.parentid, order: d.order };
}

/** Members of a department, below it too when `fetchChild` (the old `fetch_child=1`). */
export function membersOf(dir: Directory, id: number, fetchChild: boolean): SimUser[] {
  const ids = fetchChild ? dir.subtree(id).map((d) => d.id) : [id];
  const seen = new Set<string>();
  const out: SimUser[] = [];
  for (const d of ids) for (const u of dir.members(d)) if (!seen.has(u.userid)) (seen.add(u.userid), out.push(u));
  return out;
}
