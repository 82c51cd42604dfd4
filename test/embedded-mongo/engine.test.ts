/**
 * The pieces under the wire: record framing, the numeric type layer, canonical keys, index
 * planning and update semantics, tested without a server.
 */
import { expect } from 'chai';
import { Decimal128, Double, Long, ObjectId, deserialize, serialize } from 'bson';
import { keyOf } from '../../embedded-mongo/bson/keys.js';
import { docFromWire, setTags, tagsOf, toWire } from '../../embedded-mongo/bson/typed.js';
import { Collection } from '../../embedded-mongo/engine/collection.js';
import { plan } from '../../embedded-mongo/engine/plan.js';
import { Store } from '../../embedded-mongo/engine/store.js';
import { applyUpdate, buildUpsert, parseUpdate } from '../../embedded-mongo/engine/update.js';
import { CommandError, CorruptStoreError } from '../../embedded-mongo/errors.js';
import { encodeRecord, scanRecords } from '../../embedded-mongo/storage/records.js';

function typed(doc: Record<string, unknown>): Record<string, unknown> {
  return deserialize(serialize(doc), { promoteValues: false });
}

function fromClient(doc: Record<string, unknown>): Record<string, unknown> {
  const { doc: plain, tags } = docFromWire(typed(doc));
  return setTags(plain, tags);
}

function update(doc: Record<string, unknown>, u: Record<string, unknown> | unknown[], filter: Record<string, unknown> = {}): Record<string, unknown> {
  const { doc: plainU, tags } = docFromWire(typed({ u }));
  return applyUpdate(doc, parseUpdate(plainU['u'], new Map([...tags].filter(([k]) => k.startsWith('u.')).map(([k, t]) => [k.slice(2), t]))), { filter, arrayFilters: undefined }).doc;
}

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof CommandError ? err.code : -1;
  }
  return undefined;
}

