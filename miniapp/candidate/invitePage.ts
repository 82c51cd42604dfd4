/**
 * The candidate's invitation page (`/i/<token>`), server-rendered: the
 * interview's details, and what the candidate can do — confirm, propose another
 * time (in plain Chinese or from free slots), decline, start a video interview,
 * ask for their data to be deleted. Plain HTML forms, no script: it works in
 * WeChat's in-app browser and on any phone. Every value is escaped.
 */
import { escapeHtml } from '../../lib/html.js';
import { formatChineseDate, localDate, localParts, pad2 } from '../../lib/time.js';
import type { InterviewKind, InterviewStatus } from '../../models/interview.js';

export interface InviteView {
  readonly token: string;
  readonly companyName: string;
  readonly candidateName: string;
  readonly jobTitle: string;
  readonly interviewerName: string;
  readonly kind: InterviewKind;
  readonly status: InterviewStatus;
  readonly startAt: Date;
  readonly endAt: Date;
  readonly location: string | undefined;
  readonly questionCount: number;
  readonly deletionRequested: boolean;
  readonly tz: string;
  readonly now: Date;
}

export interface PageNotice {
  readonly tone: 'ok' | 'warn';
  readonly text: string;
}

const KIND: Record<InterviewKind, string> = { video: '视频面试（打开页面自己录制回答）', onsite: '现场面试', online: '线上面试（视频会议）' };
const STATUS: Record<InterviewStatus, string> = {
  scheduled: '待确认', confirmed: '已确认', declined: '已取消', cancelled: '已取消', in_progress: '进行中', completed: '已完成', no_show: '已错过',
};

