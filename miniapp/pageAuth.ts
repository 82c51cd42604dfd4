/**
 * Who is reading a page, as the pages need it. The server owns sign-in and the
 * session cookie (server/auth/); the pages get this port, so they never touch
 * either directly.
 */
import type { Context, Middleware } from 'koa';
import type { Employee } from '../models/employee.js';

export interface PageAuth {
  /** The signed-in WeCom userid, active employee or not. */
  signedInUserid(ctx: Context): string | undefined;
  /** The signed-in member, when still an active employee. */
  currentEmployee(ctx: Context): Promise<Employee | undefined>;
  /** HR by role, or named in WECOM_HR_ADMINS. */
  isHr(e: Pick<Employee, 'userid' | 'roles'>): boolean;
  /**
   * For HR-only routes: no session → WeCom sign-in (APIs: 401); not HR →
   * 403 `denied`; a cross-site form post → 403 `crossSite`; never cached. The
   * employee lands on `ctx.state.employee`.
   */
  requireHr(messages: { readonly denied: string; readonly crossSite: string }): Middleware;
  /** Forgets the session (the demo console switching members). */
  signOut(ctx: Context): void;
}
