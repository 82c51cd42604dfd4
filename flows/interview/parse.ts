/**
 * Small readers for what HR and candidates type in the interview flows, for the
 * pieces the NLU does not carry as slots: a bare clock time (3点半, 15:30), a
 * duration (1小时), the interview kind, the place, a numbered choice (1 / 第二个),
 * the invitation channel, and whether a message asks for a list rather than
 * schedules something. Pure and synchronous.
 */

/** 零一二两三四五六七八九十 → number (0–99), or a plain digit string. */
export function chineseNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  const digits: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (s === '十') return 10;
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? digits[m[1]]! : 1) * 10 + (m[2] ? digits[m[2]]! : 0);
  if (s.length === 1 && digits[s] !== undefined) return digits[s];
  return undefined;
}

export interface Clock {
  readonly hour: number;
  readonly minute: number;
}

const NUM = '(\\d{1,2}|[零〇一二两三四五六七八九十]{1,3})';
const PERIOD = '(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|今晚|明早)?';
const CLOCK_RE = new RegExp(`${PERIOD}\\s*${NUM}\\s*(?:点|时|:|：)\\s*(半|一刻|三刻|整|${NUM}\\s*分?)?`);

/**
 * A time of day in `text`: 下午3点 → 15:00, 3点半 → 15:30, 15:30, 十点一刻.
 * Without 上午/下午, 1–7 o'clock mean the afternoon (nobody interviews at 3 a.m.).
 */
export function parseClock(text: string): Clock | undefined {
  const m = CLOCK_RE.exec(text);
  if (!m) return undefined;
  const period = m[1];
  let hour = chineseNumber(m[2]!);
  if (hour === undefined || hour > 24) return undefined;
  let minute = 0;
  const tail = m[3];
  if (tail === '半') minute = 30;
  else if (tail === '一刻') minute = 15;
  else if (tail === '三刻') minute = 45;
  else if (tail && tail !== '整') {
    const mm = chineseNumber(m[4] ?? '');
    if (mm === undefined || mm > 59) return undefined;
    minute = mm;
  }
  if (period === '下午' || period === '傍晚' || period === '晚上' || period === '今晚') {
    if (hour < 12) hour += 12;
  } else if (period === '中午') {
    if (hour < 6) hour += 12;
  } else if (period === undefined && hour >= 1 && hour <= 7) {
    hour += 12;
  }
  if (hour === 24) hour = 0;
  return { hour, minute };
}

const FILLER = /[改换调挪推到成为至在就吧呢啊呀哈好的了可以行吗么嘛时间面试点钟时候那个这个改期请帮我把，。,.!！?？\s~～-]/g;

/** True when the message is only a clock time (3点半 / 改到15:30), so the date said earlier stands. */
export function isBareClock(text: string): boolean {
  const m = CLOCK_RE.exec(text);
  if (!m) return false;
  if (m[1] === '明早' || m[1] === '今晚') return false;
  const rest = (text.slice(0, m.index) + text.slice(m.index + m[0].length)).replace(FILLER, '');
  return rest.length === 0;
}

export function formatClock(c: Clock): string {
  return `${String(c.hour).padStart(2, '0')}:${String(c.minute).padStart(2, '0')}`;
}

/** 1小时 / 半小时 / 一个半小时 / 30分钟 / 90min → minutes (15–240), when said. */
export function parseDuration(text: string): number | undefined {
  let minutes: number | undefined;
  const half = /(半)个?(?:小时|钟头)/.exec(text);
  const hourAndHalf = new RegExp(`${NUM}个半(?:小时|钟头)`).exec(text);
  const hours = new RegExp(`(\\d+(?:\\.\\d+)?|[一二两三四五六七八九十]{1,2})个?(?:小时|钟头)`).exec(text);
  const mins = new RegExp(`${NUM}\\s*(?:分钟|min|mins|分)(?!之)`).exec(text);
  if (hourAndHalf) minutes = (chineseNumber(hourAndHalf[1]!) ?? 0) * 60 + 30;
  else if (hours) minutes = Math.round(Number(/^\d/.test(hours[1]!) ? hours[1] : chineseNumber(hours[1]!) ?? NaN) * 60);
  else if (half) minutes = 30;
  else if (mins && /时长|分钟|min|面\s*\d+\s*分/.test(text)) minutes = chineseNumber(mins[1]!);
  if (minutes === undefined || !Number.isFinite(minutes)) return undefined;
  return minutes >= 15 && minutes <= 240 ? minutes : undefined;
}

export type InterviewKindWord = 'video' | 'onsite' | 'online';

