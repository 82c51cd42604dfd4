/**
 * Who may open a report: HR (role `hr`, or listed in WECOM_HR_ADMINS) for
 * every interview; an interviewer (role `interviewer`) only for interviews
 * they are on. Everyone else gets 403; nobody signed in is sent to WeCom
 * sign-in (pages) or gets 401 (APIs). Forms must come from our own pages.
 */
import { isSameSiteRequest } from '../sameSite.js';
import type { Context } from 'koa';
import type { PageAuth } from '../pageAuth.js';
import type { Employee } from '../../models/employee.js';
import type { Interview } from '../../models/interview.js';
import type { Viewer } from './reportData.js';
import { RW } from './reportWording.js';

export interface AccessOptions {
  readonly auth: PageAuth;
}


/** The signed-in employee, or a redirect to sign-in / a 401; undefined means the response is already decided. */
export async function signedIn(ctx: Context, opts: AccessOptions): Promise<Employee | undefined> {
  ctx.set('Cache-Control', 'no-store, private');
  const employee = await opts.auth.currentEmployee(ctx);
  if (employee) return employee;
  if (ctx.path.startsWith('/api/') || ctx.method !== 'GET') ctx.throw(401, '请先通过企业微信登录');
  ctx.redirect(`/auth/wecom/start?next=${encodeURIComponent(ctx.originalUrl)}`);
  return undefined;
}

/** The viewer's role for this interview, or a 403. */
export function viewerFor(ctx: Context, employee: Employee, interview: Pick<Interview, 'interviewerUserid'>, opts: AccessOptions): Viewer {
  if (opts.auth.isHr(employee)) return { userid: employee.userid, name: employee.name, role: 'hr' };
  if (employee.roles.includes('interviewer') && interview.interviewerUserid === employee.userid) {
    return { userid: employee.userid, name: employee.name, role: 'interviewer' };
  }
  return ctx.throw(403, RW.errors.forbidden);
}

/**
 * Forms post from our own pages only (a cross-site form cannot decide for HR).
 * A browser that sends Sec-Fetch-Site is believed; it says `same-origin` for
 * our own forms even though it sends `Origin: null` (the app's
 * Referrer-Policy is no-referrer). Without it, Origin must be absent or ours.
 */
export function requireSameSite(ctx: Context): void {
  if (!isSameSiteRequest(ctx)) ctx.throw(403, RW.errors.notSameSite);
}
