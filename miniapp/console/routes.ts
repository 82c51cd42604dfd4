/**
 * The demo console (`/console`): a phone-sized WeCom chat per demo member, on
 * top of the WeCom simulator. The browser asks these routes to make a member
 * type, tap a card button or open the chat — the simulator turns each into a
 * signed, encrypted callback to the app — and reads back what the app sent
 * through WeCom's API. A server-sent event says whose chat changed.
 *
 *   GET  /console                       the page
 *   GET  /console/assets/console.{js,css}
 *   GET  /console/api/chat/:userid      the member's chat
 *   POST /console/api/chat/:userid/say  {text}
 *   POST /console/api/chat/:userid/tap  {msgid, key, option?}
 *   POST /console/api/chat/:userid/enter
 *   GET  /console/api/side/:userid      calendar entries and WeCom approvals waiting
 *   POST /console/api/approvals/:spNo   {userid, decision}
 *   GET  /console/api/events            server-sent events
 *   GET  /console/open?as=&url=         open an app link as the member (simulated OAuth)
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type { Logger } from '../../lib/logger.js';
import { addDays, formatChineseDate, localDate, localParts, pad2 } from '../../lib/time.js';
import { readJson } from '../../lib/http/body.js';
import { SIM_USER_COOKIE, type ChatItem, type Simulator } from '../../simulator/index.js';
import type { ActionAnswer, BootData, CalendarItemView, ChatItemView, ChatView, PersonView, SideView } from '../web/console/types.js';
import { bundleScript, serveAsset, stylesheet } from './bundle.js';
import { EventHub } from './events.js';
import { consolePage } from './page.js';

export interface ConsolePersona {
  readonly userid: string;
  readonly label: string;
  readonly hint: string;
}

export interface ConsoleOptions {
  readonly simulator: Simulator;
  readonly personas: readonly ConsolePersona[];
  /** Who may open HR pages (shown with a link to the dashboard). */
  readonly isHr: (userid: string) => boolean;
  /** Forgets the page session, so the simulated WeCom sign-in runs as the chosen member. */
  readonly signOut: (ctx: Context) => void;
  readonly publicBaseUrl: string;
  readonly companyName: string;
  readonly tz: string;
  readonly logger: Logger;
  readonly now?: () => Date;
}

export interface ConsoleRoutes {
  readonly router: Router;
  /** Builds the browser bundle now, so a broken build fails the start, not the first visit. */
  prepare(): Promise<void>;
  close(): void;
}

const JS = new URL('../web/console/main.ts', import.meta.url);
const CSS = new URL('../web/console/console.css', import.meta.url);

const sayBody = z.object({ text: z.string().min(1).max(2000) });
const tapBody = z.object({ msgid: z.string().min(1).max(200), key: z.string().min(1).max(200), option: z.string().max(200).optional() });
const decideBody = z.object({ userid: z.string().min(1).max(64), decision: z.enum(['approve', 'reject']) });

