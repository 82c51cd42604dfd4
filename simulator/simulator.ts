/**
 * The WeCom simulator: one object that plays WeCom's server for the app (its API
 * paths, under a prefix, through `router`) and WeCom's clients for the people
 * (members typing, tapping cards and opening the app, which become encrypted
 * callbacks to the app). The console drives the second half; tests may drive
 * both.
 *
 * ```ts
 * const sim = await createSimulator({ corp, callbackUrl, directory, trustedHosts: ['localhost:3000'] });
 * app.use(sim.router.routes());            // mounted on any Koa app, or:
 * const { url } = await sim.listen(4000);  // standalone
 * await sim.say('WangFang', '下周一到周三请年假');
 * ```
 */
import { createServer, type Server } from 'node:http';
import type Router from '@koa/router';
import Koa from 'koa';
import { silentLogger, type Logger } from '../lib/logger.js';
import { approvalChangeXml, enterAgentXml, templateCardEventXml, textMessageXml } from './callbackXml.js';
import { CallbackSender } from './callbacks.js';
import { addSchedule, schedulesOf } from './calendar.js';
import type { CheckinSource } from './checkinSource.js';
import type { CorpSettings, SimContext } from './context.js';
import { decideApproval, pendingFor, type Decision } from './approvals.js';
import { Directory, type DirectoryData } from './directory.js';
import { tapCard, WECOM_SEND_LIMITS, type SendLimits, type TapRefusal } from './messages.js';
import { simulatorRouter } from './routes.js';
import { emptyState, StateFile, type ChatItem, type DeliveryStatus, type SimState, type StoredApproval, type StoredSchedule } from './state.js';
import { seedQuotas, type VacationType } from './vacations.js';
import { revokeTokens } from './tokens.js';

export interface SimulatorOptions {
  readonly corp: CorpSettings;
  /** Where callbacks go: the app's `/wecom/callback` URL. */
  readonly callbackUrl: string;
  readonly directory: DirectoryData;
  readonly checkins?: CheckinSource;
  readonly vacationTypes?: readonly VacationType[];
  /** Quotas in days (`userid → vacation id → days`) given to members who have none yet. */
  readonly initialQuotas?: Readonly<Record<string, Readonly<Record<number, number>>>>;
  /** Hosts (with port) OAuth may redirect to: WeCom's 可信域名. */
  readonly trustedHosts: readonly string[];
  /** Default `/simulator`. */
  readonly prefix?: string;
  readonly tz?: string;
  readonly now?: () => Date;
  readonly logger?: Logger;
  /** Keep the state in this JSON file (written shortly after each change) so a restart loses nothing. */
  readonly persistFile?: string;
  readonly sendLimits?: SendLimits;
  readonly callbackRetryDelaysMs?: readonly number[];
  readonly callbackTimeoutMs?: number;
}

/** What the console is told: a change members `userids` may see (empty: nobody's chat). */
export interface SimChange {
  readonly seq: number;
  readonly userids: readonly string[];
}

export type ActionResult = { readonly ok: true; readonly delivery: DeliveryStatus } | { readonly ok: false; readonly reason: string };

export interface Simulator {
  /** The API paths, the OAuth page, all under `prefix`. */
  readonly router: Router;
  readonly prefix: string;
  readonly directory: Directory;
  readonly corp: CorpSettings;
  /** Serves the router alone on a port (standalone use). */
  listen(port: number, host?: string): Promise<{ readonly url: string; close(): Promise<void> }>;

  /** A member types a text message to the app. */
  say(userid: string, text: string): Promise<ActionResult>;
  /** A member taps a callback button on a card (`msgid` of the message, the button's `key`). */
  tap(userid: string, msgid: string, key: string, selectedOption?: string): Promise<ActionResult>;
  /** A member opens the app's chat (enter_agent). */
  enter(userid: string): Promise<ActionResult>;
  /** An approver acts in WeCom's own approval app (LEAVE_APPROVAL=wecom), which calls the app back. */
  decide(spNo: string, actor: string, decision: Decision, speech?: string): Promise<ActionResult>;

  /** Adds a calendar entry on WeCom's side, as `oa/schedule/add` would (seeding); throws when WeCom would refuse it. */
  addSchedule(schedule: Readonly<Record<string, unknown>>): string;
  /** The member's chat, oldest first (the last `limit` lines). */
  chat(userid: string, limit?: number): ChatItem[];
  schedules(userid: string): StoredSchedule[];
  pendingApprovals(userid: string): StoredApproval[];
  /** Raw state, for tests and the console. */
  readonly state: SimState;
  /** Invalidates every access token early (WeCom may do so; tests use it). */
  revokeTokens(): void;
  /** Calls `listener` after each change; returns how to stop listening. */
  subscribe(listener: (change: SimChange) => void): () => void;
  /** Writes the state file now and stops timers. */
  close(): Promise<void>;
}

