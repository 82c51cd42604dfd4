/**
 * Routes of the candidate's invitation page. The signed link is the only
 * credential: every route verifies it first (checkInterviewToken: expired →
 * 410, tampered → 403, revoked by a reschedule → 410, unknown → 404, each with
 * a page that says what to do). What the candidate asks for is carried out by
 * `InviteActions`, which the recruiting feature provides (the same operations
 * the chat uses), so the page and the chat can never disagree.
 *
 *   GET  /i/:token                 the page
 *   POST /i/:token/confirm         确认参加
 *   POST /i/:token/reschedule      when=<plain Chinese> or slot=<ISO time>
 *   POST /i/:token/decline         reason=<optional>
 *   GET  /i/:token/delete          deletion request: explain, then
 *   POST /i/:token/delete          record it
 *   GET  /api/i/:token             the same details as JSON, with free slots
 *
 * Forms post back and are answered with a redirect (303) to the page, so a
 * reload never repeats an action; a reschedule that moved the interview
 * redirects to the new link (the old one stops working).
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import { checkInterviewToken } from './token.js';
import type { Interview } from '../../models/interview.js';
import { readRawBody } from '../../lib/http/body.js';
import { deletionPage, invitePage, type InviteView, type PageNotice } from './invitePage.js';

export type RescheduleReply =
  | { readonly kind: 'applied'; readonly token: string; readonly message: string }
  | { readonly kind: 'proposed'; readonly message: string; readonly slots: readonly Date[] }
  | { readonly kind: 'refused'; readonly message: string };

/** What the page can ask for; the recruiting feature implements it. */
export interface InviteActions {
  view(interview: Interview, token: string, now: Date): Promise<InviteView>;
  freeSlots(interview: Interview, now: Date): Promise<readonly Date[]>;
  confirm(interview: Interview, now: Date): Promise<{ readonly ok: boolean; readonly message: string }>;
  reschedule(interview: Interview, request: { readonly text?: string; readonly at?: Date }, now: Date): Promise<RescheduleReply>;
  decline(interview: Interview, reason: string | undefined, now: Date): Promise<{ readonly ok: boolean; readonly message: string }>;
  requestDeletion(interview: Interview, now: Date): Promise<{ readonly message: string }>;
}

export interface InviteRouteOptions {
  readonly linkKey: Buffer;
  readonly actions: InviteActions;
  readonly tz: string;
  readonly now: () => Date;
}

const FORM_LIMIT = 16 * 1024;
/** Flash messages carried in the redirect (`?m=`), so the text itself never travels in the URL. */
const FLASH: Record<string, PageNotice> = {
  confirmed: { tone: 'ok', text: '已确认参加，期待与你见面。' },
  declined: { tone: 'ok', text: '已取消这次面试。感谢你的关注，祝一切顺利！' },
  moved: { tone: 'ok', text: '面试时间已更新，这是新的面试链接，之前的链接已失效。请收藏这个页面。' },
};

async function readForm(ctx: Context): Promise<URLSearchParams> {
  const raw = await readRawBody(ctx, FORM_LIMIT);
  return new URLSearchParams(raw.toString('utf8'));
}

function noStore(ctx: Context): void {
  ctx.set('Cache-Control', 'no-store');
}

