/**
 * The WeCom callback endpoint under load: N encrypted, signed text messages
 * (each with its own MsgId, from 200 employees asking their leave balance) sent
 * with autocannon to the running app — the real Koa app, the embedded store,
 * the inbound pipeline, the engine and the Outbox sender all in this process,
 * WeCom's API played by a local HTTP server — next to a bare Koa route answering 200 on the
 * same machine in the same run.
 *
 * Printed: requests per second and p50/p99 latency of the answer (the 200 goes
 * back once the event is stored), the ratio to the bare route, and how long the
 * app then needs to handle every event and send every reply.
 */
import '../test/helpers/promise-with-resolvers.js'; // nock's fetch interception needs it on Node 20
import autocannon from 'autocannon';
import Koa from 'koa';
import type { AddressInfo } from 'node:net';
import { clearDatabase, closeTestDatabase, connectTestDatabase } from '../test/helpers/db.js';
import nock from 'nock';
import { FakeWecomApi, WecomApp, signedCallback, textXml } from '../test/helpers/wecomApp.js';
import { EmployeeModel } from '../models/employee.js';
import { InboundEventModel } from '../models/inboundEvent.js';
import { OutboxModel } from '../models/outbox.js';
import { postEntry } from '../models/leaveLedger.js';

export const title = 'WeCom callback endpoint (full app) vs a bare Koa route, autocannon';

const N = Number(process.env['BENCH_CALLBACKS'] ?? 2000);
const CONNECTIONS = 10;
const USERS = 200;

interface Figures {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly ok: number;
  readonly other: number;
}

async function load(url: string, requests: ReadonlyArray<{ path: string; body: string }>, overallRate?: number): Promise<Figures> {
  let i = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    amount: requests.length,
    ...(overallRate ? { overallRate } : {}),
    requests: [{
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      setupRequest: (req) => {
        const r = requests[i % requests.length]!;
        i += 1;
        return { ...req, path: r.path, body: r.body };
      },
    }],
  });
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  return { rps: result['2xx'] / seconds, p50: result.latency.p50, p99: result.latency.p99, ok: result['2xx'], other: result.non2xx + result.errors };
}

function line(label: string, f: Figures): string {
  return `${label.padEnd(34)} ${f.rps.toFixed(0).padStart(7)} req/s   p50 ${f.p50.toFixed(1).padStart(6)} ms   p99 ${f.p99.toFixed(1).padStart(6)} ms   (${f.ok} × 200${f.other ? `, ${f.other} other` : ''})`;
}

export async function run(print: (line: string) => void): Promise<void> {
  await connectTestDatabase();
  await clearDatabase();
  await EmployeeModel.insertMany(Array.from({ length: USERS }, (_, i) => ({
    userid: `e${String(i).padStart(3, '0')}`, name: `员工${i}`, departments: [2], roles: ['employee'], source: 'seed',
  })));
  for (let i = 0; i < USERS; i += 1) {
    await postEntry(`e${String(i).padStart(3, '0')}`, 'annual', { key: 'alloc', kind: 'allocation', days: 10, by: 'bench' });
  }

  // The harness loads nock, which would intercept every socket of this process (autocannon's and the
  // database's too): switch it off and play WeCom from a real local HTTP server instead.
  nock.restore();
  const api = await new FakeWecomApi().listen();
  const app = await WecomApp.start({ api });
  app.sender.start();
  const bare = new Koa();
  bare.use((ctx) => {
    ctx.status = 200;
    ctx.body = '';
  });
  const bareServer = bare.listen(0, '127.0.0.1');
  await new Promise((resolve) => bareServer.once('listening', resolve));
  const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}`;

  try {
    const createTime = Math.floor(app.clock.now().getTime() / 1000);
    const make = (count: number, offset: number) => Array.from({ length: count }, (_, k) => {
      const i = k + offset;
      const xml = textXml(`e${String(i % USERS).padStart(3, '0')}`, '我的年假还剩几天', createTime, String(7_391_830_000_000_000_000n + BigInt(i)));
      const r = signedCallback(xml, app.clock.now(), String(1_000_000 + i));
      return { path: `/wecom/callback?${new URLSearchParams(r.query).toString()}`, body: r.body };
    });
    const warmup = make(200, 0);
    const light = make(200, 200);
    const requests = make(N, 400);
    print(`${N} callbacks, ${CONNECTIONS} connections, ${USERS} employees; Node ${process.version}`);

    await load(app.url, warmup);
    await load(bareUrl, warmup);
    await app.settle();
    // A realistic office load first (20 callbacks a second), then as fast as the app takes them.
    const gentle = await load(app.url, light, 20);
    await app.settle();

    const full = await load(app.url, requests);
    const handledFrom = performance.now();
    for (let k = 0; k < 2400; k += 1) {
      await new Promise((r) => setTimeout(r, 250)); // polls the store; kept rare so it does not slow what it measures
      const [open, unsent] = await Promise.all([
        InboundEventModel.countDocuments({ status: { $in: ['received', 'processing'] } }),
        OutboxModel.countDocuments({ status: { $in: ['pending', 'sending'] } }),
      ]);
      if (open === 0 && unsent === 0 && app.pipeline.backlog === 0) break;
    }
    const handledS = (performance.now() - handledFrom) / 1000;
    const sent = await OutboxModel.countDocuments({ status: 'sent' });
    const bareFigures = await load(bareUrl, requests);

    print(line('app, light load (20/s offered)', gentle));
    print(line('app: POST /wecom/callback', full));
    print(line('bare Koa: 200, no work', bareFigures));
    // autocannon reports whole milliseconds: a bare p50 of 0 means "under 1 ms".
    const times = (a: number, b: number) => (b >= 1 ? `${(a / b).toFixed(1)}×` : `> ${a.toFixed(0)}× (bare < 1 ms)`);
    print(`ratio app/bare: throughput ${(full.rps / bareFigures.rps).toFixed(3)}×, p50 ${times(full.p50, bareFigures.p50)}, p99 ${times(full.p99, bareFigures.p99)}`);
    print(`after the last 200: every event handled and ${sent - 400} replies sent within ${handledS.toFixed(1)} s more (${(N / (handledS + N / full.rps)).toFixed(0)} events/s end to end)`);
  } finally {
    await app.stop();
    api.uninstall();
    await new Promise((resolve) => bareServer.close(resolve));
    await closeTestDatabase();
  }
}
