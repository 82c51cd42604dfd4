/**
 * 示例科技有限公司: the demo company. One list feeds both sides — the
 * simulator's address book (WeCom's view) and the app's Employee/Department
 * records (seeded once) — so they agree, as after a directory sync.
 * All names, ids and numbers are made up.
 */
import type { DirectoryData, SimDepartment, SimUser } from '../directory.js';
import type { Role } from '../../models/employee.js';

export interface DemoDepartment {
  readonly id: number;
  readonly name: string;
  readonly parentId: number;
  readonly leader?: string;
}

export interface DemoEmployee {
  readonly userid: string;
  readonly name: string;
  readonly dept: number;
  readonly position: string;
  readonly manager?: string;
  readonly roles: readonly Role[];
  readonly gender: '1' | '2';
  readonly hireDate: string;
  /** Leave balances in days at the start of the demo. */
  readonly annual: number;
  readonly compensatory: number;
}

export const DEMO_DEPARTMENTS: readonly DemoDepartment[] = [
  { id: 1, name: '示例科技', parentId: 0, leader: 'ZhaoMin' },
  { id: 2, name: '产品研发部', parentId: 1, leader: 'LiNa' },
  { id: 3, name: '市场部', parentId: 1, leader: 'HuangLei' },
  { id: 4, name: '销售部', parentId: 1, leader: 'XuQiang' },
  { id: 5, name: '人力资源部', parentId: 1, leader: 'ChenJing' },
  { id: 6, name: '财务部', parentId: 1, leader: 'HeYan' },
];

