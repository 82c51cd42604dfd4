/**
 * People and jobs in interview requests: candidate name, mobile number,
 * position, interviewer. Names are found by their cue words (约 / 候选人 /
 * 面试官) and cut where a date, a verb or a job title starts, because jieba
 * splits unseen names (张伟下周二 → 张 / 伟下 / 周二).
 */

const SURNAMES = new Set([...
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝',
]);
const COMPOUND_SURNAMES = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '慕容', '令狐', '尉迟', '公孙', '长孙', '夏侯', '端木', '司徒'];

/**
 * Where a name surely ends. Strong boundaries are whole words (下周, 面试), so
 * 张伟下周二 is 张伟 and not 张伟下; weak ones are single characters or the end
 * of the text, tried only after the longer name fails (王小明明天 is 王小明).
 */
const STRONG_AFTER = /^(下下周|下周|这周|本周|上周|下个|下午|上午|中午|晚上|明天|后天|今天|大后天|明早|明晚|今晚|周[一二三四五六日天]|星期|礼拜|面试|参加|时间|电话|手机|号码|应聘|岗位|职位|过来|安排|复试|初试|终面|二面|三面|先生|女士|同学|老师|这个|那个|视频|改期|改到|的面试)/;
const WEAK_AFTER = /^($|[\d,。!?;:()~\s-]|面|来|去|在|于|的|和|跟|到|约|改|做|聊|吧|呢|吗|啊|今|明|后|[a-z])/;

/** Two-character words that start with a surname but are not names (周一, 时间, 高级 …). */
const NOT_A_NAME = /^(周[一二三四五六日天末]|应该|时间|时候|明天|后天|今天|何时|方便|项目|高级|程序|车间|关于|余额|金额|和我|和他|和她|跟我|跟他|给我|给他|给她|让我|让他|把我|把他|叫我|安排|应聘|全部|全天|全职|管理|成本|武汉|常州|温州|宁波|华为|明早|明晚|明年|明日|于是|司机|会计|经理|师傅|向你|向我)/;
/** Characters that almost never end or fill a given name. */
const NOT_IN_GIVEN = /[间午们么什几号点候里试吗呢吧的了过啊约做]/;
/** Titles: 王经理 / 李总 are interviewers or colleagues, not candidates. */
const TITLE_GIVEN = /^(经理|总监|主管|老师|总|工|哥|姐|老板|助理|同学|先生|女士|小姐|师傅)$/;

/**
 * A name starting at `i`: surname + 1–2 given characters, cut at the first sure
 * boundary. `strongOnly` for names with no cue before them (张伟的面试…).
 */
function nameAt(text: string, i: number, strongOnly = false): string | undefined {
  const compound = COMPOUND_SURNAMES.find((s) => text.startsWith(s, i));
  const surnameLen = compound ? 2 : SURNAMES.has(text[i] ?? '') ? 1 : 0;
  if (surnameLen === 0) return undefined;
  const candidate = (given: number, after: RegExp): string | undefined => {
    const end = i + surnameLen + given;
    const name = text.slice(i, end);
    if (!/^[\u4e00-\u9fff]+$/.test(name) || name.length !== surnameLen + given) return undefined;
    const givenPart = name.slice(surnameLen);
    if (NOT_A_NAME.test(name) || NOT_IN_GIVEN.test(givenPart) || TITLE_GIVEN.test(givenPart)) return undefined;
    return after.test(text.slice(end)) ? name : undefined;
  };
  const strong = candidate(1, STRONG_AFTER) ?? candidate(2, STRONG_AFTER);
  return strong ?? (strongOnly ? undefined : candidate(2, WEAK_AFTER) ?? candidate(1, WEAK_AFTER));
}

/** Cues after which a candidate's name follows. */
const CANDIDATE_CUE = /(面试[:\s]?|候选人|应聘者|求职者|帮我约|给我约|帮忙约|约一下|约下|约个|约|安排|通知|邀请|把|让|给|和|跟|叫)(?:一下)?[:\s]*/g;

export function findCandidateName(text: string): string | undefined {
  for (const m of text.matchAll(CANDIDATE_CUE)) {
    const name = nameAt(text, (m.index ?? 0) + m[0].length);
    if (name) return name;
  }
  // 张伟的面试 / 张伟面试改到… / 张伟，明天下午3点: a name at the very start, before a sure boundary.
  return nameAt(text, 0, true) ?? (/^[\u4e00-\u9fff]{2,3}[\s,;:\d]/.test(text) ? nameAt(text, 0) : undefined);
}

/** A bare answer to "候选人叫什么": the whole message is a name. */
export function bareName(text: string): string | undefined {
  const core = text.replace(/^(他|她|候选人)?(叫|是)/, '').replace(/[,。!?\s]/g, '');
  return /^[\u4e00-\u9fff]{2,4}$/.test(core) ? core : undefined;
}

export function findInterviewer(text: string): string | undefined {
  const m = /(?:面试官|由)(?:是|为|:)?\s*/.exec(text);
  if (!m) return undefined;
  const start = m.index + m[0].length;
  const name = nameAt(text, start);
  if (name) return name;
  // 面试官王总 / 面试官李经理: keep the title, people say it that way.
  const titled = /^([\u4e00-\u9fff])(总|经理|老师|工|主管|总监)/.exec(text.slice(start));
  return titled && m[0].startsWith('面试官') ? titled[0] : undefined;
}

/** Mainland mobile: 1[3-9]x, 11 digits, spaces or dashes allowed, optional +86 / 86. */
const PHONE = /(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/;

export function findPhone(text: string): string | undefined {
  const m = PHONE.exec(text);
  return m ? `${m[1]}${m[2]}${m[3]}` : undefined;
}

const LEVEL = '(?:高级|资深|初级|中级|首席|主任|助理|实习)?';
const FIELD = '(?:java|python|go|golang|c\\+\\+|c#|php|node|nodejs|web|ios|android|安卓|前端|后端|全栈|测试|运维|算法|数据|大数据|嵌入式|软件|硬件|产品|项目|ui|ux|交互|视觉|平面|销售|市场|品牌|人力资源|人事|hr|财务|行政|运营|新媒体|内容|用户|客服|采购|法务|商务|技术|研发|质量|售前|售后|机器学习|ai)';
const TITLE = '(?:开发工程师|工程师|经理|设计师|专员|主管|总监|助理|实习生|分析师|架构师|顾问|会计|出纳|文员|前台|司机|开发|运营|编辑|策划|总经理|主编|教练|讲师|架构)';
const POSITION = new RegExp(`${LEVEL}(?:${FIELD}){0,2}${TITLE}|${LEVEL}(?:hrbp|会计|出纳|前台|文员|司机|实习生|销售|设计师)`, 'g');

/** 产品经理, java开发工程师, 高级前端工程师 …; the longest title in the text wins. */
export function findPosition(text: string): string | undefined {
  let best: string | undefined;
  for (const m of text.matchAll(POSITION)) {
    const p = m[0];
    // 面试官 contains no title; 经理 alone is too vague unless it is the whole answer.
    if (p === '经理' || p === '开发' || p === '运营' && !/运营(岗|职位)/.test(text)) continue;
    if (!best || p.length > best.length) best = p;
  }
  return best?.replace(/^java/, 'Java').replace(/^python/, 'Python').replace(/^golang|^go(?=开发|工程师)/, 'Go')
    .replace(/^(ios|ui|ux|hr|hrbp|ai|web|php)(?=[\u4e00-\u9fff]|$)/, (s) => s.toUpperCase())
    .replace(/^android/, 'Android').replace(/^node(js)?/, 'Node.js');
}
