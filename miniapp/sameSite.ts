/**
 * Whether a form post comes from one of our own pages (cross-site forms cannot
 * act for HR; session cookies are SameSite=Lax as well). A browser that sends
 * Sec-Fetch-Site is believed: it says `same-origin` for our forms even though
 * it sends `Origin: null` (the app's Referrer-Policy is no-referrer). Without
 * that header, Origin must be absent or ours.
 */
import type { Context } from 'koa';

export function isSameSiteRequest(ctx: Context): boolean {
  const site = ctx.get('sec-fetch-site');
  if (site) return site === 'same-origin' || site === 'none';
  const origin = ctx.get('origin');
  return !origin || origin === `${ctx.protocol}://${ctx.host}`;
}
