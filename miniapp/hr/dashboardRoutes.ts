/**
 * The HR dashboard behind WeCom sign-in, for the `hr` role:
 *
 *   GET /hr/dashboard                   the page (tables + charts)
 *   GET /hr/dashboard/assets/dashboard.js  Chart.js and the drawing script, bundled at start-up
 *   GET /api/hr/dashboard               the same figures as JSON
 *
 * Each view is audited: the page names people who are absent or on leave.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import type { PageAuth } from '../pageAuth.js';
import { audit } from '../../models/auditLog.js';
import type { Employee } from '../../models/employee.js';
import { bundleScript, serveAsset } from '../console/bundle.js';
import { loadDashboard } from './dashboardData.js';
import { dashboardPage } from './dashboardPage.js';

export interface DashboardOptions {
  readonly auth: PageAuth;
  readonly tz: string;
  readonly companyName: string;
  readonly now: () => Date;
}

const SCRIPT = new URL('../web/dashboard/main.ts', import.meta.url);

export interface DashboardRoutes {
  readonly router: Router;
  /** Bundles the script now, so a broken build fails the start, not the first visit. */
  prepare(): Promise<void>;
}

export function dashboardRoutes(o: DashboardOptions): DashboardRoutes {
  const router = new Router();
  const hrOnly = o.auth.requireHr({ denied: '抱歉，HR 看板只对 HR 开放。', crossSite: '请从 HR 看板操作。' });
  const viewer = (ctx: Context): Employee => ctx.state['employee'] as Employee;
  const logView = (ctx: Context, channel: string) =>
    audit({ actor: viewer(ctx).userid, actorKind: 'hr', action: 'dashboard.view', subjectKind: 'dashboard', subjectId: 'hr', channel });

  router.get('/hr/dashboard', hrOnly, async (ctx) => {
    const [data, script] = await Promise.all([loadDashboard(o.now(), o.tz), bundleScript(SCRIPT)]);
    await logView(ctx, 'web');
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'html';
    ctx.body = dashboardPage(data, o.companyName, `/hr/dashboard/assets/dashboard.js?v=${script.etag.replace(/\W/g, '')}`);
  });
  router.get('/hr/dashboard/assets/dashboard.js', async (ctx) => serveAsset(ctx, await bundleScript(SCRIPT)));
  router.get('/api/hr/dashboard', hrOnly, async (ctx) => {
    const data = await loadDashboard(o.now(), o.tz);
    await logView(ctx, 'api');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = data;
  });

  return {
    router,
    async prepare() {
      await bundleScript(SCRIPT);
    },
  };
}
