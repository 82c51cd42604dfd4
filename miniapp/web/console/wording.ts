/**
 * Every string the demo console shows, server page and browser script alike.
 * No DOM here, so the server imports it too.
 */

export const TITLE = 'HR 助手 · 演示控制台';
export const APP_NAME = 'HR 助手';
export const NOSCRIPT = '演示控制台需要启用 JavaScript。';
export const PEOPLE_HEADING = '选择演示成员';
export const PEOPLE_NOTE = '每位成员都有自己和 HR 助手的对话。消息经模拟的企业微信加密回调到应用，应用的回复再经企业微信接口回到这里。';
export const OTHERS = '其他同事';
export const WALKTHROUGH_HEADING = '五步体验';
export const WALKTHROUGH: readonly string[] = [
  '王芳：说“下周一到周三请年假”，再回复“确认”',
  '李娜：在请假卡片上点“同意”，卡片变成“已同意”',
  '王芳：收到通过通知，问“我的年假还剩几天”',
  '王芳：点“工资条已发布”卡片的“查看”，以她的身份打开工资条',
  '陈静：在右侧“常用页面”打开 HR 看板',
];
export const SWITCH_LABEL = '当前成员';
export const CHAT_AS = (name: string) => `以「${name}」的身份对话`;
export const INPUT_LABEL = '输入消息';
export const INPUT_PLACEHOLDER = '用中文说，比如：下周一到周三请年假';
export const SEND = '发送';
export const SENDING = '发送中…';
export const DELIVERY_FAILED = (reason: string, attempts: number) => `未送达：${reason}（已尝试 ${attempts} 次）`;
export const DROPPED = (reason: string) => `企业微信丢弃了一条消息（${reason}）`;
export const EMPTY_CHAT = '还没有消息。试试下面的句子，或者直接输入。';
export const SUGGESTIONS_LABEL = '可以这样说';
export const CARD_WAITING = '已提交，等待处理…';
export const CARD_DETAILS = '详情';
export const OPEN_LINK = '打开';
export const BROWSER_CLOSE = '关闭页面';
export const BROWSER_NEW_WINDOW = '在新窗口打开';
export const BROWSER_LOADING = '正在打开…';
export const CALENDAR_HEADING = '企业微信日历';
export const CALENDAR_BUTTON = '日历';
export const CALENDAR_EMPTY = '近期没有日程。';
export const CALENDAR_CLOSE = '关闭日历';
export const CALENDAR_WHOLE_DAY = '全天';
export const CALENDAR_ATTENDEES = '参与人';
export const CALENDAR_LOCATION = '地点';
export const APPROVALS_HEADING = '企业微信审批（待我处理）';
export const APPROVE = '同意';
export const REJECT = '驳回';
export const PAGES_HEADING = '常用页面';
export const DASHBOARD_LINK = 'HR 看板';
export const PAYSLIP_ADMIN_LINK = '工资条管理';
export const PAGES_NOTE = '页面在手机框里以当前成员身份打开（模拟企业微信网页授权）。';
export const CONNECTION_LOST = '与服务器的连接中断，正在重连…';
export const ERROR_GENERIC = '操作没有成功，请稍后再试。';
export const UNREAD = (n: number) => `${n} 条未读`;
export const TODAY = '今天';
export const YESTERDAY = '昨天';
export const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

/** Sentences each persona can try; the first ones tell the main story. */
export const SUGGESTIONS: Readonly<Record<string, readonly string[]>> = {
  WangFang: ['下周一到周三请年假', '确认', '我的年假还剩几天', '查一下上个月的工资条', '这个月迟到几次', '我的请假记录'],
  LiNa: ['我们组这个月的出勤', '今天有哪些面试', '我的年假还剩几天'],
  ChenJing: ['今天有哪些面试', '部门今天谁没打卡', '我的年假还剩几天'],
  LinXiao: ['帮我约陈晓明，电话13812345678，下周二下午3点面试产品经理，面试官李娜', '确认', '今天有哪些面试'],
};
export const DEFAULT_SUGGESTIONS: readonly string[] = ['我的年假还剩几天', '这个月迟到几次', '查工资条', '帮助'];
