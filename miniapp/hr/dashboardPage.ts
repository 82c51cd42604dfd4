/**
 * The HR dashboard page: every figure in a server-rendered table (readable
 * without the script, by screen readers, and on any phone), plus Chart.js
 * charts drawn by the bundled script from the same figures embedded as JSON.
 * Mobile-first: one column, two from 900 px.
 */
import { escapeHtml as e } from '../../lib/html.js';
import type { DashboardData } from './dashboardTypes.js';
import * as w from './dashboardWording.js';

const STYLE = `
:root{--ink:#1f2329;--ink2:#4e5969;--ink3:#6b7480;--line:#e5e6eb;--bg:#f2f3f5;--blue:#1f6ae6;--red:#c4302b;--amber:#9a5b00}
*{box-sizing:border-box}body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Noto Sans SC","Microsoft YaHei",sans-serif;color:var(--ink);background:var(--bg);-webkit-font-smoothing:antialiased}
header.top{display:flex;align-items:center;justify-content:space-between;gap:12px;background:#fff;border-bottom:1px solid var(--line);padding:14px 16px;position:sticky;top:0;z-index:2}
header.top h1{font-size:19px;margin:0}header.top p{margin:2px 0 0;font-size:13px;color:var(--ink3)}
.btn{display:inline-flex;align-items:center;min-height:40px;padding:0 14px;border:1px solid var(--line);border-radius:8px;color:var(--ink2);text-decoration:none;font-size:14px;background:#fff}
.btn:focus-visible,a:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
main{display:grid;grid-template-columns:minmax(0,1fr);gap:12px;padding:12px;max-width:1280px;margin:0 auto}
@media(min-width:900px){main{grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:16px;padding:16px}.wide{grid-column:1/-1}}
.card{background:#fff;border-radius:12px;padding:16px;min-width:0;box-shadow:0 1px 2px rgba(0,0,0,.04)}
.card h2{font-size:17px;margin:0 0 4px}.card h3{font-size:15px;margin:16px 0 8px;color:var(--ink2)}
.sub{font-size:13px;color:var(--ink3);margin:0 0 8px}
.muted{color:var(--ink3);font-size:14px;margin:6px 0}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;padding:8px 6px;border-bottom:1px solid var(--line);vertical-align:top}
th{white-space:nowrap}td.num,th.num{white-space:nowrap}@media(max-width:480px){th,th.num{white-space:normal}}
th{font-weight:600;color:var(--ink3);font-size:13px}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr:last-child td{border-bottom:0}tfoot td{font-weight:600;border-top:1px solid var(--line)}
.who{font-weight:600;white-space:nowrap}.dept{color:var(--ink3);font-size:12px;display:block;font-weight:400;margin-top:2px}
.tag{display:inline-block;font-size:12px;padding:2px 8px;border-radius:10px;background:#e8f0fe;color:#174ea6;font-weight:500}
.tag.absent{background:#fde8e7;color:#a3201b}.tag.missing{background:#fff1dc;color:#8a4b00}.tag.late,.tag.early{background:#fff8e1;color:#7a5600}
.tag.overdue{background:#fde8e7;color:#a3201b}
.chart{position:relative;height:220px;margin:8px 0 10px}.chart.tall{height:260px}
.pair{display:grid;grid-template-columns:minmax(0,1fr);gap:8px}@media(min-width:600px){.pair{grid-template-columns:200px minmax(0,1fr);align-items:center}.pair .chart{height:200px;margin:0}}
.note{font-size:12px;color:var(--ink3);margin:8px 0 0;line-height:1.6}
`;

function table(head: readonly string[], rows: readonly (readonly string[])[], numeric: ReadonlySet<number> = new Set(), foot?: readonly string[]): string {
  const cell = (tag: 'th' | 'td', v: string, i: number) => `<${tag}${numeric.has(i) ? ' class="num"' : ''}>${v}</${tag}>`;
  return `<div class="scroll"><table><thead><tr>${head.map((h, i) => cell('th', e(h), i)).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((v, i) => cell('td', v, i)).join('')}</tr>`)
    .join('')}</tbody>${foot ? `<tfoot><tr>${foot.map((v, i) => cell('td', v, i)).join('')}</tr></tfoot>` : ''}</table></div>`;
}

const who = (name: string, dept: string) => `<span class="who">${e(name)}</span><span class="dept">${e(dept)}</span>`;
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export function dashboardPage(d: DashboardData, companyName: string, scriptUrl: string): string {
  const leaveTypes = d.leaveByType;
  const leaveTotal = leaveTypes.reduce((s, t) => s + t.days, 0);
  const kinds = Object.keys(w.ANOMALY_KINDS) as Array<keyof typeof w.ANOMALY_KINDS>;
  const stages = Object.keys(w.FUNNEL_STAGES) as Array<keyof typeof w.FUNNEL_STAGES>;

  const today = `<section class="card" aria-labelledby="h-today">
