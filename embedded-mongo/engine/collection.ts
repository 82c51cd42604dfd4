/**
 * One collection: its documents by `_id` (in natural, i.e. insertion, order) and its indexes.
 *
 * Methods here keep documents and indexes consistent and refuse duplicate keys *before* changing
 * anything, so a rejected write leaves no trace. They know nothing about the journal; the Store
 * calls them and records what happened.
 */
import { UUID } from 'bson';
import { keyOf } from '../bson/keys.js';
import type { PlainDoc } from '../bson/typed.js';
import { CommandError, ErrorCodes } from '../errors.js';
import { duplicateKeyError, ID_INDEX_SPEC, Index, type IndexSpec } from './indexes.js';

export class Collection {
  readonly db: string;
  readonly name: string;
  readonly options: PlainDoc;
  readonly uuid: UUID;
  /** canonical `_id` key → document. Documents are replaced, never mutated. */
  readonly docs = new Map<string, PlainDoc>();
  /** Secondary indexes by name (the `_id_` index is `docs` itself). */
  readonly indexes = new Map<string, Index>();

  constructor(db: string, name: string, options: PlainDoc = {}, uuid: UUID = new UUID()) {
    this.db = db;
    this.name = name;
    this.options = options;
    this.uuid = uuid;
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get size(): number {
    return this.docs.size;
  }

  static idKey(doc: PlainDoc): string {
    return keyOf(doc['_id']);
  }

  get(idKey: string): PlainDoc | undefined {
    return this.docs.get(idKey);
  }

  /** Every index spec, `_id_` first, as listIndexes reports them. */
  specs(): IndexSpec[] {
    return [ID_INDEX_SPEC, ...[...this.indexes.values()].map((i) => i.spec)];
  }

  insert(doc: PlainDoc, errPrefix = ''): void {
    const id = Collection.idKey(doc);
    if (this.docs.has(id)) throw duplicateKeyError(this.ns, ID_INDEX_SPEC, [doc['_id']], errPrefix);
    const planned: [Index, string[]][] = [];
    for (const index of this.indexes.values()) {
      const entries = index.entriesOf(doc);
      const clash = index.conflict(doc, id, entries);
      if (clash) throw duplicateKeyError(this.ns, index.spec, clash.values, errPrefix);
      planned.push([index, entries.map((e) => e.key)]);
    }
    this.docs.set(id, doc);
    for (const [index, keys] of planned) index.add(id, keys);
  }

  /** Swaps `next` in for `prev` (same `_id`). */
  replace(prev: PlainDoc, next: PlainDoc): void {
    const id = Collection.idKey(prev);
    if (Collection.idKey(next) !== id) throw new CommandError(ErrorCodes.ImmutableField, "the (immutable) field '_id' was altered");
    const planned: [Index, string[], string[]][] = [];
    for (const index of this.indexes.values()) {
      const before = index.keysOf(prev);
      const entries = index.entriesOf(next);
      const beforeSet = new Set(before);
      const fresh = entries.filter((e) => !beforeSet.has(e.key));
      const clash = index.conflict(next, id, fresh);
      if (clash) throw duplicateKeyError(this.ns, index.spec, clash.values);
      const afterSet = new Set(entries.map((e) => e.key));
      planned.push([index, before.filter((k) => !afterSet.has(k)), fresh.map((e) => e.key)]);
    }
    this.docs.set(id, next);
    for (const [index, gone, added] of planned) {
      index.remove(id, gone);
      index.add(id, added);
    }
  }

  remove(doc: PlainDoc): void {
    const id = Collection.idKey(doc);
    if (!this.docs.delete(id)) return;
    for (const index of this.indexes.values()) index.remove(id, index.keysOf(doc));
  }

  /** Builds an index over the existing documents; a unique violation aborts without changes. */
  addIndex(spec: IndexSpec): void {
    const index = new Index(spec);
    for (const [id, doc] of this.docs) {
      const entries = index.entriesOf(doc);
      const clash = index.conflict(doc, id, entries);
      if (clash) {
        throw duplicateKeyError(this.ns, spec, clash.values, 'Index build failed: ');
      }
      index.add(id, entries.map((e) => e.key));
    }
    this.indexes.set(spec.name, index);
  }

  dropIndex(name: string): void {
    this.indexes.delete(name);
  }
}
