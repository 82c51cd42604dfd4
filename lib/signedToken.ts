/**
 * Signed, expiring tokens for links the app sends (payslip pages, candidate
 * interview pages, HR report links). A token names what it opens (`kind`), for
 * whom (`sub`), until when (`exp`), and a `ver` that the owner can bump to
 * revoke every earlier link. HMAC-SHA256, compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  /** What the link opens, e.g. `payslip`, `interview`. */
  readonly kind: string;
  /** The subject: an employee userid, an interview id … */
  readonly sub: string;
  /** Expiry, unix seconds. */
  readonly exp: number;
  /** Revocation counter; compared with the subject's current value by the caller. */
  readonly ver?: number;
  /** Extra claims (a month, a scope …). Short strings only. */
  readonly data?: Readonly<Record<string, string>>;
}

export type VerifyResult =
  | { readonly ok: true; readonly claims: TokenClaims }
  | { readonly ok: false; readonly reason: 'malformed' | 'bad_signature' | 'expired' | 'wrong_kind' };

function b64url(buf: Buffer): string {
  return buf.toString('base64url');
}

export function signToken(key: Buffer, claims: TokenClaims): string {
  const body = b64url(Buffer.from(JSON.stringify(claims), 'utf8'));
  const mac = b64url(createHmac('sha256', key).update(body).digest());
  return `${body}.${mac}`;
}

export function verifyToken(key: Buffer, token: string, kind: string, now: Date = new Date()): VerifyResult {
  if (typeof token !== 'string' || token.length > 2048) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: 'malformed' };
  const [body, mac] = parts as [string, string];
  const expected = createHmac('sha256', key).update(body).digest();
  let given: Buffer;
  try {
    given = Buffer.from(mac, 'base64url');
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!isClaims(claims)) return { ok: false, reason: 'malformed' };
  if (claims.kind !== kind) return { ok: false, reason: 'wrong_kind' };
  if (claims.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

function isClaims(v: unknown): v is TokenClaims {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return typeof c['kind'] === 'string' && typeof c['sub'] === 'string' && typeof c['exp'] === 'number'
    && (c['ver'] === undefined || typeof c['ver'] === 'number')
    && (c['data'] === undefined || (typeof c['data'] === 'object' && c['data'] !== null));
}
