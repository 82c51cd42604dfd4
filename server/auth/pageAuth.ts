/** The pages' view of sign-in (miniapp/pageAuth.ts), backed by the session cookie. */
import type { PageAuth } from '../../miniapp/pageAuth.js';
import { clearSession, currentEmployee, isHr, requireHr, sessionUserid, type SessionOptions } from './session.js';

export function pageAuth(session: SessionOptions, hrAdmins: readonly string[]): PageAuth {
  return {
    signedInUserid: (ctx) => sessionUserid(ctx, session),
    currentEmployee: (ctx) => currentEmployee(ctx, session),
    isHr: (e) => isHr(e, hrAdmins),
    requireHr: (messages) => requireHr(session, hrAdmins, messages),
    signOut: (ctx) => clearSession(ctx),
  };
}
