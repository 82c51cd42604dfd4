/**
 * The job page with ranked candidates (WeCom sign-in; HR only, since it
 * compares candidates an interviewer has not met):
 *   GET /hr/jobs/:code/ranking?status=&decision=&min=&max=   the page
 *   GET /api/hr/jobs/:code/ranking?…                         the same as JSON
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import { audit } from '../../models/auditLog.js';
import { signedIn, type AccessOptions } from './reportAccess.js';
import { loadRanking, parseFilters, type RankingView } from './jobRankingData.js';
import { jobRankingPage } from './jobRankingPage.js';
import { RW } from './reportWording.js';

export interface JobRankingRouteOptions extends AccessOptions {
  readonly now: () => Date;
}

export function hrJobRankingRoutes(opts: JobRankingRouteOptions): Router {
  const router = new Router();

  async function load(ctx: Context): Promise<RankingView | undefined> {
    const employee = await signedIn(ctx, opts);
    if (!employee) return undefined;
    if (!opts.auth.isHr(employee)) return ctx.throw(403, RW.errors.rankingHrOnly);
    const code = ctx.params['code'] ?? '';
    const view = await loadRanking(code, parseFilters(ctx.query));
    if (!view) return ctx.throw(404, RW.errors.jobNotFound);
    await audit({ actor: employee.userid, actorKind: 'hr', action: 'ranking.view', subjectKind: 'job', subjectId: code, channel: 'web', at: opts.now() });
    return view;
  }

  router.get('/hr/jobs/:code/ranking', async (ctx) => {
    const view = await load(ctx);
    if (!view) return;
    ctx.type = 'html';
    ctx.body = jobRankingPage(view);
  });

  router.get('/api/hr/jobs/:code/ranking', async (ctx) => {
    const view = await load(ctx);
    if (!view) return;
    ctx.body = view;
  });

  return router;
}
