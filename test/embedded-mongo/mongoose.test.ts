/**
 * Conformance through mongoose: what the app's models do, checked against the embedded store
 * (or a real MongoDB with MONGODB_URI set — same expectations).
 */
import { expect } from 'chai';
import mongoose, { Schema, type Connection } from 'mongoose';
import { startTarget, type Target } from './target.js';

interface UserDoc {
  email: string;
  name?: string;
  n?: number;
  tags?: string[];
  createdAt?: Date;
  updatedAt?: Date;
}

interface RequestDoc {
  status: 'pending' | 'approved' | 'rejected';
  by?: string;
  seq: number;
}

describe('embedded-mongo · 通过 mongoose 使用', function () {
  let target: Target;
  let conn: Connection;
  let User: mongoose.Model<UserDoc>;
  let LeaveRequest: mongoose.Model<RequestDoc>;

  before(async function () {
    target = await startTarget();
    conn = await mongoose.createConnection(target.uri, { dbName: target.dbName, serverSelectionTimeoutMS: 5000, autoIndex: false }).asPromise();
    User = conn.model<UserDoc>(
      'User',
      new Schema<UserDoc>({ email: { type: String, required: true, unique: true }, name: String, n: Number, tags: [String] }, { timestamps: true }),
    );
    LeaveRequest = conn.model<RequestDoc>('LeaveRequest', new Schema<RequestDoc>({ status: { type: String, required: true }, by: String, seq: Number }));
    await User.createCollection();
    await User.createIndexes();
    await LeaveRequest.createCollection();
  });

  after(async function () {
    await conn?.close();
    await target?.stop();
  });

  beforeEach(async function () {
    await User.deleteMany({});
    await LeaveRequest.deleteMany({});
  });

  it('findOneAndUpdate 带投影：更新后不再匹配条件的文档照样返回', async function () {
    const r = await LeaveRequest.create({ status: 'pending', seq: 1 });
    const after = await LeaveRequest.findOneAndUpdate({ _id: r._id, status: 'pending' }, { $set: { status: 'approved', by: 'lina' } }, { returnDocument: 'after', projection: { status: 1, by: 1 } }).lean();
    expect(after?.status).to.equal('approved');
    expect(after?.by).to.equal('lina');
    expect(after !== null && 'seq' in after).to.equal(false);
  });

  it('增删改查：create → findOne → updateOne → deleteOne', async function () {
    const created = await User.create({ email: 'li@x.cn', name: '李雷', n: 1 });
    const found = await User.findOne({ email: 'li@x.cn' }).lean();
    expect(found?._id.toString()).to.equal(created._id.toString());
    expect(found?.createdAt).to.be.instanceOf(Date);
    const upd = await User.updateOne({ _id: created._id }, { $set: { name: '韩梅梅' }, $inc: { n: 2 } });
    expect(upd.matchedCount).to.equal(1);
    expect(upd.modifiedCount).to.equal(1);
    expect((await User.findById(created._id).lean())?.n).to.equal(3);
    const same = await User.updateOne({ _id: created._id }, { $set: { name: '韩梅梅' } }, { timestamps: false });
    expect(same.modifiedCount, 'setting the same value modifies nothing').to.equal(0);
    expect((await User.deleteOne({ _id: created._id })).deletedCount).to.equal(1);
    expect(await User.countDocuments()).to.equal(0);
  });

  it('重复邮箱 → mongoose 报 E11000，带 keyValue 和 keyPattern', async function () {
    await User.create({ email: 'dup@x.cn' });
    let caught: unknown;
    try {
      await User.create({ email: 'dup@x.cn' });
    } catch (err) {
      caught = err;
    }
    const e = caught as { code?: number; keyValue?: unknown; keyPattern?: unknown; message?: string; name?: string };
    expect(e.name).to.equal('MongoServerError');
    expect(e.code).to.equal(11000);
    expect(e.keyValue).to.deep.equal({ email: 'dup@x.cn' });
    expect(e.keyPattern).to.deep.equal({ email: 1 });
    expect(e.message).to.match(new RegExp(`^E11000 duplicate key error collection: ${target.dbName}\\.users index: email_1 dup key: \\{ email: "dup@x\\.cn" \\}`));
  });

  it('insertMany 有序：遇到重复即停；无序：其余照常写入', async function () {
    await User.create({ email: 'b@x.cn' });
    let ordered: unknown;
    try {
      await User.insertMany([{ email: 'a@x.cn' }, { email: 'b@x.cn' }, { email: 'c@x.cn' }]);
    } catch (err) {
      ordered = err;
    }
    expect((ordered as { code?: number }).code).to.equal(11000);
    expect((await User.find().sort({ email: 1 }).lean()).map((u) => u.email)).to.deep.equal(['a@x.cn', 'b@x.cn']);

    await User.deleteMany({});
    await User.create({ email: 'b@x.cn' });
    let unordered: unknown;
    try {
      await User.insertMany([{ email: 'a@x.cn' }, { email: 'b@x.cn' }, { email: 'c@x.cn' }], { ordered: false });
    } catch (err) {
      unordered = err;
    }
    const bulk = unordered as { name?: string; code?: number; insertedDocs?: unknown[]; writeErrors?: unknown[] };
    expect(bulk.name).to.equal('MongoBulkWriteError');
    expect(bulk.code).to.equal(11000);
    expect(bulk.insertedDocs).to.have.length(2);
    expect(bulk.writeErrors).to.have.length(1);
    expect(await User.countDocuments()).to.equal(3);
  });

  it('upsert：$setOnInsert 只在插入时生效，过滤条件里的值写进新文档', async function () {
    const first = await User.findOneAndUpdate(
      { email: 'new@x.cn', name: { $eq: '新人' } },
      { $set: { tags: ['vip'] }, $setOnInsert: { n: 100 } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    expect(first?.email).to.equal('new@x.cn');
    expect(first?.name).to.equal('新人');
    expect(first?.tags).to.deep.equal(['vip']);
    expect(first?.n).to.equal(100);
    expect(first?.createdAt).to.be.instanceOf(Date);
    const second = await User.findOneAndUpdate(
      { email: 'new@x.cn' },
      { $set: { name: '老人' }, $setOnInsert: { n: 1 } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    expect(second?._id.toString()).to.equal(first?._id.toString());
    expect(second?.n, '$setOnInsert ignored on update').to.equal(100);
    expect(second?.createdAt?.getTime()).to.equal(first?.createdAt?.getTime());
    const res = await User.updateOne({ email: 'other@x.cn' }, { $set: { n: 7 } }, { upsert: true });
    expect(res.upsertedCount).to.equal(1);
    expect((await User.findById(res.upsertedId).lean())?.email).to.equal('other@x.cn');
  });

  it('两个客户端同时审批同一请求：只有一个成功', async function () {
    const requests = await LeaveRequest.insertMany(Array.from({ length: 30 }, (_, seq) => ({ status: 'pending' as const, seq })));
    const other = await mongoose.createConnection(target.uri, { dbName: target.dbName, autoIndex: false }).asPromise();
    try {
      const OtherRequest = other.model<RequestDoc>('LeaveRequest', LeaveRequest.schema);
      const race = requests.flatMap((r) => [
        LeaveRequest.findOneAndUpdate({ _id: r._id, status: 'pending' }, { $set: { status: 'approved', by: 'A' } }, { returnDocument: 'after' }).lean(),
        OtherRequest.findOneAndUpdate({ _id: r._id, status: 'pending' }, { $set: { status: 'rejected', by: 'B' } }, { returnDocument: 'after' }).lean(),
      ]);
      const results = await Promise.all(race);
      for (let i = 0; i < requests.length; i++) {
        const winners = [results[2 * i], results[2 * i + 1]].filter((r) => r !== null);
        expect(winners, `request ${i}`).to.have.length(1);
        const stored = await LeaveRequest.findById(requests[i]?._id).lean();
        expect(stored?.by).to.equal(winners[0]?.by);
      }
    } finally {
      await other.close();
    }
  });

  it('游标：超过 101 条要 getMore，排序、skip、limit 正确', async function () {
    await User.insertMany(Array.from({ length: 250 }, (_, i) => ({ email: `u${String(i).padStart(3, '0')}@x.cn`, n: i })));
    const all = await User.find().sort({ n: -1 }).lean();
    expect(all).to.have.length(250);
    expect(all[0]?.n).to.equal(249);
    expect(all[249]?.n).to.equal(0);
    let seen = 0;
    for await (const u of User.find({ n: { $gte: 10 } }).sort({ email: 1 }).cursor({ batchSize: 30 })) {
      expect(u.n).to.equal(seen + 10);
      seen += 1;
    }
    expect(seen).to.equal(240);
    const page = await User.find().sort({ n: 1 }).skip(100).limit(5).select({ email: 1 }).lean();
    expect(page.map((u) => u.email)).to.deep.equal(['u100@x.cn', 'u101@x.cn', 'u102@x.cn', 'u103@x.cn', 'u104@x.cn']);
    expect(Object.keys(page[0] ?? {})[0], 'projection keeps _id first').to.equal('_id');
  });

  it('countDocuments / estimatedDocumentCount / distinct', async function () {
    await User.insertMany([
      { email: 'a@x.cn', tags: ['hr', 'it'] },
      { email: 'b@x.cn', tags: ['it'] },
      { email: 'c@x.cn', tags: [] },
    ]);
    expect(await User.countDocuments({ tags: 'it' })).to.equal(2);
    expect(await User.countDocuments({}, { skip: 1, limit: 1 })).to.equal(1);
    expect(await User.estimatedDocumentCount()).to.equal(3);
    expect((await User.distinct('tags')).sort()).to.deep.equal(['hr', 'it']);
    expect(await User.distinct('email', { tags: 'hr' })).to.deep.equal(['a@x.cn']);
  });

  it('syncIndexes：TTL、部分唯一索引建好后再同步不增不删', async function () {
    const schema = new Schema({ key: String, at: Date, kind: String });
    schema.index({ at: 1 }, { expireAfterSeconds: 3600 });
    schema.index({ key: 1 }, { unique: true, partialFilterExpression: { key: { $type: 'string' } } });
    const Claim = conn.model('Claim', schema);
    await Claim.syncIndexes();
    expect(await Claim.syncIndexes(), 'nothing to drop the second time').to.deep.equal([]);
    const diff = await Claim.diffIndexes();
    expect(diff.toDrop).to.deep.equal([]);
    expect(diff.toCreate).to.deep.equal([]);
    await Claim.create([{ kind: 'a' }, { kind: 'b' }]);
    await Claim.create({ key: 'k' });
    let dup: unknown;
    try {
      await Claim.create({ key: 'k' });
    } catch (err) {
      dup = err;
    }
    expect((dup as { code?: number }).code).to.equal(11000);
  });

  it('save() 改文档、replaceOne 保留 _id', async function () {
    const u = await User.create({ email: 's@x.cn', n: 1 });
    u.n = 2;
    u.tags = ['a'];
    await u.save();
    expect((await User.findById(u._id).lean())?.tags).to.deep.equal(['a']);
    await User.replaceOne({ _id: u._id }, { email: 's2@x.cn' });
    const replaced = await User.findById(u._id).lean();
    expect(replaced?.email).to.equal('s2@x.cn');
    expect(replaced?.n).to.equal(undefined);
  });
});
