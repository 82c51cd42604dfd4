/**
 * Finds concrete quantities in a sentence: 百分之十五, 3 秒, 两周, 四十天, 1.2 万.
 * A result with a number is a strong sign that the candidate talks about
 * something that happened. A lone 一 before a measure word (一个, 一次, 一下) is
 * not counted, because it is grammar rather than a figure.
 */

const CN_DIGITS = '零〇一二三四五六七八九十百千万亿两几';
const UNITS = [
  '个百分点', '个月', '个小时', '个星期', '个人', '个工作日', '分钟', '毫秒', '小时', '星期', '公里', '工作日',
  '%', '％', '个', '位', '人', '天', '周', '月', '年', '秒', '倍', '万', '千', '元', '块', '次', '家', '条', '张', '份',
  '单', '门', '场', '页', '项', '处', '名', '台', '套', '笔', '件', '箱', '篇', '轮', '期', '成', '点', 'g', 'ms',
  's', 'k', 'w', 'qps',
];
const UNIT_RE = UNITS.join('|');

const PATTERNS: readonly RegExp[] = [
  /[pP]\d{2}/gu,
  /(?:百分之|千分之)[零〇一二三四五六七八九十百点]+/gu,
  /\d+(?:\.\d+)?\s*(?:%|％)?/gu,
  new RegExp(`[${CN_DIGITS}]{2,}(?:点[${CN_DIGITS}]+)?(?:${UNIT_RE})`, 'gu'),
  new RegExp(`[零〇二三四五六七八九十百千万两](?:点[${CN_DIGITS}]+)?(?:${UNIT_RE})`, 'gu'),
];

/** The quantities mentioned in a text, in order of appearance, each once. */
export function findQuantities(text: string): string[] {
  const found: Array<{ at: number; q: string }> = [];
  for (const re of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const q = m[0].trim();
      if (q === '' || m.index === undefined) continue;
      if (found.some((f) => m.index >= f.at && m.index < f.at + f.q.length)) continue;
      found.push({ at: m.index, q });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.q);
}
