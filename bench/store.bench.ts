/**
 * Embedded store over the wire (official driver): inserts into a collection with a unique index,
 * then point lookups on the indexed field and on `_id`, in insertion order. A scan would find the
 * first documents quickly and the last ones slowly, so a last/first-1,000 cost ratio near 1 shows
 * lookups go through the index; lookups on an unindexed field show what a scan costs.
 * Everything is warmed up first so the ratio is not a JIT artefact.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient, ObjectId } from 'mongodb';
import { startEmbeddedMongo } from '../embedded-mongo/index.js';

export const title = 'embedded-mongo: inserts with a unique index, point lookups';

const N = 10_000;
const CONCURRENCY = 8;

interface Row {
  _id: ObjectId;
  email: string;
  name: string;
  dept: string;
  n: number;
}

function rate(ops: number, ms: number): string {
  return `${Math.round((ops / ms) * 1000).toLocaleString('en-US')} ops/s`;
}

async function timed(count: number, op: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await op(i);
    times.push(performance.now() - t);
  }
  return times;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

function report(print: (line: string) => void, label: string, times: number[]): void {
  const total = sum(times);
  const first = sum(times.slice(0, 1000));
  const last = sum(times.slice(-1000));
  print(`${label.padEnd(34)} ${rate(times.length, total).padStart(14)}   last/first 1,000 cost ratio ${(last / first).toFixed(2)}`);
}

export async function run(print: (line: string) => void): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'em-bench-'));
  const store = await startEmbeddedMongo({ dbPath: dir });
  const client = new MongoClient(store.uri, { maxPoolSize: CONCURRENCY });
  try {
    await client.connect();
    const coll = client.db('bench').collection<Row>('people');
    await coll.createIndex({ email: 1 }, { unique: true });
    const ids: ObjectId[] = [];
    const row = (i: number): Row => {
      const _id = new ObjectId();
      ids[i] = _id;
      return { _id, email: `user${i}@example.cn`, name: `员工${i}`, dept: `d${i % 20}`, n: i };
    };

    const warm = client.db('bench').collection('warmup');
    await warm.createIndex({ k: 1 }, { unique: true });
    for (let i = 0; i < 300; i++) await warm.insertOne({ k: i, name: `w${i}` });
    for (let i = 0; i < 2000; i++) await warm.findOne({ k: i % 300 });
    for (let i = 0; i < 2000; i++) await warm.findOne({ _id: new ObjectId() });

    const serialN = 1000;
    const serial = await timed(serialN, (i) => coll.insertOne(row(i)));
    print(`${'insertOne, one client, serial'.padEnd(34)} ${rate(serialN, sum(serial)).padStart(14)}   (each waits for its fsync)`);

    let next = serialN;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < N; i = next++) await coll.insertOne(row(i));
      }),
    );
    const concurrentMs = performance.now() - started;
    print(`${`insertOne, ${CONCURRENCY} concurrent clients`.padEnd(34)} ${rate(N - serialN, concurrentMs).padStart(14)}   (group commit shares fsyncs)`);

    for (let i = 0; i < 3000; i++) await coll.findOne({ email: `user${(i * 7919) % N}@example.cn` });
    for (let i = 0; i < 3000; i++) await coll.findOne({ _id: ids[(i * 7919) % N] as ObjectId });
    report(print, 'findOne by unique email', await timed(N, (i) => coll.findOne({ email: `user${i}@example.cn` })));
    report(print, 'findOne by _id', await timed(N, (i) => coll.findOne({ _id: ids[i] as ObjectId })));
    const scanIds = [...Array.from({ length: 100 }, (_, i) => i), ...Array.from({ length: 100 }, (_, i) => N - 100 + i)];
    const scans = await timed(scanIds.length, (i) => coll.findOne({ name: `员工${scanIds[i] ?? 0}` }));
    const early = sum(scans.slice(0, 100));
    const late = sum(scans.slice(100));
    print(`${'findOne by unindexed name (scan)'.padEnd(34)} ${rate(scans.length, sum(scans)).padStart(14)}   last/first 100 cost ratio ${(late / early).toFixed(2)} (what a scan looks like)`);
    const count = await coll.countDocuments();
    print(`documents: ${count.toLocaleString('en-US')}`);
  } finally {
    await client.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