describe('embedded-mongo · 引擎', function () {
  describe('日志记录格式', function () {
    const recs = [encodeRecord(Buffer.from(serialize({ a: 1 }))), encodeRecord(Buffer.from(serialize({ b: 2 }))), encodeRecord(Buffer.from(serialize({ c: 3 })))];
    const file = Buffer.concat(recs);

    it('完整文件读出全部记录', function () {
      const scan = scanRecords(file, 'j');
      expect(scan.payloads).to.have.length(3);
      expect(scan.tornBytes).to.equal(0);
    });

    it('末尾半条记录（任意截断点）算撕裂，之前的都在', function () {
      const last = recs[2] as Buffer;
      for (let cut = 1; cut < last.length; cut++) {
        const scan = scanRecords(file.subarray(0, file.length - cut), 'j');
        expect(scan.payloads, `cut ${cut}`).to.have.length(2);
        expect(scan.tornBytes).to.equal(last.length - cut);
      }
    });

    it('中间任意一个字节坏了都拒绝（不会悄悄丢掉后面的记录）', function () {
      const firstTwo = (recs[0] as Buffer).length + (recs[1] as Buffer).length;
      for (let i = 0; i < firstTwo; i++) {
        const bad = Buffer.from(file);
        bad[i] = (bad[i] as number) ^ 0x55;
        expect(() => scanRecords(bad, 'j'), `byte ${i}`).to.throw(CorruptStoreError);
      }
    });
  });

  describe('数值类型标记', function () {
    it('double 1.0 与 int64 5 原样编码回去；普通数字不带标记', function () {
      const doc = fromClient({ d: new Double(1), l: Long.fromNumber(5), n: 3, f: 1.5, arr: [new Double(2)] });
      expect([...tagsOf(doc)]).to.deep.equal([['d', 'double'], ['l', 'long'], ['arr.0', 'double']]);
      const back = deserialize(serialize(toWire(doc)), { promoteValues: false });
      expect(back['d']).to.be.instanceOf(Double);
      expect(back['l']).to.be.instanceOf(Long);
      expect((back['arr'] as unknown[])[0]).to.be.instanceOf(Double);
      expect(tagsOf(fromClient({ n: 3, s: 'x' })).size).to.equal(0);
    });

    it('$set 换成 int32 去掉标记，$rename 带走标记，$unset 清掉', function () {
      const doc = fromClient({ _id: 1, d: new Double(1), l: Long.fromNumber(5) });
      expect(tagsOf(update(doc, { $set: { d: 2 } })).has('d')).to.equal(false);
      expect([...tagsOf(update(doc, { $rename: { l: 'm' } }))]).to.deep.equal([['d', 'double'], ['m', 'long']]);
      expect([...tagsOf(update(doc, { $unset: { d: '' } }))]).to.deep.equal([['l', 'long']]);
      expect(tagsOf(update(doc, { $set: { x: new Double(4) } })).get('x')).to.equal('double');
      expect(tagsOf(update(doc, { $inc: { n: new Double(1) } })).get('n'), '$inc by a double makes a double').to.equal('double');
    });
  });

  describe('规范键', function () {
    it('数值不分类型相等，null 等于缺失，嵌入文档看字段顺序', function () {
      expect(keyOf(1)).to.equal(keyOf(Long.fromNumber(1)));
      expect(keyOf(null)).to.equal(keyOf(undefined));
      expect(keyOf({ a: 1, b: 2 })).to.not.equal(keyOf({ b: 2, a: 1 }));
      expect(keyOf('1')).to.not.equal(keyOf(1));
      const id = new ObjectId();
      expect(keyOf(id)).to.equal(keyOf(new ObjectId(id.toHexString())));
      expect(keyOf(new Date(5))).to.not.equal(keyOf(5));
    });
  });

  describe('查询计划', function () {
    const store = new Store();
    const coll = store.createCollection('db', 'c');
    store.createIndex(coll, { v: 2, key: { email: 1 }, name: 'email_1', unique: true });
    store.createIndex(coll, { v: 2, key: { a: 1, b: 1 }, name: 'a_1_b_1' });
    store.createIndex(coll, { v: 2, key: { p: 1 }, name: 'p_1', partialFilterExpression: { on: true } });

    it('等值条件走索引（含 $in、$and、复合键），范围与部分索引走扫描', function () {
      expect(plan(coll, { email: 'x' })).to.include({ kind: 'ids', index: 'email_1' });
      expect(plan(coll, { email: { $in: ['x', 'y'] }, other: 1 })).to.include({ kind: 'ids', index: 'email_1' });
      expect(plan(coll, { $and: [{ a: 1 }, { b: { $eq: 2 } }] })).to.include({ kind: 'ids', index: 'a_1_b_1' });
      expect(plan(coll, { _id: new ObjectId() })).to.include({ kind: 'ids', index: '_id_' });
      expect(plan(coll, { a: 1 }).kind, 'a compound index needs every field').to.equal('scan');
      expect(plan(coll, { email: { $gt: 'a' } }).kind).to.equal('scan');
      expect(plan(coll, { email: /x/ }).kind).to.equal('scan');
      expect(plan(coll, { p: 1, on: true }).kind, 'partial indexes are not used for lookups').to.equal('scan');
    });

    it('唯一冲突在改动之前就被拒绝，集合保持原样', function () {
      store.insert(coll, { _id: 1, email: 'a' });
      store.insert(coll, { _id: 2, email: 'b' });
      expect(codeOf(() => store.insert(coll, { _id: 3, email: 'a' }))).to.equal(11000);
      const two = coll.get(Collection.idKey({ _id: 2 })) as Record<string, unknown>;
      expect(codeOf(() => store.replace(coll, two, { _id: 2, email: 'a' }))).to.equal(11000);
      expect(coll.size).to.equal(2);
      const p = plan(coll, { email: 'b' });
      expect(p.kind === 'ids' ? [...p.ids] : []).to.deep.equal([keyOf(2)]);
    });
  });

  describe('更新与 upsert', function () {
    it('upsert 从过滤条件取等值字段（含 $and、$eq、点路径），再套 $set 和 $setOnInsert，_id 放最前', function () {
      const spec = parseUpdate({ $set: { n: 1 }, $setOnInsert: { created: 'now' } }, new Map());
      const doc = buildUpsert({ $and: [{ 'profile.tier': 'gold' }, { email: { $eq: 'e' } }], age: { $gt: 3 } }, new Map(), spec, { filter: {}, arrayFilters: undefined });
      expect(Object.keys(doc)[0]).to.equal('_id');
      expect(doc['_id']).to.be.instanceOf(ObjectId);
      expect(doc).to.deep.include({ profile: { tier: 'gold' }, email: 'e', n: 1, created: 'now' });
      expect(doc).to.not.have.property('age');
    });

    it('过滤条件里有 $or（租约写法）时 upsert 照样套上 $set', function () {
      const spec = parseUpdate({ $set: { owner: 'a', until: 10 } }, new Map());
      const filter = { _id: 'sender', $or: [{ until: { $lte: 5 } }, { owner: 'a' }] };
      expect(buildUpsert(filter, new Map(), spec, { filter, arrayFilters: undefined })).to.deep.equal({ _id: 'sender', owner: 'a', until: 10 });
    });

    it('替换式 upsert 只从过滤条件拿 _id', function () {
      const spec = parseUpdate({ name: 'x' }, new Map());
      expect(buildUpsert({ _id: 7, name: 'y', k: 1 }, new Map(), spec, { filter: {}, arrayFilters: undefined })).to.deep.equal({ _id: 7, name: 'x' });
    });

    it('$set 与 $setOnInsert 同一路径冲突 → 40；未知操作符 → 9', function () {
      const spec = parseUpdate({ $set: { a: 1 }, $setOnInsert: { a: 2 } }, new Map());
      expect(codeOf(() => buildUpsert({}, new Map(), spec, { filter: {}, arrayFilters: undefined }))).to.equal(40);
      expect(codeOf(() => parseUpdate({ $foo: { a: 1 } }, new Map()))).to.equal(9);
      expect(codeOf(() => parseUpdate([{ $match: {} }], new Map()))).to.equal(72);
    });

    it('Decimal128 上的 $inc 明确拒绝，而不是算错', function () {
      const doc = fromClient({ _id: 1, amount: Decimal128.fromString('10.10') });
      expect(codeOf(() => update(doc, { $inc: { amount: 1 } }))).to.equal(238);
      expect(codeOf(() => update(doc, { $inc: { other: Decimal128.fromString('1') } }))).to.equal(238);
      expect(String(update(doc, { $set: { amount: Decimal128.fromString('12.00') } })['amount'])).to.equal('12.00');
    });

    it('存储的文档从不被原地修改', function () {
      const doc = fromClient({ _id: 1, o: { a: 1 }, arr: [1] });
      const snapshot = JSON.stringify(doc);
      update(doc, { $set: { 'o.b': 2 }, $push: { arr: 2 } });
      update(doc, [{ $set: { 'o.c': 3 } }]);
      expect(JSON.stringify(doc)).to.equal(snapshot);
    });
  });
});
