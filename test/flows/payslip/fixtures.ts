/** People and a month of payslips shared by the payslip tests. */
import { randomBytes } from 'node:crypto';
import { importEmployees } from '../../../models/import/employees.js';

export const PAYSLIP_KEY = randomBytes(32);
export const LINK_KEY = randomBytes(32);
export const SESSION_KEY = randomBytes(32);

export const EMPLOYEES_CSV = `userid,name,department,manager_userid,roles,hire_date
lina,李娜,产品部,,employee|manager,2020-03-01
wangfang,王芳,产品部,lina,employee,2023-07-15
zhangwei,张伟,产品部,lina,employee,2023-07-15
chenjing,陈静,人力资源部,,employee|hr,2019-01-02
zhaolei,赵磊,技术部,,employee|manager,2018-05-02
liuyang,刘洋,技术部,zhaolei,employee,2024-02-01
`;

export async function seedPeople(): Promise<void> {
  const r = await importEmployees(EMPLOYEES_CSV, 'test');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
}

/** 王芳 11,524.45 net; 张伟 13,965.74 net. Deductions negative, 出勤天数 a memo column. */
export const OCTOBER_CSV = `\uFEFFuserid,month,基本工资,绩效奖金,加班费,社保个人部分,公积金个人部分,个税,扣款,（出勤天数）,实发工资
wangfang,2026-10,12000,2000,350.50,-1050,-960,-816.05,,21.5,11524.45
zhangwei,2026-10,"15,000.00",3000,0,-1260,-1200,-1474.26,-100,22,13965.74
`;

export const SEPTEMBER_CSV = `userid,month,基本工资,绩效奖金,社保个人部分,个税,实发工资
wangfang,2026-09,12000,1500,-1050,-733.33,11716.67
`;

/** Figures from the files above, in every spelling a dump could show them. */
export const SECRET_FIGURES = ['11524.45', '1152445', '11,524.45', '816.05', '81605', '13965.74', '1396574', '1474.26', '11716.67'];
