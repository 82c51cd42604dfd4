/**
 * Everything the recruiting flows say — to HR, to interviewers and to
 * candidates — in one place. Candidates are outside the company: they get 您
 * and no internal jargon.
 */
import { formatChineseDate, localDate, localParts, pad2 } from '../../lib/time.js';
import type { InterviewKind, InterviewStatus } from '../../models/interview.js';
import type { OffHours } from './slots.js';

// ---- times ----

export function clockText(at: Date, tz: string): string {
  const p = localParts(at, tz);
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** 11月24日（周二）15:00 */
export function momentText(at: Date, tz: string): string {
  return `${formatChineseDate(localDate(at, tz))}${clockText(at, tz)}`;
}

/** 11月24日（周二）15:00–15:45 */
export function slotText(start: Date, end: Date, tz: string): string {
  return `${momentText(start, tz)}–${clockText(end, tz)}`;
}

export const KIND_TEXT: Record<InterviewKind, string> = { video: '视频面试（单向录制）', onsite: '现场面试', online: '线上面试' };
export const KIND_SHORT: Record<InterviewKind, string> = { video: '视频', onsite: '现场', online: '线上' };

export const STATUS_TEXT: Record<InterviewStatus, string> = {
  scheduled: '待确认', confirmed: '已确认', declined: '候选人已取消', cancelled: '已取消',
  in_progress: '进行中', completed: '已完成', no_show: '未到场',
};

export function offHoursNote(kind: OffHours, date: string): string {
  switch (kind) {
    case 'non_working_day':
      return `注意：${formatChineseDate(date)}不是工作日。`;
    case 'lunch':
      return '注意：这个时间和午休（12:00–13:30）重叠。';
    default:
      return '注意：这个时间不在工作时间（9:00–18:00）内。';
  }
}

export function numbered(lines: readonly string[]): string {
  return lines.map((l, i) => `${i + 1}. ${l}`).join('\n');
}

// ---- scheduling form (HR) ----

export const NOT_HR = '只有 HR 可以安排面试。想看自己的面试，可以说“我今天有哪些面试”。';
export const ASK_NAME = '候选人叫什么名字？';
export const ASK_PHONE = (name: string) => `${name}的手机号是多少？（11 位，用来识别候选人）`;
export const BAD_PHONE = '手机号应该是 11 位数字、以 1 开头，请再发一次。';
export const ASK_POSITION = (jobs: string) => `面试哪个岗位？在招的有：${jobs}。`;
export const JOB_NOT_FOUND = (position: string, jobs: string) => `没有找到在招的“${position}”岗位。在招的有：${jobs}。回复岗位名称即可。`;
export const CHOOSE_JOB = (options: string) => `有几个岗位都对得上，是哪一个？回复序号：\n${options}`;
export const NO_OPEN_JOBS = (url: string) => `现在没有在招的岗位。请先在岗位管理页面添加岗位和面试题，再来安排面试：${url}`;
export const ASK_TIME = '什么时候面试？比如“下周二下午3点”“11月26日 10:30”。';
export const ASK_CLOCK = (date: string) => `${formatChineseDate(date)}几点开始？比如“下午3点”“10:30”。`;
export const TIME_PAST = '这个时间已经过去了，请换一个时间。';
export const TIME_TOO_FAR = '这个时间太远了（超过 180 天），请换一个近一点的时间。';
export const ASK_INTERVIEWER = '面试官是谁？告诉我名字就行，比如“李娜”。';
export const INTERVIEWER_NOT_FOUND = (name: string) => `通讯录里没有找到“${name}”，请检查一下面试官的名字。`;
export const CHOOSE_INTERVIEWER = (name: string, options: string) => `有好几位叫${name}的同事，是哪一位？回复序号：\n${options}`;
export const ASK_KIND = '面试形式是哪种？\n· 视频：候选人打开链接，自己录制回答\n· 现场：到公司面谈\n· 线上：视频会议\n回复“视频”“现场”或“线上”。';
export const ASK_PLACE_ONSITE = '在哪里面试？比如“公司 3 楼 301 会议室”。';
export const ASK_PLACE_ONLINE = '线上面试用什么会议？发会议号或链接，比如“腾讯会议 123-456-789”。';
export const BAD_CHOICE = (n: number) => `请回复 1 到 ${n} 之间的序号。`;
export const REASK_SUFFIX = '\n这一项我还是没看懂，可以换个说法；不想继续的话回复“取消”。';

export function clash(interviewer: string, when: string, slots: readonly string[]): string {
  if (slots.length === 0) return `${interviewer}在 ${when} 已经有一场面试，最近两周的工作时间也都排满了。请换一位面试官，或者说一个更晚的时间。`;
  return `${interviewer}在 ${when} 已经有一场面试了。离你说的时间最近的空闲时段：\n${numbered(slots)}\n回复序号选一个，或者直接说别的时间。`;
}

export interface ScheduleSummary {
  readonly candidateName: string;
  readonly candidatePhone: string;
  readonly jobTitle: string;
  readonly when: string;
  readonly durationMin: number;
  readonly kind: InterviewKind;
  readonly place: string | undefined;
  readonly interviewerName: string;
  readonly channel: 'forward' | 'wechaty';
  readonly wechatyEnabled: boolean;
  readonly notes: readonly string[];
}

export function scheduleSummary(s: ScheduleSummary): string {
  const channel = s.channel === 'wechaty'
    ? '由招聘微信号直接发给候选人（回复“转发”改成你来转发）'
    : `你转发给候选人${s.wechatyEnabled ? '（回复“微信发送”改由招聘微信号直接发）' : ''}`;
  return [
    '请确认面试安排：',
    `· 候选人：${s.candidateName}（${s.candidatePhone}）`,
    `· 岗位：${s.jobTitle}`,
    `· 时间：${s.when}（${s.durationMin} 分钟）`,
    `· 形式：${KIND_TEXT[s.kind]}${s.place ? `，${s.kind === 'online' ? '会议' : '地点'}：${s.place}` : ''}`,
    `· 面试官：${s.interviewerName}`,
    `· 邀请：${channel}`,
    ...s.notes,
    '回复“确认”安排；要改直接说，比如“改成4点”“面试官换成王强”“时长1小时”；回复“取消”放弃。',
  ].join('\n');
}

export const CONFIRM_OR_CHANGE = '回复“确认”安排面试；要改哪里直接告诉我（比如“改成4点”“改成线上”）；回复“取消”放弃。';
export const WHAT_TO_CHANGE = '好的，哪里要改？比如“改成周三下午2点”“面试官换成王强”“改成线上”。';

export function scheduleHelp(step: string): string {
  return `正在安排面试。${step}\n可以随时改：“改成4点”“面试官换成王强”“时长1小时”“改成现场”；回复“取消”结束。`;
}

// ---- after 确认 (HR, interviewer) ----

export function createdForHr(a: { candidateName: string; jobTitle: string; when: string; kind: InterviewKind; interviewerName: string; calendar: 'added' | 'failed'; calendarReason?: string | undefined }): string {
  const cal = a.calendar === 'added'
    ? `已加入${a.interviewerName}的企业微信日程（提前 15 分钟提醒），也通知了 TA。`
    : `已通知${a.interviewerName}，但没能加入 TA 的企业微信日程（${a.calendarReason ?? '企业微信暂时不可用'}），请提醒 TA 自己记一下。`;
  return `已安排：${a.candidateName}，${a.jobTitle}，${a.when}，${KIND_TEXT[a.kind]}。\n${cal}`;
}

export const FORWARD_INTRO = (name: string) => `请把下面这段邀请转发给${name}（链接在面试结束 7 天后失效；改期后旧链接会立即失效）：`;
export const SENT_BY_WECHATY = (name: string) => `邀请已通过招聘微信号发给${name}。TA 回复确认、改期或取消，我都会告诉你。`;
export const WECHATY_CONTACT_MISSING = (name: string) => `招聘微信号的好友里没有找到${name}（按备注手机号或昵称查找），请把下面这段邀请转发给 TA：`;
export const WECHATY_OFF = '招聘微信号现在没有开启，';
export const WECHATY_UNAVAILABLE = '招聘微信号没有开启（需要管理员配置 WECHATY_PUPPET），邀请只能由你转发。回复“确认”安排面试。';
export const CREATE_CLASH = (interviewer: string, when: string) => `刚刚${interviewer}在 ${when} 被安排了另一场面试，这次没有创建。请换个时间重新安排。`;
export const CREATE_FAILED = (reason: string) => `没能安排面试：${reason}`;

export function interviewerNotice(a: { hrName: string; candidateName: string; jobTitle: string; when: string; deadline: string; kind: InterviewKind; place: string | undefined }): string {
  if (a.kind === 'video') {
    return `${a.hrName}安排了${a.candidateName}（${a.jobTitle}）的视频面试：候选人在 ${a.deadline} 前完成录制，评分报告出来后 HR 会发给你。已加入你的日程。`;
  }
  return `${a.hrName}安排你面试${a.candidateName}（${a.jobTitle}）：${a.when}，${KIND_TEXT[a.kind]}${a.place ? `，${a.place}` : ''}。已加入你的企业微信日程。`;
}

// ---- the invitation (candidate) ----

export interface InvitationText {
  readonly company: string;
  readonly candidateName: string;
  readonly jobTitle: string;
  readonly kind: InterviewKind;
  readonly when: string;
  readonly deadline: string;
  readonly place: string | undefined;
  readonly questionCount: number;
  readonly link: string;
}

function invitationBody(t: InvitationText): string[] {
  const lines = [`${t.candidateName}您好！${t.company}邀请您参加「${t.jobTitle}」岗位的面试。`];
  if (t.kind === 'video') {
    lines.push(`形式：视频面试（打开链接，按提示录制回答，共 ${t.questionCount} 道题，每题有准备时间）`);
    lines.push(`时间：${t.when}，请在 ${t.deadline} 前完成`);
  } else {
    lines.push(`时间：${t.when}`);
    lines.push(`形式：${KIND_TEXT[t.kind]}`);
    if (t.place) lines.push(`${t.kind === 'online' ? '会议' : '地点'}：${t.place}`);
  }
  lines.push(`详情与确认：${t.link}`);
  return lines;
}

/** What HR forwards: the candidate cannot reply to HR's bot, so the page does the rest. */
export function forwardText(t: InvitationText): string {
  return [...invitationBody(t), '请打开链接确认参加；如需改期或无法参加，也可以在链接页面里操作。'].join('\n');
}

/** What the Wechaty bot sends: the candidate can answer in the chat. */
export function wechatyInvitation(t: InvitationText): string {
  return [...invitationBody(t), '回复“确认”确认参加；需要改时间请回复新的时间，比如“改期至下周一下午2点”；无法参加请回复“取消”。'].join('\n');
}

// ---- candidate replies ----

export function candidateHelp(label: string, link: string): string {
  return `您好！关于${label}：\n· 回复“确认”确认参加\n· 回复新的时间改期，比如“改期至下周一下午2点”\n· 回复“取消”取消面试\n面试详情：${link}`;
}

export const ASK_NEW_TIME = '想改到什么时间？直接回复，比如“改期至下周一下午2点”。';
export const ASK_DECLINE = '确定不参加这次面试了吗？回复“确定”取消面试；如果只是时间不合适，直接告诉我新的时间，比如“改到下周一下午2点”。';
export const DECLINE_KEPT = '好的，面试照常进行。';
export const CANDIDATE_CONFIRMED = '好的，已确认参加。面试前一天和前一小时我会再提醒您。';
export const CANDIDATE_ALREADY_CONFIRMED = '您已经确认过了，面试照常进行。';
export const CANDIDATE_DECLINED = '已为您取消这次面试。感谢您对我们的关注，祝一切顺利！';
export const NO_INTERVIEW_FOR_YOU = '没有找到您待参加的面试。如有疑问，请联系邀请您的 HR。';

export function notActive(status: InterviewStatus): string {
  return `这场面试${status === 'completed' ? '已经完成' : `目前是“${STATUS_TEXT[status]}”状态`}，不能再操作了。如有疑问，请联系邀请您的 HR。`;
}

export function hrCandidateConfirmed(name: string, jobTitle: string, when: string): string {
  return `${name}已确认参加 ${when} 的${jobTitle}面试。`;
}

export function hrCandidateDeclined(name: string, jobTitle: string, when: string, reason: string | undefined): string {
  return `${name}取消了 ${when} 的${jobTitle}面试${reason ? `，原因：${reason}` : ''}。已从面试官的日程里移除。`;
}

export function interviewerCandidateDeclined(name: string, when: string): string {
  return `${name}取消了 ${when} 的面试，已从你的日程里移除。`;
}

// ---- rescheduling ----

export type ProposeReason = 'too_soon' | 'off_hours' | 'busy' | 'past' | 'too_many';

export function proposeReason(r: ProposeReason): string {
  switch (r) {
    case 'too_soon': return '改期需要至少提前 24 小时';
    case 'off_hours': return '面试安排在工作日 9:00–18:00（午休 12:00–13:30 除外）';
    case 'busy': return '面试官那个时间有别的安排';
    case 'past': return '这个时间已经过去了';
    case 'too_many': return '这场面试已经改过 2 次了';
  }
}

export function proposeSlots(reason: ProposeReason, slots: readonly string[]): string {
  return `${proposeReason(reason)}。可以选这些时间：\n${numbered(slots)}\n回复序号即可，也可以再说一个时间。`;
}

export const NO_SLOTS_CANDIDATE = '最近两周暂时没有合适的空闲时间，我已经告诉 HR，TA 会尽快联系您。';
export const TOO_MANY_RESCHEDULES = '这场面试已经改过 2 次了，如需再改，请直接联系邀请您的 HR。';
export const HR_NO_SLOTS_FOR_CANDIDATE = (name: string, asked: string) => `${name}想把面试改到 ${asked}，但面试官最近两周都没有合适的空闲时间，请直接联系 TA 协调。`;
export const HR_TOO_MANY_RESCHEDULES = (name: string, asked: string) => `${name}想再次改期（到 ${asked}），已经超过 2 次，请直接联系 TA 协调。`;

export function candidateRescheduled(when: string, link: string): string {
  return `好的，面试已改到 ${when}。这是新的面试链接（之前的链接已失效）：${link}`;
}

export function candidateMovedByHr(company: string, jobTitle: string, when: string, link: string): string {
  return `您好，${company}「${jobTitle}」的面试时间调整为 ${when}。请用新的链接查看并确认（之前的链接已失效）：${link}\n回复“确认”确认参加。`;
}

export function interviewerRescheduled(name: string, oldWhen: string, when: string): string {
  return `${name}的面试从 ${oldWhen} 改到了 ${when}，你的日程已更新。`;
}

export function hrRescheduledByCandidate(name: string, oldWhen: string, when: string, via: string): string {
  return `${name}把面试从 ${oldWhen} 改到了 ${when}（${via}）。面试官的日程已更新。`;
}

export function hrRescheduled(name: string, when: string, calendarOk: boolean): string {
  return `已把${name}的面试改到 ${when}。${calendarOk ? '面试官的日程已更新，也通知了 TA。' : '已通知面试官，但企业微信日程没能更新，请提醒 TA。'}`;
}

export const CALENDAR_UPDATE_FAILED = '（企业微信日程没能同步，请提醒面试官。）';
export const RESCHEDULE_SAME_TIME = '新时间和原来一样，不用改。';
export const RESCHEDULE_RACE = '面试刚刚被改过了，请看一下最新的安排再试。';
export const HR_ASK_WHICH_CANDIDATE = '要改哪位候选人的面试？比如“把张伟的面试改到周三上午10点”。';
export const HR_ASK_WHICH_CANCEL = '要取消哪位候选人的面试？比如“取消张伟的面试”。';
export const HR_NO_SUCH_INTERVIEW = (name: string) => `没有找到${name}待进行的面试。`;
export const HR_CHOOSE_INTERVIEW = (options: string) => `有几场对得上，是哪一场？回复序号：\n${options}`;
export const HR_ASK_NEW_TIME = (name: string, when: string) => `${name}的面试现在是 ${when}，要改到什么时间？`;
export const HR_MOVED_FORWARD = (name: string) => `请把新的邀请转发给${name}（旧链接已失效）：`;
export const NOT_ALLOWED_RESCHEDULE = '只有 HR 可以改面试时间。';
export const NOT_ALLOWED_CANCEL = '只有 HR 可以取消面试。';
export const HR_ASK_TIME = '改到什么时间？比如“周三上午10点”。';
export const CANCEL_TOO_LATE = (status: InterviewStatus) => `这场面试现在是“${STATUS_TEXT[status]}”，不用再取消了。`;

export function hrCancelled(name: string, when: string, candidateTold: boolean): string {
  return `已取消${name} ${when} 的面试，面试官的日程已移除，也通知了 TA。${candidateTold ? '已通过招聘微信号告诉候选人。' : '请记得告诉候选人（之前的链接已失效）。'}`;
}

export function interviewerCancelled(name: string, when: string): string {
  return `${name} ${when} 的面试已取消，已从你的日程里移除。`;
}

export function candidateCancelledByHr(company: string, jobTitle: string, when: string): string {
  return `您好，很抱歉，${company}「${jobTitle}」原定 ${when} 的面试取消了。如有疑问，请联系邀请您的 HR。`;
}

// ---- the candidate page ----

export const PAGE_CONFIRMED = '已确认参加，期待与您见面。';
export const PAGE_DECLINED = '已取消这次面试。感谢您的关注，祝一切顺利！';
export const PAGE_DELETION = '已收到您的删除申请：面试录像和个人资料会尽快删除，这场面试也已取消。';
export const HR_DELETION_REQUESTED = (name: string, jobTitle: string) => `${name}（${jobTitle}）申请删除个人资料。系统会按保留策略删除 TA 的录像和资料，这场面试也已取消。`;
export const PAGE_TIME_NOT_UNDERSTOOD = '没看懂这个时间，请换个说法，比如“下周一下午2点”“11月30日 10:00”，或者从下面的空闲时间里选一个。';
export const PAGE_NO_SLOTS = '暂时没有可选的空闲时间，请联系邀请您的 HR。';

// ---- lists (HR, interviewers) ----

export function listHeader(scope: string): string {
  return `${scope}的面试：`;
}

export function listEmpty(scope: string): string {
  return `${scope}没有面试。要安排的话可以说：“帮我约张伟，电话13812345678，下周二下午3点面试产品经理，面试官李娜”。`;
}

export function listLine(a: { start: Date; tz: string; candidateName: string; jobTitle: string; kind: InterviewKind; status: InterviewStatus; interviewerName: string; link: string | undefined }): string {
  const head = `${formatChineseDate(localDate(a.start, a.tz), false)} ${clockText(a.start, a.tz)} ${a.candidateName} · ${a.jobTitle} · ${KIND_SHORT[a.kind]} · ${STATUS_TEXT[a.status]}（面试官 ${a.interviewerName}）`;
  return a.link ? `${head}\n   ${a.link}` : head;
}

export const LIST_MORE = (n: number) => `……还有 ${n} 场没列出，可以按日期或候选人查，比如“明天的面试”“张伟的面试”。`;

// ---- reminders ----

/** `replyBy`: the candidate answers in the chat (Wechaty) or on the linked page (a text HR forwards). */
export function candidateReminder24h(jobTitle: string, when: string, kind: InterviewKind, place: string | undefined, link: string, confirmed: boolean, replyBy: 'chat' | 'page' = 'chat'): string {
  const where = kind === 'video' ? '视频面试，打开链接即可开始' : `${KIND_TEXT[kind]}${place ? `，${place}` : ''}`;
  const ask = replyBy === 'chat' ? '还没确认的话，回复“确认”即可；需要改期请回复新的时间。' : '还没确认的话，请打开链接确认；需要改期也可以在链接里选新的时间。';
  return `提醒：您明天有「${jobTitle}」的面试，${when}（${where}）。详情：${link}${confirmed ? '' : `\n${ask}`}`;
}

/** HR forwarded the invitation, so HR forwards the reminder too. */
export function forwardReminder24h(name: string, unconfirmed: boolean, reminder: string): string {
  return `${name}明天面试${unconfirmed ? '，TA 还没有确认' : ''}。可以把下面这段提醒转发给 TA：\n\n${reminder}`;
}

export function candidateReminder1h(jobTitle: string, when: string, kind: InterviewKind, place: string | undefined, link: string): string {
  const where = kind === 'video' ? `请打开链接开始视频面试：${link}` : `${KIND_TEXT[kind]}${place ? `，${place}` : ''}。详情：${link}`;
  return `提醒：您的「${jobTitle}」面试 1 小时后开始（${when}）。${where}`;
}

export function interviewerReminder(hours: 24 | 1, candidateName: string, jobTitle: string, when: string, kind: InterviewKind, place: string | undefined): string {
  const lead = hours === 24 ? '明天' : '1 小时后';
  const what = kind === 'video' ? `候选人会在 ${when} 完成视频面试录制，报告出来后 HR 会发给你` : `${KIND_TEXT[kind]}${place ? `，${place}` : ''}`;
  return `提醒：${lead}（${when}）面试${candidateName}（${jobTitle}）：${what}。`;
}

export function hrUnconfirmed(name: string, jobTitle: string, when: string, link: string): string {
  return `${name}还没有确认 ${when} 的${jobTitle}面试，可以联系 TA 确认一下。邀请链接：${link}`;
}

export const HELD_CARD_TITLE = (name: string) => `${name}的面试进行了吗？`;
export const HELD_YES = '已面试';
export const HELD_NO = '候选人未到场';
export const HELD_RECORDED = '已记录：面试已进行。';
export const NO_SHOW_RECORDED = '已记录：候选人未到场，也告诉了 HR。';
export const HELD_NOT_YOURS = '只有这场面试的面试官或 HR 可以记录结果。';
export const HELD_TOO_LATE = (status: InterviewStatus) => `这场面试现在是“${STATUS_TEXT[status]}”，不用再记录了。`;

export function hrNoShowReported(name: string, jobTitle: string, when: string, by: string): string {
  return `${name}没有参加 ${when} 的${jobTitle}面试（${by}确认），已标记为未到场。`;
}

export function hrVideoNoShow(name: string, jobTitle: string, deadline: string): string {
  return `${name}没有在 ${deadline} 前完成「${jobTitle}」视频面试，已标记为未参加。`;
}

export function hrHeldUnconfirmed(name: string, jobTitle: string, when: string): string {
  return `${name} ${when} 的${jobTitle}面试，面试官 24 小时内没有确认是否进行，已先标记为未到场；如果实际已面试，请面试官在卡片上点“${HELD_YES}”更正。`;
}
