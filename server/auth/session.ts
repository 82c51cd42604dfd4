/**
 * Page sessions for people who signed in through WeCom OAuth: a signed cookie
 * naming the WeCom userid, valid for a working day. Pages call `currentEmployee`
 * (or the `requireHr` middleware) and decide by the employee's roles.
 */
import type { Context, Next } from 'koa';
import { signToken, verifyToken } from '../../lib/signedToken.js';
import { EmployeeModel, type Employee } from '../../models/employee.js';
import { isSameSiteRequest } from '../../miniapp/sameSite.js';

export const SESSION_COOKIE = 'hr_session';
const SESSION_HOURS = 8;

export interface SessionOptions {
  readonly key: Buffer;
  readonly secureCookies: boolean;
  readonly now?: () => Date;
}

export function setSession(ctx: Context, userid: string, opts: SessionOptions): void {
  const now = opts.now?.() ?? new Date();
  const exp = Math.floor(now.getTime() / 1000) + SESSION_HOURS * 3600;
  ctx.cookies.set(SESSION_COOKIE, signToken(opts.key, { kind: 'session', sub: userid, exp }), {
    httpOnly: true, sameSite: 'lax', secure: opts.secureCookies, overwrite: true, maxAge: SESSION_HOURS * 3600_000, signed: false,
  });
}

export function clearSession(ctx: Context): void {
  ctx.cookies.set(SESSION_COOKIE, null, { overwrite: true });
}

/** The signed-in WeCom userid, or undefined. */
export function sessionUserid(ctx: Context, opts: SessionOptions): string | undefined {
  const raw = ctx.cookies.get(SESSION_COOKIE);
  if (!raw) return undefined;
  const v = verifyToken(opts.key, raw, 'session', opts.now?.() ?? new Date());
  return v.ok ? v.claims.sub : undefined;
}

export async function currentEmployee(ctx: Context, opts: SessionOptions): Promise<Employee | undefined> {
  const userid = sessionUserid(ctx, opts);
  if (!userid) return undefined;
  return (await EmployeeModel.findOne({ userid, active: true }).lean()) ?? undefined;
}


/** HR by role, or named in WECOM_HR_ADMINS. */
export function isHr(e: Pick<Employee, 'userid' | 'roles'>, hrAdmins: readonly string[]): boolean {
  return e.roles.includes('hr') || hrAdmins.includes(e.userid);
}

/**
 * Middleware for HR pages: pages without a session are sent to WeCom sign-in
 * (APIs get 401), HR only (`denied`
 * otherwise), form posts only from our own pages (`crossSite` otherwise), no
 * caching. The employee lands on `ctx.state.employee`.
 */
export function requireHr(opts: SessionOptions, hrAdmins: readonly string[], messages: { readonly denied: string; readonly crossSite: string }) {
  return async function needHr(ctx: Context, next: Next): Promise<void> {
    ctx.set('Cache-Control', 'no-store, private');
    const employee = await currentEmployee(ctx, opts);
    if (!employee) {
      if (ctx.path.startsWith('/api/')) ctx.throw(401, '请先通过企业微信登录');
      ctx.redirect(`/auth/wecom/start?next=${encodeURIComponent(ctx.originalUrl)}`);
      return;
    }
    if (!isHr(employee, hrAdmins)) ctx.throw(403, messages.denied);
    if (ctx.method === 'POST' && !isSameSiteRequest(ctx)) ctx.throw(403, messages.crossSite);
    ctx.state['employee'] = employee;
    await next();
  };
}
