/**
 * Story-test harness: the real app (same wiring as server/main.ts `start`) on
 * the shared test database, with WeCom credentials set (official vector Set A)
 * and `WECOM_API_BASE` pointing at a nock host that plays WeCom's server API.
 *
 * ```ts
 * describe('请假', () => {
 *   useTestDatabase();
 *   let app: WecomApp;
 *   beforeEach(async () => { app = await WecomApp.start(); });
 *   afterEach(() => app.stop());
 *   it('王芳请年假', async () => {
 *     await app.sendText('wangfang', '我想请下周一到周三的年假');
 *     const reply = await app.nextText('wangfang');           // drains pipeline + Outbox
 *     …
 *   });
 * });
 * ```
 *
 * Nothing sleeps: `waitFor` / `settle` drain the inbound pipeline and call the
 * Outbox sender's `drainOnce` until the condition holds or nothing is left to
 * do. The clock is fixed (default 2026-11-22 10:00 Asia/Shanghai, a Sunday) and
 * shared by the callback check, the engine (the NLU resolves dates against it),
 * the pipeline and the Outbox; `clock.advance` moves it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import mongoose from 'mongoose';
import nock from 'nock';
import { pino } from 'pino';
import { loadConfig } from '../../lib/config.js';
import type { Logger } from '../../lib/logger.js';
import type { Database } from '../../models/db.js';
import { encrypt, signature } from '../../bot/wecom/crypto.js';
import { OutboxSender } from '../../bot/outbox/sender.js';
import { InboundPipeline } from '../../bot/inbound/pipeline.js';
import { resolveRuntimeConfig } from '../../server/runtimeConfig.js';
import { compose, startBackground } from '../../server/compose.js';
import { Lifecycle } from '../../server/lifecycle.js';
import type { Services } from '../../server/feature.js';
import { connectTestDatabase } from './db.js';

// ---------------------------------------------------------------------------
// WeCom credentials: official vector Set A (PROTOCOL.md §1.8).

export const CORP_ID = 'wx5823bf96d3bd56c7';
export const TOKEN = 'QDG6eK';
export const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
export const AGENT_ID = 1000002;

/** 2026-11-22 10:00 in Asia/Shanghai (a Sunday): "today" of the project. */
export const DEFAULT_NOW = new Date('2026-11-22T10:00:00+08:00');

// ---------------------------------------------------------------------------
// A clock every part of the app reads.