export function inviteRoutes(opts: InviteRouteOptions): Router {
  const router = new Router();

  async function load(ctx: Context): Promise<{ interview: Interview; token: string }> {
    const token = String(ctx.params['token'] ?? '');
    const check = await checkInterviewToken(opts.linkKey, token, opts.now());
    if (!check.ok) return ctx.throw(check.status, check.message);
    noStore(ctx);
    return { interview: check.interview, token };
  }

  async function render(ctx: Context, interview: Interview, token: string, extra: { notices?: PageNotice[]; slots?: readonly Date[]; openReschedule?: boolean; typed?: string } = {}): Promise<void> {
    const now = opts.now();
    const view = await opts.actions.view(interview, token, now);
    const length = interview.endAt.getTime() - interview.startAt.getTime();
    const slots = extra.slots ?? (extra.openReschedule || isActive(interview, now) ? await opts.actions.freeSlots(interview, now) : []);
    ctx.type = 'html';
    ctx.body = invitePage({
      view,
      notices: extra.notices ?? [],
      slots: slots.map((s) => ({ start: s, end: new Date(s.getTime() + length) })),
      ...(extra.openReschedule ? { openReschedule: true } : {}),
      ...(extra.typed ? { typed: extra.typed } : {}),
    });
  }

  router.get('/i/:token', async (ctx) => {
    const { interview, token } = await load(ctx);
    const flash = typeof ctx.query['m'] === 'string' ? FLASH[ctx.query['m']] : undefined;
    await render(ctx, interview, token, { notices: flash ? [flash] : [] });
  });

  router.post('/i/:token/confirm', async (ctx) => {
    const { interview, token } = await load(ctx);
    const r = await opts.actions.confirm(interview, opts.now());
    if (!r.ok) return render(ctx, interview, token, { notices: [{ tone: 'warn', text: r.message }] });
    ctx.status = 303;
    ctx.redirect(`/i/${encodeURIComponent(token)}?m=confirmed`);
  });

  router.post('/i/:token/reschedule', async (ctx) => {
    const { interview, token } = await load(ctx);
    const form = await readForm(ctx);
    const slot = form.get('slot') ?? '';
    const text = (form.get('when') ?? '').trim().slice(0, 60);
    const at = slot && !Number.isNaN(Date.parse(slot)) ? new Date(slot) : undefined;
    if (!at && !text) return render(ctx, interview, token, { notices: [{ tone: 'warn', text: '请填写希望的时间，或者选一个空闲时间。' }], openReschedule: true });
    const r = await opts.actions.reschedule(interview, at ? { at } : { text }, opts.now());
    if (r.kind === 'applied') {
      ctx.status = 303;
      ctx.redirect(`/i/${encodeURIComponent(r.token)}?m=moved`);
      return;
    }
    const fresh = (await checkInterviewToken(opts.linkKey, token, opts.now()));
    const current = fresh.ok ? fresh.interview : interview;
    await render(ctx, current, token, {
      notices: [{ tone: 'warn', text: r.message }], openReschedule: true, typed: text,
      ...(r.kind === 'proposed' ? { slots: r.slots } : {}),
    });
  });

  router.post('/i/:token/decline', async (ctx) => {
    const { interview, token } = await load(ctx);
    const form = await readForm(ctx);
    const reason = (form.get('reason') ?? '').trim().slice(0, 200) || undefined;
    const r = await opts.actions.decline(interview, reason, opts.now());
    if (!r.ok) return render(ctx, interview, token, { notices: [{ tone: 'warn', text: r.message }] });
    ctx.status = 303;
    ctx.redirect(`/i/${encodeURIComponent(token)}?m=declined`);
  });

  router.get('/i/:token/delete', async (ctx) => {
    const { interview, token } = await load(ctx);
    ctx.type = 'html';
    ctx.body = deletionPage(await opts.actions.view(interview, token, opts.now()), false);
  });

  router.post('/i/:token/delete', async (ctx) => {
    const { interview, token } = await load(ctx);
    const r = await opts.actions.requestDeletion(interview, opts.now());
    ctx.type = 'html';
    ctx.body = deletionPage(await opts.actions.view({ ...interview, status: 'cancelled' }, token, opts.now()), true, r.message);
  });

  router.get('/api/i/:token', async (ctx) => {
    const { interview, token } = await load(ctx);
    const now = opts.now();
    const v = await opts.actions.view(interview, token, now);
    const slots = isActive(interview, now) ? await opts.actions.freeSlots(interview, now) : [];
    ctx.body = {
      company: v.companyName, candidateName: v.candidateName, jobTitle: v.jobTitle, kind: v.kind, status: v.status,
      startAt: v.startAt.toISOString(), endAt: v.endAt.toISOString(), location: v.location ?? null, questionCount: v.questionCount,
      videoUrl: v.kind === 'video' ? `/interview/${token}` : null,
      freeSlots: slots.map((s) => s.toISOString()),
    };
  });

  return router;
}

function isActive(i: Interview, now: Date): boolean {
  return (i.status === 'scheduled' || i.status === 'confirmed') && i.endAt.getTime() > now.getTime();
}
