/**
 * HR report routes (WeCom sign-in; HR, or the interviewer of that interview):
 *   GET  /hr/reports/:interviewId                         the report page
 *   GET  /api/hr/reports/:interviewId                     the same as JSON
 *   GET  /hr/reports/:interviewId/media/:recordingId      the recording, with Range support
 *   POST /hr/reports/:interviewId/rating                  questionId, score 1–5, note → back to the page
 *   POST /hr/reports/:interviewId/decision                value, reason (required), expected → back (HR only)
 * Every view of a report or a recording and every change is audited.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import { readRawBody } from '../../lib/http/body.js';
import { audit } from '../../models/auditLog.js';
import { RecordingModel } from '../../models/recording.js';
import type { Interview } from '../../models/interview.js';
import { requireSameSite, signedIn, viewerFor, type AccessOptions } from './reportAccess.js';
import { DECISIONS, saveDecision, saveRating, type Decision } from './reportActions.js';
import { loadInterview, loadReportView, parseObjectId, reportJson, type Viewer } from './reportData.js';
import { streamRecording } from './reportMedia.js';
import { reportPage, reportPath, type ReportPageOptions } from './reportPage.js';
import { RW } from './reportWording.js';

export interface ReportRouteOptions extends AccessOptions {
  readonly tz: string;
  readonly now: () => Date;
}

const FORM_LIMIT = 16 * 1024;

export function hrReportRoutes(opts: ReportRouteOptions): Router {
  const router = new Router();

  /** Signs in, loads the interview, checks the viewer may see it. */
  async function open(ctx: Context): Promise<{ interview: Interview; viewer: Viewer } | undefined> {
    const employee = await signedIn(ctx, opts);
    if (!employee) return undefined;
    const id = parseObjectId(ctx.params['interviewId']);
    const interview = id ? await loadInterview(id) : null;
    if (!interview) return ctx.throw(404, RW.errors.notFound);
    return { interview, viewer: viewerFor(ctx, employee, interview, opts) };
  }

  const seen = (viewer: Viewer, action: string, interview: Interview, details?: Record<string, unknown>) =>
    audit({
      actor: viewer.userid, actorKind: viewer.role === 'hr' ? 'hr' : 'employee', action, subjectKind: 'interview', subjectId: String(interview._id),
      channel: 'web', at: opts.now(), ...(details ? { details } : {}),
    });

  async function render(ctx: Context, interview: Interview, viewer: Viewer, page: Omit<ReportPageOptions, 'tz'> = {}): Promise<void> {
    const view = await loadReportView(interview);
    ctx.type = 'html';
    ctx.body = reportPage(view, viewer, { tz: opts.tz, ...page });
  }

  router.get('/hr/reports/:interviewId', async (ctx) => {
    const o = await open(ctx);
    if (!o) return;
    await seen(o.viewer, 'report.view', o.interview);
    const m = typeof ctx.query['m'] === 'string' ? RW.notices[ctx.query['m']] : undefined;
    await render(ctx, o.interview, o.viewer, { notice: m });
  });

  router.get('/api/hr/reports/:interviewId', async (ctx) => {
    const o = await open(ctx);
    if (!o) return;
    await seen(o.viewer, 'report.view', o.interview, { format: 'json' });
    ctx.body = reportJson(await loadReportView(o.interview));
  });

  router.get('/hr/reports/:interviewId/media/:recordingId', async (ctx) => {
    const o = await open(ctx);
    if (!o) return;
    const recId = parseObjectId(ctx.params['recordingId']);
    const rec = recId ? await RecordingModel.findOne({ _id: recId, interviewId: o.interview._id }).lean() : null;
    if (!rec || !rec.gridfsId || rec.purgedAt) return ctx.throw(404, RW.errors.recordingNotFound);
    // Players fetch many ranges per viewing: the first one stands for the viewing.
    const range = ctx.get('range');
    if (!range || /^bytes=0-/.test(range)) await seen(o.viewer, 'recording.view', o.interview, { recordingId: String(rec._id), questionId: rec.questionId });
    const ok = await streamRecording(ctx, rec.gridfsId, rec.mimeType ?? 'video/webm', RW.errors.rangeNotSatisfiable);
    if (!ok) ctx.throw(404, RW.errors.recordingNotFound);
  });

  router.post('/hr/reports/:interviewId/rating', async (ctx) => {
    const o = await open(ctx);
    if (!o) return;
    requireSameSite(ctx);
    const form = new URLSearchParams((await readRawBody(ctx, FORM_LIMIT)).toString('utf8'));
    const questionId = (form.get('questionId') ?? '').trim();
    const score = Number(form.get('score'));
    const note = (form.get('note') ?? '').trim().slice(0, 500);
    if (!Number.isInteger(score) || score < 1 || score > 5) {
      ctx.status = 422;
      return render(ctx, o.interview, o.viewer, { problems: [RW.errors.badScore] });
    }
    const res = await saveRating(o.interview._id, { questionId, score, note }, o.viewer, opts.now());
    if (res.kind !== 'saved') {
      ctx.status = res.kind === 'no_report' ? 409 : 422;
      return render(ctx, o.interview, o.viewer, { problems: [res.kind === 'no_report' ? RW.errors.noReport : RW.errors.unknownQuestion] });
    }
    ctx.status = 303;
    ctx.redirect(`${reportPath(String(o.interview._id))}?m=rated#q-${encodeURIComponent(questionId)}`);
  });

  router.post('/hr/reports/:interviewId/decision', async (ctx) => {
    const o = await open(ctx);
    if (!o) return;
    requireSameSite(ctx);
    if (o.viewer.role !== 'hr') return ctx.throw(403, RW.errors.decisionHrOnly);
    const form = new URLSearchParams((await readRawBody(ctx, FORM_LIMIT)).toString('utf8'));
    const value = form.get('value') ?? '';
    const reason = (form.get('reason') ?? '').trim().slice(0, 500);
    const expected = form.get('expected') ?? 'none';
    const problems = [
      ...(DECISIONS.includes(value as Decision) ? [] : [RW.errors.badDecision]),
      ...(reason.length > 0 ? [] : [RW.errors.reasonRequired]),
    ];
    if (problems.length > 0) {
      ctx.status = 422;
      return render(ctx, o.interview, o.viewer, { problems, decisionDraft: { reason } });
    }
    const res = await saveDecision(o.interview._id, { value: value as Decision, reason, expected }, o.viewer, opts.now());
    if (res.kind === 'not_found') return ctx.throw(404, RW.errors.notFound);
    if (res.kind === 'changed') {
      ctx.status = 409;
      const fresh = (await loadInterview(o.interview._id)) ?? o.interview;
      return render(ctx, fresh, o.viewer, { problems: [RW.errors.decisionChanged], decisionDraft: { reason } });
    }
    ctx.status = 303;
    ctx.redirect(`${reportPath(String(o.interview._id))}?m=decided#decision-h`);
  });

  return router;
}
