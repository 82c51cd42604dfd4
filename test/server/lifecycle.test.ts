/**
 * `npm start` as a process: it answers /healthz, refuses a bad configuration
 * naming the variable, refuses a data directory another instance holds, stops
 * cleanly on SIGTERM (a second signal exits at once), and keeps its data.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { findRunningStore } from '../../embedded-mongo/index.js';
import { Lifecycle } from '../../server/lifecycle.js';
import { silentLogger } from '../../lib/logger.js';

const ROOT = new URL('../../', import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

interface App { child: ChildProcess; out: () => string; exited: Promise<number | null>; url: string }

function launch(env: Record<string, string>): App {
  const base: Record<string, string> = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', NODE_ENV: 'test', LOG_LEVEL: 'info', SCHEDULER_ENABLED: 'false' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  return { child, out: () => out, exited: new Promise((r) => child.once('exit', (code) => r(code))), url: `http://127.0.0.1:${env['PORT'] ?? ''}` };
}

async function healthy(app: App): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (app.child.exitCode !== null) throw new Error(`exited ${app.child.exitCode}:\n${app.out()}`);
    try {
      const res = await fetch(`${app.url}/healthz`);
      if (res.ok) return (await res.json()) as Record<string, unknown>;
    } catch {
      // not yet listening
    }
    if (Date.now() > deadline) throw new Error(`no /healthz within 60 s:\n${app.out()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('进程生命周期 npm start', function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hr-life-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('配置写错时退出码 2，并说出是哪个变量', async () => {
    const app = launch({ PORT: 'abc', DATA_DIR: join(dir, 'x') });
    expect(await app.exited).to.equal(2);
    expect(app.out()).to.include('PORT');
  });

  it('启动 → /healthz 正常 → 同一目录再起一个实例被拒绝 → SIGTERM 优雅退出 → 重启后数据还在', async () => {
    const data = join(dir, 'data');
    const port = String(await freePort());
    const first = launch({ PORT: port, DATA_DIR: data });
    const health = await healthy(first);
    expect(health).to.include({ status: 'ok', db: 'up', mode: 'demo' });

    const uri = await findRunningStore(data);
    expect(uri).to.be.a('string');
    const client = await MongoClient.connect(uri!);
    await client.db('hr').collection('auditlog').insertOne({ at: new Date(), actor: 'lifecycle-test', actorKind: 'system', action: 'marker', subjectKind: 'test', subjectId: '1', channel: 'test' });
    await client.close();

    const second = launch({ PORT: String(await freePort()), DATA_DIR: data });
    expect(await second.exited).to.equal(1);
    expect(second.out()).to.match(/另一个|another|locked|占用/i);

    first.child.kill('SIGTERM');
    expect(await first.exited).to.equal(0);
    expect(first.out()).to.include('shutting down').and.include('"component":"database"');

    const again = launch({ PORT: port, DATA_DIR: data });
    await healthy(again);
    const uri2 = await findRunningStore(data);
    const c2 = await MongoClient.connect(uri2!);
    const marker = await c2.db('hr').collection('auditlog').findOne({ actor: 'lifecycle-test' });
    await c2.close();
    expect(marker?.['action']).to.equal('marker');
    again.child.kill('SIGINT');
    expect(await again.exited).to.equal(0);
  });
});

describe('Lifecycle：停止顺序与第二个信号', () => {
  it('按注册的相反顺序停止；停止中再来一个信号立即以 1 退出，停完以 0 退出', async () => {
    const life = new Lifecycle(silentLogger);
    const order: string[] = [];
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    life.add({ name: 'database', stop: async () => void order.push('database') });
    life.add({ name: 'http', stop: async () => { order.push('http'); await slow; } });
    const exits: number[] = [];
    const onSignal = life.signalHandler((code) => exits.push(code));
    onSignal('SIGTERM');
    await new Promise((r) => setImmediate(r));
    expect(order).to.deep.equal(['http']);
    onSignal('SIGTERM');
    expect(exits).to.deep.equal([1]);
    release();
    await life.stop();
    await new Promise((r) => setImmediate(r));
    expect(order).to.deep.equal(['http', 'database']);
    expect(exits).to.deep.equal([1, 0]);
  });
});
