/**
 * Everything the payslip flows say in chat, in one place. No figure ever
 * appears here: the slip is behind the link.
 */

/** `2026-10` → `2026年10月`. */
export function monthText(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${y}年${m}月`;
}

/** `10月` within the current year, else `2025年12月`. */
export function shortMonthText(month: string, today: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return today.startsWith(`${y}-`) ? `${m}月` : `${y}年${m}月`;
}

export function listMonths(months: readonly string[]): string {
  return months.slice(0, 6).map(monthText).join('、') + (months.length > 6 ? ` 等 ${months.length} 个月` : '');
}

export const cardTitle = (month: string) => `${monthText(month)}工资条`;
export const CARD_DESCRIPTION = '点击查看明细。链接 15 分钟内有效，只有你本人能打开。';
export const CARD_BUTTON = '查看';

export const NONE_YET = '还没有你已发布的工资条。工资条发布后我会第一时间通知你。';

export function missingMonth(month: string, existing: readonly string[]): string {
  return `没有找到${monthText(month)}的工资条（可能还没发布）。可以查看的月份：${listMonths(existing)}。说“查${monthText(existing[0]!)}的工资条”就行。`;
}

export function missingMonthNoneAtAll(month: string): string {
  return `没有找到${monthText(month)}的工资条（可能还没发布），目前也还没有你已发布的其他月份。`;
}

export function futureMonth(month: string): string {
  return `${monthText(month)}还没到发工资的时候哦。`;
}

// Publishing -----------------------------------------------------------------

export const publishedTitle = (short: string) => `${short}工资条已发布`;
export const updatedTitle = (short: string) => `${short}工资条已更新`;
export const PUBLISHED_DESCRIPTION = '点击查看明细（仅本人可看，3 天内有效；过期后对我说“查工资”即可）。看过后请点“确认无误”，有问题可以点“有疑问”。';
export const UPDATED_DESCRIPTION = 'HR 更正了工资条，请以新的为准。点击查看明细（仅本人可看，3 天内有效）。';

// Questions to HR ------------------------------------------------------------

export const questionTitle = (name: string, month: string) => `${name}对${monthText(month)}工资条有疑问`;

export function questionDescription(maskedQuestion: string): string {
  return `问题：${maskedQuestion}\n（数字已隐去，点击查看原文和工资条）`;
}

export const QUESTION_BUTTON = '查看';
