/**
 * HR 看板: today's absences and leave, pending approvals and their age, this
 * month's leave and attendance exceptions by department, and the recruiting
 * funnel — one page for HR, behind WeCom sign-in.
 */
import type { Feature } from '../feature.js';
import { pageAuthFor } from '../auth/options.js';
import { dashboardRoutes, type DashboardRoutes } from '../../miniapp/hr/dashboardRoutes.js';

export function dashboardFeature(): Feature {
  let routes: DashboardRoutes | undefined;
  return {
    name: 'dashboard',
    async setup(s) {
      routes = dashboardRoutes({ auth: pageAuthFor(s), tz: s.config.tz, companyName: s.config.companyName, now: s.now });
      await routes.prepare();
    },
    routes: () => (routes ? [routes.router] : []),
  };
}
