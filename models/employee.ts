/**
 * Employees and departments, keyed by WeCom ids. Roles are local: directory sync
 * updates names, departments and managers but never the roles HR has set here.
 */
import { Schema, model, type HydratedDocument } from 'mongoose';

export const ROLES = ['employee', 'manager', 'hr', 'interviewer'] as const;
export type Role = (typeof ROLES)[number];

export interface Employee {
  /** WeCom userid (成员账号), unique per corp. */
  userid: string;
  name: string;
  /** WeCom department ids; the first is the main department. */
  departments: number[];
  managerUserid?: string | undefined;
  roles: Role[];
  /** `YYYY-MM-DD` */
  hireDate?: string | undefined;
  active: boolean;
  position?: string | undefined;
  mobile?: string | undefined;
  email?: string | undefined;
  source: 'import' | 'wecom' | 'seed';
  createdAt?: Date;
  updatedAt?: Date;
}

const employeeSchema = new Schema<Employee>(
  {
    userid: { type: String, required: true, trim: true, match: /^[A-Za-z0-9_.@-]{1,64}$/ },
    name: { type: String, required: true, trim: true, maxlength: 64 },
    departments: { type: [Number], default: [] },
    managerUserid: { type: String, trim: true },
    roles: { type: [String], enum: ROLES, default: ['employee'] },
    hireDate: { type: String, match: /^\d{4}-\d{2}-\d{2}$/ },
    active: { type: Boolean, default: true },
    position: String,
    mobile: String,
    email: String,
    source: { type: String, enum: ['import', 'wecom', 'seed'], default: 'import' },
  },
  { timestamps: true },
);
employeeSchema.index({ userid: 1 }, { unique: true });
employeeSchema.index({ managerUserid: 1 });
employeeSchema.index({ departments: 1 });
employeeSchema.index({ name: 1 });

export const EmployeeModel = model<Employee>('Employee', employeeSchema);
export type EmployeeDoc = HydratedDocument<Employee>;

export interface Department {
  deptId: number;
  name: string;
  parentId?: number | undefined;
  order?: number | undefined;
  source: 'import' | 'wecom' | 'seed';
}

const departmentSchema = new Schema<Department>(
  {
    deptId: { type: Number, required: true, min: 1 },
    name: { type: String, required: true, trim: true, maxlength: 64 },
    parentId: Number,
    order: Number,
    source: { type: String, enum: ['import', 'wecom', 'seed'], default: 'import' },
  },
  { timestamps: true },
);
departmentSchema.index({ deptId: 1 }, { unique: true });
departmentSchema.index({ name: 1 });

export const DepartmentModel = model<Department>('Department', departmentSchema);

export function hasRole(e: Pick<Employee, 'roles'>, role: Role): boolean {
  return e.roles.includes(role);
}
