/**
 * Payslip links: `/payslip?t=TOKEN`, where the token (lib/signedToken.ts, key
 * `keys.link`) names the employee whose slip it opens, the month, and an
 * expiry. A link is only a pointer: the page still signs the reader in through
 * WeCom and shows the slip only to its owner (or HR). No figure is ever in it.
 */
import { signToken, verifyToken, type VerifyResult } from '../../lib/signedToken.js';

export const PAYSLIP_TOKEN_KIND = 'payslip';
/** A link sent in answer to 查工资: short, it is opened right away. */
export const CHAT_LINK_TTL_S = 15 * 60;
/** A link in the 工资条已发布 notice or an HR notice: people open those later. */
export const NOTICE_LINK_TTL_S = 3 * 24 * 3600;
/**
 * Links and forms inside an open page (month switcher, PDF, 确认无误 / 有疑问): the
 * reader is signed in already, so a slow read or a long question must not run
 * into the chat link's minutes.
 */
export const IN_PAGE_LINK_TTL_S = 2 * 3600;

export interface PayslipLinkClaims {
  /** The slip's owner. */
  readonly userid: string;
  /** `YYYY-MM`. */
  readonly month: string;
}

export interface PayslipLinks {
  /** An absolute URL to the payslip page for `userid`'s slip of `month`, valid `ttlSeconds` from `now`. */
  url(claims: PayslipLinkClaims, now: Date, ttlSeconds: number): string;
  /** A same-site path (for links inside the page), e.g. `/payslip?t=…`. */
  path(claims: PayslipLinkClaims, now: Date, ttlSeconds: number, what?: 'page' | 'pdf'): string;
  /** The bare token (for a form field). */
  token(claims: PayslipLinkClaims, now: Date, ttlSeconds: number): string;
  verify(token: string, now: Date): PayslipLinkCheck;
}

export type PayslipLinkCheck =
  | { readonly ok: true; readonly claims: PayslipLinkClaims; readonly exp: number }
  | { readonly ok: false; readonly reason: Extract<VerifyResult, { ok: false }>['reason'] | 'missing' };

export function payslipLinks(key: Buffer, publicBaseUrl: string): PayslipLinks {
  const token = (c: PayslipLinkClaims, now: Date, ttl: number) =>
    signToken(key, { kind: PAYSLIP_TOKEN_KIND, sub: c.userid, exp: Math.floor(now.getTime() / 1000) + ttl, data: { m: c.month } });
  const path = (c: PayslipLinkClaims, now: Date, ttl: number, what: 'page' | 'pdf' = 'page') =>
    `${what === 'pdf' ? '/payslip/pdf' : '/payslip'}?t=${token(c, now, ttl)}`;
  return {
    path,
    token,
    url: (c, now, ttl) => `${publicBaseUrl}${path(c, now, ttl)}`,
    verify(t, now) {
      if (!t) return { ok: false, reason: 'missing' };
      const v = verifyToken(key, t, PAYSLIP_TOKEN_KIND, now);
      if (!v.ok) return v;
      const month = v.claims.data?.['m'];
      if (typeof month !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return { ok: false, reason: 'malformed' };
      return { ok: true, claims: { userid: v.claims.sub, month }, exp: v.claims.exp };
    },
  };
}

/** `(userid, month, now) → url` for notices (publish, questions to HR): valid for days. */
export function noticeLinkFor(l: PayslipLinks): (userid: string, month: string, now: Date) => string {
  return (userid, month, now) => l.url({ userid, month }, now, NOTICE_LINK_TTL_S);
}

/** `(userid, month, now) → url` for the answer to 查工资: valid for minutes. */
export function chatLinkFor(l: PayslipLinks): (userid: string, month: string, now: Date) => string {
  return (userid, month, now) => l.url({ userid, month }, now, CHAT_LINK_TTL_S);
}
