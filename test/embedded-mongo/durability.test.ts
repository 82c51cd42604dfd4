/**
 * Durability of the embedded store: kill -9 in the middle of writes loses no acknowledged write,
 * a torn last record is truncated, damage before the end refuses to start, the data directory
 * is locked against a second live instance, and compaction keeps everything.
 */
import '../helpers/promise-with-resolvers.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { crc32c } from '../../embedded-mongo/wire/crc32c.js';
import { CorruptStoreError, findRunningStore, startEmbeddedMongo, StoreLockedError, type EmbeddedMongo } from '../../embedded-mongo/index.js';

const CHILD = fileURLToPath(new URL('./writer-child.ts', import.meta.url));

interface Acks {
  uri: string;
  inserted: Set<number>;
  updated: Map<number, number>;
}

function spawnWriter(dir: string, mode: 'write' | 'hold', env: Record<string, string> = {}): { child: ChildProcess; acks: Acks; started: Promise<string>; count: () => number } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, mode], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const acks: Acks = { uri: '', inserted: new Set(), updated: new Map() };
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const started = new Promise<string>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`writer exited early (${String(code)}): ${stderr}`)));
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const [kind, a, b] = line.split(' ');
      if (kind === 'uri' && a) {
        acks.uri = a;
        resolve(a);
      } else if (kind === 'ins') acks.inserted.add(Number(a));
      else if (kind === 'upd') acks.updated.set(Number(a), Math.max(Number(b), acks.updated.get(Number(a)) ?? 0));
    });
  });
  return { child, acks, started, count: () => acks.inserted.size };
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function withStore<T>(dir: string, fn: (client: MongoClient, store: EmbeddedMongo) => Promise<T>, opts: { compactThresholdBytes?: number } = {}): Promise<T> {
  const store = await startEmbeddedMongo({ dbPath: dir, ...opts });
  const client = new MongoClient(store.uri);
  try {
    await client.connect();
    return await fn(client, store);
  } finally {
    await client.close();
    await store.close();
  }
}

function journals(dir: string): string[] {
  return readdirSync(dir).filter((f) => /^journal-\d+\.log$/.test(f)).sort();
}