function clock(d: Date, tz: string): string {
  const p = localParts(d, tz);
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

export function slotLabel(start: Date, end: Date, tz: string): string {
  return `${formatChineseDate(localDate(start, tz))} ${clock(start, tz)}–${clock(end, tz)}`;
}

/** The same, as HTML that keeps the clock times on one line. */
function slotHtml(start: Date, end: Date, tz: string): string {
  return `${escapeHtml(formatChineseDate(localDate(start, tz)))} <span class="nw">${clock(start, tz)}–${clock(end, tz)}</span>`;
}

const STYLE = `*{box-sizing:border-box}body{font-family:-apple-system,"PingFang SC","Noto Sans SC","Microsoft YaHei",sans-serif;margin:0;background:#f2f3f5;color:#1f2329;font-size:16px;line-height:1.6}
main{max-width:480px;margin:0 auto;padding:16px 12px 40px}header{padding:8px 4px 12px}header p{margin:0;color:#4e5969;font-size:14px}h1{font-size:21px;margin:2px 0 0}
section{background:#fff;border-radius:12px;padding:16px;margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.06)}h2{font-size:17px;margin:0 0 10px}
dl{margin:0;display:grid;grid-template-columns:4.5em 1fr;gap:6px 8px}dt{color:#4e5969}dd{margin:0;overflow-wrap:anywhere}.nw{white-space:nowrap}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:13px;background:#e8f3ff;color:#0e42d2}.badge.done{background:#e8ffea;color:#00672a}.badge.off{background:#f2f3f5;color:#4e5969}
.notice{padding:12px 14px;border-radius:10px;margin:12px 0}.notice.ok{background:#e8ffea;color:#00522a}.notice.warn{background:#fff7e8;color:#7a3e00}
.btn{display:block;width:100%;min-height:46px;border:0;border-radius:10px;font-size:17px;font-weight:600;cursor:pointer;text-align:center;text-decoration:none;line-height:46px;padding:0 12px}
.primary{background:#1a5fd6;color:#fff}.secondary{background:#fff;color:#1a5fd6;border:1px solid #1a5fd6;line-height:44px}.danger{background:#fff;color:#b42318;border:1px solid #b42318;line-height:44px}
label{display:block;font-weight:600;margin:10px 0 6px}input[type=text],textarea{width:100%;font-size:16px;padding:10px;border:1px solid #86909c;border-radius:8px;font-family:inherit}
.slot{display:flex;align-items:center;gap:8px;font-weight:400;margin:6px 0;padding:8px;border:1px solid #c9cdd4;border-radius:8px}.slot input{width:20px;height:20px}
.hint{font-size:14px;color:#4e5969;margin:4px 0 0}form+form,form+details,.btn+details,p+form,details+details{margin-top:12px}details summary{cursor:pointer;color:#1a5fd6;font-weight:600;min-height:32px;padding:4px 0}fieldset{border:0;padding:0;margin:8px 0 0}legend{font-size:14px;color:#4e5969;padding:0}
footer{font-size:14px;color:#4e5969;padding:8px 4px}footer a{color:#1a5fd6}`;

export function layout(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

function notices(list: readonly PageNotice[]): string {
  return list.map((n) => `<div class="notice ${n.tone}" role="status">${escapeHtml(n.text)}</div>`).join('');
}

function active(v: InviteView): boolean {
  return (v.status === 'scheduled' || v.status === 'confirmed') && v.endAt.getTime() > v.now.getTime();
}

export interface InvitePageInput {
  readonly view: InviteView;
  readonly notices?: readonly PageNotice[];
  /** Free slots to offer for a reschedule (ISO value + label). */
  readonly slots?: ReadonlyArray<{ readonly start: Date; readonly end: Date }>;
  /** Open the reschedule section (after a proposal). */
  readonly openReschedule?: boolean;
  /** What the candidate typed last time (kept in the box). */
  readonly typed?: string;
}

export function invitePage(input: InvitePageInput): string {
  const v = input.view;
  const t = encodeURIComponent(v.token);
  const badgeClass = v.status === 'confirmed' || v.status === 'completed' ? 'done' : v.status === 'scheduled' || v.status === 'in_progress' ? '' : 'off';
  const details = `<section aria-labelledby="d"><h2 id="d">面试信息 <span class="badge ${badgeClass}">${escapeHtml(STATUS[v.status])}</span></h2><dl>
<dt>岗位</dt><dd>${escapeHtml(v.jobTitle)}</dd>
<dt>时间</dt><dd>${slotHtml(v.startAt, v.endAt, v.tz)}${v.kind === 'video' ? `<br><span class="hint">请在 ${escapeHtml(clock(v.endAt, v.tz))} 前完成录制</span>` : ''}</dd>
<dt>形式</dt><dd>${escapeHtml(KIND[v.kind])}</dd>
${v.location ? `<dt>${v.kind === 'online' ? '会议' : '地点'}</dt><dd>${escapeHtml(v.location)}</dd>` : ''}
${v.kind === 'video' ? `<dt>题目</dt><dd>${v.questionCount} 道，每题有准备时间</dd>` : `<dt>面试官</dt><dd>${escapeHtml(v.interviewerName)}</dd>`}
</dl></section>`;

  let actions = '';
  if (active(v)) {
    const start = v.kind === 'video'
      ? `<a class="btn primary" href="/interview/${t}">开始面试</a><p class="hint">开始前会说明录制什么、如何评估、保存多久，并请你同意。</p>`
      : '';
    const confirm = v.status === 'scheduled'
      ? `<form method="post" action="/i/${t}/confirm"><button class="btn ${v.kind === 'video' ? 'secondary' : 'primary'}" type="submit">确认参加</button></form>`
      : '';
    const slots = (input.slots ?? []).map((s) => `<label class="slot"><input type="radio" name="slot" value="${escapeHtml(s.start.toISOString())}"> <span>${slotHtml(s.start, s.end, v.tz)}</span></label>`).join('');
    const reschedule = `<details${input.openReschedule ? ' open' : ''}><summary>时间不合适，改个时间</summary>
<form method="post" action="/i/${t}/reschedule">
<label for="when">希望改到什么时间？</label><input type="text" id="when" name="when" maxlength="60" placeholder="例如：下周一下午2点" value="${escapeHtml(input.typed ?? '')}">
${slots ? `<fieldset><legend>或者选一个空闲时间：</legend>${slots}</fieldset>` : ''}
<p class="hint">需要至少提前 24 小时，安排在工作日 9:00–18:00。</p>
<button class="btn secondary" type="submit">提交新时间</button></form></details>`;
    const decline = `<details><summary>无法参加</summary><form method="post" action="/i/${t}/decline">
<label for="reason">原因（选填）</label><textarea id="reason" name="reason" rows="2" maxlength="200"></textarea>
<button class="btn danger" type="submit">确定不参加</button></form></details>`;
    actions = `<section aria-label="操作">${start}${confirm}${reschedule}${decline}</section>`;
  } else if (v.status === 'in_progress' && v.kind === 'video') {
    actions = `<section><a class="btn primary" href="/interview/${t}">继续面试</a></section>`;
  }

  const footer = `<footer>${v.deletionRequested
    ? '你已申请删除个人资料，我们会按规定尽快删除。'
    : `关于你的资料：面试录像和评分只用于这次招聘，到期自动删除。<a href="/i/${t}/delete">申请删除我的资料</a>`}</footer>`;
  return layout(`${v.companyName} · 面试邀请`, `<header><p>${escapeHtml(v.companyName)}</p><h1>${escapeHtml(v.candidateName)}，你好</h1></header>${notices(input.notices ?? [])}${details}${actions}${footer}`);
}

export function deletionPage(v: InviteView, done: boolean, message?: string): string {
  const t = encodeURIComponent(v.token);
  const body = done
    ? `<div class="notice ok" role="status">${escapeHtml(message ?? '')}</div>`
    : `<section><h2>申请删除我的资料</h2><p>提交后，我们会删除你在这次招聘中的面试录像、回答内容和联系方式；${v.status === 'scheduled' || v.status === 'confirmed' ? '这场面试也会取消，' : ''}HR 会收到通知。删除后无法恢复。</p>
<form method="post" action="/i/${t}/delete"><button class="btn danger" type="submit">确认删除</button></form>
<p class="hint"><a href="/i/${t}">返回面试信息</a></p></section>`;
  return layout(`${v.companyName} · 删除资料`, `<header><p>${escapeHtml(v.companyName)}</p><h1>删除个人资料</h1></header>${body}`);
}
