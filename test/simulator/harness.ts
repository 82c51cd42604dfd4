/**
 * A simulator on a free port with a small address book and a hand-set clock,
 * plus a stand-in "app" that receives its callbacks and decodes them with the
 * app's own decoder (bot/wecom/callback.ts), so every test checks the wire
 * format against the real consumer.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { callbackConfigFrom, decodeMessage, type InboundEvent } from '../../bot/wecom/index.js';
import { createWecomClient, memoryTokenStore, type WecomClient } from '../../bot/wecom/api/index.js';
import { silentLogger } from '../../lib/logger.js';
import { createSimulator, type CheckinSource, type DirectoryData, type Simulator } from '../../simulator/index.js';

export const CORP = {
  corpId: 'wwtestcorp0001',
  agentId: 1000002,
  secret: 'test-secret',
  token: 'TestToken123',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
};

export const DIRECTORY: DirectoryData = {
  departments: [
    { id: 1, name: '公司', parentid: 0, order: 1, leaders: ['Boss'] },
    { id: 2, name: '研发部', parentid: 1, order: 2, leaders: ['LiNa'] },
  ],
  users: [
    { userid: 'Boss', name: '赵总', departments: [1], position: '总经理', leaderInDept: [true], directLeader: [], gender: '2', status: 1 },
    { userid: 'LiNa', name: '李娜', departments: [2], position: '经理', leaderInDept: [true], directLeader: ['Boss'], gender: '2', status: 1 },
    { userid: 'WangFang', name: '王芳', departments: [2], position: '工程师', leaderInDept: [false], directLeader: ['LiNa'], gender: '2', status: 1 },
    { userid: 'Gone', name: '离职者', departments: [2], position: '工程师', leaderInDept: [false], directLeader: ['LiNa'], gender: '1', status: 5 },
  ],
};

export class Clock {
  constructor(public t = new Date('2026-11-22T10:00:00+08:00').getTime()) {}
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

/** What the stand-in app answers: 200 by default; a test may queue other statuses. */
export class FakeApp {
  readonly events: InboundEvent[] = [];
  readonly refusals: string[] = [];
  readonly statuses: number[] = [];
  private server: Server | undefined;
  url = '';

  constructor(private readonly clock: Clock) {}

  async start(): Promise<void> {
    this.server = createServer(async (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const url = new URL(req.url ?? '/', 'http://x');
      const query = Object.fromEntries(url.searchParams);
      const status = this.statuses.shift();
      if (status !== undefined && status !== 200) {
        res.statusCode = status;
        res.end();
        return;
      }
      const r = decodeMessage(query, Buffer.concat(chunks).toString('utf8'), callbackConfigFrom({ ...CORP, apiBase: '', oauthBase: '' }), this.clock.now());
      if (r.ok) this.events.push(r.event);
      else this.refusals.push(`${r.refusal.status} ${r.refusal.reason}`);
      res.statusCode = r.ok ? 200 : r.refusal.status;
      res.end();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    const addr = this.server.address();
    this.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/wecom/callback`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export interface Rig {
  readonly sim: Simulator;
  readonly app: FakeApp;
  readonly clock: Clock;
  /** e.g. http://127.0.0.1:1234/simulator */
  readonly base: string;
  /** The app's own API client pointed at the simulator. */
  readonly client: WecomClient;
  stop(): Promise<void>;
}

export async function startRig(opts: { checkins?: CheckinSource; persistFile?: string; clock?: Clock } = {}): Promise<Rig> {
  const clock = opts.clock ?? new Clock();
  const app = new FakeApp(clock);
  await app.start();
  const sim = await createSimulator({
    corp: CORP,
    callbackUrl: app.url,
    directory: DIRECTORY,
    trustedHosts: ['app.example:3000'],
    now: clock.now,
    callbackRetryDelaysMs: [0, 0],
    callbackTimeoutMs: 2000,
    vacationTypes: [
      { id: 1, name: '年假', timeAttr: 0, hasQuota: true },
      { id: 3, name: '病假', timeAttr: 0, hasQuota: false },
    ],
    initialQuotas: { WangFang: { 1: 10 } },
    ...(opts.checkins ? { checkins: opts.checkins } : {}),
    ...(opts.persistFile ? { persistFile: opts.persistFile } : {}),
  });
  const listening = await sim.listen(0);
  const client = createWecomClient({
    corpId: CORP.corpId,
    secret: CORP.secret,
    agentId: CORP.agentId,
    apiBase: listening.url,
    tokenStore: memoryTokenStore(),
    logger: silentLogger,
    now: () => clock.t,
    sleep: async () => undefined,
  });
  return {
    sim, app, clock, base: listening.url, client,
    async stop() {
      await listening.close();
      await sim.close();
      await app.stop();
    },
  };
}

/** GET/POST to the simulator, answering WeCom's JSON. */
export async function call(base: string, path: string, opts: { query?: Record<string, string>; body?: unknown } = {}): Promise<Record<string, unknown>> {
  const url = new URL(`${base}${path}`);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const res = await fetch(url, opts.body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(opts.body) });
  return (await res.json()) as Record<string, unknown>;
}

export async function token(base: string): Promise<string> {
  const r = await call(base, '/cgi-bin/gettoken', { query: { corpid: CORP.corpId, corpsecret: CORP.secret } });
  return String(r['access_token']);
}
