/**
 * The payslip page: server-rendered, mobile-first (readable at 320 px), no
 * script. Items in the file's order, the three totals, a month switcher, the
 * PDF download and 确认无误 / 有疑问. Every value is escaped.
 */
import { escapeHtml } from '../../lib/html.js';
import type { SlipContent } from '../../models/payslip.js';
import { formatYuan, slipTotals } from './money.js';
import * as w from './wording.js';

export interface MonthLink {
  readonly month: string;
  readonly href: string;
  readonly current: boolean;
}

export interface SlipPageModel {
  readonly month: string;
  readonly ownerName: string;
  readonly ownerUserid: string;
  readonly as: 'owner' | 'hr';
  readonly published: boolean;
  readonly content: SlipContent;
  readonly months: readonly MonthLink[];
  readonly pdfHref: string;
  /** Token for the feedback forms (owners only). */
  readonly feedbackToken: string | undefined;
  /** Already formatted, e.g. `11月22日 10:05`. */
  readonly acknowledgedAt: string | undefined;
  /** Outcome of the last form post, a key of `w.DONE`. */
  readonly done: string | undefined;
  readonly questions: ReadonlyArray<{ readonly at: string; readonly text: string }>;
}

const e = escapeHtml;

export const PAGE_STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:-apple-system,"PingFang SC","Noto Sans SC","Microsoft YaHei",sans-serif;background:#f2f3f5;color:#1f2329;font-size:16px;line-height:1.6}
header{background:#1d4ed8;color:#fff;padding:20px 16px 56px}
header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;color:#dbe4ff;font-size:14px}
main{max-width:560px;margin:-40px auto 32px;padding:0 12px}
.card{background:#fff;border-radius:12px;padding:16px;margin-bottom:12px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.net{text-align:center}
.net .label{color:#4e5969;font-size:14px}
.net .amount{font-size:32px;font-weight:700;color:#0b3d91;letter-spacing:.5px;word-break:break-all}
.unit{color:#4e5969;font-size:12px}
h2{font-size:16px;margin:0 0 8px}
table{width:100%;border-collapse:collapse}
th,td{padding:8px 0;border-bottom:1px solid #e5e6eb;vertical-align:top}
th{text-align:left;font-weight:400;color:#1f2329;padding-right:8px}
td{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.neg{color:#b42318}
tfoot th,tfoot td{font-weight:600;border-bottom:none}
tfoot tr.total th,tfoot tr.total td{font-size:18px;color:#0b3d91;border-top:2px solid #1f2329}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:8px}
nav a,nav span{display:inline-block;padding:6px 12px;border-radius:16px;border:1px solid #c9cdd4;color:#1f2329;text-decoration:none;font-size:14px}
nav span[aria-current]{background:#1d4ed8;border-color:#1d4ed8;color:#fff}
.actions{display:flex;flex-direction:column;gap:10px}
.btn{display:block;width:100%;text-align:center;padding:12px;border-radius:8px;border:1px solid #1d4ed8;background:#fff;color:#1d4ed8;font-size:16px;text-decoration:none;cursor:pointer;font-family:inherit}
.btn.primary{background:#1d4ed8;color:#fff}
details summary{cursor:pointer;list-style:none}
details summary::-webkit-details-marker{display:none}
label{display:block;margin:12px 0 6px;font-size:14px;color:#1f2329}
textarea{width:100%;min-height:96px;padding:8px;border:1px solid #86909c;border-radius:8px;font:inherit}
.notice{padding:12px 16px;border-radius:8px;background:#e8f3ff;color:#0b3d91;margin-bottom:12px}
.notice.warn{background:#fff7e8;color:#7a4100}
.muted{color:#4e5969;font-size:13px}
ol.questions{padding-left:20px;margin:0}
ol.questions li{margin-bottom:8px;word-break:break-word}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
`;

function linesTable(content: SlipContent): string {
  const rows = content.lines.map((l) => {
    if (l.kind === 'memo') return `<tr><th scope="row">${e(l.name)}</th><td>${e(l.text)}</td></tr>`;
    return `<tr><th scope="row">${e(l.name)}</th><td${l.cents < 0 ? ' class="neg"' : ''}>${e(formatYuan(l.cents))}</td></tr>`;
  });
  const t = slipTotals(content);
  return `<table><caption class="muted" style="text-align:left">${e(w.ITEMS_CAPTION)}，${e(w.UNIT)}</caption>
<tbody>${rows.join('')}</tbody>
<tfoot><tr><th scope="row">${e(w.GROSS)}</th><td>${e(formatYuan(t.grossCents))}</td></tr>
<tr><th scope="row">${e(w.DEDUCTIONS)}</th><td${t.deductionCents < 0 ? ' class="neg"' : ''}>${e(formatYuan(t.deductionCents))}</td></tr>
<tr class="total"><th scope="row">${e(w.NET)}</th><td>${e(formatYuan(t.netCents))}</td></tr></tfoot></table>`;
}

function monthNav(months: readonly MonthLink[]): string {
  if (months.length <= 1) return '';
  const items = months.map((m) => (m.current
    ? `<li><span aria-current="page">${e(w.monthText(m.month))}</span></li>`
    : `<li><a href="${e(m.href)}">${e(w.monthText(m.month))}</a></li>`));
  return `<nav class="card" aria-label="${e(w.OTHER_MONTHS)}"><h2>${e(w.OTHER_MONTHS)}</h2><ul>${items.join('')}</ul></nav>`;
}

function actions(m: SlipPageModel): string {
  const pdf = `<a class="btn" href="${e(m.pdfHref)}" download>${e(w.DOWNLOAD_PDF)}</a>`;
  if (!m.feedbackToken) return `<section class="card actions">${pdf}</section>`;
  const t = e(m.feedbackToken);
  const ack = m.acknowledgedAt
    ? `<p class="muted" role="status">${e(w.ACKED(m.acknowledgedAt))}</p>`
    : `<form method="post" action="/payslip/feedback"><input type="hidden" name="t" value="${t}"><input type="hidden" name="action" value="ack"><button class="btn primary" type="submit">${e(w.CONFIRM)}</button></form>`;
  const ask = `<details><summary class="btn">${e(w.QUESTION)}</summary>
<form method="post" action="/payslip/feedback"><input type="hidden" name="t" value="${t}"><input type="hidden" name="action" value="question">
<label for="q">${e(w.QUESTION_LABEL)}</label><textarea id="q" name="text" maxlength="500" required placeholder="${e(w.QUESTION_PLACEHOLDER)}"></textarea>
<button class="btn primary" type="submit" style="margin-top:8px">${e(w.SEND_QUESTION)}</button></form></details>`;
  return `<section class="card actions">${ack}${pdf}${ask}</section>`;
}

export function slipPage(m: SlipPageModel): string {
  const t = slipTotals(m.content);
  const banner = m.as === 'hr' ? `<p class="notice warn">${e(w.HR_VIEWING(m.ownerName))}${m.published ? '' : e(w.NOT_PUBLISHED)}</p>` : '';
  const ackHr = m.as === 'hr' && m.acknowledgedAt ? `<p class="notice">${e(w.ACKED_HR(m.acknowledgedAt))}</p>` : '';
  const done = m.done && w.DONE[m.done] ? `<p class="notice" role="status">${e(w.DONE[m.done]!)}</p>` : '';
  const questions = m.questions.length > 0
    ? `<section class="card"><h2>${e(w.QUESTIONS_HEADER)}</h2><ol class="questions">${m.questions.map((q) => `<li><span class="muted">${e(q.at)}</span><br>${e(q.text)}</li>`).join('')}</ol></section>`
    : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${e(w.PAGE_TITLE(m.month))}</title><style>${PAGE_STYLE}</style></head>
<body><header><h1>${e(w.PAGE_TITLE(m.month))}</h1><p>${e(m.ownerName)} · ${e(m.ownerUserid)}</p></header>
<main>${banner}${done}${ackHr}
<section class="card net" aria-label="${e(w.NET)}"><div class="label">${e(w.NET)}</div><div class="amount" data-testid="net">${e(formatYuan(t.netCents))}</div><div class="unit">${e(w.UNIT)}</div></section>
<section class="card">${linesTable(m.content)}</section>
${actions(m)}${monthNav(m.months)}${questions}
<p class="muted" style="text-align:center">${e(w.CONFIDENTIAL)}</p></main></body></html>`;
}
