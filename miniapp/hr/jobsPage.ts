/**
 * HR's job pages (server-rendered, mobile-first): the list of jobs with their
 * status, the edit form with the question bank, and the import form. Plain
 * forms; the import also takes a file through a tiny script (read locally,
 * posted as text). Every value is escaped.
 */
import { escapeHtml } from '../../lib/html.js';
import type { Job, JobQuestion } from '../../models/job.js';

const e = escapeHtml;

const STYLE = `*{box-sizing:border-box}body{font-family:-apple-system,"PingFang SC","Noto Sans SC","Microsoft YaHei",sans-serif;margin:0;background:#f2f3f5;color:#1f2329;font-size:16px;line-height:1.6}
header{background:#fff;padding:12px 16px;border-bottom:1px solid #e5e6eb}header h1{font-size:19px;margin:0}header nav a{font-size:14px;color:#1a5fd6;margin-right:12px}
main{max-width:760px;margin:0 auto;padding:12px}section{background:#fff;border-radius:12px;padding:14px 16px;margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.06)}
h2{font-size:17px;margin:0 0 8px}table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:8px 6px;border-bottom:1px solid #e5e6eb;vertical-align:top}th{font-size:14px;color:#4e5969}
.tag{display:inline-block;font-size:13px;padding:1px 8px;border-radius:10px;background:#e8ffea;color:#00672a}.tag.off{background:#f2f3f5;color:#4e5969}
label{display:block;font-weight:600;margin:10px 0 4px}input[type=text],input[type=number],textarea,select{width:100%;font:inherit;padding:8px;border:1px solid #86909c;border-radius:8px}
.grid{display:grid;grid-template-columns:repeat(3,1fr);gap:8px}fieldset{border:1px solid #c9cdd4;border-radius:10px;margin:12px 0;padding:8px 12px}legend{font-weight:600;padding:0 4px}
.btn{display:inline-block;min-height:42px;padding:0 18px;border-radius:8px;border:0;font-size:16px;font-weight:600;cursor:pointer;background:#1a5fd6;color:#fff;text-decoration:none;line-height:42px}
.btn.secondary{background:#fff;color:#1a5fd6;border:1px solid #1a5fd6;line-height:40px}.hint{font-size:14px;color:#4e5969}
.cols{word-break:break-all;font-size:13px}.notice{padding:10px 12px;border-radius:8px;margin:12px 0;background:#e8ffea;color:#00522a}.problems{background:#fff1f0;color:#a8071a;padding:10px 12px 10px 28px;border-radius:8px}
@media (max-width:480px){.grid{grid-template-columns:1fr}th.opt,td.opt{display:none}}`;

function shell(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${e(title)}</title><style>${STYLE}</style></head>
<body><header><h1>${e(title)}</h1><nav><a href="/hr/jobs">岗位列表</a><a href="/hr/jobs/new">新建岗位</a></nav></header><main>${body}</main></body></html>`;
}

function problemList(problems: readonly string[]): string {
  return problems.length ? `<ul class="problems" role="alert">${problems.map((p) => `<li>${e(p)}</li>`).join('')}</ul>` : '';
}

export function jobsListPage(jobs: ReadonlyArray<Pick<Job, 'code' | 'title' | 'department' | 'status' | 'questions'>>, notice?: string, problems: readonly string[] = []): string {
  const rows = jobs.map((j) => `<tr><td><a href="/hr/jobs/${encodeURIComponent(j.code)}">${e(j.title)}</a><br><span class="hint">${e(j.code)}</span></td>
<td class="opt">${e(j.department)}</td><td>${j.questions.length} 题<br><a href="/hr/jobs/${encodeURIComponent(j.code)}/ranking">候选人排名</a></td><td><span class="tag${j.status === 'open' ? '' : ' off'}">${j.status === 'open' ? '在招' : '已关闭'}</span></td></tr>`).join('');
  const table = jobs.length
    ? `<table><thead><tr><th>岗位</th><th class="opt">部门</th><th>题目</th><th>状态</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p>还没有岗位。可以新建，或者导入 JSON / CSV 文件。</p>';
  return shell('岗位管理', `${notice ? `<div class="notice" role="status">${e(notice)}</div>` : ''}${problemList(problems)}
<section><h2>岗位</h2>${table}<p><a class="btn" href="/hr/jobs/new">新建岗位</a></p></section>
<section><h2>导入岗位</h2><p class="hint">JSON（{"jobs":[…]}）或 CSV（每行一道题，列为 <code class="cols">job_code,title,department,description,status,question_id,question,competency,key_points,model_answer,think_sec,answer_sec,retakes</code>；要点用 | 分隔）。按岗位代码更新，重复导入不会重复创建；有任何错误时不会导入。</p>
<form method="post" action="/hr/jobs/import" id="import">
<label for="file">选择文件</label><input type="file" id="file" accept=".json,.csv,application/json,text/csv">
<label for="data">或粘贴内容</label><textarea id="data" name="data" rows="6"></textarea>
<p><button class="btn secondary" type="submit">校验并导入</button></p></form></section>
<script>${IMPORT_SCRIPT}</script>`);
}

