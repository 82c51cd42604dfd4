/**
 * Credentials: `gettoken` (doc 91039) and the JS-SDK tickets (doc 90506). A token
 * lives 7200 s and asking again within that time returns the same one, as WeCom
 * does; every other path checks it (missing 41001, unknown 40014, expired 42001).
 */
import { Errors, type WecomError } from './errors.js';
import { randomId, type SimContext } from './context.js';

export const TOKEN_TTL_S = 7200;

export function getToken(ctx: SimContext, corpid: string | undefined, secret: string | undefined): { access_token: string; expires_in: number } | WecomError {
  if (corpid !== ctx.corp.corpId) return Errors.invalidCorpId;
  if (secret !== ctx.corp.secret) return Errors.invalidSecret;
  const nowMs = ctx.nowMs();
  for (const [token, t] of Object.entries(ctx.state.accessTokens)) {
    if (t.expiresAt + 86_400_000 <= nowMs) delete ctx.state.accessTokens[token];
  }
  const live = Object.entries(ctx.state.accessTokens)
    .filter(([, t]) => t.expiresAt > nowMs)
    .sort((a, b) => b[1].expiresAt - a[1].expiresAt)[0];
  if (live) return { access_token: live[0], expires_in: Math.floor((live[1].expiresAt - nowMs) / 1000) };
  const token = randomId(64);
  ctx.state.accessTokens[token] = { expiresAt: nowMs + TOKEN_TTL_S * 1000 };
  ctx.changed([]);
  return { access_token: token, expires_in: TOKEN_TTL_S };
}

/** Undefined when the token is good. Expired tokens are remembered for a day to answer 42001. */
export function checkToken(ctx: SimContext, token: string | undefined): WecomError | undefined {
  if (!token) return Errors.missingToken;
  const t = ctx.state.accessTokens[token];
  if (!t) return Errors.invalidToken;
  if (t.expiresAt <= ctx.nowMs()) return Errors.expiredToken;
  return undefined;
}

/** Revokes every token early, as WeCom sometimes does (tests use it). */
export function revokeTokens(ctx: SimContext): void {
  ctx.state.accessTokens = {};
}

export function ticket(ctx: SimContext, kind: 'jsapi' | 'agent_config'): { ticket: string; expires_in: number } {
  const nowMs = ctx.nowMs();
  const current = ctx.state.tickets[kind];
  if (current && current.expiresAt > nowMs) return { ticket: current.ticket, expires_in: Math.floor((current.expiresAt - nowMs) / 1000) };
  const fresh = { ticket: randomId(86), expiresAt: nowMs + TOKEN_TTL_S * 1000 };
  ctx.state.tickets[kind] = fresh;
  ctx.changed([]);
  return { ticket: fresh.ticket, expires_in: TOKEN_TTL_S };
}