export class TestClock {
  private t: number;
  constructor(start: Date = DEFAULT_NOW) {
    this.t = start.getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(d: Date): void {
    this.t = d.getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

// ---------------------------------------------------------------------------
// WeCom's server API, played by nock.

export interface RecordedCall {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: Record<string, unknown>;
}

/** What a handler answers: a JSON body (status 200) or a status with a body, optionally late. */
export type FakeReply = { readonly status?: number; readonly json?: unknown; readonly delayMs?: number };
export type FakeHandler = (call: RecordedCall) => FakeReply | Promise<FakeReply>;

let hostCounter = 0;

/**
 * Answers every `/cgi-bin/…` call like WeCom would, records it, and lets a
 * test script failures: `failNext(path, reply)` queues one-shot answers that
 * come before the default, `handle(path, fn)` replaces the default.
 */
export class FakeWecomApi {
  private baseUrl: string;
  private server: Server | undefined;
  readonly calls: RecordedCall[] = [];
  /** The access token gettoken hands out; message calls with another one get 42001. */
  token = 'TOKEN-1';
  /** userid → quotas for getuservacationquota (seconds). */
  readonly quotas = new Map<string, Array<{ id: number; vacationname: string; leftduration: number; usedduration: number; assignduration: number }>>();
  private readonly handlers = new Map<string, FakeHandler>();
  private readonly queued = new Map<string, FakeReply[]>();
  private readonly interceptors: nock.Interceptor[] = [];
  private counter = 0;

  constructor() {
    hostCounter += 1;
    this.baseUrl = `http://wecom-${process.pid}-${hostCounter}.test`;
  }

  /** WECOM_API_BASE for the app. */
  get base(): string {
    return this.baseUrl;
  }

  /**
   * Serves the same answers from a real HTTP server on 127.0.0.1 instead of nock
   * (benchmarks: nock intercepts every socket of the process, which distorts timing).
   */
  async listen(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', this.baseUrl);
        const text = Buffer.concat(chunks).toString('utf8');
        const call: RecordedCall = {
          method: req.method === 'POST' ? 'POST' : 'GET',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
        };
        this.calls.push(call);
        void Promise.resolve(this.answer(call)).then((r) => {
          res.writeHead(r.status ?? 200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(r.json ?? { errcode: 0, errmsg: 'ok' }));
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  install(): this {
    const scope = nock(this.base).persist();
    // nock 15 calls a one-argument reply function with the fetch Request; a promise may come late (timeouts).
    const reply = (method: 'GET' | 'POST') => async (req: Request) => {
      const url = new URL(req.url);
      const text = method === 'POST' ? await req.text() : '';
      const call: RecordedCall = {
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
      };
      this.calls.push(call);
      const r = await this.answer(call);
      if (r.delayMs) await new Promise((resolve) => setTimeout(resolve, r.delayMs));
      return [r.status ?? 200, JSON.stringify(r.json ?? { errcode: 0, errmsg: 'ok' }), { 'content-type': 'application/json' }] as const;
    };
    const get = scope.get((p) => p.startsWith('/cgi-bin/')).query(true);
    get.reply(reply('GET'));
    const post = scope.post((p) => p.startsWith('/cgi-bin/')).query(true);
    post.reply(reply('POST'));
    this.interceptors.push(get, post);
    return this;
  }

  uninstall(): void {
    for (const i of this.interceptors) nock.removeInterceptor(i);
    this.interceptors.length = 0;
    this.server?.close();
    this.server = undefined;
  }

  /** Replaces the default answer for `path` (e.g. `/cgi-bin/message/send`). */
  handle(path: string, fn: FakeHandler): this {
    this.handlers.set(path, fn);
    return this;
  }

  /** Answers the next call to `path` with `reply` (queued before the default; repeatable). */
  failNext(path: string, reply: FakeReply, times = 1): this {
    const q = this.queued.get(path) ?? [];
    for (let i = 0; i < times; i += 1) q.push(reply);
    this.queued.set(path, q);
    return this;
  }

  /** Every `message/send` body, in order. */
  sent(): Array<Record<string, unknown>> {
    return this.bodies('/cgi-bin/message/send');
  }

  /** `message/send` bodies addressed to `userid`. */
  sentTo(userid: string): Array<Record<string, unknown>> {
    return this.sent().filter((b) => b['touser'] === userid);
  }

  /** Text contents sent to `userid`, in order (cards show as their title). */
  textsTo(userid: string): string[] {
    return this.sentTo(userid).map(contentOf);
  }

  cardUpdates(): Array<Record<string, unknown>> {
    return this.bodies('/cgi-bin/message/update_template_card');
  }

  bodies(path: string): Array<Record<string, unknown>> {
    return this.calls.filter((c) => c.path === path && c.method === 'POST').map((c) => c.body);
  }

  /** Calls to `path` that WeCom accepted (not the scripted failures). */
  count(path: string): number {
    return this.calls.filter((c) => c.path === path).length;
  }

  private async answer(call: RecordedCall): Promise<FakeReply> {
    const queued = this.queued.get(call.path)?.shift();
    if (queued) return queued;
    const custom = this.handlers.get(call.path);
    if (custom) return custom(call);
    return this.defaultAnswer(call);
  }

  private defaultAnswer(call: RecordedCall): FakeReply {
    const ok = { errcode: 0, errmsg: 'ok' };
    if (call.path === '/cgi-bin/gettoken') return { json: { ...ok, access_token: this.token, expires_in: 7200 } };
    if (call.query['access_token'] !== this.token) return { json: { errcode: 42001, errmsg: 'access_token expired' } };
    this.counter += 1;
    switch (call.path) {
      case '/cgi-bin/message/send':
      {
        const card = call.body['template_card'] as { task_id?: unknown } | undefined;
        // An interactive card's send returns a response_code; here it names the card, so tests can expect it.
        return { json: { ...ok, msgid: `msgid-${this.counter}`, ...(card ? { response_code: `rc-send-${String(card.task_id)}` } : {}) } };
      }
      case '/cgi-bin/oa/applyevent':
        return { json: { ...ok, sp_no: `2026112300000${String(this.counter).padStart(5, '0')}` } };
      case '/cgi-bin/oa/gettemplatedetail':
        return {
          json: {
            ...ok,
            template_names: [{ text: '请假', lang: 'zh_CN' }],
            template_content: {
              controls: [
                { property: { control: 'Vacation', id: 'vacation-1563793073898', title: [{ text: '请假类型', lang: 'zh_CN' }] } },
                { property: { control: 'Textarea', id: 'item-1497581399901', title: [{ text: '请假事由', lang: 'zh_CN' }] } },
              ],
            },
          },
        };
      case '/cgi-bin/oa/vacation/getcorpconf':
        return { json: { ...ok, lists: [{ id: 1, name: '年假', time_attr: 0 }, { id: 2, name: '事假', time_attr: 0 }, { id: 3, name: '病假', time_attr: 0 }] } };
      case '/cgi-bin/oa/vacation/getuservacationquota':
        return { json: { ...ok, lists: this.quotas.get(String(call.body['userid'])) ?? [] } };
      default:
        return { json: ok };
    }
  }
}

/** The visible text of a message/send body. */
export function contentOf(b: Record<string, unknown>): string {
  const pick = (k: string, f: string): string => {
    const v = b[k];
    return typeof v === 'object' && v !== null ? String((v as Record<string, unknown>)[f] ?? '') : '';
  };
  switch (b['msgtype']) {
    case 'text':
      return pick('text', 'content');
    case 'markdown':
      return pick('markdown', 'content');
    case 'textcard':
      return pick('textcard', 'title');
    case 'template_card': {
      const card = b['template_card'] as { main_title?: { title?: string } } | undefined;
      return card?.main_title?.title ?? '';
    }
    default:
      return '';
  }
}

// ---------------------------------------------------------------------------
// Callback builders: what WeCom POSTs.

function cdata(s: string): string {
  return `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

export interface SignedRequest {
  readonly query: { msg_signature: string; timestamp: string; nonce: string };
  readonly body: string;
}

/** Encrypts and signs `plaintext` the way WeCom does. */
export function signedCallback(plaintext: string, at: Date, nonce = String(Math.floor(Math.random() * 1e9))): SignedRequest {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const encrypted = encrypt(AES_KEY, plaintext, CORP_ID);
  return {
    query: { msg_signature: signature(TOKEN, timestamp, nonce, encrypted), timestamp, nonce },
    body: `<xml><ToUserName>${cdata(CORP_ID)}</ToUserName><Encrypt>${cdata(encrypted)}</Encrypt><AgentID>${cdata(String(AGENT_ID))}</AgentID></xml>`,
  };
}

export function textXml(userid: string, text: string, createTime: number, msgId: string): string {
  return `<xml><ToUserName>${cdata(CORP_ID)}</ToUserName><FromUserName>${cdata(userid)}</FromUserName><CreateTime>${createTime}</CreateTime><MsgType>${cdata('text')}</MsgType><Content>${cdata(text)}</Content><MsgId>${msgId}</MsgId><AgentID>${AGENT_ID}</AgentID></xml>`;
}

export function cardTapXml(userid: string, taskId: string, key: string, responseCode: string, createTime: number): string {
  return `<xml><ToUserName>${cdata(CORP_ID)}</ToUserName><FromUserName>${cdata(userid)}</FromUserName><CreateTime>${createTime}</CreateTime><MsgType>${cdata('event')}</MsgType><Event>${cdata('template_card_event')}</Event><EventKey>${cdata(key)}</EventKey><TaskId>${cdata(taskId)}</TaskId><CardType>${cdata('button_interaction')}</CardType><ResponseCode>${cdata(responseCode)}</ResponseCode><AgentID>${AGENT_ID}</AgentID></xml>`;
}

export interface ApprovalChangeInput {
  readonly spNo: string;
  /** 1 审批中, 2 已通过, 3 已驳回, 4 已撤销, 6 通过后撤销. */
  readonly spStatus: number;
  readonly applyer: string;
  /** The approver who acted, with their words. */
  readonly approver?: string;
  readonly speech?: string;
  /** StatuChangeEvent; default derived from spStatus. */
  readonly changeEvent?: number;
}

export function approvalXml(a: ApprovalChangeInput, createTime: number): string {
  const nodeStatus = a.spStatus === 2 ? 2 : a.spStatus === 3 ? 3 : 1;
  const acted = a.approver && (a.spStatus === 2 || a.spStatus === 3);
  const change = a.changeEvent ?? ({ 1: 1, 2: 2, 3: 3, 4: 6, 6: 8 } as Record<number, number>)[a.spStatus] ?? 1;
  return `<xml><ToUserName>${cdata(CORP_ID)}</ToUserName><FromUserName>${cdata('sys')}</FromUserName><CreateTime>${createTime}</CreateTime><MsgType>${cdata('event')}</MsgType><Event>${cdata('sys_approval_change')}</Event><AgentID>3010040</AgentID><ApprovalInfo><SpNoStr>${cdata(a.spNo)}</SpNoStr><SpNo>${a.spNo}</SpNo><SpName>${cdata('请假')}</SpName><SpStatus>${a.spStatus}</SpStatus><TemplateId>${cdata('3TkaH5KFbrG9heEQWLJjhgpFNDqzQyVFiqVLyyXf')}</TemplateId><ApplyTime>${createTime - 60}</ApplyTime><Applyer><UserId>${cdata(a.applyer)}</UserId><Party>${cdata('2')}</Party></Applyer><SpRecord><SpStatus>${nodeStatus}</SpStatus><ApproverAttr>1</ApproverAttr><Details><Approver><UserId>${cdata(a.approver ?? 'lina')}</UserId></Approver><Speech>${cdata(a.speech ?? '')}</Speech><SpStatus>${nodeStatus}</SpStatus><SpTime>${acted ? createTime : 0}</SpTime></Details></SpRecord><StatuChangeEvent>${change}</StatuChangeEvent></ApprovalInfo></xml>`;
}

// ---------------------------------------------------------------------------
// The app.

export interface WecomAppOptions {
  /** Start of the fixed clock (ignored when `clock` is given). */
  readonly now?: Date;
  readonly clock?: TestClock;
  /** Extra environment for `loadConfig`, e.g. `{ LEAVE_APPROVAL: 'wecom', WECOM_LEAVE_TEMPLATE_ID: '…' }`. */
  readonly env?: Readonly<Record<string, string>>;
  /** Share the fake WeCom API (and its recorded calls) across a restart. */
  readonly api?: FakeWecomApi;
}

export class WecomApp {
  /** Every log line (JSON) the app wrote at info level and above. */
  readonly logs: string[];
  private msgSeq = BigInt(7_391_830_567_124_000_000) + BigInt(Math.floor(Math.random() * 1e6)) * 1000n;
  private stopped = false;

  private constructor(
    readonly url: string,
    readonly api: FakeWecomApi,
    readonly clock: TestClock,
    readonly services: Services,
    readonly pipeline: InboundPipeline,
    readonly sender: OutboxSender,
    private readonly lifecycle: Lifecycle,
    private readonly dataDir: string,
    private ownsApi: boolean,
    private readonly opts: WecomAppOptions,
    logs: string[],
  ) {
    this.logs = logs;
  }

  static async start(opts: WecomAppOptions = {}): Promise<WecomApp> {
    await connectTestDatabase();
    const clock = opts.clock ?? new TestClock(opts.now);
    const ownsApi = !opts.api;
    const api = opts.api ?? new FakeWecomApi().install();
    const logs: string[] = [];
    const logger: Logger = pino({ level: 'info' }, new Writable({ write(c: Buffer, _e, done) { logs.push(c.toString('utf8')); done(); } }));
    const dataDir = await mkdtemp(join(tmpdir(), 'hr-wecom-app-'));
    const config0 = loadConfig({
      NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', PUBLIC_BASE_URL: 'http://hr.test', LOG_LEVEL: 'silent', DATA_DIR: dataDir,
      APP_SECRET: 'test-app-secret-0123456789abcdef',
      WECOM_CORP_ID: CORP_ID, WECOM_AGENT_ID: String(AGENT_ID), WECOM_SECRET: 'test-corp-secret', WECOM_TOKEN: TOKEN,
      WECOM_ENCODING_AES_KEY: AES_KEY, WECOM_API_BASE: api.base, WECOM_HR_ADMINS: 'zhaomin', SCHEDULER_ENABLED: 'false',
      ...opts.env,
    });
    const lifecycle = new Lifecycle(logger, 1_000);
    const now = () => clock.now();
    const instanceId = `test:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
    const config = await resolveRuntimeConfig(config0, logger);

    const db: Database = {
      uri: 'test', kind: 'embedded', connection: mongoose.connection,
      ping: async () => mongoose.connection.readyState === 1,
      close: async () => undefined, // the test database outlives the app
    };
    // The same wiring as `npm start` (server/compose.ts), with the test clock and no real waiting.
    const composed = await compose({
      config, logger, db, instanceId, now,
      wecomClient: { sleep: async () => undefined, random: () => 0.5, fetchTimeoutMs: 2_000 },
      pipeline: { sleep: async () => undefined, recoveryIntervalMs: 0 },
      senderRandom: () => 0.5,
    });
    const { services, sender } = composed;
    const server = composed.app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    lifecycle.addServer(server);
    // The sender loop is not started: tests drive it with drainOnce (see waitFor).
    await startBackground(composed, lifecycle, { senderLoop: false, scheduler: false });
    const started = composed.pipeline;
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return new WecomApp(`http://127.0.0.1:${port}`, api, clock, services, started, sender, lifecycle, dataDir, ownsApi, opts, logs);
  }

  // ---- sending callbacks ----

  /** POSTs an encrypted, signed callback carrying `plaintext`. */
  async post(plaintext: string, at: Date = this.clock.now()): Promise<Response> {
    const r = signedCallback(plaintext, at);
    return this.postSigned(r);
  }

  async postSigned(r: SignedRequest): Promise<Response> {
    return fetch(`${this.url}/wecom/callback?${new URLSearchParams(r.query).toString()}`, {
      method: 'POST', headers: { 'content-type': 'text/xml' }, body: r.body,
    });
  }

  /** An employee types `text` in the app's chat. Returns the HTTP response (200, empty). */
  async sendText(userid: string, text: string, opts: { msgId?: string } = {}): Promise<Response> {
    this.msgSeq += 1n;
    const msgId = opts.msgId ?? String(this.msgSeq);
    return this.post(textXml(userid, text, this.createTime(), msgId));
  }

  /** `userid` taps button `key` on the card `taskId`. */
  async tapCard(userid: string, taskId: string, key: string, responseCode = `rc-tap-${taskId}-${key}-${userid}`): Promise<Response> {
    return this.post(cardTapXml(userid, taskId, key, responseCode, this.createTime()));
  }

  /** A 审批 status change (sys_approval_change). */
  async approvalChange(a: ApprovalChangeInput): Promise<Response> {
    return this.post(approvalXml(a, this.createTime()));
  }

  private createTime(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  // ---- driving the background work deterministically ----

  /**
   * Drains the inbound pipeline and the Outbox until `predicate` holds. Fails,
   * listing what WeCom received, when nothing is left to do and it still does not.
   */
  async waitFor(predicate: () => boolean | Promise<boolean>, what = 'condition'): Promise<void> {
    for (let round = 0; round < 100; round += 1) {
      await this.pipeline.drain();
      const sent = await this.sender.drainOnce();
      if (await predicate()) return;
      if (sent === 0 && this.pipeline.backlog === 0) {
        const seen = this.api.calls.filter((c) => c.path !== '/cgi-bin/gettoken').map((c) => `${c.path} ${JSON.stringify(c.body)}`);
        throw new Error(`waitFor(${what}): nothing left to do and still not true.\nWeCom calls so far:\n${seen.join('\n')}`);
      }
    }
    throw new Error(`waitFor(${what}): still not true after 100 rounds`);
  }

  /** Drains everything that can happen now. */
  async settle(): Promise<void> {
    for (let round = 0; round < 100; round += 1) {
      await this.pipeline.drain();
      if ((await this.sender.drainOnce()) === 0 && this.pipeline.backlog === 0) return;
    }
  }

  /**
   * Waits for the next text message sent to `userid` after `after` messages
   * (default: all seen so far) and returns its content.
   */
  async nextText(userid: string, after = this.seen.get(userid) ?? 0): Promise<string> {
    await this.waitFor(() => this.api.sentTo(userid).length > after, `a message to ${userid}`);
    const all = this.api.textsTo(userid);
    this.seen.set(userid, after + 1);
    return all[after]!;
  }

  /** Marks everything sent to `userid` so far as seen (for `nextText`). */
  skip(userid: string): void {
    this.seen.set(userid, this.api.sentTo(userid).length);
  }

  private readonly seen = new Map<string, number>();

  // ---- lifecycle ----

  /** Stops this app and starts a new one on the same database, WeCom fake and clock. */
  async restart(): Promise<WecomApp> {
    await this.stopApp();
    const next = await WecomApp.start({ ...this.opts, api: this.api, clock: this.clock });
    next.ownsApi = this.ownsApi;
    this.ownsApi = false;
    return next;
  }

  async stop(): Promise<void> {
    await this.stopApp();
    if (this.ownsApi) this.api.uninstall();
  }

  private async stopApp(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.lifecycle.stop();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}
