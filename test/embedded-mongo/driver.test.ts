/**
 * Conformance through the official driver: commands, error codes and BSON types as MongoDB
 * answers them. Runs against the embedded store, or a real MongoDB with MONGODB_URI set.
 */
import { expect } from 'chai';
import { Binary, Decimal128, Double, Int32, Long, ObjectId, type CommandStartedEvent, type Db, type Document, type MongoClient, type UpdateFilter } from 'mongodb';
import { eventually, startTarget, type Target } from './target.js';

/** An update the driver's types would refuse: we want the server's answer to it. */
const untyped = (u: Document): UpdateFilter<Document> => u;

async function codeOf(p: Promise<unknown>): Promise<number | undefined> {
  try {
    await p;
  } catch (err) {
    return (err as { code?: number }).code;
  }
  return undefined;
}

describe('embedded-mongo · 官方驱动', function () {
  let target: Target;
  let client: MongoClient;
  let db: Db;
  const started: CommandStartedEvent[] = [];

  before(async function () {
    target = await startTarget();
    client = await target.client({ monitorCommands: true });
    client.on('commandStarted', (e) => started.push(e));
    db = client.db(target.dbName);
  });

  after(async function () {
    await target?.stop();
  });

  beforeEach(async function () {
    started.length = 0;
    await db.dropDatabase();
  });

  it('ping、buildInfo、hello 正常；未知命令回 59', async function () {
    expect((await db.command({ ping: 1 }))['ok']).to.equal(1);
    const info = await db.admin().command({ buildInfo: 1 });
    expect(info['version']).to.be.a('string');
    const hello = await db.admin().command({ hello: 1 });
    expect(hello['isWritablePrimary']).to.equal(true);
    expect(hello['maxWireVersion']).to.be.at.least(9);
    expect(await codeOf(db.command({ noSuchCommand: 1 }))).to.equal(59);
  });

  it('游标：250 条分批 getMore；killCursors 之后 getMore 回 43', async function () {
    const coll = db.collection('items');
    await coll.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
    const docs = await coll.find().toArray();
    expect(docs).to.have.length(250);
    expect(started.filter((e) => e.commandName === 'getMore').length).to.be.at.least(1);

    const cursor = coll.find({}, { batchSize: 10 });
    expect((await cursor.next())?.['i']).to.equal(0);
    const id = cursor.id;
    expect(id).to.be.instanceOf(Long);
    await cursor.close();
    expect(started.some((e) => e.commandName === 'killCursors')).to.equal(true);
    expect(await codeOf(db.command({ getMore: id as Long, collection: 'items' }))).to.equal(43);
    const killed = await db.command({ killCursors: 'items', cursors: [Long.fromNumber(12345)] });
    expect(killed['cursorsNotFound']).to.have.length(1);
  });

  it('一批最多 16 MiB：三个 7 MiB 的文档分两批返回', async function () {
    const coll = db.collection('big');
    const blob = 'x'.repeat(7 * 1024 * 1024);
    for (let i = 0; i < 3; i++) await coll.insertOne({ i, blob });
    started.length = 0;
    const docs = await coll.find({}, { projection: { i: 1, blob: 1 } }).toArray();
    expect(docs.map((d) => d['i'])).to.deep.equal([0, 1, 2]);
    expect(started.filter((e) => e.commandName === 'getMore').length).to.be.at.least(1);
  });

  it('updateMany 用 arrayFilters 改数组里符合条件的元素', async function () {
    const coll = db.collection('orders');
    await coll.insertOne({ _id: new ObjectId(), items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 1 }, { sku: 'b', qty: 5 }] });
    const res = await coll.updateMany({}, { $inc: { 'items.$[it].qty': 10 } }, { arrayFilters: [{ 'it.sku': 'b' }] });
    expect(res.modifiedCount).to.equal(1);
    const doc = await coll.findOne({});
    expect((doc?.['items'] as { qty: number }[]).map((x) => x.qty)).to.deep.equal([1, 11, 15]);
    await coll.updateOne({ 'items.sku': 'a' }, { $set: { 'items.$.qty': 7 } });
    expect(((await coll.findOne({}))?.['items'] as { qty: number }[])[0]?.qty).to.equal(7);
  });

  it('管道更新、$push $each $sort $slice、$addToSet、$pull、$rename、$unset', async function () {
    const coll = db.collection<{ _id: number; a?: number; aa?: number; b?: number; tags: string[]; scores?: number[] }>('p');
    await coll.insertOne({ _id: 1, a: 2, tags: ['x'] });
    await coll.updateOne({ _id: 1 }, [{ $set: { b: { $add: ['$a', 1] } } }]);
    await coll.updateOne({ _id: 1 }, { $push: { scores: { $each: [5, 1, 3], $sort: -1, $slice: 2 } } });
    await coll.updateOne({ _id: 1 }, { $addToSet: { tags: { $each: ['x', 'y'] } }, $rename: { a: 'aa' }, $unset: { b: '' } });
    await coll.updateOne({ _id: 1 }, { $pull: { tags: 'x' } });
    const doc = await coll.findOne({ _id: 1 });
    expect(doc).to.deep.equal({ _id: 1, tags: ['y'], scores: [5, 3], aa: 2 });
  });

  it('类型错误：$inc 字符串回 14，$push 到非数组回 2，改 _id 回 66', async function () {
    const coll = db.collection('t');
    await coll.insertOne({ k: 1, s: 'text', n: 1 });
    expect(await codeOf(coll.updateOne({ k: 1 }, { $inc: { s: 1 } }))).to.equal(14);
    expect(await codeOf(coll.updateOne({ k: 1 }, untyped({ $inc: { n: 'x' } })))).to.equal(14);
    expect(await codeOf(coll.updateOne({ k: 1 }, untyped({ $push: { s: 1 } })))).to.equal(2);
    expect(await codeOf(coll.updateOne({ k: 1 }, { $set: { 'n.deeper': 1 } }))).to.equal(28);
    expect(await codeOf(coll.updateOne({ k: 1 }, { $set: { _id: new ObjectId() } }))).to.equal(66);
    expect(await codeOf(coll.replaceOne({ k: 1 }, { _id: new ObjectId(), k: 1 }))).to.equal(66);
    expect(await coll.findOne({ k: 1 }, { projection: { _id: 0 } })).to.deep.equal({ k: 1, s: 'text', n: 1 });
  });

  it('findOneAndUpdate 撞唯一索引：顶层 11000 带 keyValue', async function () {
    const coll = db.collection('u');
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.insertMany([{ email: 'a' }, { email: 'b' }]);
    let err: unknown;
    try {
      await coll.findOneAndUpdate({ email: 'b' }, { $set: { email: 'a' } });
    } catch (e) {
      err = e;
    }
    const e = err as { code?: number; keyValue?: unknown; codeName?: string };
    expect(e.code).to.equal(11000);
    expect(e.codeName).to.equal('DuplicateKey');
    expect(e.keyValue).to.deep.equal({ email: 'a' });
  });

  it('唯一索引：缺字段算 null；sparse 与 partial 不算；复合键；建索引时检查已有数据', async function () {
    const coll = db.collection('idx');
    await coll.createIndex({ code: 1 }, { unique: true });
    await coll.insertOne({ x: 1 });
    expect(await codeOf(coll.insertOne({ x: 2 })), 'two missing codes collide').to.equal(11000);
    const sparse = db.collection('sparse');
    await sparse.createIndex({ code: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ x: 1 }, { x: 2 }]);
    const partial = db.collection('partial');
    await partial.createIndex({ code: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await partial.insertMany([{ code: 'a', active: false }, { code: 'a', active: true }]);
    expect(await codeOf(partial.insertOne({ code: 'a', active: true }))).to.equal(11000);
    const compound = db.collection('compound');
    await compound.createIndex({ a: 1, b: 1 }, { unique: true });
    await compound.insertMany([{ a: 1, b: 1 }, { a: 1, b: 2 }]);
    expect(await codeOf(compound.insertOne({ a: 1, b: 2 }))).to.equal(11000);
    const multikey = db.collection('multikey');
    await multikey.createIndex({ tags: 1 }, { unique: true });
    await multikey.insertOne({ tags: ['a', 'b'] });
    expect(await codeOf(multikey.insertOne({ tags: ['c', 'b'] }))).to.equal(11000);
    const existing = db.collection('existing');
    await existing.insertMany([{ e: 1 }, { e: 1 }]);
    expect(await codeOf(existing.createIndex({ e: 1 }, { unique: true }))).to.equal(11000);
    expect((await existing.indexes()).map((i) => i.name)).to.deep.equal(['_id_']);
  });

  it('索引管理：listIndexes / dropIndexes / 冲突码 85 86 27 26，create 已存在回 48', async function () {
    const coll = db.collection('m');
    await db.createCollection('m');
    expect(await codeOf(db.createCollection('m'))).to.equal(48);
    await coll.createIndex({ a: 1 }, { name: 'a_1' });
    await coll.createIndex({ a: 1 }, { name: 'a_1' });
    expect(await codeOf(coll.createIndex({ a: 1 }, { name: 'other' }))).to.equal(85);
    expect(await codeOf(coll.createIndex({ b: 1 }, { name: 'a_1' }))).to.equal(86);
    expect(await codeOf(coll.createIndex({ a: 1 }, { name: 'a_1', unique: true }))).to.equal(86);
    await coll.createIndex({ b: -1, c: 1 });
    expect((await coll.listIndexes().toArray()).map((i) => i['name'])).to.deep.equal(['_id_', 'a_1', 'b_-1_c_1']);
    await coll.dropIndex('a_1');
    expect(await codeOf(coll.dropIndex('a_1'))).to.equal(27);
    expect(await codeOf(coll.dropIndex('_id_'))).to.equal(72);
    await coll.dropIndexes();
    expect((await coll.indexes()).map((i) => i.name)).to.deep.equal(['_id_']);
    expect(await codeOf(db.collection('missing').listIndexes().toArray())).to.equal(26);
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).to.deep.equal(['m']);
    expect(await db.collection('m').drop()).to.equal(true);
  });

  it('聚合：$match $lookup $unwind $group $sort $facet，countDocuments', async function () {
    const users = db.collection<{ _id: number; name: string; dept: string }>('users');
    const leaves = db.collection('leaves');
    await users.insertMany([
      { _id: 1, name: '张三', dept: 'hr' },
      { _id: 2, name: '李四', dept: 'it' },
      { _id: 3, name: '王五', dept: 'it' },
    ]);
    await leaves.insertMany([
      { user: 1, days: 1 },
      { user: 2, days: 2 },
      { user: 2, days: 3 },
      { user: 3, days: 0.5 },
    ]);
    const perDept = await leaves
      .aggregate([
        { $lookup: { from: 'users', localField: 'user', foreignField: '_id', as: 'u' } },
        { $unwind: '$u' },
        { $group: { _id: '$u.dept', days: { $sum: '$days' }, n: { $sum: 1 } } },
        { $sort: { days: -1 } },
      ])
      .toArray();
    expect(perDept).to.deep.equal([
      { _id: 'it', days: 5.5, n: 3 },
      { _id: 'hr', days: 1, n: 1 },
    ]);
    const [facets] = await users
      .aggregate([{ $facet: { it: [{ $match: { dept: 'it' } }, { $count: 'n' }], names: [{ $sort: { _id: -1 } }, { $project: { _id: 0, name: 1 } }] } }])
      .toArray();
    expect(facets).to.deep.equal({ it: [{ n: 2 }], names: [{ name: '王五' }, { name: '李四' }, { name: '张三' }] });
    expect(await leaves.countDocuments({ days: { $gte: 1 } })).to.equal(3);
    expect(await users.estimatedDocumentCount()).to.equal(3);
    expect(await users.distinct('dept')).to.have.members(['hr', 'it']);
    const stored = await users.findOne({ _id: 1 });
    expect(stored, 'aggregation never changes stored documents').to.deep.equal({ _id: 1, name: '张三', dept: 'hr' });
    await users.aggregate([{ $set: { 'extra.x': 1 } }, { $unset: 'name' }]).toArray();
    expect(await users.findOne({ _id: 1 })).to.deep.equal({ _id: 1, name: '张三', dept: 'hr' });
  });

  it('TTL：过期文档被清理，未过期和没有日期的留下', async function () {
    this.timeout(90_000);
    await target.speedUpTtl();
    const coll = db.collection('dedupe');
    await coll.createIndex({ at: 1 }, { expireAfterSeconds: 1 });
    const old = new Date(Date.now() - 60_000);
    await coll.insertMany([
      { k: 'old', at: old },
      { k: 'old-array', at: [new Date(), old] },
      { k: 'fresh', at: new Date(Date.now() + 3_600_000) },
      { k: 'no-date', at: 'yesterday' },
    ]);
    const gone = await eventually(async () => (await coll.countDocuments()) === 2, target.kind === 'embedded' ? 3000 : 75_000);
    expect(gone).to.equal(true);
    expect((await coll.find().toArray()).map((d) => d['k']).sort()).to.deep.equal(['fresh', 'no-date']);
  });

  it('BSON 类型原样往返：Double、Int32、Long、Decimal128、Date、ObjectId、Binary', async function () {
    const coll = db.collection('types');
    const oid = new ObjectId();
    const when = new Date('2026-11-22T08:00:00.123Z');
    await coll.insertOne({
      _id: oid,
      d: new Double(1),
      i: new Int32(7),
      l: Long.fromNumber(5),
      big: Long.fromString('9007199254740993'),
      dec: Decimal128.fromString('1234.5600'),
      when,
      bin: new Binary(Buffer.from([1, 2, 3])),
      nested: { d: new Double(2), arr: [new Double(3), Long.fromNumber(4)] },
    });
    const raw = await coll.findOne({ _id: oid }, { promoteValues: false, promoteLongs: false });
    expect(raw?.['d']).to.be.instanceOf(Double);
    expect(raw?.['i']).to.be.instanceOf(Int32);
    expect(raw?.['l']).to.be.instanceOf(Long);
    expect(String(raw?.['big'])).to.equal('9007199254740993');
    expect(String(raw?.['dec'])).to.equal('1234.5600');
    expect((raw?.['when'] as Date).getTime()).to.equal(when.getTime());
    expect(String(raw?.['_id'])).to.equal(oid.toHexString());
    expect(Buffer.from((raw?.['bin'] as Binary).buffer)).to.deep.equal(Buffer.from([1, 2, 3]));
    const nested = raw?.['nested'] as { d: unknown; arr: unknown[] };
    expect(nested.d).to.be.instanceOf(Double);
    expect(nested.arr[0]).to.be.instanceOf(Double);
    expect(nested.arr[1]).to.be.instanceOf(Long);

    await coll.updateOne({ _id: oid }, { $inc: { l: 1, d: 1, i: 1 } });
    const after = await coll.findOne({ _id: oid }, { promoteValues: false, promoteLongs: false });
    expect(after?.['l'], '$inc keeps an int64 an int64').to.be.instanceOf(Long);
    expect(String(after?.['l'])).to.equal('6');
    expect(after?.['d'], '$inc keeps a double a double').to.be.instanceOf(Double);
    expect(after?.['i']).to.be.instanceOf(Int32);
    await coll.updateOne({ _id: oid }, { $set: { d: 3 } });
    expect((await coll.findOne({ _id: oid }, { promoteValues: false }))?.['d'], '$set of an int32 stores an int32').to.be.instanceOf(Int32);

    expect(await coll.countDocuments({ l: 6 }), 'an int64 equals the same number').to.equal(1);
    expect(await coll.countDocuments({ l: { $type: 'long' } })).to.equal(1);
    expect(await coll.countDocuments({ _id: { $type: 'objectId' } })).to.equal(1);
    expect(await coll.countDocuments({ dec: { $type: 'decimal' } })).to.equal(1);
    expect(await coll.countDocuments({ when: { $gte: new Date('2026-01-01') } })).to.equal(1);
  });

  it('投影：_id 在最前，包含/排除/位置投影', async function () {
    const coll = db.collection<{ _id: number; z: number; name: string; arr: { k: number }[] }>('proj');
    await coll.insertOne({ z: 1, name: 'a', _id: 9, arr: [{ k: 1 }, { k: 2 }] });
    const doc = await coll.findOne({}, { projection: { name: 1 } });
    expect(Object.keys(doc ?? {})).to.deep.equal(['_id', 'name']);
    expect(await coll.findOne({}, { projection: { _id: 0, arr: 0, z: 0 } })).to.deep.equal({ name: 'a' });
    expect(await coll.findOne({ 'arr.k': 2 }, { projection: { 'arr.$': 1 } })).to.deep.equal({ _id: 9, arr: [{ k: 2 }] });
  });

  it('排序：数组升序取最小、降序取最大，缺失算 null，Decimal128 按数值', async function () {
    const coll = db.collection<{ _id: number; a?: unknown; dec?: Decimal128 }>('sorted');
    await coll.insertMany([{ _id: 1, a: [1, 5] }, { _id: 2, a: [3] }, { _id: 3 }, { _id: 4, a: null }]);
    expect((await coll.find().sort({ a: 1, _id: 1 }).toArray()).map((d) => d._id)).to.deep.equal([3, 4, 1, 2]);
    expect((await coll.find().sort({ a: -1, _id: 1 }).toArray()).map((d) => d._id)).to.deep.equal([1, 2, 3, 4]);
    expect((await coll.aggregate([{ $sort: { a: -1, _id: 1 } }]).toArray()).map((d) => d['_id']), 'same order in aggregation').to.deep.equal([1, 2, 3, 4]);
    const money = db.collection<{ _id: number; dec: Decimal128 }>('money');
    await money.insertMany(['100', '19.5', '9.99'].map((v, i) => ({ _id: i, dec: Decimal128.fromString(v) })));
    expect((await money.find().sort({ dec: 1 }).toArray()).map((d) => String(d.dec))).to.deep.equal(['9.99', '19.5', '100']);
    expect((await money.aggregate([{ $sort: { dec: -1 } }]).toArray()).map((d) => String(d['dec']))).to.deep.equal(['100', '19.5', '9.99']);
    const mixed = db.collection<{ _id: number; v: unknown }>('mixed');
    await mixed.insertMany([{ _id: 1, v: 'text' }, { _id: 2, v: 10 }, { _id: 3, v: new Date(0) }, { _id: 4, v: true }, { _id: 5, v: { x: 1 } }]);
    expect((await mixed.find().sort({ v: 1 }).toArray()).map((d) => d._id)).to.deep.equal([2, 1, 5, 4, 3]);
  });

  it('delete：limit 1 只删一条，limit 0 删全部', async function () {
    const coll = db.collection('d');
    await coll.insertMany([{ g: 1 }, { g: 1 }, { g: 2 }]);
    expect((await coll.deleteOne({ g: 1 })).deletedCount).to.equal(1);
    expect((await coll.deleteMany({ g: { $gte: 1 } })).deletedCount).to.equal(2);
  });

  it('bulkWrite 混合插入、更新、删除', async function () {
    const coll = db.collection<{ _id: number; v: number }>('bulk');
    const res = await coll.bulkWrite([
      { insertOne: { document: { _id: 1, v: 1 } } },
      { updateOne: { filter: { _id: 1 }, update: { $set: { v: 2 } } } },
      { updateOne: { filter: { _id: 2 }, update: { $set: { v: 3 } }, upsert: true } },
      { deleteOne: { filter: { _id: 1 } } },
    ]);
    expect(res.insertedCount).to.equal(1);
    expect(res.modifiedCount).to.equal(1);
    expect(res.upsertedCount).to.equal(1);
    expect(res.deletedCount).to.equal(1);
    expect(await coll.find().toArray()).to.deep.equal([{ _id: 2, v: 3 }]);
  });

  it('嵌入式：多文档事务像单机 mongod 一样被拒绝（码 20）', async function () {
    if (target.kind !== 'embedded') this.skip();
    const session = client.startSession();
    try {
      session.startTransaction();
      let err: unknown;
      try {
        await db.collection('tx').insertOne({ a: 1 }, { session });
      } catch (e) {
        err = e;
      }
      // The driver rewraps code 20 as "does not support retryable writes", as with a real standalone.
      const original = (err as { originalError?: { code?: number } }).originalError;
      expect(original?.code ?? (err as { code?: number }).code).to.equal(20);
    } finally {
      await session.abortTransaction().catch(() => {});
      await session.endSession();
    }
    expect(await db.collection('tx').countDocuments()).to.equal(0);
  });
});