export const DEMO_EMPLOYEES: readonly DemoEmployee[] = [
  { userid: 'ZhaoMin', name: '赵敏', dept: 1, position: '总经理', roles: ['employee', 'manager'], gender: '2', hireDate: '2018-03-01', annual: 15, compensatory: 0 },
  { userid: 'LiNa', name: '李娜', dept: 2, position: '研发经理', manager: 'ZhaoMin', roles: ['employee', 'manager', 'interviewer'], gender: '2', hireDate: '2019-06-10', annual: 12, compensatory: 1 },
  { userid: 'WangFang', name: '王芳', dept: 2, position: '前端工程师', manager: 'LiNa', roles: ['employee'], gender: '2', hireDate: '2022-04-18', annual: 10, compensatory: 1.5 },
  { userid: 'ZhangWei', name: '张伟', dept: 2, position: '后端工程师', manager: 'LiNa', roles: ['employee', 'interviewer'], gender: '1', hireDate: '2021-08-02', annual: 8, compensatory: 0 },
  { userid: 'LiuYang', name: '刘洋', dept: 2, position: '测试工程师', manager: 'LiNa', roles: ['employee'], gender: '1', hireDate: '2023-02-20', annual: 5, compensatory: 0.5 },
  { userid: 'ChenJie', name: '陈杰', dept: 2, position: '产品经理', manager: 'LiNa', roles: ['employee', 'interviewer'], gender: '1', hireDate: '2020-11-09', annual: 9, compensatory: 0 },
  { userid: 'YangLi', name: '杨丽', dept: 2, position: 'UI 设计师', manager: 'LiNa', roles: ['employee'], gender: '2', hireDate: '2024-05-06', annual: 5, compensatory: 0 },
  { userid: 'GuoPeng', name: '郭鹏', dept: 2, position: '运维工程师', manager: 'LiNa', roles: ['employee'], gender: '1', hireDate: '2020-01-13', annual: 7, compensatory: 2 },
  { userid: 'HuangLei', name: '黄磊', dept: 3, position: '市场经理', manager: 'ZhaoMin', roles: ['employee', 'manager'], gender: '1', hireDate: '2019-09-16', annual: 11, compensatory: 0 },
  { userid: 'ZhouXin', name: '周欣', dept: 3, position: '市场专员', manager: 'HuangLei', roles: ['employee'], gender: '2', hireDate: '2023-07-03', annual: 5, compensatory: 0 },
  { userid: 'WuTing', name: '吴婷', dept: 3, position: '品牌策划', manager: 'HuangLei', roles: ['employee'], gender: '2', hireDate: '2022-10-10', annual: 6, compensatory: 1 },
  { userid: 'XuQiang', name: '徐强', dept: 4, position: '销售总监', manager: 'ZhaoMin', roles: ['employee', 'manager', 'interviewer'], gender: '1', hireDate: '2018-12-03', annual: 13, compensatory: 0 },
  { userid: 'SunHao', name: '孙浩', dept: 4, position: '销售代表', manager: 'XuQiang', roles: ['employee'], gender: '1', hireDate: '2024-03-11', annual: 5, compensatory: 0 },
  { userid: 'MaLin', name: '马琳', dept: 4, position: '销售代表', manager: 'XuQiang', roles: ['employee'], gender: '2', hireDate: '2022-06-27', annual: 7, compensatory: 0 },
  { userid: 'ZhuTao', name: '朱涛', dept: 4, position: '大客户经理', manager: 'XuQiang', roles: ['employee'], gender: '1', hireDate: '2021-04-06', annual: 9, compensatory: 1 },
  { userid: 'HeYan', name: '何燕', dept: 6, position: '财务经理', manager: 'ZhaoMin', roles: ['employee', 'manager'], gender: '2', hireDate: '2019-03-25', annual: 12, compensatory: 0 },
  { userid: 'GaoJing', name: '高静', dept: 6, position: '会计', manager: 'HeYan', roles: ['employee'], gender: '2', hireDate: '2023-09-04', annual: 5, compensatory: 0 },
  { userid: 'ChenJing', name: '陈静', dept: 5, position: 'HR 经理', manager: 'ZhaoMin', roles: ['employee', 'hr', 'manager'], gender: '2', hireDate: '2019-02-18', annual: 12, compensatory: 0 },
  { userid: 'LinXiao', name: '林晓', dept: 5, position: '招聘专员', manager: 'ChenJing', roles: ['employee', 'hr', 'interviewer'], gender: '2', hireDate: '2023-03-13', annual: 6, compensatory: 0 },
  { userid: 'LuoQian', name: '罗倩', dept: 5, position: '薪酬专员', manager: 'ChenJing', roles: ['employee', 'hr'], gender: '2', hireDate: '2024-08-19', annual: 5, compensatory: 0 },
];

/** The four people the console offers first, with what they show. */
export const DEMO_PERSONAS: ReadonlyArray<{ readonly userid: string; readonly label: string; readonly hint: string }> = [
  { userid: 'WangFang', label: '员工', hint: '请假、查余额、查工资条、问考勤' },
  { userid: 'LiNa', label: '经理', hint: '王芳的上级：在卡片上审批请假' },
  { userid: 'ChenJing', label: 'HR', hint: 'HR 看板、升级的审批、工资条' },
  { userid: 'LinXiao', label: '招聘', hint: '一句话约面试、候选人链接、评分报告' },
];

/** WeCom's view of the same company. */
export function demoDirectory(): DirectoryData {
  const departments: SimDepartment[] = DEMO_DEPARTMENTS.map((d, i) => ({
    id: d.id,
    name: d.name,
    parentid: d.parentId,
    order: 100_000_000 - i * 1000,
    leaders: d.leader ? [d.leader] : [],
  }));
  const users: SimUser[] = DEMO_EMPLOYEES.map((e) => ({
    userid: e.userid,
    name: e.name,
    departments: [e.dept],
    position: e.position,
    leaderInDept: [DEMO_DEPARTMENTS.find((d) => d.id === e.dept)?.leader === e.userid],
    directLeader: e.manager ? [e.manager] : [],
    gender: e.gender,
    status: 1,
  }));
  return { departments, users };
}
