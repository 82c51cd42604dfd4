/**
 * The in-memory state of all databases, and the only way to change it.
 *
 * Every change goes through a method here, which applies it to the collection and hands a
 * `JournalOp` describing the result (never the command that caused it) to the sink. The durable
 * layer writes those ops to the journal; replaying them on start rebuilds exactly this state.
 * Ops are state-based (`put` the whole document, `delete` by id), so replay needs no query or
 * update logic and cannot diverge from what the client was told.
 */
import { serialize, UUID } from 'bson';
import { keyOf } from '../bson/keys.js';
import { toWire, type PlainDoc } from '../bson/typed.js';
import { CommandError, ErrorCodes } from '../errors.js';
import { Collection } from './collection.js';
import type { IndexSpec } from './indexes.js';

export type JournalOp =
  | { readonly op: 'create'; readonly db: string; readonly coll: string; readonly options: PlainDoc; readonly uuid: UUID }
  | { readonly op: 'drop'; readonly db: string; readonly coll: string }
  | { readonly op: 'dropDatabase'; readonly db: string }
  | { readonly op: 'createIndex'; readonly db: string; readonly coll: string; readonly spec: IndexSpec }
  | { readonly op: 'dropIndex'; readonly db: string; readonly coll: string; readonly name: string }
  | { readonly op: 'put'; readonly db: string; readonly coll: string; readonly doc: PlainDoc; readonly bytes?: Buffer }
  | { readonly op: 'delete'; readonly db: string; readonly coll: string; readonly id: unknown }
  | { readonly op: 'rename'; readonly db: string; readonly coll: string; readonly toDb: string; readonly toColl: string };

export type OpSink = (op: JournalOp) => void;