<h2 id="h-today">${e(w.TODAY_HEADING)} ${e(d.todayLabel)}</h2>${d.todayIsWorkday ? '' : `<p class="sub">${e(w.REST_DAY)}</p>`}
<h3>${e(w.ON_LEAVE_HEADING(d.onLeave.length))}</h3>
${d.onLeave.length === 0 ? `<p class="muted">${e(w.ON_LEAVE_NONE)}</p>` : table([w.COL_NAME, w.COL_LEAVE], d.onLeave.map((r) => [who(r.name, r.department), `<span class="tag">${e(r.typeName)}</span> ${e(w.DAYS(r.days))}<span class="dept">${e(r.span)}</span>`]))}
<h3>${e(w.ABSENCE_HEADING(d.absenceDate === d.today ? w.TODAY_LABEL : w.LATEST_WORKDAY(d.absenceDateLabel), d.absences.length))}</h3>
${!d.absenceDataAvailable ? `<p class="muted">${e(w.ABSENCE_NO_DATA)}</p>` : d.absences.length === 0 ? `<p class="muted">${e(w.ABSENCE_NONE)}</p>` : table([w.COL_NAME, w.COL_WHAT], d.absences.map((r) => [who(r.name, r.department), `<span class="tag ${r.severity}">${e(r.what)}</span>`]))}
</section>`;

  const pending = `<section class="card" aria-labelledby="h-pending">
<h2 id="h-pending">${e(w.PENDING_HEADING(d.pending.length))}</h2>
${d.pending.length === 0 ? `<p class="muted">${e(w.PENDING_NONE)}</p>` : table(
    [w.COL_NAME, w.COL_LEAVE, w.COL_APPROVER_AGE],
    d.pending.map((r) => [
      who(r.name, r.department),
      `<span class="tag">${e(r.typeName)}</span> ${e(w.DAYS(r.days))}<span class="dept">${e(r.span)}</span>`,
      `${e(r.approver)}<span class="dept">${r.ageHours >= 24 ? `<span class="tag overdue" title="${e(w.PENDING_OVERDUE)}">${e(w.WAITED(r.ageHours))}</span>` : e(w.WAITED(r.ageHours))}</span>`,
    ]),
  )}
</section>`;

  const leave = `<section class="card wide" aria-labelledby="h-leave">
<h2 id="h-leave">${e(w.LEAVE_HEADING(d.monthLabel))}</h2>
${leaveTypes.length === 0 ? `<p class="muted">${e(w.LEAVE_NONE)}</p>` : `
<h3>${e(w.LEAVE_BY_TYPE)}</h3>
<div class="pair"><div class="chart"><canvas id="chart-leave-type" role="img" aria-label="${e(w.CHART_ALT(w.LEAVE_BY_TYPE))}"></canvas></div>
${table([w.COL_TYPE, w.COL_DAYS], leaveTypes.map((t) => [e(t.name), fmt(t.days)]), new Set([1]), [w.COL_TOTAL, fmt(leaveTotal)])}</div>
<h3>${e(w.LEAVE_BY_DEPT)}</h3>
<div class="chart"><canvas id="chart-leave-dept" role="img" aria-label="${e(w.CHART_ALT(w.LEAVE_BY_DEPT))}"></canvas></div>
${table(
    [w.COL_DEPT, ...leaveTypes.map((t) => t.name), w.COL_TOTAL],
    d.leaveByDepartment.map((r) => [e(r.department), ...leaveTypes.map((t) => fmt(r.byType[t.code] ?? 0)), fmt(r.total)]),
    new Set(leaveTypes.map((_, i) => i + 1).concat([leaveTypes.length + 1])),
  )}`}
</section>`;

  const anomalies = `<section class="card" aria-labelledby="h-anomalies">
<h2 id="h-anomalies">${e(w.ANOMALY_HEADING(d.monthLabel))}</h2>
${d.anomalies.length === 0 ? `<p class="muted">${e(w.ANOMALY_NONE)}</p>` : `
<div class="chart tall"><canvas id="chart-anomalies" role="img" aria-label="${e(w.CHART_ALT(w.ANOMALY_HEADING(d.monthLabel)))}"></canvas></div>
${table(
    [w.COL_DEPT, ...kinds.map((k) => w.ANOMALY_KINDS[k])],
    d.anomalies.map((r) => [`${e(r.department)}<span class="dept">${r.people} 人</span>`, ...kinds.map((k) => String(r[k]))]),
    new Set(kinds.map((_, i) => i + 1)),
    [w.COL_TOTAL, ...kinds.map((k) => String(d.anomalies.reduce((s, r) => s + r[k], 0)))],
  )}
<p class="note">${e(w.ANOMALY_NOTE)}</p>`}
</section>`;

  const funnel = `<section class="card" aria-labelledby="h-funnel">
<h2 id="h-funnel">${e(w.FUNNEL_HEADING)}</h2>
${d.funnel.length === 0 ? `<p class="muted">${e(w.FUNNEL_NONE)}</p>` : `
<div class="chart tall"><canvas id="chart-funnel" role="img" aria-label="${e(w.CHART_ALT(w.FUNNEL_HEADING))}"></canvas></div>
${table(
    [w.COL_STAGE, ...d.funnel.map((j) => j.title)],
    [
      ...stages.map((s) => [e(w.FUNNEL_STAGES[s]), ...d.funnel.map((j) => String(j[s]))]),
      [e(w.FUNNEL_DROPPED_ROW), ...d.funnel.map((j) => String(j.dropped))],
    ],
    new Set(d.funnel.map((_, i) => i + 1)),
  )}`}
</section>`;

  const data = JSON.stringify(d).replace(/</g, '\\u003c');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${e(w.TITLE)}</title><style>${STYLE}</style></head>
<body><header class="top"><div><h1>${e(w.TITLE)}</h1><p>${e(companyName)} · ${e(w.UPDATED(d.generatedAt))}</p></div><a class="btn" href="/hr/dashboard">${e(w.REFRESH)}</a></header>
<main>${today}${pending}${leave}${anomalies}${funnel}</main>
<script id="dashboard-data" type="application/json">${data}</script>
<script src="${e(scriptUrl)}" defer></script>
</body></html>`;
}
