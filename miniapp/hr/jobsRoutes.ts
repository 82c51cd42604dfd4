/**
 * HR job routes (WeCom sign-in; role hr or WECOM_HR_ADMINS):
 *   GET  /hr/jobs                  the list and the import form
 *   GET  /hr/jobs/new              an empty job form
 *   GET  /hr/jobs/:code            a job's form with its questions
 *   POST /hr/jobs                  save (create or update by code)
 *   POST /hr/jobs/:code/status     status=open|closed
 *   POST /hr/jobs/import           data=<JSON or CSV text> → the list with the result
 *   GET  /api/hr/jobs              the jobs as JSON
 *   POST /api/hr/jobs/import       the file as the body (application/json or text/csv) → JSON result
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import { readRawBody, MiB } from '../../lib/http/body.js';
import type { PageAuth } from '../pageAuth.js';
import { audit } from '../../models/auditLog.js';
import { JobModel } from '../../models/job.js';
import { formatProblems } from '../../models/import/csv.js';
import { checkJob, importJobs, saveJob } from '../../models/import/jobs.js';
import { jobFormPage, jobsListPage, type JobFormValues } from './jobsPage.js';

export interface HrJobRouteOptions {
  readonly auth: PageAuth;
}

const FORM_LIMIT = 1 * MiB;

/** Form labels for the field paths checkJob reports. */
const FIELD: Record<string, string> = {
  code: '岗位代码', title: '岗位名称', department: '部门', description: '岗位描述', status: '状态', questions: '面试题',
  id: '题目编号', text: '题目', competency: '考察能力', keyPoints: '答题要点', idealAnswer: '参考答案',
  thinkSec: '准备时间', answerSec: '作答时限', retakes: '可重录次数',
};

function describePath(path: string, formIndex: readonly number[]): string {
  const m = /^questions\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (m) return `第 ${(formIndex[Number(m[1])] ?? Number(m[1])) + 1} 题${m[2] ? ` · ${FIELD[m[2]] ?? m[2]}` : ''}`;
  return FIELD[path] ?? path;
}

function int(v: string | null): number | undefined {
  return v !== null && /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : undefined;
}

/** The form's fields as a job (empty question rows dropped), and which form row each kept question came from. */
export function jobFromForm(form: URLSearchParams): { raw: Record<string, unknown>; values: JobFormValues; rows: number[] } {
  const count = Math.min(int(form.get('count')) ?? 0, 40);
  const questions: Array<Record<string, unknown>> = [];
  const rows: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const text = (form.get(`q${i}_text`) ?? '').trim();
    if (!text) continue;
    const id = (form.get(`q${i}_id`) ?? '').trim();
    const q: Record<string, unknown> = {
      text,
      competency: (form.get(`q${i}_competency`) ?? '').trim(),
      keyPoints: (form.get(`q${i}_keyPoints`) ?? '').split('\n').map((x) => x.trim()).filter(Boolean),
      ...(id ? { id } : {}),
    };
    const ideal = (form.get(`q${i}_idealAnswer`) ?? '').trim();
    if (ideal) q['idealAnswer'] = ideal;
    for (const k of ['thinkSec', 'answerSec', 'retakes'] as const) {
      const raw = form.get(`q${i}_${k}`);
      const n = int(raw);
      q[k] = n ?? (raw && raw.trim() ? raw : undefined);
    }
    questions.push(q);
    rows.push(i);
  }
  const status = form.get('status') === 'closed' ? 'closed' : 'open';
  const raw = {
    code: (form.get('code') ?? '').trim(), title: (form.get('title') ?? '').trim(), department: (form.get('department') ?? '').trim(),
    description: (form.get('description') ?? '').trim(), status, questions,
  };
  const values: JobFormValues = {
    code: raw.code, title: raw.title, department: raw.department, description: raw.description, status,
    questions: questions.map((q) => ({
      id: q['id'] as string | undefined, text: q['text'] as string, competency: q['competency'] as string, keyPoints: q['keyPoints'] as string[],
      idealAnswer: q['idealAnswer'] as string | undefined,
      thinkSec: typeof q['thinkSec'] === 'number' ? q['thinkSec'] : undefined,
      answerSec: typeof q['answerSec'] === 'number' ? q['answerSec'] : undefined,
      retakes: typeof q['retakes'] === 'number' ? q['retakes'] : undefined,
    })),
  };
  return { raw, values, rows };
}