export function consoleRoutes(o: ConsoleOptions): ConsoleRoutes {
  const sim = o.simulator;
  const now = o.now ?? (() => new Date());
  const hub = new EventHub();
  const unsubscribe = sim.subscribe((change) => hub.send('change', change));
  const router = new Router();
  const appOrigin = new URL(o.publicBaseUrl).origin;

  const person = (userid: string): PersonView | undefined => {
    const u = sim.directory.user(userid);
    if (!u || u.status !== 1) return undefined;
    const p = o.personas.find((x) => x.userid === u.userid);
    return {
      userid: u.userid, name: u.name, position: u.position, department: sim.directory.mainDepartmentName(u), isHr: o.isHr(u.userid),
      ...(p ? { label: p.label, hint: p.hint } : {}),
    };
  };
  const member = (ctx: Context): string => {
    const u = sim.directory.user(String(ctx.params['userid'] ?? ''));
    if (!u || u.status !== 1) return ctx.throw(404, '没有这个成员');
    return u.userid;
  };
  const answer = (ctx: Context, r: ActionAnswer): void => {
    ctx.body = r;
  };

  router.get('/console', async (ctx) => {
    const personas = o.personas.flatMap((p) => person(p.userid) ?? []);
    const others = sim.directory.data.users
      .filter((u) => u.status === 1 && !o.personas.some((p) => p.userid === u.userid))
      .flatMap((u) => person(u.userid) ?? []);
    const boot: BootData = { personas, others, companyName: o.companyName, appOrigin };
    const [js, css] = await Promise.all([bundleScript(JS), stylesheet(CSS)]);
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = consolePage(boot, { js: `/console/assets/console.js?v=${js.etag.replace(/\W/g, '')}`, css: `/console/assets/console.css?v=${css.etag.replace(/\W/g, '')}` });
  });
  router.get('/console/assets/console.js', async (ctx) => serveAsset(ctx, await bundleScript(JS)));
  router.get('/console/assets/console.css', async (ctx) => serveAsset(ctx, await stylesheet(CSS)));

  router.get('/console/api/chat/:userid', (ctx) => {
    const userid = member(ctx);
    const today = localDate(now(), o.tz);
    const view: ChatView = { userid, items: sim.chat(userid).map((i) => itemView(i, today, o.tz)) };
    ctx.set('Cache-Control', 'no-store');
    ctx.body = view;
  });

  router.post('/console/api/chat/:userid/say', async (ctx) => {
    const userid = member(ctx);
    const { text } = await readJson(ctx, sayBody, 16 * 1024);
    const r = await sim.say(userid, text);
    answer(ctx, r.ok ? { ok: true } : { ok: false, reason: r.reason });
  });
  router.post('/console/api/chat/:userid/tap', async (ctx) => {
    const userid = member(ctx);
    const { msgid, key, option } = await readJson(ctx, tapBody, 16 * 1024);
    const r = await sim.tap(userid, msgid, key, option);
    answer(ctx, r.ok ? { ok: true } : { ok: false, reason: r.reason });
  });
  router.post('/console/api/chat/:userid/enter', async (ctx) => {
    const userid = member(ctx);
    // Whoever the console speaks as also signs in to pages as that member.
    ctx.cookies.set(SIM_USER_COOKIE, encodeURIComponent(userid), { httpOnly: false, sameSite: 'lax', overwrite: true });
    const r = await sim.enter(userid);
    answer(ctx, r.ok ? { ok: true } : { ok: false, reason: r.reason });
  });

  router.get('/console/api/side/:userid', (ctx) => {
    const userid = member(ctx);
    const nowMs = now().getTime();
    const calendar: CalendarItemView[] = sim
      .schedules(userid)
      .filter((s) => s.schedule.end_time * 1000 > nowMs - 7 * 86_400_000)
      .map((s) => {
        const start = new Date(s.schedule.start_time * 1000);
        const end = new Date(s.schedule.end_time * 1000);
        const sp = localParts(start, o.tz);
        const ep = localParts(end, o.tz);
        return {
          id: s.scheduleId,
          summary: s.schedule.summary,
          dateLabel: formatChineseDate(localDate(start, o.tz)),
          timeLabel: s.schedule.is_whole_day ? '全天' : `${pad2(sp.hour)}:${pad2(sp.minute)}–${pad2(ep.hour)}:${pad2(ep.minute)}`,
          location: s.schedule.location,
          description: s.schedule.description,
          attendees: s.schedule.attendees.map((a) => sim.directory.user(a.userid)?.name ?? a.userid),
          past: end.getTime() < nowMs,
        };
      });
    const approvals = sim.pendingApprovals(userid).map((a) => {
      const p = localParts(new Date(a.applyTime * 1000), o.tz);
      return {
        spNo: a.spNo,
        title: a.spName,
        applicant: sim.directory.user(a.creator)?.name ?? a.creator,
        submittedLabel: `${p.month}月${p.day}日 ${pad2(p.hour)}:${pad2(p.minute)}`,
      };
    });
    const view: SideView = { calendar, approvals };
    ctx.set('Cache-Control', 'no-store');
    ctx.body = view;
  });
  router.post('/console/api/approvals/:spNo', async (ctx) => {
    const { userid, decision } = await readJson(ctx, decideBody, 4096);
    const r = await sim.decide(String(ctx.params['spNo']), userid, decision);
    answer(ctx, r.ok ? { ok: true } : { ok: false, reason: r.reason });
  });

  router.get('/console/api/events', (ctx) => {
    hub.open(ctx, { seq: sim.state.seq });
  });

  router.get('/console/open', (ctx) => {
    const u = sim.directory.user(typeof ctx.query['as'] === 'string' ? ctx.query['as'] : '');
    const raw = typeof ctx.query['url'] === 'string' ? ctx.query['url'] : '';
    const target = sameSitePath(raw, [appOrigin, ctx.origin]);
    if (!u || !target) return ctx.throw(400, '这个链接不能在演示手机里打开。');
    // A fresh page session, so the simulated WeCom sign-in runs as this member.
    o.signOut(ctx);
    ctx.cookies.set(SIM_USER_COOKIE, encodeURIComponent(u.userid), { httpOnly: false, sameSite: 'lax', overwrite: true });
    ctx.redirect(target);
  });

  return {
    router,
    async prepare() {
      await Promise.all([bundleScript(JS), stylesheet(CSS)]);
    },
    close() {
      unsubscribe();
      hub.close();
    },
  };
}

/** A path on this app for an absolute URL on one of `origins` or a path; undefined otherwise. */
export function sameSitePath(raw: string, origins: readonly string[]): string | undefined {
  if (raw.startsWith('/') && !raw.startsWith('//') && !raw.includes('\\')) return raw;
  try {
    const u = new URL(raw);
    return origins.includes(u.origin) ? `${u.pathname}${u.search}${u.hash}` : undefined;
  } catch {
    return undefined;
  }
}

function timeLabel(at: number, today: string, tz: string): string {
  const d = new Date(at);
  const p = localParts(d, tz);
  const hm = `${pad2(p.hour)}:${pad2(p.minute)}`;
  const date = localDate(d, tz);
  if (date === today) return hm;
  if (date === addDays(today, -1)) return `昨天 ${hm}`;
  return `${formatChineseDate(date, false)} ${hm}`;
}

function itemView(i: ChatItem, today: string, tz: string): ChatItemView {
  const base = { seq: i.seq, id: i.id, at: i.at, timeLabel: timeLabel(i.at, today, tz) };
  switch (i.kind) {
    case 'user_text':
      return { ...base, kind: 'user_text', text: i.text, delivery: i.delivery };
    case 'bot':
      return { ...base, kind: 'bot', content: i.content, card: i.card };
    case 'dropped':
      return { ...base, kind: 'dropped', reason: i.reason };
  }
}

