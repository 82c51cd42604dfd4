/**
 * Secondary indexes: hash maps from the canonical key of a document's indexed values to the ids
 * of the documents holding them. They enforce `unique` (without scanning) and answer equality
 * lookups; range queries and sorts still scan (see README).
 *
 * MongoDB's rules kept here: a missing field indexes as null (so two documents without the field
 * collide in a unique index unless it is sparse or partial); an array indexes each element
 * (multikey), compound keys take the cross product; `sparse` skips documents missing every indexed
 * field; `partialFilterExpression` skips documents not matching it.
 */
import { keyOf, tupleKey } from '../bson/keys.js';
import { valuesAtPath } from '../bson/paths.js';
import type { PlainDoc } from '../bson/typed.js';
import { CommandError, ErrorCodes } from '../errors.js';
import { formatObject } from './format.js';
import { compileFilter, type Query } from './mingo.js';

/** An index as listIndexes shows it (`v`, `key`, `name` plus whatever options it was created with). */
export interface IndexSpec {
  readonly v: number;
  readonly key: Readonly<Record<string, unknown>>;
  readonly name: string;
  readonly [option: string]: unknown;
}

export const ID_INDEX_SPEC: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/** Index options that change what an index accepts; two specs differing here are different indexes. */
export const SEMANTIC_OPTIONS = ['unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds', 'collation', 'hidden'] as const;

interface KeyEntry {
  readonly key: string;
  readonly values: readonly unknown[];
}

export function duplicateKeyError(ns: string, spec: IndexSpec, values: readonly unknown[], prefix = ''): CommandError {
  const fields = Object.keys(spec.key);
  const keyValue: Record<string, unknown> = {};
  fields.forEach((f, i) => {
    keyValue[f] = values[i] ?? null;
  });
  const keyPattern = { ...spec.key };
  return new CommandError(
    ErrorCodes.DuplicateKey,
    `${prefix}E11000 duplicate key error collection: ${ns} index: ${spec.name} dup key: ${formatObject(keyValue)}`,
    { keyPattern, keyValue },
  );
}

export class Index {
  readonly spec: IndexSpec;
  readonly fields: readonly string[];
  readonly unique: boolean;
  readonly sparse: boolean;
  readonly expireAfterSeconds: number | undefined;
  readonly #partial: Query | undefined;
  /** canonical key → ids (canonical `_id` keys) of the documents holding it */
  readonly #entries = new Map<string, Set<string>>();

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.fields = Object.keys(spec.key);
    this.unique = spec['unique'] === true;
    this.sparse = spec['sparse'] === true;
    const ttl = spec['expireAfterSeconds'];
    this.expireAfterSeconds = typeof ttl === 'number' ? ttl : undefined;
    const partial = spec['partialFilterExpression'];
    this.#partial = partial && typeof partial === 'object' ? compileFilter(partial as Record<string, unknown>) : undefined;
  }

  get name(): string {
    return this.spec.name;
  }

  /** Whether equality lookups may use this index (partial indexes would miss documents). */
  get usableForEquality(): boolean {
    return this.#partial === undefined;
  }

  /** The keys `doc` contributes (none when sparse/partial exclude it). */
  entriesOf(doc: PlainDoc): KeyEntry[] {
    if (this.#partial && !this.#partial.test(doc)) return [];
    const perField: unknown[][] = [];
    let present = false;
    for (const f of this.fields) {
      const vals = valuesAtPath(doc, f);
      if (vals.length > 0) present = true;
      perField.push(vals.length > 0 ? vals : [null]);
    }
    if (this.sparse && !present) return [];
    const out = new Map<string, KeyEntry>();
    const walk = (i: number, acc: unknown[]): void => {
      if (i === perField.length) {
        const key = tupleKey(acc);
        if (!out.has(key)) out.set(key, { key, values: acc.slice() });
        return;
      }
      for (const v of perField[i] as unknown[]) {
        acc.push(v);
        walk(i + 1, acc);
        acc.pop();
      }
    };
    walk(0, []);
    return [...out.values()];
  }

  keysOf(doc: PlainDoc): string[] {
    return this.entriesOf(doc).map((e) => e.key);
  }

  /** The first key of `doc` already held by another document, if this index is unique. */
  conflict(doc: PlainDoc, id: string, entries: KeyEntry[] = this.entriesOf(doc)): KeyEntry | undefined {
    if (!this.unique) return undefined;
    for (const e of entries) {
      const holders = this.#entries.get(e.key);
      if (holders) for (const other of holders) if (other !== id) return e;
    }
    return undefined;
  }

  add(id: string, keys: readonly string[]): void {
    for (const k of keys) {
      let set = this.#entries.get(k);
      if (!set) {
        set = new Set();
        this.#entries.set(k, set);
      }
      set.add(id);
    }
  }

  remove(id: string, keys: readonly string[]): void {
    for (const k of keys) {
      const set = this.#entries.get(k);
      if (!set) continue;
      set.delete(id);
      if (set.size === 0) this.#entries.delete(k);
    }
  }

  /** Ids holding the canonical key of `values` (one per field). */
  lookup(values: readonly unknown[]): ReadonlySet<string> | undefined {
    return this.#entries.get(values.length === 1 ? keyOf(values[0]) : tupleKey(values));
  }

  clear(): void {
    this.#entries.clear();
  }
}