export function hrJobRoutes(opts: HrJobRouteOptions): Router {
  const router = new Router();

  const hrOnly = opts.auth.requireHr({ denied: '抱歉，岗位管理只对 HR 开放。', crossSite: '请从岗位管理页面操作。' });

  const actor = (ctx: Context) => (ctx.state['employee'] as { userid: string }).userid;
  const list = () => JobModel.find({}, { code: 1, title: 1, department: 1, status: 1, questions: 1 }).sort({ status: -1, title: 1 }).lean();
  const NOTICES: Record<string, string> = { saved: '已保存。', closed: '岗位已关闭，不能再安排新面试。', opened: '岗位已重新开放。' };

  router.get('/hr/jobs', hrOnly, async (ctx) => {
    const m = typeof ctx.query['m'] === 'string' ? NOTICES[ctx.query['m']] : undefined;
    ctx.type = 'html';
    ctx.body = jobsListPage(await list(), m);
  });

  router.get('/hr/jobs/new', hrOnly, (ctx) => {
    ctx.type = 'html';
    ctx.body = jobFormPage({ code: '', title: '', department: '', description: '', status: 'open', questions: [] }, true);
  });

  router.get('/hr/jobs/:code', hrOnly, async (ctx) => {
    const job = await JobModel.findOne({ code: ctx.params['code'] ?? '' }).lean();
    if (!job) return ctx.throw(404, '没有找到这个岗位。');
    const m = typeof ctx.query['m'] === 'string' ? NOTICES[ctx.query['m']] : undefined;
    ctx.type = 'html';
    ctx.body = jobFormPage(job, false, [], m);
  });

  router.post('/hr/jobs', hrOnly, async (ctx) => {
    const form = new URLSearchParams((await readRawBody(ctx, FORM_LIMIT)).toString('utf8'));
    const isNew = form.get('isNew') === '1';
    const { raw, values, rows } = jobFromForm(form);
    const problems: string[] = [];
    const existing = raw.code ? await JobModel.findOne({ code: raw.code }, { status: 1 }).lean() : null;
    if (isNew && existing) problems.push(`岗位代码 ${raw.code} 已经存在，请换一个，或去编辑那个岗位。`);
    if (!isNew && !existing) problems.push('这个岗位不存在了，可能已被删除。');
    // The status is changed by its own button: keep what is stored.
    const checked = checkJob({ ...raw, status: existing?.status ?? 'open' });
    problems.push(...checked.problems.map((p) => `${describePath(p.path, rows)}：${p.message}`));
    if (problems.length > 0 || !checked.job) {
      ctx.status = 422;
      ctx.type = 'html';
      ctx.body = jobFormPage(values, isNew, problems);
      return;
    }
    await saveJob(checked.job, actor(ctx), 'web');
    ctx.status = 303;
    ctx.redirect(`/hr/jobs/${encodeURIComponent(checked.job.code)}?m=saved`);
  });

  router.post('/hr/jobs/:code/status', hrOnly, async (ctx) => {
    const form = new URLSearchParams((await readRawBody(ctx, 4096)).toString('utf8'));
    const status = form.get('status') === 'closed' ? 'closed' : 'open';
    const code = ctx.params['code'] ?? '';
    const res = await JobModel.updateOne({ code, status: status === 'closed' ? 'open' : 'closed' }, { $set: { status } });
    if (res.matchedCount === 0 && !(await JobModel.exists({ code }))) return ctx.throw(404, '没有找到这个岗位。');
    if (res.modifiedCount === 1) await audit({ actor: actor(ctx), actorKind: 'hr', action: status === 'closed' ? 'job.close' : 'job.open', subjectKind: 'job', subjectId: code, channel: 'web' });
    ctx.status = 303;
    ctx.redirect(`/hr/jobs/${encodeURIComponent(code)}?m=${status === 'closed' ? 'closed' : 'opened'}`);
  });

  router.post('/hr/jobs/import', hrOnly, async (ctx) => {
    const form = new URLSearchParams((await readRawBody(ctx, FORM_LIMIT)).toString('utf8'));
    const data = form.get('data') ?? '';
    const result = data.trim() ? await importJobs(data, actor(ctx), undefined, 'web') : { ok: false as const, problems: [{ line: 1, message: '没有内容：请选择文件或粘贴 JSON / CSV。' }] };
    ctx.type = 'html';
    if (!result.ok) {
      ctx.status = 422;
      ctx.body = jobsListPage(await list(), undefined, [`有 ${result.problems.length} 处问题，未导入任何数据：`, ...formatProblems(result.problems).split('\n')]);
      return;
    }
    ctx.body = jobsListPage(await list(), `导入完成：新增 ${result.created}，更新 ${result.updated}，未变 ${result.unchanged}。`);
  });

  router.get('/api/hr/jobs', hrOnly, async (ctx) => {
    ctx.body = { jobs: (await list()).map((j) => ({ code: j.code, title: j.title, department: j.department, status: j.status, questions: j.questions.length })) };
  });

  router.post('/api/hr/jobs/import', hrOnly, async (ctx) => {
    const body = await readRawBody(ctx, FORM_LIMIT);
    const type = ctx.get('content-type');
    const format = type.includes('json') ? 'json' : type.includes('csv') ? 'csv' : undefined;
    const result = await importJobs(body, actor(ctx), format, 'web');
    if (!result.ok) {
      ctx.status = 422;
      ctx.body = { ok: false, problems: result.problems };
      return;
    }
    ctx.body = result;
  });

  return router;
}