/** Reads the chosen file into the textarea before the form posts (nothing leaves the page but the form). */
const IMPORT_SCRIPT = `(function(){var f=document.getElementById('file'),d=document.getElementById('data');
f.addEventListener('change',function(){var x=f.files&&f.files[0];if(!x)return;x.text().then(function(t){d.value=t;});});})();`;

export interface JobFormValues {
  readonly code: string;
  readonly title: string;
  readonly department: string;
  readonly description: string;
  readonly status: 'open' | 'closed';
  readonly questions: ReadonlyArray<Partial<JobQuestion>>;
}

const EMPTY_Q: Partial<JobQuestion> = { thinkSec: 30, answerSec: 120, retakes: 1 };

function questionFields(q: Partial<JobQuestion>, i: number): string {
  const n = i + 1;
  const id = (k: string) => `q${i}_${k}`;
  return `<fieldset><legend>第 ${n} 题${q.text ? '' : '（留空则不保存）'}</legend>
<input type="hidden" name="${id('id')}" value="${e(q.id ?? '')}">
<label for="${id('text')}">题目</label><textarea id="${id('text')}" name="${id('text')}" rows="2" maxlength="500">${e(q.text ?? '')}</textarea>
<label for="${id('competency')}">考察能力</label><input type="text" id="${id('competency')}" name="${id('competency')}" maxlength="40" value="${e(q.competency ?? '')}" placeholder="例如：沟通协作">
<label for="${id('keyPoints')}">答题要点（每行一条）</label><textarea id="${id('keyPoints')}" name="${id('keyPoints')}" rows="3">${e((q.keyPoints ?? []).join('\n'))}</textarea>
<label for="${id('idealAnswer')}">参考答案（选填）</label><textarea id="${id('idealAnswer')}" name="${id('idealAnswer')}" rows="3" maxlength="4000">${e(q.idealAnswer ?? '')}</textarea>
<div class="grid"><div><label for="${id('thinkSec')}">准备时间（秒）</label><input type="number" id="${id('thinkSec')}" name="${id('thinkSec')}" min="0" max="600" value="${q.thinkSec ?? 30}"></div>
<div><label for="${id('answerSec')}">作答时限（秒）</label><input type="number" id="${id('answerSec')}" name="${id('answerSec')}" min="10" max="600" value="${q.answerSec ?? 120}"></div>
<div><label for="${id('retakes')}">可重录次数</label><input type="number" id="${id('retakes')}" name="${id('retakes')}" min="0" max="5" value="${q.retakes ?? 1}"></div></div>
</fieldset>`;
}

export function jobFormPage(v: JobFormValues, isNew: boolean, problems: readonly string[] = [], notice?: string): string {
  const qs = [...v.questions, EMPTY_Q, EMPTY_Q];
  const statusForm = isNew ? '' : `<section><h2>招聘状态</h2><form method="post" action="/hr/jobs/${encodeURIComponent(v.code)}/status">
<input type="hidden" name="status" value="${v.status === 'open' ? 'closed' : 'open'}">
<p class="hint">现在：${v.status === 'open' ? '在招（可以安排面试）' : '已关闭（不能再安排新面试）'}</p>
<button class="btn secondary" type="submit">${v.status === 'open' ? '关闭岗位' : '重新开放'}</button></form></section>`;
  return shell(isNew ? '新建岗位' : `编辑岗位：${v.title}`, `${notice ? `<div class="notice" role="status">${e(notice)}</div>` : ''}${problemList(problems)}
<form method="post" action="/hr/jobs"><section><h2>基本信息</h2>
<input type="hidden" name="isNew" value="${isNew ? '1' : '0'}">
<label for="code">岗位代码</label><input type="text" id="code" name="code" maxlength="32" value="${e(v.code)}"${isNew ? '' : ' readonly'} placeholder="例如：PM-2026" pattern="[A-Za-z0-9_-]{1,32}">
<p class="hint">字母、数字、_ 或 -，创建后不能修改；导入时按它匹配。</p>
<label for="title">岗位名称</label><input type="text" id="title" name="title" maxlength="60" value="${e(v.title)}">
<label for="department">部门</label><input type="text" id="department" name="department" maxlength="60" value="${e(v.department)}">
<label for="description">岗位描述</label><textarea id="description" name="description" rows="3" maxlength="2000">${e(v.description)}</textarea>
<input type="hidden" name="status" value="${v.status}"><input type="hidden" name="count" value="${qs.length}"></section>
<section><h2>面试题</h2><p class="hint">候选人在视频面试里按顺序回答；评分时对照答题要点。清空题目内容即删除该题。</p>${qs.map(questionFields).join('')}
<p><button class="btn" type="submit">保存</button></p></section></form>${statusForm}`);
}