describe('embedded-mongo · 持久化', function () {
  this.timeout(60_000);
  let dir: string;

  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'em-durable-'));
  });

  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  for (const [label, env] of [
    ['', {}],
    ['（写入期间还在压缩）', { EM_COMPACT_AT: '20000' }],
  ] as const) {
    it(`写入中途 kill -9，重启后每条已确认的写入都在${label}`, async function () {
      const w = spawnWriter(dir, 'write', env);
      await w.started;
      await waitFor(() => w.count() >= 400, 30_000);
      w.child.kill('SIGKILL');
      await killed(w.child);
      const { inserted, updated } = w.acks;
      expect(inserted.size).to.be.at.least(400);
      await withStore(dir, async (client) => {
        const coll = client.db('durability').collection<{ _id: number; v: number }>('docs');
        const docs = new Map((await coll.find().toArray()).map((d) => [d._id, d.v]));
        const missing = [...inserted].filter((id) => !docs.has(id));
        expect(missing, 'acknowledged inserts lost').to.deep.equal([]);
        for (const [id, v] of updated) expect(docs.get(id), `update of ${id}`).to.be.at.least(v);
        const indexes = (await coll.indexes()).map((i) => i.name);
        expect(indexes).to.include('v_1__id_1');
      });
      if (label) expect(existsSync(join(dir, 'snapshot.bin')), 'compaction ran').to.equal(true);
    });
  }

  it('最后一条记录写了一半：截掉它，之前的数据都在', async function () {
    await withStore(dir, async (client) => {
      const coll = client.db('t').collection('c');
      for (let i = 0; i < 5; i++) await coll.insertOne({ i });
    });
    const [journal] = journals(dir);
    const path = join(dir, journal as string);
    const goodSize = statSync(path).size;
    // A record whose header made it to disk but whose payload was cut short by the crash.
    const header = Buffer.alloc(16);
    header.writeUInt32LE(0x314a4d45, 0);
    header.writeUInt32LE(5000, 4);
    header.writeUInt32LE(0, 8);
    header.writeUInt32LE(crc32c(header, 0, 12), 12);
    appendFileSync(path, Buffer.concat([header, Buffer.alloc(40, 7)]));
    await withStore(dir, async (client) => {
      expect(await client.db('t').collection('c').countDocuments()).to.equal(5);
      await client.db('t').collection('c').insertOne({ i: 5 });
    });
    expect(statSync(path).size).to.be.greaterThan(goodSize);
    await withStore(dir, async (client) => {
      expect(await client.db('t').collection('c').countDocuments(), 'writes after the truncation are kept').to.equal(6);
    });
    appendFileSync(path, Buffer.alloc(4096));
    await withStore(dir, async (client) => {
      expect(await client.db('t').collection('c').countDocuments(), 'a zero-filled tail is a torn tail too').to.equal(6);
    });
  });

  for (const [label, offset] of [
    ['记录内容', 40],
    ['记录长度字段', 5],
  ] as const) {
    it(`中间记录的${label}损坏：拒绝启动，给出清楚的错误`, async function () {
      await withStore(dir, async (client) => {
        const coll = client.db('t').collection('c');
        for (let i = 0; i < 3; i++) await coll.insertOne({ i, text: 'some text to corrupt' });
      });
      const path = join(dir, journals(dir)[0] as string);
      const bytes = readFileSync(path);
      bytes[offset] = (bytes[offset] as number) ^ 0xff;
      writeFileSync(path, bytes);
      let err: unknown;
      try {
        await startEmbeddedMongo({ dbPath: dir });
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(CorruptStoreError);
      expect((err as Error).message).to.contain('数据文件已损坏').and.contain('refusing to start');
      expect(readFileSync(path).equals(bytes), 'the damaged file is left untouched').to.equal(true);
      const again = await startEmbeddedMongo({ dbPath: dir }).catch((e: unknown) => e);
      expect(again, 'the lock was released after the refusal').to.be.instanceOf(CorruptStoreError);
    });
  }

  it('同一目录第二个实例被拒绝（同进程与跨进程），死进程留下的锁被接管', async function () {
    const first = await startEmbeddedMongo({ dbPath: dir });
    try {
      const err = await startEmbeddedMongo({ dbPath: dir }).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(StoreLockedError);
      expect((err as Error).message).to.contain('正被另一个运行中的进程').and.contain('in use by another running process');
      expect(await findRunningStore(dir)).to.equal(first.uri);
    } finally {
      await first.close();
    }
    expect(await findRunningStore(dir)).to.equal(undefined);

    const holder = spawnWriter(dir, 'hold');
    const uri = await holder.started;
    try {
      expect(await findRunningStore(dir)).to.equal(uri);
      const err = await startEmbeddedMongo({ dbPath: dir }).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(StoreLockedError);
    } finally {
      holder.child.kill('SIGKILL');
      await killed(holder.child);
    }
    expect(await findRunningStore(dir), 'a dead holder is not reported').to.equal(undefined);
    const taken = await startEmbeddedMongo({ dbPath: dir });
    await taken.close();
  });

  it('压缩（快照 + 新日志）后重启，数据和索引都在', async function () {
    await withStore(
      dir,
      async (client, store) => {
        const coll = client.db('t').collection<{ _id: number; email: string; n: number }>('users');
        await coll.createIndex({ email: 1 }, { unique: true });
        for (let i = 0; i < 300; i++) await coll.insertOne({ _id: i, email: `u${i}@x`, n: i });
        await coll.updateMany({ n: { $lt: 100 } }, { $inc: { n: 1000 } });
        await coll.deleteMany({ n: { $gte: 200, $lt: 300 } });
        await store.compact();
        await coll.insertOne({ _id: 1000, email: 'after@x', n: -1 });
        await client.db('t').collection('other').insertOne({ k: 1 });
      },
      { compactThresholdBytes: 8 * 1024 },
    );
    expect(existsSync(join(dir, 'snapshot.bin'))).to.equal(true);
    expect(journals(dir)).to.have.length(1);
    expect(journals(dir)[0]).to.not.equal('journal-000001.log');
    await withStore(dir, async (client) => {
      const coll = client.db('t').collection<{ _id: number; email: string; n: number }>('users');
      expect(await coll.countDocuments()).to.equal(201);
      expect((await coll.findOne({ _id: 5 }))?.n).to.equal(1005);
      expect(await coll.findOne({ _id: 250 })).to.equal(null);
      expect((await coll.findOne({ _id: 1000 }))?.email).to.equal('after@x');
      const dup = await coll.insertOne({ _id: 2000, email: 'u5@x', n: 0 }).catch((e: unknown) => e);
      expect((dup as { code?: number }).code, 'the unique index survived compaction').to.equal(11000);
      expect(await client.db('t').collection('other').countDocuments()).to.equal(1);
    });
  });

  it('压缩做到一半崩溃：新快照 + 遗留旧日志、或旧快照 + 两代日志，都能恢复', async function () {
    const ids = async (client: MongoClient): Promise<unknown[]> => (await client.db('t').collection('c').find().toArray()).map((d) => d['_id']);
    await withStore(dir, async (client) => {
      await client.db('t').collection('c').insertMany([{ _id: 1 }, { _id: 2 }] as never[]);
    });
    const keep = (name: string): string => {
      const copy = join(dir, `${name}.saved`);
      copyFileSync(join(dir, name), copy);
      return copy;
    };
    const journal1 = keep('journal-000001.log');
    await withStore(dir, async (client, store) => {
      await store.compact();
      await client.db('t').collection('c').insertOne({ _id: 3 } as never);
      await client.db('t').collection('c').deleteOne({ _id: 1 } as never);
    });
    expect(journals(dir)).to.deep.equal(['journal-000002.log']);
    const snapshot2 = keep('snapshot.bin');
    const journal2 = keep('journal-000002.log');

    // Crashed after the rename, before the old journal was deleted (and a stale temp file).
    copyFileSync(journal1, join(dir, 'journal-000001.log'));
    writeFileSync(join(dir, 'snapshot.bin.tmp'), 'half-written');
    await withStore(dir, async (client) => {
      expect(await ids(client)).to.deep.equal([2, 3]);
    });
    expect(journals(dir), 'the superseded journal is removed').to.deep.equal(['journal-000002.log']);
    expect(existsSync(join(dir, 'snapshot.bin.tmp'))).to.equal(false);

    // Crashed before the rename: the old snapshot and both journal generations are on disk.
    await withStore(dir, async (client, store) => {
      await store.compact();
      await client.db('t').collection('c').insertOne({ _id: 4 } as never);
    });
    copyFileSync(snapshot2, join(dir, 'snapshot.bin'));
    copyFileSync(journal2, join(dir, 'journal-000002.log'));
    expect(journals(dir)).to.deep.equal(['journal-000002.log', 'journal-000003.log']);
    await withStore(dir, async (client) => {
      expect(await ids(client)).to.deep.equal([2, 3, 4]);
    });
  });
});