/** 视频会议 is an online meeting; 视频面试 / 录制 is the one-way recorded interview. */
export function parseKind(text: string): InterviewKindWord | undefined {
  if (/视频会议|视频通话|线上|在线|远程|腾讯会议|飞书|钉钉|zoom|teams|会议号|会议链接|网络面试|电话面试/i.test(text)) return 'online';
  if (/视频面试|视频|录制|单向|录像|ai\s*面试|AI面试|自己录/i.test(text)) return 'video';
  if (/现场|线下|到公司|来公司|面对面|当面|面谈|到场/.test(text)) return 'onsite';
  return undefined;
}

/** 地点是3楼会议室 / 在公司301 / 腾讯会议 123-456-789 → the place as said. */
export function parsePlace(text: string): string | undefined {
  const cue = /(?:地点|地址|会议室|会议号|会议链接|链接)(?:是|在|为|:|：)?\s*([^，。,；;\n]{2,100})/.exec(text);
  if (cue) {
    const full = cue[0];
    // 会议室 / 会议号 are part of the place itself: keep them.
    return (/^(会议室|会议号)/.test(full) ? full : cue[1]!).trim();
  }
  const url = /https?:\/\/\S{4,200}/.exec(text);
  if (url) return url[0];
  const at = /(?:^|[，,\s])在\s*([^，。,；;\n]{2,60}(?:会议室|楼|室|层|号|大厦|中心|园区|办公室|前台))/.exec(text);
  return at?.[1]?.trim();
}

/** A whole-message answer to "在哪里面试？". */
export function bareAnswer(text: string, max = 100): string | undefined {
  const t = text.replace(/^(地点|地址)?(是|在|为|:|：)\s*/, '').trim();
  return t.length >= 2 && t.length <= max ? t : undefined;
}

/** 1 / 第二个 / 选3 / 二 → 0-based index below `count`. */
export function parseChoice(text: string, count: number): number | undefined {
  const t = text.replace(/[，。,.!！?？\s]/g, '');
  const m = /^(?:选|选择|就|要)?第?(\d{1,2}|[一二两三四五六七八九十])(?:个|号|项|位|条)?(?:吧|时间|时段)?$/.exec(t);
  if (!m) return undefined;
  const n = chineseNumber(m[1]!);
  if (n === undefined || n < 1 || n > count) return undefined;
  return n - 1;
}

/** 微信发送 / 用招聘微信发 → wechaty; 转发 / 我自己发 → forward. */
export function parseChannel(text: string): 'forward' | 'wechaty' | undefined {
  if (/(微信|机器人|招聘号).{0,4}(发|送|通知)|(发|送|通知).{0,4}(微信|机器人)|直接发给(他|她|候选人)/.test(text) && !/转发/.test(text)) return 'wechaty';
  if (/转发|我(自己|来)发|我发给|我转/.test(text)) return 'forward';
  return undefined;
}

/** 面试官换成王强 / 面试官改为李娜: the NLU's name reader stops at 换成. */
export function interviewerChange(text: string): string | undefined {
  const m = /面试官(?:换成|改成|改为|换为|换|改)[:：]?\s*([\u4e00-\u9fff]{2,4}?)(?=$|[，。,.!！\s吧呢])/.exec(text);
  return m?.[1];
}

/**
 * Whether the message asks to see interviews (今天有哪些面试 / 张伟的面试 /
 * 这周的面试安排) rather than to schedule or move one.
 */
export function isListQuery(text: string, hasSchedulingSlots: boolean): boolean {
  if (hasSchedulingSlots) return false;
  if (/(帮我|给我|帮忙)?(约|安排|邀请|定|订)(一下|个|一场)?[^，。]*面试/.test(text) && !/哪些|什么|几场|几个|多少|列表|清单|查/.test(text)) return false;
  if (/改期|改到|改成|换到|推迟|提前|挪到|调到|取消/.test(text)) return false;
  return /哪些|什么面试|几场|几个面试|多少场|多少个面试|列表|清单|查一?下|看一?下|看看|情况|怎么样|状态|进度|安排了?吗|的面试[?？吗呢]*$|面试安排$|面试[?？]$/.test(text);
}

/** 取消张伟的面试 / 张伟不面了: HR calling an interview off. */
export function isHrCancel(text: string): boolean {
  return /取消|不面了|撤销|作废/.test(text) && /面/.test(text);
}

/** 取消张伟的面试 / 把张伟的面试改到… : the candidate named around the verb (the NLU stops at 取消张…). */
export function candidateOfChange(text: string): string | undefined {
  const m = /(?:取消|撤销|把|将)([\u4e00-\u9fff]{2,4}?)(?:的面试|的|面试)/.exec(text);
  return m?.[1];
}
