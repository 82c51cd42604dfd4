/**
 * Chinese numerals → Arabic digits, only where a number is meant.
 *
 * 两天半 → 2天半, 十二月二十四号 → 12月24号, 三点半 → 3点半, 二〇二六年 → 2026年.
 * A numeral is converted only before a counting unit (天, 号, 月, 点 …), so
 * 查一下, 周一, 一点点 and 十一(国庆) keep their meaning.
 */

const DIGIT: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNIT: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Value of a Chinese numeral such as 二十三, 十二, 一百零五, 二〇二六; undefined when malformed. */
export function chineseToNumber(s: string): number | undefined {
  if (s.length === 0) return undefined;
  // Positional digits without units: 二〇二六 → 2026.
  if (!/[十百千]/.test(s)) {
    let v = 0;
    for (const ch of s) {
      const d = DIGIT[ch];
      if (d === undefined) return undefined;
      v = v * 10 + d;
    }
    return v;
  }
  let total = 0;
  let current = 0;
  for (const ch of s) {
    const d = DIGIT[ch];
    if (d !== undefined) {
      current = d;
      continue;
    }
    const u = UNIT[ch];
    if (u === undefined) return undefined;
    total += (current === 0 ? 1 : current) * u;
    current = 0;
  }
  return total + current;
}

const NUM = '[零〇一二两三四五六七八九十百千]+';
/** Units a number counts; after them a numeral is surely a quantity or a date part. */
const UNITS = '天|日|号|月|点|个|次|年|周|星期|礼拜|小时|钟头|分|岁|位|块|元|刻|人';
/** 快一点 / 早一点 / 有一点 mean "a bit", not one o'clock. */
const A_BIT = /[快早晚多少有慢大小高低好再差]$/;

const NUMERAL_BEFORE_UNIT = new RegExp(`(${NUM})(?=${UNITS})`, 'g');
/** Minutes after 点 with no 分: 三点四十 → 3点40. */
const MINUTES_AFTER_POINT = new RegExp(`(\\d点)(${NUM})(?![天日号月点个次年周小时分])`, 'g');

export function convertNumerals(text: string): string {
  let out = text.replace(NUMERAL_BEFORE_UNIT, (match: string, num: string, offset: number, whole: string) => {
    const before = whole.slice(0, offset);
    const after = whole.slice(offset + match.length);
    // 周一 / 星期二 / 礼拜三: a weekday, not a count.
    if (/(周|星期|礼拜)$/.test(before) && /^[一二三四五六七日天]$/.test(num)) return match;
    // 第一天 is fine; 一点 after 快/早… is "a bit" unless a time follows (一点半, 一点钟).
    if (num === '一' && after.startsWith('点') && A_BIT.test(before) && !/^点(半|钟|\d|[零一二三四五六七八九十])/.test(after)) return match;
    // 十一 on its own is the National Day holiday (十一后); only convert before a unit.
    const v = chineseToNumber(num);
    return v === undefined ? match : String(v);
  });
  out = out.replace(MINUTES_AFTER_POINT, (match: string, head: string, num: string) => {
    const v = chineseToNumber(num);
    return v === undefined || v >= 60 ? match : `${head}${String(v).padStart(2, '0')}`;
  });
  return out;
}
