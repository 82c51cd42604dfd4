import { expect } from 'chai';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { useTestDatabase } from '../../helpers/db.js';
import { TestClock } from '../../helpers/wecomApp.js';
import { InboundPipeline, type InboundHandler, type InboundPipelineOptions } from '../../../bot/inbound/pipeline.js';
import { InboundEventModel } from '../../../models/inboundEvent.js';
import type { Inbound } from '../../../flows/types.js';

function text(user: string, key: string, body = key): Inbound {
  return { kind: 'text', key, from: { channel: 'wecom', id: user }, at: new Date('2026-11-22T02:00:00Z'), text: body };
}

/** An engine whose calls can be held open, and which records the order things happened in. */
class FakeEngine implements InboundHandler {
  readonly events: string[] = [];
  private readonly gates = new Map<string, Promise<void>>();
  private readonly opens = new Map<string, () => void>();
  failures = new Map<string, number>();

  hold(key: string): void {
    this.gates.set(key, new Promise((resolve) => this.opens.set(key, resolve)));
  }
  release(key: string): void {
    this.opens.get(key)?.();
  }

  async handle(inbound: Inbound): Promise<void> {
    this.events.push(`start ${inbound.key}`);
    await this.gates.get(inbound.key);
    const left = this.failures.get(inbound.key) ?? 0;
    if (left > 0) {
      this.failures.set(inbound.key, left - 1);
      this.events.push(`fail ${inbound.key}`);
      throw new Error(`engine failed on ${inbound.key}`);
    }
    this.events.push(`end ${inbound.key}`);
  }
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('bot/inbound/pipeline 入站事件管道', () => {
  useTestDatabase();
  let clock: TestClock;
  let engine: FakeEngine;
  let logs: string[];
  const pipelines: InboundPipeline[] = [];

  beforeEach(() => {
    clock = new TestClock();
    engine = new FakeEngine();
    logs = [];
  });
  afterEach(async () => {
    for (const p of pipelines.splice(0)) await p.stop();
  });

  function pipeline(opts: Partial<InboundPipelineOptions> = {}): InboundPipeline {
    const logger = pino({ level: 'debug' }, new Writable({ write(c: Buffer, _e, done) { logs.push(c.toString()); done(); } }));
    const p = new InboundPipeline({ engine, logger, instanceId: 'test', now: () => clock.now(), sleep: async () => undefined, recoveryIntervalMs: 0, ...opts });
    pipelines.push(p);
    return p;
  }

  it('先存后处理：记录落库（received），处理完标记 done；同一个 key 再来 → duplicate，不再处理', async () => {
    const p = pipeline();
    engine.hold('m1');
    expect(await p.accept(text('wangfang', 'm1'), 'wecom')).to.equal('accepted');
    const stored = await InboundEventModel.findOne({ key: 'm1' }).lean();
    expect(stored).to.include({ channel: 'wecom', userKey: 'wecom:wangfang', type: 'text' });
    expect(['received', 'processing']).to.include(stored?.status);
    expect(await p.accept(text('wangfang', 'm1'), 'wecom')).to.equal('duplicate');
    engine.release('m1');
    await p.drain();
    expect(engine.events).to.deep.equal(['start m1', 'end m1']);
    const done = await InboundEventModel.findOne({ key: 'm1' }).lean();
    expect(done?.status).to.equal('done');
    expect(done?.attempts).to.equal(1);
    expect(done?.expiresAt.getTime()).to.be.greaterThan(Date.now() + 2 * 86_400_000);
  });

  it('同一个人的消息严格按顺序处理，另一个人的消息同时进行、不用等', async () => {
    const p = pipeline();
    engine.hold('a1');
    await p.accept(text('a', 'a1'), 'wecom');
    await p.accept(text('a', 'a2'), 'wecom');
    await p.accept(text('b', 'b1'), 'wecom');
    await p.accept(text('a', 'a3'), 'wecom');
    await tick();
    // b1 finished while a1 is still held; a2 and a3 have not started.
    expect(engine.events).to.deep.equal(['start a1', 'start b1', 'end b1']);
    engine.release('a1');
    await p.drain();
    expect(engine.events.filter((e) => e.includes(' a'))).to.deep.equal(['start a1', 'end a1', 'start a2', 'end a2', 'start a3', 'end a3']);
  });

  it('处理失败 → 原地退避重试（后面的消息等着，保持顺序），成功后 done', async () => {
    const sleeps: number[] = [];
    const p = pipeline({ sleep: async (ms) => void sleeps.push(ms), retryBaseMs: 500 });
    engine.failures.set('a1', 2);
    await p.accept(text('a', 'a1'), 'wecom');
    await p.accept(text('a', 'a2'), 'wecom');
    await p.drain();
    expect(engine.events).to.deep.equal(['start a1', 'fail a1', 'start a1', 'fail a1', 'start a1', 'end a1', 'start a2', 'end a2']);
    expect(sleeps).to.deep.equal([500, 1000]);
    const rec = await InboundEventModel.findOne({ key: 'a1' }).lean();
    expect(rec?.status).to.equal('done');
    expect(rec?.attempts).to.equal(3);
  });

  it('一直失败 → 有限次数后标记 failed（记下原因），这个人之后的消息照常处理', async () => {
    const p = pipeline({ maxAttempts: 3 });
    engine.failures.set('a1', 99);
    await p.accept(text('a', 'a1'), 'wecom');
    await p.accept(text('a', 'a2'), 'wecom');
    await p.drain();
    const rec = await InboundEventModel.findOne({ key: 'a1' }).lean();
    expect(rec?.status).to.equal('failed');
    expect(rec?.attempts).to.equal(3);
    expect(rec?.lastError).to.equal('engine failed on a1');
    expect((await InboundEventModel.findOne({ key: 'a2' }).lean())?.status).to.equal('done');
    expect(logs.join('')).to.include('inbound event failed for good');
  });

  it('重启后接手崩溃实例留下的记录（租约已过期），租约未过期的不抢', async () => {
    // A crashed instance left one event half-handled and one not yet started, both under its lease.
    const now = clock.now();
    const lease = new Date(now.getTime() + 120_000);
    await InboundEventModel.insertMany([
      { key: 'c1', channel: 'wecom', userKey: 'wecom:a', type: 'text', payload: JSON.parse(JSON.stringify(text('a', 'c1'))) as Record<string, unknown>, status: 'processing', attempts: 1, leaseUntil: lease, receivedAt: new Date(now.getTime() - 2_000), expiresAt: new Date(Date.now() + 86_400_000) },
      { key: 'c2', channel: 'wecom', userKey: 'wecom:b', type: 'text', payload: JSON.parse(JSON.stringify(text('b', 'c2'))) as Record<string, unknown>, status: 'received', attempts: 0, leaseUntil: lease, receivedAt: new Date(now.getTime() - 1_000), expiresAt: new Date(Date.now() + 86_400_000) },
    ]);
    const fresh = pipeline();
    expect(await fresh.recover()).to.equal(0); // leases still hold
    clock.advance(120_001);
    expect(await fresh.recover()).to.equal(2);
    await fresh.drain();
    expect(engine.events).to.deep.equal(['start c1', 'end c1', 'start c2', 'end c2']);
    const c1 = await InboundEventModel.findOne({ key: 'c1' }).lean();
    expect(c1?.status).to.equal('done');
    expect(c1?.attempts).to.equal(2);
    expect(logs.join('')).to.include('taking over an inbound event left unfinished');
  });

  it('两个实例同时接手：每条记录只处理一次', async () => {
    const now = clock.now();
    await InboundEventModel.insertMany(Array.from({ length: 12 }, (_, i) => ({
      key: `r${i}`, channel: 'wecom', userKey: `wecom:u${i % 3}`, type: 'text', payload: JSON.parse(JSON.stringify(text(`u${i % 3}`, `r${i}`))) as Record<string, unknown>,
      status: i % 2 ? 'received' : 'processing', attempts: 0, leaseUntil: new Date(now.getTime() - 1), receivedAt: new Date(now.getTime() - 60_000 + i), expiresAt: new Date(Date.now() + 86_400_000),
    })));
    const [a, b] = [pipeline(), pipeline()];
    const [na, nb] = await Promise.all([a.recover(), b.recover()]);
    await Promise.all([a.drain(), b.drain()]);
    expect(na + nb).to.equal(12);
    const handled = engine.events.filter((e) => e.startsWith('end')).sort();
    expect(handled).to.deep.equal(Array.from({ length: 12 }, (_, i) => `end r${i}`).sort());
  });

  it('接手遗留记录时，同一个人的事件按收到的先后处理', async () => {
    const now = clock.now();
    await InboundEventModel.insertMany([3, 1, 2, 0].map((i) => ({
      key: `o${i}`, channel: 'wecom', userKey: 'wecom:u', type: 'text', payload: JSON.parse(JSON.stringify(text('u', `o${i}`))) as Record<string, unknown>,
      status: 'received', attempts: 0, leaseUntil: new Date(now.getTime() - 1), receivedAt: new Date(now.getTime() - 60_000 + i * 1_000), expiresAt: new Date(Date.now() + 86_400_000),
    })));
    const p = pipeline();
    expect(await p.recover()).to.equal(4);
    await p.drain();
    expect(engine.events.filter((e) => e.startsWith('end'))).to.deep.equal(['end o0', 'end o1', 'end o2', 'end o3']);
  });

  it('start() 立即接手遗留记录；读不懂的记录标记 failed 而不是乱猜', async () => {
    const now = clock.now();
    await InboundEventModel.create({
      key: 'bad', channel: 'wecom', userKey: 'wecom:x', type: 'text', payload: { nonsense: true },
      status: 'received', attempts: 0, leaseUntil: new Date(now.getTime() - 1), receivedAt: now, expiresAt: new Date(Date.now() + 86_400_000),
    });
    const p = pipeline();
    p.start();
    await p.drain();
    expect((await InboundEventModel.findOne({ key: 'bad' }).lean())?.status).to.equal('failed');
  });

  it('stop() 等正在处理的事件完成；停止后收到的事件留给下一个实例（租约立即可接手）', async () => {
    const p = pipeline();
    engine.hold('s1');
    await p.accept(text('a', 's1'), 'wecom');
    await tick();
    let stopped = false;
    const stopping = p.stop().then(() => { stopped = true; });
    await tick();
    expect(stopped).to.equal(false);
    engine.release('s1');
    await stopping;
    expect((await InboundEventModel.findOne({ key: 's1' }).lean())?.status).to.equal('done');

    expect(await p.accept(text('a', 's2'), 'wecom')).to.equal('accepted');
    const late = await InboundEventModel.findOne({ key: 's2' }).lean();
    expect(late?.status).to.equal('received');
    const next = pipeline();
    expect(await next.recover()).to.equal(1);
    await next.drain();
    expect(engine.events).to.include('end s2');
  });

  it('存储失败 → accept 抛错（回调据此回 500 让企业微信重试）', async () => {
    const original = InboundEventModel.create.bind(InboundEventModel);
    (InboundEventModel as unknown as { create: unknown }).create = async () => { throw new Error('connection refused'); };
    try {
      let error: unknown;
      await pipeline().accept(text('a', 'x1'), 'wecom').catch((e: unknown) => { error = e; });
      expect(error).to.be.instanceOf(Error);
    } finally {
      (InboundEventModel as unknown as { create: unknown }).create = original;
    }
    expect(engine.events).to.deep.equal([]);
  });
});
