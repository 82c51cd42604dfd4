/**
 * Journal ops to BSON and back. Documents are written in their wire form (numeric tags applied)
 * and read back through the same type layer as client input, so a restart restores exactly the
 * BSON types the client stored.
 */
import { deserialize, serialize, UUID } from 'bson';
import { docFromWire, fromWire, isPlainObject, setTags, toWire, type PlainDoc } from '../bson/typed.js';
import type { IndexSpec } from '../engine/indexes.js';
import type { JournalOp } from '../engine/store.js';
import { CorruptStoreError } from '../errors.js';

export function encodeOp(op: JournalOp): Buffer {
  if (op.op === 'put') {
    // The document was encoded already (size check before the store changed): splice it in.
    const head = Buffer.from(serialize({ op: 'put', db: op.db, coll: op.coll }));
    const doc = op.bytes ?? Buffer.from(serialize(toWire(op.doc)));
    const name = Buffer.from('doc\0', 'utf8');
    const out = Buffer.allocUnsafe(head.length + 1 + name.length + doc.length);
    head.copy(out, 0, 0, head.length - 1);
    let p = head.length - 1;
    out[p++] = 0x03;
    name.copy(out, p);
    p += name.length;
    doc.copy(out, p);
    p += doc.length;
    out[p] = 0;
    out.writeInt32LE(out.length, 0);
    return out;
  }
  return Buffer.from(serialize({ ...op }));
}

const str = (v: unknown): string => {
  if (typeof v !== 'string') throw new TypeError('expected a string');
  return v;
};

export function decodeOp(bytes: Buffer, file: string, offset: number): JournalOp | { op: 'meta'; fields: PlainDoc } {
  let raw: Record<string, unknown>;
  try {
    raw = deserialize(bytes, { promoteValues: false, promoteBuffers: false });
  } catch (err) {
    throw new CorruptStoreError(file, offset, `undecodable op: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    const db = (): string => str(raw['db']);
    const coll = (): string => str(raw['coll']);
    switch (raw['op']) {
      case 'create': {
        const uuid = raw['uuid'];
        return { op: 'create', db: db(), coll: coll(), options: fromWire(raw['options'] ?? {}) as PlainDoc, uuid: uuid instanceof UUID ? uuid : new UUID() };
      }
      case 'drop':
        return { op: 'drop', db: db(), coll: coll() };
      case 'dropDatabase':
        return { op: 'dropDatabase', db: db() };
      case 'createIndex':
        return { op: 'createIndex', db: db(), coll: coll(), spec: fromWire(raw['spec']) as IndexSpec };
      case 'dropIndex':
        return { op: 'dropIndex', db: db(), coll: coll(), name: str(raw['name']) };
      case 'put': {
        const doc = raw['doc'];
        if (!isPlainObject(doc)) throw new TypeError('put without a document');
        const { doc: plain, tags } = docFromWire(doc);
        return { op: 'put', db: db(), coll: coll(), doc: setTags(plain, tags) };
      }
      case 'delete':
        return { op: 'delete', db: db(), coll: coll(), id: fromWire(raw['id']) };
      case 'rename':
        return { op: 'rename', db: db(), coll: coll(), toDb: str(raw['toDb']), toColl: str(raw['toColl']) };
      default:
        return { op: 'meta', fields: fromWire(raw) as PlainDoc };
    }
  } catch (err) {
    if (err instanceof CorruptStoreError) throw err;
    throw new CorruptStoreError(file, offset, `malformed op: ${err instanceof Error ? err.message : String(err)}`);
  }
}
