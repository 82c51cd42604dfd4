/**
 * Classifier features from normalised text:
 * - single characters, character bigrams and jieba words, each tagged by kind.
 *   Characters and bigrams survive unseen words and leftover typos; words carry
 *   the phrases (工资条, 改期). Digits become `#` so 3天 and 5天 look alike.
 * - cue groups, present (`cue:`) or absent (`no:`). Naive Bayes only counts the
 *   features a message has, so without `no:cancel` nothing says that 明天请假
 *   lacks every word of 撤回请假; with it, 请假 vs. 撤销请假 is decided by the
 *   cue and not by which class happens to have more examples.
 */
const CUES: ReadonlyArray<readonly [string, RegExp]> = [
  ['cancel', /撤|取消|不请|不休|不要|删|作废|销假|不用请/],
  ['status', /批|审|状态|进度|结果|记录|通过|驳回|拒|到哪|哪一步/],
  ['balance', /余额|还有|还剩|剩|额度|几天|多少天|多久|用了|用完|清零|能休|可以休/],
  ['question', /吗|么|\?|几|多少|什么|哪|没有?$/],
  ['howto', /怎么|如何|怎样|流程|能做|会做|功能|干嘛|干啥/],
  ['request', /请|休|申请|调休/],
  ['interview', /面试|面|候选人|约/],
  ['change', /改|推迟|推|挪|换|延期|提前|调整|晚一点|早一点/],
  ['pay', /工资|薪|税|社保|公积金|奖|到手|收入/],
  ['attendance', /考勤|打卡|迟到|早退|缺卡|补卡|加班|出勤|缺勤|旷工|卡/],
  ['team', /我们组|部门|团队|下属|组里|谁/],
];

export function featuresOf(text: string, words: readonly string[]): string[] {
  const out = new Set<string>();
  const shaped = text.replace(/\d+(\.\d+)?/g, '#');
  for (const run of shaped.split(/[\s,。!?;:()~-]+/)) {
    const chars = [...run];
    for (let i = 0; i < chars.length; i += 1) {
      const c = chars[i]!;
      if (/[\u4e00-\u9fff]/.test(c)) out.add(`c:${c}`);
      const next = chars[i + 1];
      if (next !== undefined && !/[a-z]/.test(c + next)) out.add(`b:${c}${next}`);
    }
  }
  for (const w of words) out.add(`w:${w.replace(/\d+(\.\d+)?/g, '#')}`);
  for (const [name, re] of CUES) out.add(re.test(text) ? `cue:${name}` : `no:${name}`);
  return [...out];
}
