/**
 * HR's payslip pages (server-rendered, mobile-first): the months imported with
 * their status, the upload form, publish buttons, and one month's roster with
 * a 查看 link per person. No figure appears on these pages.
 */
import { escapeHtml } from '../../lib/html.js';
import { PAGE_STYLE } from '../payslip/page.js';
import * as w from '../payslip/wording.js';

const e = escapeHtml;

export interface MonthRow {
  readonly month: string;
  readonly employees: number;
  readonly importedAt: string;
  readonly importedBy: string;
  readonly publishedAt: string | undefined;
  /** Re-imported after it was published (employees were not told yet). */
  readonly changedSincePublish: boolean;
  readonly acknowledged: number;
  readonly questions: number;
}

const HR_STYLE = `${PAGE_STYLE}
.row{display:flex;flex-wrap:wrap;justify-content:space-between;gap:8px;align-items:center}
.row + .row{margin-top:4px}
.tag{display:inline-block;font-size:13px;padding:2px 8px;border-radius:10px;background:#e8f3ff;color:#0b3d91}
.tag.warn{background:#fff7e8;color:#7a4100}
input[type=file]{width:100%;padding:8px 0;font:inherit}
ul.problems{margin:8px 0 0;padding-left:20px;color:#b42318}
a{color:#1d4ed8}
`;

function shell(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${e(title)}</title><style>${HR_STYLE}</style></head>
<body><header><h1>${e(title)}</h1></header><main>${body}</main></body></html>`;
}

/** The upload posts the file as-is (text/csv) and shows the answer; a tiny script, nothing fetched from elsewhere. */
const UPLOAD_SCRIPT = `
(function(){
  var form=document.getElementById('upload'),file=document.getElementById('file'),out=document.getElementById('result');
  form.addEventListener('submit',function(ev){
    ev.preventDefault();
    var f=file.files&&file.files[0]; if(!f){file.focus();return;}
    out.textContent='正在校验…';
    fetch('/api/hr/payslips/import',{method:'POST',headers:{'Content-Type':'text/csv'},body:f,credentials:'same-origin'})
      .then(function(r){return r.json();})
      .then(function(d){
        out.textContent=d.message||d.error||'';
        if(d.problems&&d.problems.length){var ul=document.createElement('ul');ul.className='problems';
          d.problems.forEach(function(p){var li=document.createElement('li');li.textContent='第 '+p.line+' 行：'+p.message;ul.appendChild(li);});
          out.appendChild(ul);}
        if(d.ok){setTimeout(function(){location.reload();},1500);}
      })
      .catch(function(){out.textContent='上传失败，请检查网络后重试。';});
  });
})();`;

export function monthsPage(rows: readonly MonthRow[], notice: string | undefined): string {
  const list = rows.length === 0
    ? `<p class="muted">${e(w.HR_NO_MONTHS)}</p>`
    : rows.map((r) => {
      const status = r.publishedAt
        ? `<span class="tag">${e(w.HR_PUBLISHED(r.publishedAt))}</span>${r.changedSincePublish ? ` <span class="tag warn">${e(w.HR_CHANGED_SINCE_PUBLISH)}</span>` : ''}`
        : `<span class="tag warn">${e(w.HR_UNPUBLISHED)}</span>`;
      const action = !r.publishedAt || r.changedSincePublish
        ? `<form method="post" action="/hr/payslips/publish"><input type="hidden" name="month" value="${e(r.month)}"><button class="btn primary" type="submit">${e(r.publishedAt ? w.HR_REPUBLISH : w.HR_PUBLISH)}</button></form>`
        : '';
      return `<section class="card" aria-label="${e(w.monthText(r.month))}">
<div class="row"><h2>${e(w.monthText(r.month))}</h2>${status}</div>
<div class="row muted"><span>${e(w.HR_EMPLOYEES(r.employees))} · ${e(w.HR_ACKED)} ${r.acknowledged} · ${e(w.HR_QUESTIONS(r.questions))}</span><span>${e(r.importedAt)} ${e(r.importedBy)}</span></div>
<p><a href="/hr/payslips/${e(r.month)}">${e(w.HR_DETAILS)}</a></p>${action}</section>`;
    }).join('');
  const upload = `<section class="card"><h2>${e(w.HR_UPLOAD_HEADER)}</h2><p class="muted">${e(w.HR_UPLOAD_HELP)}</p>
<form id="upload"><label for="file">${e(w.HR_FILE_LABEL)}</label><input id="file" name="file" type="file" accept=".csv,text/csv" required>
<button class="btn primary" type="submit">${e(w.HR_UPLOAD_BUTTON)}</button></form><div id="result" role="status" aria-live="polite" style="margin-top:8px"></div></section>
<script>${UPLOAD_SCRIPT}</script>`;
  const note = notice ? `<p class="notice" role="status">${e(notice)}</p>` : '';
  return shell(w.HR_TITLE, `${note}${upload}<h2 style="margin:16px 4px 8px">${e(w.HR_MONTHS_HEADER)}</h2>${list}`);
}

export interface RosterRow {
  readonly userid: string;
  readonly name: string;
  readonly acknowledged: boolean;
  readonly questions: number;
  readonly href: string;
}

export function rosterPage(month: string, rows: readonly RosterRow[]): string {
  const items = rows.map((r) => `<div class="row" style="border-bottom:1px solid #e5e6eb;padding:8px 0">
<span>${e(r.name)} <span class="muted">${e(r.userid)}</span></span>
<span><span class="tag${r.acknowledged ? '' : ' warn'}">${e(r.acknowledged ? w.HR_ACKED : w.HR_NOT_ACKED)}</span>${r.questions > 0 ? ` <span class="tag warn">${e(w.HR_QUESTIONS(r.questions))}</span>` : ''}
 <a href="${e(r.href)}">${e(w.HR_VIEW)}</a></span></div>`).join('');
  return shell(`${w.monthText(month)} · ${w.HR_TITLE}`, `<p><a href="/hr/payslips">${e(w.HR_BACK)}</a></p><section class="card">${items}</section>`);
}
