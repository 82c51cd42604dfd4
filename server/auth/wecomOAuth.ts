/**
 * Sign-in for pages opened from WeCom: `/auth/wecom/start?next=…` sends the
 * browser to `$WECOM_OAUTH_BASE/connect/oauth2/authorize`; WeCom comes back to
 * `/auth/wecom/callback?code&state`, the code is exchanged once with
 * `auth/getuserinfo`, and a session cookie is set. `state` is signed and carries
 * where to go next, so it cannot be forged into an open redirect.
 */
import { randomBytes } from 'node:crypto';
import Router from '@koa/router';
import type { WecomConfig } from '../../lib/config.js';
import type { Logger } from '../../lib/logger.js';
import { signToken, verifyToken } from '../../lib/signedToken.js';
import type { WecomClient } from '../../bot/wecom/api/index.js';
import { setSession, type SessionOptions } from './session.js';

export interface OAuthOptions extends SessionOptions {
  readonly wecom: WecomConfig;
  readonly client: Pick<WecomClient, 'auth'>;
  readonly publicBaseUrl: string;
  readonly logger: Logger;
}

/** Only same-site paths may follow sign-in. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') ? next : '/';
}

export function authorizeUrl(opts: OAuthOptions, state: string): string {
  const params = new URLSearchParams({
    appid: opts.wecom.corpId,
    redirect_uri: `${opts.publicBaseUrl}/auth/wecom/callback`,
    response_type: 'code',
    scope: 'snsapi_base',
    state,
    agentid: String(opts.wecom.agentId),
  });
  return `${opts.wecom.oauthBase}/connect/oauth2/authorize?${params.toString()}#wechat_redirect`;
}

/**
 * WeCom's `state` allows only 128 alphanumerics: it carries a random nonce, and
 * a short-lived signed cookie binds that nonce to the path to return to.
 */
const STATE_COOKIE = 'hr_oauth';

export function oauthRoutes(opts: OAuthOptions): Router {
  const router = new Router();
  const now = () => opts.now?.() ?? new Date();

  router.get('/auth/wecom/start', (ctx) => {
    const next = safeNext(ctx.query['next']);
    const nonce = randomBytes(16).toString('hex');
    const token = signToken(opts.key, { kind: 'oauth-state', sub: next, exp: Math.floor(now().getTime() / 1000) + 600, data: { nonce } });
    ctx.cookies.set(STATE_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: opts.secureCookies, maxAge: 600_000, overwrite: true });
    ctx.redirect(authorizeUrl(opts, nonce));
  });

  router.get('/auth/wecom/callback', async (ctx) => {
    const code = typeof ctx.query['code'] === 'string' ? ctx.query['code'] : '';
    const state = typeof ctx.query['state'] === 'string' ? ctx.query['state'] : '';
    if (code.length === 0 || code.length > 512) return ctx.throw(400, '登录链接不完整，请从企业微信里重新打开。');
    const cookie = ctx.cookies.get(STATE_COOKIE) ?? '';
    const v = verifyToken(opts.key, cookie, 'oauth-state', now());
    if (!v.ok || v.claims.data?.['nonce'] !== state) return ctx.throw(400, '登录已过期或链接无效，请从企业微信里重新打开页面。');
    let userid: string | undefined;
    try {
      const who = await opts.client.auth.getUserInfo(code);
      userid = who.kind === 'member' ? who.userId : undefined;
    } catch (err) {
      opts.logger.warn({ err }, 'oauth code exchange failed');
      return ctx.throw(400, '企业微信登录没有成功（链接可能已用过或过期），请重新打开页面。');
    }
    if (!userid) return ctx.throw(403, '只有企业成员可以打开这个页面。');
    ctx.cookies.set(STATE_COOKIE, null, { overwrite: true });
    setSession(ctx, userid, opts);
    ctx.redirect(v.claims.sub);
  });

  return router;
}
