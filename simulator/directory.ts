/**
 * The simulated corp's address book (通讯录): departments and members as WeCom
 * describes them. The demo company (simulator/demo/company.ts) fills it; tests
 * may pass their own.
 */

export interface SimDepartment {
  readonly id: number;
  readonly name: string;
  /** 0 for the root. */
  readonly parentid: number;
  readonly order: number;
  readonly leaders: readonly string[];
}

export interface SimUser {
  readonly userid: string;
  readonly name: string;
  /** The first one is the main department. */
  readonly departments: readonly number[];
  readonly position: string;
  readonly leaderInDept: readonly boolean[];
  readonly directLeader: readonly string[];
  /** "1" male, "2" female. */
  readonly gender: '1' | '2';
  /** 1 active, 2 disabled, 5 left. */
  readonly status: 1 | 2 | 5;
}

export interface DirectoryData {
  readonly departments: readonly SimDepartment[];
  readonly users: readonly SimUser[];
}

export class Directory {
  private readonly usersById: ReadonlyMap<string, SimUser>;
  private readonly deptById: ReadonlyMap<number, SimDepartment>;

  constructor(readonly data: DirectoryData) {
    this.usersById = new Map(data.users.map((u) => [u.userid, u]));
    this.deptById = new Map(data.departments.map((d) => [d.id, d]));
  }

  /** WeCom userids are case-insensitive on input; the stored spelling is returned. */
  user(userid: string): SimUser | undefined {
    return this.usersById.get(userid) ?? this.data.users.find((u) => u.userid.toLowerCase() === userid.toLowerCase());
  }

  department(id: number): SimDepartment | undefined {
    return this.deptById.get(id);
  }

  /** `id` and every department below it. */
  subtree(id: number): SimDepartment[] {
    const out: SimDepartment[] = [];
    const visit = (d: SimDepartment): void => {
      out.push(d);
      for (const c of this.data.departments) if (c.parentid === d.id) visit(c);
    };
    const root = this.deptById.get(id);
    if (root) visit(root);
    return out;
  }

  /** Members directly in department `id`. */
  members(id: number): SimUser[] {
    return this.data.users.filter((u) => u.departments.includes(id));
  }

  mainDepartmentName(u: SimUser): string {
    const id = u.departments[0];
    return id === undefined ? '' : (this.deptById.get(id)?.name ?? '');
  }
}
