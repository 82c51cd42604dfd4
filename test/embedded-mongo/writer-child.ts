/**
 * Child process for the durability tests: opens the store on argv[2], prints `uri <uri>`, then
 * writes from several concurrent loops and prints one line per *acknowledged* write:
 *   ins <id>        the insert of document <id> was acknowledged
 *   upd <id> <v>    the update setting document <id>'s counter to <v> was acknowledged
 * The parent kills it with SIGKILL at some point and checks every acknowledged write survived.
 */
import '../helpers/promise-with-resolvers.js';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../../embedded-mongo/index.js';

const dir = process.argv[2];
const mode = process.argv[3] ?? 'write';
if (!dir) throw new Error('usage: writer-child.ts <dbPath> [write|hold]');

const store = await startEmbeddedMongo({ dbPath: dir, compactThresholdBytes: Number(process.env['EM_COMPACT_AT'] ?? 64 * 1024 * 1024) });
process.stdout.write(`uri ${store.uri}\n`);
if (mode === 'hold') {
  await new Promise(() => {});
}
const client = new MongoClient(store.uri, { maxPoolSize: 8 });
await client.connect();
const coll = client.db('durability').collection<{ _id: number; v: number; pad: string }>('docs');
await coll.createIndex({ v: 1, _id: 1 });
const pad = 'x'.repeat(200);
let next = 0;

async function loop(worker: number): Promise<void> {
  for (;;) {
    const id = next++;
    await coll.insertOne({ _id: id, v: 0, pad });
    process.stdout.write(`ins ${id}\n`);
    if (id % 3 === worker % 3 && id > 0) {
      const target = id - 1;
      const res = await coll.findOneAndUpdate({ _id: target }, { $inc: { v: 1 } }, { returnDocument: 'after' });
      if (res) process.stdout.write(`upd ${target} ${res.v}\n`);
    }
  }
}

await Promise.all([0, 1, 2, 3].map(loop));
