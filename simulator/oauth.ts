/**
 * 网页授权 (OAuth2 for pages opened in WeCom, doc 91022 / 91023). The authorize
 * page signs in as the member chosen in the console (the `wecom_sim_user`
 * cookie), or offers a chooser, then redirects back with a code that is single
 * use and valid 5 minutes, like WeCom. `auth/getuserinfo` exchanges it once.
 */
import type { Context } from 'koa';
import { Errors, type WecomError } from './errors.js';
import { randomId, type SimContext } from './context.js';
import type { SimUser } from './directory.js';

export const SIM_USER_COOKIE = 'wecom_sim_user';
const CODE_TTL_MS = 5 * 60_000;

export interface AuthorizeRequest {
  readonly redirectUri: URL;
  readonly state: string;
  readonly scope: string;
}

/** Checks the authorize query the way WeCom does; a string is the refusal shown on the page. */
export function parseAuthorize(ctx: SimContext, q: Readonly<Record<string, unknown>>, trustedHosts: readonly string[]): AuthorizeRequest | string {
  const s = (k: string): string | undefined => (typeof q[k] === 'string' ? (q[k] as string) : undefined);
  if (s('appid') !== ctx.corp.corpId) return '参数错误：appid 不是本企业的 CorpID。';
  if (s('response_type') !== 'code') return '参数错误：response_type 必须是 code。';
  const scope = s('scope') ?? '';
  if (scope !== 'snsapi_base' && scope !== 'snsapi_privateinfo') return '参数错误：scope 必须是 snsapi_base 或 snsapi_privateinfo。';
  const agentid = s('agentid');
  if (scope === 'snsapi_privateinfo' && agentid === undefined) return '参数错误：snsapi_privateinfo 需要 agentid。';
  if (agentid !== undefined && agentid !== String(ctx.corp.agentId)) return '参数错误：agentid 不是本应用。';
  const state = s('state') ?? '';
  if (!/^[A-Za-z0-9]{0,128}$/.test(state)) return '参数错误：state 只能包含字母和数字，最长 128 字节。';
  let redirectUri: URL;
  try {
    redirectUri = new URL(s('redirect_uri') ?? '');
  } catch {
    return '参数错误：redirect_uri 不是完整的网址。';
  }
  if (redirectUri.protocol !== 'http:' && redirectUri.protocol !== 'https:') return '参数错误：redirect_uri 必须是 http(s) 网址。';
  if (!trustedHosts.includes(redirectUri.host)) return `redirect_uri 需使用应用可信域名（当前为 ${redirectUri.host}）。`;
  return { redirectUri, state, scope };
}

/** Issues a single-use code for `userid` and gives the URL to send the browser to. */
export function issueCode(ctx: SimContext, req: AuthorizeRequest, userid: string): string {
  const code = randomId(43);
  ctx.state.oauthCodes[code] = { userid, scope: req.scope, expiresAt: ctx.nowMs() + CODE_TTL_MS };
  // Spent codes are forgotten after a day (WeCom answers 40029 either way).
  for (const [c, r] of Object.entries(ctx.state.oauthCodes)) if (r.expiresAt + 86_400_000 < ctx.nowMs()) delete ctx.state.oauthCodes[c];
  ctx.changed([]);
  const url = new URL(req.redirectUri);
  url.searchParams.set('code', code);
  url.searchParams.set('state', req.state);
  return url.toString();
}

/** `auth/getuserinfo`: the code is spent by the first call, used or not. */
export function exchangeCode(ctx: SimContext, code: string | undefined): { userid: string; user_ticket?: string; expires_in?: number } | WecomError {
  const r = code ? ctx.state.oauthCodes[code] : undefined;
  if (!r || r.usedAt !== undefined || r.expiresAt <= ctx.nowMs()) return Errors.invalidCode;
  r.usedAt = ctx.nowMs();
  ctx.changed([]);
  return r.scope === 'snsapi_privateinfo' ? { userid: r.userid, user_ticket: randomId(64), expires_in: 1800 } : { userid: r.userid };
}

/** The member the browser speaks for: the console's choice, kept in a cookie. */
export function chosenUser(ctx: SimContext, koa: Context): SimUser | undefined {
  const id = koa.cookies.get(SIM_USER_COOKIE);
  return id ? ctx.directory.user(decodeURIComponent(id)) : undefined;
}

// ---------------------------------------------------------------------------
// Pages

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body{margin:0;font-family:-apple-system,"PingFang SC","Noto Sans SC","Microsoft YaHei",sans-serif;background:#f2f3f5;color:#1f2329}
header{background:#fff;padding:14px 16px;border-bottom:1px solid #e5e6eb;font-size:17px;font-weight:600;text-align:center}
main{max-width:480px;margin:0 auto;padding:16px}
.note{font-size:14px;color:#4e5969;line-height:1.6;margin:4px 4px 14px}
.dept{font-size:13px;color:#86909c;margin:18px 4px 6px}
a.user{display:flex;align-items:center;gap:12px;background:#fff;padding:12px 14px;border-bottom:1px solid #f0f1f2;color:inherit;text-decoration:none;min-height:44px}
a.user:first-of-type{border-radius:10px 10px 0 0}a.user:last-of-type{border-radius:0 0 10px 10px;border-bottom:0}
a.user:focus-visible{outline:3px solid #0b67d1;outline-offset:-3px}
.avatar{width:40px;height:40px;border-radius:8px;background:#3370ff;color:#fff;display:flex;align-items:center;justify-content:center;font-size:16px;flex:none}
.name{font-size:16px}.pos{font-size:13px;color:#86909c}
.box{background:#fff;border-radius:10px;padding:24px 20px;line-height:1.7}h1{font-size:19px;margin:0 0 8px}`;

export function chooserPage(ctx: SimContext, baseHref: string): string {
  const groups = ctx.directory.data.departments
    .map((d) => ({ d, members: ctx.directory.members(d.id).filter((u) => u.status === 1 && u.departments[0] === d.id) }))
    .filter((g) => g.members.length > 0);
  const rows = groups
    .map(
      (g) =>
        `<div class="dept">${esc(g.d.name)}</div><nav aria-label="${esc(g.d.name)}">${g.members
          .map(
            (u) =>
              `<a class="user" href="${esc(`${baseHref}&userid=${encodeURIComponent(u.userid)}`)}"><span class="avatar" aria-hidden="true">${esc(u.name.slice(-2))}</span>` +
              `<span><span class="name">${esc(u.name)}</span><br><span class="pos">${esc(u.position)}</span></span></a>`,
          )
          .join('')}</nav>`,
    )
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>企业微信登录（模拟）</title><style>${STYLE}</style></head><body><header>企业微信登录（模拟）</header><main>
<p class="note">这是演示用的企业微信模拟器。真实的企业微信会直接识别当前成员；这里请选择以谁的身份打开页面。在控制台里选好成员后打开链接，会自动以该成员登录。</p>
${rows}</main></body></html>`;
}

export function oauthErrorPage(message: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>无法登录</title><style>${STYLE}</style></head><body><header>企业微信登录（模拟）</header><main><div class="box"><h1>无法完成授权</h1><p>${esc(message)}</p></div></main></body></html>`;
}
