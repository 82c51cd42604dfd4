/**
 * Words the engine itself says (not tied to one flow). Short, friendly,
 * Simplified Chinese; examples the user can copy.
 */
import type { Employee } from '../models/employee.js';

const FORM_LABELS: Record<string, string> = {
  'leave.request': '请假申请',
  'leave.cancel': '撤回申请',
  'interview.schedule': '面试安排',
  'interview.reschedule': '面试改期',
};

export function formLabel(flow: string): string {
  return FORM_LABELS[flow] ?? '刚才的事项';
}

export function formExpired(flow: string): string {
  return `刚才的${formLabel(flow)}超过 30 分钟没有继续，已自动取消。需要的话重新告诉我就行。`;
}

export function formCancelled(flow: string): string {
  return `好的，${formLabel(flow)}已取消，什么都没有提交。`;
}

export function formReplaced(flow: string): string {
  return `（刚才的${formLabel(flow)}先放下了，没有提交。）`;
}

export function resume(prompt: string): string {
  return `我们接着刚才的：${prompt}`;
}

export const CARD_EXPIRED = '这张卡片已经失效了。';
export const ONLY_TEXT = '我现在只看得懂文字消息，可以直接打字告诉我要办什么，比如“明天请一天年假”。';
export const NOT_AN_EMPLOYEE = '还没有在员工名单里找到你，请联系 HR 把你加进来后再试。';
/** Candidates reach the bot through the optional Wechaty channel: no HR examples for them. */
export const CANDIDATE_FALLBACK = '我是招聘助手，可以帮你处理面试安排：回复“确认”确认参加，“改期至下周一下午2点”申请改时间，“取消”不参加。其他问题请直接联系邀请你的 HR。';
export const CANDIDATE_NOTHING_PENDING = '你目前没有待确认的面试安排。如有疑问，请联系邀请你的 HR。';
export const CANDIDATE_ONLY_TEXT = '我现在只看得懂文字消息。关于面试，可以回复“确认”“改期至下周一下午2点”或“取消”。';
export const NOTHING_TO_CANCEL = '好的。目前没有进行中的事项。';
export const NOTHING_TO_CONFIRM = '现在没有需要确认的事项。想办什么可以直接说，比如“下周一请一天年假”。';
export const NOT_ALLOWED = '抱歉，这个功能你暂时没有权限使用。';
export const GENERIC_FORM_HELP = '按提示回答就行；随时回复“取消”可以结束。';

const EMPLOYEE_EXAMPLES = ['明天下午请半天病假', '我的年假还剩几天', '撤回我的请假申请', '查一下上个月的工资条', '这个月迟到几次'];
const MANAGER_EXAMPLES = ['我们组这个月的出勤', '部门今天谁没打卡'];
const HR_EXAMPLES = ['帮我约张伟，电话13812345678，下周二下午3点面试产品经理，面试官李娜', '今天有哪些面试'];

function examples(e: Employee | undefined): string[] {
  const roles = e?.roles ?? [];
  return [
    ...EMPLOYEE_EXAMPLES,
    ...(roles.includes('manager') || roles.includes('hr') ? MANAGER_EXAMPLES : []),
    ...(roles.includes('hr') ? HR_EXAMPLES : []),
  ];
}

export function fallback(e: Employee | undefined): string {
  return ['没太明白你的意思。可以这样说：', ...examples(e).slice(0, 5).map((x) => `· ${x}`), '发送“帮助”查看全部功能。'].join('\n');
}

export function help(e: Employee | undefined): string {
  const roles = e?.roles ?? [];
  const lines = [
    '我是 HR 助手，可以帮你：',
    '· 请假：“下周一到周三请年假”“明天下午请半天病假”',
    '· 查余额和进度：“年假还剩几天”“我的请假批了吗”',
    '· 撤回：“撤回我的请假申请”',
    '· 工资条：“查一下上个月的工资条”（金额只在安全页面里显示）',
    '· 考勤：“这个月迟到几次”“我昨天打卡了吗”',
  ];
  if (roles.includes('manager') || roles.includes('hr')) lines.push('· 团队考勤：“我们组这个月的出勤”“部门今天谁没打卡”');
  if (roles.includes('hr')) lines.push('· 面试：“帮我约张伟，电话13812345678，下周二下午3点面试产品经理，面试官李娜”“今天有哪些面试”');
  lines.push('办理中随时回复“取消”可以结束。');
  return lines.join('\n');
}

export function welcome(e: Employee): string {
  return `${e.name}你好！${help(e)}`;
}

export function greeting(e: Employee | undefined): string {
  return `${e ? `${e.name}，` : ''}你好！有什么可以帮你？比如“明天请一天年假”或“我的年假还剩几天”。发送“帮助”看全部功能。`;
}
