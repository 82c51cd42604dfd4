/**
 * Page sessions for people who signed in through WeCom OAuth: a signed cookie
 * naming the WeCom userid, valid for a working day. Pages call `currentUser`
 * (or the `requireUser` middleware) and decide by the employee's roles.
 */
import type { Context, Next } from 'koa';
import { signToken, verifyToken } from '../../lib/signedToken.js';
import { EmployeeModel, type Employee, type Role } from '../../models/employee.js';

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

/**
 * Middleware: pages get a redirect to WeCom sign-in, APIs get 401. The employee
 * lands on `ctx.state.employee`. With `roles`, anyone else gets 403.
 */
export function requireUser(opts: SessionOptions, roles?: readonly Role[]) {
  return async function needUser(ctx: Context, next: Next): Promise<void> {
    const employee = await currentEmployee(ctx, opts);
    if (!employee) {
      if (ctx.path.startsWith('/api/')) ctx.throw(401, '请先通过企业微信登录');
      ctx.redirect(`/auth/wecom/start?next=${encodeURIComponent(ctx.originalUrl)}`);
      return;
    }
    if (roles && !roles.some((r) => employee.roles.includes(r))) ctx.throw(403, '抱歉，这个页面只对 HR 或相关负责人开放。');
    ctx.state['employee'] = employee;
    await next();
  };
}