export async function createSimulator(opts: SimulatorOptions): Promise<Simulator> {
  const logger = (opts.logger ?? silentLogger).child({ component: 'wecom-simulator' });
  const now = opts.now ?? (() => new Date());
  const prefix = opts.prefix ?? '/simulator';
  const state: SimState = (opts.persistFile ? await StateFile.load(opts.persistFile) : undefined) ?? emptyState();
  const listeners = new Set<(c: SimChange) => void>();
  let file: StateFile | undefined;
  const directory = new Directory(opts.directory);

  const ctx: SimContext = {
    corp: opts.corp,
    state,
    directory,
    checkins: opts.checkins,
    vacationTypes: opts.vacationTypes ?? [],
    tz: opts.tz ?? 'Asia/Shanghai',
    logger,
    nowMs: () => now().getTime(),
    changed(userids) {
      state.seq += 1;
      file?.schedule();
      const change: SimChange = { seq: state.seq, userids: [...new Set(userids)] };
      for (const l of listeners) {
        try {
          l(change);
        } catch (err) {
          logger.warn({ err }, 'simulator listener failed');
        }
      }
      return state.seq;
    },
  };
  if (opts.persistFile) file = new StateFile(opts.persistFile, () => state);
  if (opts.initialQuotas) seedQuotas(ctx, opts.initialQuotas);

  const sender = new CallbackSender({
    url: opts.callbackUrl,
    token: opts.corp.token,
    encodingAesKey: opts.corp.encodingAesKey,
    corpId: opts.corp.corpId,
    agentId: opts.corp.agentId,
    logger,
    now: ctx.nowMs,
    retryDelaysMs: opts.callbackRetryDelaysMs,
    timeoutMs: opts.callbackTimeoutMs,
  });
  const router = simulatorRouter(ctx, { prefix, trustedHosts: opts.trustedHosts, sendLimits: opts.sendLimits ?? WECOM_SEND_LIMITS });
  const nowS = () => Math.floor(ctx.nowMs() / 1000);
  const member = (userid: string) => {
    const u = directory.user(userid);
    return u && u.status === 1 ? u : undefined;
  };

  return {
    router,
    prefix,
    directory,
    corp: opts.corp,
    state,

    async listen(port, host = '127.0.0.1') {
      const app = new Koa();
      app.use(router.routes()).use(router.allowedMethods());
      const server: Server = createServer(app.callback());
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      return {
        url: `http://${host}:${actual}${prefix}`,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
      };
    },

    async say(userid, text) {
      const u = member(userid);
      if (!u) return { ok: false, reason: '没有这个成员' };
      const content = text.trim();
      if (content === '') return { ok: false, reason: '消息是空的' };
      if (Buffer.byteLength(content) > 2048) return { ok: false, reason: '消息太长了（最多 2048 字节）' };
      state.counters.msg += 1;
      // 64-bit message ids, as WeCom's are (above 2^53, so they must travel as strings).
      const msgId = (7_400_000_000_000_000_000n + BigInt(ctx.nowMs()) * 1000n + BigInt(state.counters.msg % 1000)).toString();
      state.seq += 1;
      const item: ChatItem = { kind: 'user_text', seq: state.seq, id: msgId, userid: u.userid, at: ctx.nowMs(), text: content, delivery: { state: 'pending' } };
      state.chat.push(item);
      ctx.changed([u.userid]);
      const delivery = await sender.deliver(
        textMessageXml({ corpId: opts.corp.corpId, agentId: opts.corp.agentId, fromUser: u.userid, createTime: nowS(), content, msgId }),
      );
      item.delivery = delivery;
      ctx.changed([u.userid]);
      return { ok: true, delivery };
    },

    async tap(userid, msgid, key, selectedOption) {
      const u = member(userid);
      if (!u) return { ok: false, reason: '没有这个成员' };
      const tap = tapCard(ctx, u.userid, msgid, key, selectedOption);
      if (typeof tap === 'string') return { ok: false, reason: TAP_REFUSALS[tap] };
      const delivery = await sender.deliver(
        templateCardEventXml({
          corpId: opts.corp.corpId, agentId: opts.corp.agentId, fromUser: u.userid, createTime: nowS(),
          eventKey: key, taskId: tap.taskId, cardType: tap.cardType, responseCode: tap.responseCode, selected: tap.selected,
        }),
      );
      return { ok: true, delivery };
    },

    async enter(userid) {
      const u = member(userid);
      if (!u) return { ok: false, reason: '没有这个成员' };
      const delivery = await sender.deliver(enterAgentXml({ corpId: opts.corp.corpId, agentId: opts.corp.agentId, fromUser: u.userid, createTime: nowS() }));
      return { ok: true, delivery };
    },

    async decide(spNo, actor, decision, speech) {
      const r = decideApproval(ctx, spNo, actor, decision, speech);
      if (typeof r === 'string') return { ok: false, reason: r };
      const delivery = await sender.deliver(approvalChangeXml({ corpId: opts.corp.corpId, agentId: opts.corp.agentId, createTime: nowS(), approval: r.approval }));
      return { ok: true, delivery };
    },

    addSchedule(schedule) {
      const r = addSchedule(ctx, { schedule });
      if ('errcode' in r) throw new Error(`schedule refused: ${r.errcode} ${r.errmsg}`);
      return r.schedule_id;
    },

    chat(userid, limit = 300) {
      const u = directory.user(userid);
      if (!u) return [];
      const mine = state.chat.filter((i) => i.userid === u.userid);
      return mine.slice(Math.max(0, mine.length - limit));
    },
    schedules: (userid) => schedulesOf(ctx, directory.user(userid)?.userid ?? userid),
    pendingApprovals: (userid) => pendingFor(ctx, userid),
    revokeTokens: () => revokeTokens(ctx),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      await file?.flush();
    },
  };
}

const TAP_REFUSALS: Record<TapRefusal, string> = {
  no_such_card: '找不到这张卡片',
  already_handled: '这张卡片已经处理过了',
  no_such_button: '卡片上没有这个按钮',
};
