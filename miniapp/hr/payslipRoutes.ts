/**
 * HR payslip routes (HR role or WECOM_HR_ADMINS only):
 *   GET  /hr/payslips                 months, status, upload form
 *   GET  /hr/payslips/:month          who is in the month, with 查看 links (HR views are audited on the slip page)
 *   POST /api/hr/payslips/import      the CSV as the body (text/csv) → JSON result with line-numbered problems
 *   POST /hr/payslips/publish         month=YYYY-MM → publish and notify, back to the list
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import { localParts, pad2 } from '../../lib/time.js';
import { readRawBody, MiB } from '../../lib/http/body.js';
import type { PageAuth } from '../pageAuth.js';
import { EmployeeModel } from '../../models/employee.js';
import { PayslipFeedbackModel, PayslipModel, PayslipMonthModel, monthRoster } from '../../models/payslip.js';
import { importPayslips } from '../../models/import/payslips.js';
import { formatProblems } from '../../models/import/csv.js';
import { NOTICE_LINK_TTL_S, type PayslipLinks } from '../payslip/link.js';
import * as w from '../payslip/wording.js';
import { monthsPage, rosterPage, type MonthRow } from './payslipPages.js';

export type PublishOutcome = { readonly ok: true; readonly notified: number } | { readonly ok: false; readonly reason: 'no_month' | 'changed' };

export interface HrPayslipRouteOptions {
  readonly auth: PageAuth;
  readonly links: PayslipLinks;
  /** `keys.payslip`. */
  readonly key: Buffer;
  readonly tz: string;
  readonly now: () => Date;
  /** flows/payslip/publish.ts, bound to the Outbox. */
  publish(month: string, actor: string): Promise<PublishOutcome>;
}

const UPLOAD_LIMIT = 5 * MiB;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function stamp(d: Date, tz: string): string {
  const p = localParts(d, tz);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

export function hrPayslipRoutes(opts: HrPayslipRouteOptions): Router {
  const router = new Router();

  const hrOnly = opts.auth.requireHr({ denied: '抱歉，工资条管理只对 HR 开放。', crossSite: '请从工资条管理页面操作。' });

  function actor(ctx: Context): string {
    return (ctx.state['employee'] as { userid: string }).userid;
  }

  router.get('/hr/payslips', hrOnly, async (ctx) => {
    const months = await PayslipMonthModel.find({}).sort({ month: -1 }).limit(36).lean();
    const rows: MonthRow[] = [];
    for (const m of months) {
      const [acknowledged, questions] = await Promise.all([
        PayslipModel.countDocuments({ month: m.month, batchId: m.activeBatchId, acknowledgedAt: { $exists: true } }),
        PayslipFeedbackModel.countDocuments({ month: m.month, kind: 'question' }),
      ]);
      rows.push({
        month: m.month, employees: m.employeeCount, importedAt: stamp(m.importedAt, opts.tz), importedBy: m.importedBy,
        publishedAt: m.publishedAt ? stamp(m.publishedAt, opts.tz) : undefined,
        changedSincePublish: Boolean(m.publishedBatchId) && String(m.publishedBatchId) !== String(m.activeBatchId),
        acknowledged, questions,
      });
    }
    const msg = ctx.query['msg'];
    const n = Number(ctx.query['n'] ?? 0);
    const notice = msg === 'published' ? w.HR_PUBLISH_DONE(Number.isFinite(n) ? n : 0)
      : msg === 'no_month' ? w.HR_PUBLISH_NO_MONTH : msg === 'changed' ? w.HR_PUBLISH_CHANGED : undefined;
    ctx.type = 'html';
    ctx.body = monthsPage(rows, notice);
  });

  router.get('/hr/payslips/:month', hrOnly, async (ctx) => {
    const month = ctx.params['month'] ?? '';
    if (!MONTH.test(month)) ctx.throw(404, w.HR_PUBLISH_NO_MONTH);
    const roster = await monthRoster(month);
    if (!roster) return ctx.throw(404, w.HR_PUBLISH_NO_MONTH);
    const names = new Map((await EmployeeModel.find({ userid: { $in: roster.map((r) => r.userid) } }, { userid: 1, name: 1 }).lean()).map((e) => [e.userid, e.name]));
    const now = opts.now();
    ctx.type = 'html';
    ctx.body = rosterPage(month, roster.map((r) => ({
      ...r, name: names.get(r.userid) ?? r.userid, href: opts.links.path({ userid: r.userid, month }, now, NOTICE_LINK_TTL_S),
    })));
  });

  router.post('/api/hr/payslips/import', hrOnly, async (ctx) => {
    const body = await readRawBody(ctx, UPLOAD_LIMIT);
    const result = await importPayslips(body, { key: opts.key, actor: actor(ctx), channel: 'web', now: opts.now() });
    if (!result.ok) {
      ctx.status = 422;
      ctx.body = { ok: false, message: w.HR_IMPORT_FAILED(result.problems.length), problems: result.problems, text: formatProblems(result.problems) };
      return;
    }
    ctx.body = { ok: true, month: result.month, employees: result.employees, replaced: result.replaced, message: w.HR_IMPORT_OK(result.month, result.employees, result.replaced, result.published) };
  });

  router.post('/hr/payslips/publish', hrOnly, async (ctx) => {
    const form = new URLSearchParams((await readRawBody(ctx, 4096)).toString('utf8'));
    const month = form.get('month') ?? '';
    if (!MONTH.test(month)) ctx.throw(400, w.HR_PUBLISH_NO_MONTH);
    const r = await opts.publish(month, actor(ctx));
    ctx.status = 303;
    ctx.redirect(r.ok ? `/hr/payslips?msg=published&n=${r.notified}` : `/hr/payslips?msg=${r.reason}`);
  });

  return router;
}