const INVALID_DB = /[/\\. "$*<>:|?\0]/;

export function checkNamespace(db: string, coll?: string): void {
  if (db.length === 0 || db.length > 64 || INVALID_DB.test(db)) throw new CommandError(ErrorCodes.InvalidNamespace, `Invalid database name: '${db}'`);
  if (coll === undefined) return;
  if (coll.length === 0 || coll.includes('\0') || coll.includes('$') || coll.startsWith('.') || coll.endsWith('.')) {
    throw new CommandError(ErrorCodes.InvalidNamespace, `Invalid collection name: ${coll}`);
  }
}

export class Store {
  readonly #dbs = new Map<string, Map<string, Collection>>();
  #sink: OpSink = () => {};
  /** Bumped on every change; lets observers (compaction) know whether anything happened. */
  changes = 0;

  /** Where ops go; the durable layer sets it once recovery has replayed the journal. */
  setSink(sink: OpSink): void {
    this.#sink = sink;
  }

  #emit(op: JournalOp): void {
    this.changes += 1;
    this.#sink(op);
  }

  databases(): string[] {
    return [...this.#dbs.keys()].filter((d) => (this.#dbs.get(d)?.size ?? 0) > 0);
  }

  collections(db: string): Collection[] {
    return [...(this.#dbs.get(db)?.values() ?? [])];
  }

  collection(db: string, name: string): Collection | undefined {
    return this.#dbs.get(db)?.get(name);
  }

  /** Explicit `create`: fails with NamespaceExists (48) when the collection is there already. */
  createCollection(db: string, name: string, options: PlainDoc = {}, uuid: UUID = new UUID()): Collection {
    checkNamespace(db, name);
    if (this.collection(db, name)) throw new CommandError(ErrorCodes.NamespaceExists, `Collection ${db}.${name} already exists.`);
    let colls = this.#dbs.get(db);
    if (!colls) {
      colls = new Map();
      this.#dbs.set(db, colls);
    }
    const coll = new Collection(db, name, options, uuid);
    colls.set(name, coll);
    this.#emit({ op: 'create', db, coll: name, options, uuid });
    return coll;
  }

  /** The collection, created implicitly (as inserts and upserts do) when missing. */
  ensureCollection(db: string, name: string): Collection {
    return this.collection(db, name) ?? this.createCollection(db, name);
  }

  dropCollection(db: string, name: string): Collection | undefined {
    const coll = this.collection(db, name);
    if (!coll) return undefined;
    this.#dbs.get(db)?.delete(name);
    if (this.#dbs.get(db)?.size === 0) this.#dbs.delete(db);
    this.#emit({ op: 'drop', db, coll: name });
    return coll;
  }

  dropDatabase(db: string): boolean {
    if (!this.#dbs.has(db)) return false;
    this.#dbs.delete(db);
    this.#emit({ op: 'dropDatabase', db });
    return true;
  }

  renameCollection(db: string, name: string, toDb: string, toName: string): void {
    const coll = this.collection(db, name);
    if (!coll) throw new CommandError(ErrorCodes.NamespaceNotFound, `Source collection ${db}.${name} does not exist`);
    checkNamespace(toDb, toName);
    const moved = new Collection(toDb, toName, coll.options, coll.uuid);
    for (const [id, doc] of coll.docs) moved.docs.set(id, doc);
    for (const index of coll.indexes.values()) moved.addIndex(index.spec);
    this.#dbs.get(db)?.delete(name);
    if (this.#dbs.get(db)?.size === 0) this.#dbs.delete(db);
    let colls = this.#dbs.get(toDb);
    if (!colls) {
      colls = new Map();
      this.#dbs.set(toDb, colls);
    }
    colls.set(toName, moved);
    this.#emit({ op: 'rename', db, coll: name, toDb, toColl: toName });
  }

  createIndex(coll: Collection, spec: IndexSpec): void {
    coll.addIndex(spec);
    this.#emit({ op: 'createIndex', db: coll.db, coll: coll.name, spec });
  }

  dropIndex(coll: Collection, name: string): void {
    coll.dropIndex(name);
    this.#emit({ op: 'dropIndex', db: coll.db, coll: coll.name, name });
  }

  insert(coll: Collection, doc: PlainDoc, errPrefix?: string): void {
    const bytes = encodeDocument(doc);
    coll.insert(doc, errPrefix);
    this.#emit({ op: 'put', db: coll.db, coll: coll.name, doc, bytes });
  }

  replace(coll: Collection, prev: PlainDoc, next: PlainDoc): void {
    const bytes = encodeDocument(next);
    coll.replace(prev, next);
    this.#emit({ op: 'put', db: coll.db, coll: coll.name, doc: next, bytes });
  }

  remove(coll: Collection, doc: PlainDoc): void {
    coll.remove(doc);
    this.#emit({ op: 'delete', db: coll.db, coll: coll.name, id: doc['_id'] });
  }

  /** Re-applies a journal op during recovery (the sink is not called). */
  replay(op: JournalOp): void {
    const sink = this.#sink;
    this.#sink = () => {};
    try {
      this.#replay(op);
    } finally {
      this.#sink = sink;
    }
  }

  #replay(op: JournalOp): void {
    switch (op.op) {
      case 'create':
        if (!this.collection(op.db, op.coll)) this.createCollection(op.db, op.coll, op.options, op.uuid);
        return;
      case 'drop':
        this.dropCollection(op.db, op.coll);
        return;
      case 'dropDatabase':
        this.dropDatabase(op.db);
        return;
      case 'rename':
        this.renameCollection(op.db, op.coll, op.toDb, op.toColl);
        return;
      case 'createIndex': {
        const coll = this.ensureCollection(op.db, op.coll);
        if (!coll.indexes.has(op.spec.name)) coll.addIndex(op.spec);
        return;
      }
      case 'dropIndex':
        this.collection(op.db, op.coll)?.dropIndex(op.name);
        return;
      case 'put': {
        const coll = this.ensureCollection(op.db, op.coll);
        const prev = coll.get(Collection.idKey(op.doc));
        if (prev) coll.replace(prev, op.doc);
        else coll.insert(op.doc);
        return;
      }
      case 'delete': {
        const coll = this.collection(op.db, op.coll);
        const prev = coll?.get(keyOf(op.id));
        if (coll && prev) coll.remove(prev);
        return;
      }
    }
  }
}

/** MongoDB's document size limit. */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/**
 * Encodes a document before it is stored: this enforces the 16 MiB limit and guarantees the
 * journal can record the change, before anything in memory has changed.
 */
export function encodeDocument(doc: PlainDoc): Buffer {
  let bytes: Buffer;
  try {
    bytes = Buffer.from(serialize(toWire(doc)));
  } catch (err) {
    throw new CommandError(ErrorCodes.BadValue, `document cannot be stored: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    throw new CommandError(ErrorCodes.BSONObjectTooLarge, `object to insert too large. size in bytes: ${bytes.length}, max size: ${MAX_DOCUMENT_BYTES}`);
  }
  return bytes;
}
