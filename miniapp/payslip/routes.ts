/**
 * Payslip page routes:
 *   GET  /payslip?t=…           the slip (owner, or HR — audited)
 *   GET  /payslip/pdf?t=…       the same slip as a PDF (audited)
 *   POST /payslip/feedback      确认无误 / 有疑问 (owner only), then back to the page
 * Every answer is `no-store`; the token is never logged (redactUrl drops `t=`).
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import { localDate, localParts, pad2 } from '../../lib/time.js';
import { readRawBody } from '../../lib/http/body.js';
import { audit } from '../../models/auditLog.js';
import {
  PayslipFeedbackModel, activeSlip, monthsWithSlip, openQuestion, openSlip,
} from '../../models/payslip.js';
import { checkAccess, type Access, type AccessOptions } from './access.js';
import { IN_PAGE_LINK_TTL_S } from './link.js';
import { slipPage, type MonthLink } from './page.js';
import { renderSlipPdf } from './pdf.js';
import * as w from './wording.js';

export interface PayslipRouteOptions extends AccessOptions {
  /** `keys.payslip`. */
  readonly key: Buffer;
  readonly tz: string;
  readonly companyName: string;
  /** 确认无误 (flows/payslip/feedback.ts `acknowledge`). */
  acknowledge(userid: string, month: string): Promise<'acknowledged' | 'already' | 'not_found'>;
  /** 有疑问 (flows/payslip/feedback.ts `askQuestion`). */
  askQuestion(userid: string, month: string, text: string): Promise<'sent' | 'no_hr' | 'too_many' | 'not_found' | 'empty'>;
}

function tokenOf(ctx: Context): string {
  const t = ctx.query['t'];
  return typeof t === 'string' ? t : '';
}

function localStamp(d: Date, tz: string): string {
  const p = localParts(d, tz);
  return `${p.month}月${p.day}日 ${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** Turns every refusal into the page or redirect it deserves; returns the grant otherwise. */
function granted(ctx: Context, access: Access): Extract<Access, { kind: 'ok' }> | undefined {
  switch (access.kind) {
    case 'expired':
      return ctx.throw(410, w.LINK_EXPIRED);
    case 'invalid':
      return ctx.throw(400, w.LINK_INVALID);
    case 'sign_in':
      ctx.redirect(`/auth/wecom/start?next=${encodeURIComponent(access.next)}`);
      return undefined;
    case 'not_employee':
      return ctx.throw(403, w.NOT_EMPLOYEE);
    case 'forbidden':
      return ctx.throw(403, w.NOT_OWNER);
    case 'ok':
      return access;
  }
}

function noStore(ctx: Context): void {
  ctx.set('Cache-Control', 'no-store, private');
  ctx.set('X-Robots-Tag', 'noindex');
}

export function payslipRoutes(opts: PayslipRouteOptions): Router {
  const router = new Router();

  /** Loads the slip the grant points at, or answers 404 in words. */
  async function loadSlip(ctx: Context, g: Extract<Access, { kind: 'ok' }>) {
    const found = await activeSlip(g.claims.userid, g.claims.month, { publishedOnly: g.as === 'owner' });
    if (!found) return ctx.throw(404, w.SLIP_GONE);
    return { ...found, content: openSlip(opts.key, found.slip) };
  }

  router.get('/payslip', async (ctx) => {
    noStore(ctx);
    const g = granted(ctx, await checkAccess(ctx, tokenOf(ctx), opts));
    if (!g) return;
    const { slip, month, content } = await loadSlip(ctx, g);
    const now = opts.now();
    const months = await monthsWithSlip(g.claims.userid, { publishedOnly: g.as === 'owner' });
    const ttl = IN_PAGE_LINK_TTL_S;
    const monthLinks: MonthLink[] = months.map((m) => ({
      month: m, current: m === g.claims.month, href: opts.links.path({ userid: g.claims.userid, month: m }, now, ttl),
    }));
    const feedback = await PayslipFeedbackModel.find({ userid: g.claims.userid, month: g.claims.month, kind: 'question' }).sort({ at: 1 }).lean();
    const questions = feedback.map((f) => ({ at: localStamp(f.at, opts.tz), text: openQuestion(opts.key, f) ?? '' })).filter((q) => q.text);
    await audit({
      actor: g.viewer.userid, actorKind: g.as === 'hr' ? 'hr' : 'employee', action: 'payslip.view', subjectKind: 'payslip',
      subjectId: `${g.claims.userid}/${g.claims.month}`, channel: 'web', at: now,
    });
    const done = typeof ctx.query['done'] === 'string' ? ctx.query['done'] : undefined;
    ctx.type = 'html';
    ctx.body = slipPage({
      month: g.claims.month,
      ownerName: g.owner.name,
      ownerUserid: g.owner.userid,
      as: g.as,
      published: Boolean(month.publishedAt),
      content,
      months: monthLinks,
      pdfHref: opts.links.path({ userid: g.claims.userid, month: g.claims.month }, now, ttl, 'pdf'),
      feedbackToken: g.as === 'owner' ? opts.links.token(g.claims, now, ttl) : undefined,
      acknowledgedAt: slip.acknowledgedAt ? localStamp(slip.acknowledgedAt, opts.tz) : undefined,
      done,
      questions,
    });
  });

  router.get('/payslip/pdf', async (ctx) => {
    noStore(ctx);
    const g = granted(ctx, await checkAccess(ctx, tokenOf(ctx), opts));
    if (!g) return;
    const { content } = await loadSlip(ctx, g);
    const now = opts.now();
    const p = localParts(now, opts.tz);
    const pdf = await renderSlipPdf({
      companyName: opts.companyName, month: g.claims.month, ownerName: g.owner.name, ownerUserid: g.owner.userid, content,
      generatedAt: `${localDate(now, opts.tz)} ${pad2(p.hour)}:${pad2(p.minute)}`,
    });
    await audit({
      actor: g.viewer.userid, actorKind: g.as === 'hr' ? 'hr' : 'employee', action: 'payslip.download', subjectKind: 'payslip',
      subjectId: `${g.claims.userid}/${g.claims.month}`, channel: 'web', at: now,
    });
    ctx.type = 'application/pdf';
    ctx.set('Content-Disposition', `attachment; filename="payslip-${g.claims.month}.pdf"`);
    ctx.body = pdf;
  });

  router.post('/payslip/feedback', async (ctx) => {
    noStore(ctx);
    const form = new URLSearchParams((await readRawBody(ctx, 16 * 1024)).toString('utf8'));
    const token = form.get('t') ?? '';
    const g = granted(ctx, await checkAccess(ctx, token, opts));
    if (!g) return;
    if (g.as !== 'owner') return ctx.throw(403, w.ONLY_OWNER_FEEDBACK);
    const action = form.get('action');
    let done: string;
    if (action === 'ack') {
      const r = await opts.acknowledge(g.claims.userid, g.claims.month);
      done = r === 'acknowledged' ? 'ack' : r;
    } else if (action === 'question') {
      done = await opts.askQuestion(g.claims.userid, g.claims.month, form.get('text') ?? '');
    } else {
      return ctx.throw(400, w.LINK_INVALID);
    }
    ctx.status = 303;
    ctx.redirect(`/payslip?t=${token}&done=${done}`);
  });

  return router;
}
