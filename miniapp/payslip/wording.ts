/**
 * Words on the payslip page, the PDF and the HR payslip pages.
 */

export function monthText(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${y}年${m}月`;
}

export const PAGE_TITLE = (month: string) => `${monthText(month)}工资条`;
export const GROSS = '应发合计';
export const DEDUCTIONS = '扣除合计';
export const NET = '实发工资';
export const ITEMS_CAPTION = '明细（按公司工资表顺序）';
export const UNIT = '单位：元';
export const OTHER_MONTHS = '其他月份';
export const DOWNLOAD_PDF = '下载 PDF';
export const CONFIRM = '确认无误';
export const QUESTION = '有疑问';
export const QUESTION_LABEL = '你的问题（会发给 HR，HR 会在企业微信里回复你）';
export const QUESTION_PLACEHOLDER = '例如：加班费好像少算了一天';
export const SEND_QUESTION = '发给 HR';
export const CONFIDENTIAL = '工资信息仅本人可见，请勿截图转发。';
export const HR_VIEWING = (name: string) => `你正在以 HR 身份查看 ${name} 的工资条，本次查看已记录。`;
export const NOT_PUBLISHED = '（该月尚未发布，员工还看不到）';
export const ACKED = (when: string) => `你已于 ${when} 确认无误。`;
export const ACKED_HR = (when: string) => `员工已于 ${when} 确认无误。`;
export const QUESTIONS_HEADER = '提过的问题';

export const DONE: Readonly<Record<string, string>> = {
  ack: '已确认，谢谢！',
  already: '你之前已经确认过了。',
  sent: '问题已发给 HR，HR 会在企业微信里回复你。',
  empty: '请先写下你的问题再发送。',
  too_many: '这个月的问题已经提得比较多了，请直接联系 HR。',
  no_hr: '暂时没有找到负责工资的 HR，请直接联系人事部门。',
  not_found: '没有找到这份工资条，可能已被更新，请在企业微信里重新发送“查工资”。',
};

export const LINK_EXPIRED = '这个链接已过期（为保护工资信息，链接只在短时间内有效）。请回到企业微信，对 HR 助手说“查工资”获取新链接。';
export const LINK_INVALID = '这个链接无效或不完整，请回到企业微信，对 HR 助手说“查工资”获取新链接。';
export const NOT_OWNER = '这是别人的工资条，只有本人可以查看。想看自己的工资条，请在企业微信里对 HR 助手说“查工资”。';
export const NOT_EMPLOYEE = '没有在员工名单里找到你，无法查看工资条。如有疑问请联系 HR。';
export const SLIP_GONE = '没有找到这份工资条，可能还没发布或已被更新。请在企业微信里对 HR 助手说“查工资”。';
export const ONLY_OWNER_FEEDBACK = '只有工资条本人可以确认或提问。';

export const PDF_TITLE = (company: string, month: string) => `${company} ${monthText(month)}工资条`;
export const PDF_EMPLOYEE = (name: string, userid: string) => `员工：${name}（${userid}）`;
export const PDF_FOOTER = (when: string) => `生成时间：${when}　本文件含个人工资信息，请妥善保管。`;

// HR pages ---------------------------------------------------------------------

export const HR_TITLE = '工资条管理';
export const HR_UPLOAD_HEADER = '导入工资表';
export const HR_UPLOAD_HELP = 'CSV 文件（UTF-8）：userid,month,各工资项目…,实发工资。扣除项（社保、公积金、个税、扣款）写负数，各项合计须等于实发工资；括号里的列名（如“（出勤天数）”）只显示、不参与合计。一个文件只放一个月；重新导入同一月份会整体替换。';
export const HR_FILE_LABEL = '选择工资表文件';
export const HR_UPLOAD_BUTTON = '校验并导入';
export const HR_MONTHS_HEADER = '已导入的月份';
export const HR_NO_MONTHS = '还没有导入任何月份。';
export const HR_PUBLISH = '发布并通知员工';
export const HR_REPUBLISH = '通知员工工资条已更新';
export const HR_PUBLISHED = (when: string) => `已发布（${when}）`;
export const HR_UNPUBLISHED = '未发布';
export const HR_CHANGED_SINCE_PUBLISH = '发布后重新导入过';
export const HR_EMPLOYEES = (n: number) => `${n} 人`;
export const HR_DETAILS = '查看名单';
export const HR_VIEW = '查看';
export const HR_ACKED = '已确认';
export const HR_NOT_ACKED = '未确认';
export const HR_QUESTIONS = (n: number) => `${n} 个问题`;
export const HR_BACK = '返回工资条管理';
export const HR_PUBLISH_DONE = (n: number) => `已发布，已通知 ${n} 人。`;
export const HR_PUBLISH_NO_MONTH = '没有这个月份的工资条。';
export const HR_PUBLISH_CHANGED = '这个月份刚刚被重新导入，请刷新后再发布。';
export const HR_IMPORT_OK = (month: string, n: number, replaced: boolean, published: boolean) =>
  `${monthText(month)}导入完成：${n} 人${replaced ? '（已替换之前的数据）' : ''}。${published ? '该月已发布，员工现在看到的是新数据；如需通知员工，请点“通知员工工资条已更新”。' : '核对无误后请点“发布并通知员工”。'}`;
export const HR_IMPORT_FAILED = (n: number) => `有 ${n} 处问题，没有导入任何数据：`;
