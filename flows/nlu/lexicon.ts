/**
 * Domain vocabulary: words jieba must keep whole, common phone-input typos and
 * the traditional characters people in Hong Kong / Taiwan offices type.
 * One table per concern so a new word is a one-line change.
 */

/** Words added to jieba's dictionary (with a high frequency so they win). */
export const DOMAIN_WORDS: readonly string[] = [
  '请假', '休假', '年假', '年休假', '病假', '事假', '调休', '倒休', '补休', '婚假', '产假', '陪产假', '护理假',
  '丧假', '假期', '余额', '剩余', '还剩', '审批', '批了', '批准', '驳回', '撤回', '撤销', '销假',
  '工资', '工资条', '工资单', '薪资', '薪水', '实发', '个税', '社保', '公积金', '到手',
  '考勤', '打卡', '缺卡', '补卡', '迟到', '早退', '旷工', '加班', '出勤', '漏打卡', '外勤',
  '面试', '面试官', '候选人', '改期', '改约', '推迟', '提前', '改到', '改成', '约面', '复试', '初试', '终面',
  '产品经理', '项目经理', '工程师', '设计师', '实习生', '前端', '后端', '测试工程师',
  '大后天', '大前天', '下下周', '上上周', '下个月', '上个月', '这个月', '本月', '月底', '月初', '国庆',
  '半天', '上午', '下午', '中午', '晚上', '明早', '明晚', '今晚',
  '我们组', '我们部门', '团队', '下属', '组员',
];

/**
 * Pinyin-input slips seen in chat, fixed before anything else reads the text.
 * Longer keys first so 请假价 does not half-match.
 */
export const TYPO_FIXES: ReadonlyArray<readonly [string, string]> = [
  ['请价', '请假'], ['清假', '请假'], ['情假', '请假'], ['轻假', '请假'], ['青假', '请假'], ['亲假', '请假'],
  ['年价', '年假'], ['年架', '年假'], ['念假', '年假'], ['病价', '病假'], ['并假', '病假'], ['事价', '事假'],
  ['婚价', '婚假'], ['产价', '产假'], ['丧价', '丧假'], ['调修', '调休'], ['掉休', '调休'], ['条休', '调休'],
  ['工资调', '工资条'], ['工资跳', '工资条'], ['公资', '工资'], ['工姿', '工资'], ['功资', '工资'],
  ['考情', '考勤'], ['考琴', '考勤'], ['打咔', '打卡'], ['达卡', '打卡'], ['迟倒', '迟到'],
  ['面是', '面试'], ['面式', '面试'], ['免试', '面试'], ['面事', '面试'], ['后选人', '候选人'], ['侯选人', '候选人'],
  ['余夜', '余额'], ['于额', '余额'], ['撤消', '撤销'],
];

/** Mixed English people type in chat, mapped to the Chinese the rest of the pipeline knows. */
export const ENGLISH_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bannual\s*leave\b/g, '年假'], [/\bsick\s*leave\b/g, '病假'], [/\bday\s*off\b/g, '请假'],
  [/\bpayslips?\b|\bpay\s*slips?\b|\bsalary\b|\bpayroll\b/g, '工资条'],
  [/\bleave\b/g, '假'], [/\binterview\b/g, '面试'], [/\breschedule\b/g, '改期'],
  [/\battendance\b/g, '考勤'], [/\bbalance\b/g, '余额'], [/\bstatus\b/g, '状态'],
  [/\bcancel\b/g, '取消'], [/\btomorrow\b/g, '明天'], [/\btoday\b/g, '今天'],
];

/**
 * Traditional → simplified for the characters this domain uses. Not a full
 * converter: unknown characters pass through, which only costs recall.
 */
const TRADITIONAL = '請週禮薪資條個幾號後麼嗎還銷們門團隊試約時間點兩開發務員經產喪調勤遲記錄單會與這幫詢問題謝確認對錯為應該說見電話碼機職師設計營總監實習長東陳劉楊趙黃吳張孫鄭馮鄧蕭葉華國慶節歲車裡來過邊從給讓沒種樣餘額審準駁復級聽體醫燒頭崗週滿歡幹麼嗯謝屬領導歷啟氣變動遠場層區報屆級雙筆購鐘頭閒裏補曠勞傳態擇練聯絡視頻偉強麗靜傑濤紅剛鵬飛龍鳳嬌蘭軍';
const SIMPLIFIED = '请周礼薪资条个几号后么吗还销们门团队试约时间点两开发务员经产丧调勤迟记录单会与这帮询问题谢确认对错为应该说见电话码机职师设计营总监实习长东陈刘杨赵黄吴张孙郑冯邓萧叶华国庆节岁车里来过边从给让没种样余额审准驳复级听体医烧头岗周满欢干么嗯谢属领导历启气变动远场层区报届级双笔购钟头闲里补旷劳传态择练联络视频伟强丽静杰涛红刚鹏飞龙凤娇兰军';
export const TRADITIONAL_TO_SIMPLIFIED: ReadonlyMap<string, string> = new Map(
  [...TRADITIONAL].map((ch, i) => [ch, [...SIMPLIFIED][i] ?? ch]),
);

/** Emoji that carry an answer, turned into words before the normaliser strips emoji. */
export const MEANINGFUL_EMOJI: ReadonlyArray<readonly [RegExp, string]> = [
  [/👌|👍|🆗|✅|✔/gu, ' 好 '],
  [/👎|❌|🙅/gu, ' 不 '],
];
