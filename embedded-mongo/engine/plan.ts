/**
 * Picks the documents a filter can possibly match, using `_id` or a hash index when the filter
 * holds an equality (or `$in`) on every field of the index; otherwise every document. Callers
 * still test each candidate against the full filter, so a plan only ever narrows.
 */
import { keyOf } from '../bson/keys.js';
import { isPlainObject, type PlainDoc } from '../bson/typed.js';
import type { Collection } from './collection.js';
import type { Index } from './indexes.js';

/** Above this many value combinations a compound `$in` lookup is not worth it. */
const MAX_LOOKUPS = 1000;

function usable(v: unknown): boolean {
  if (v instanceof RegExp || Array.isArray(v)) return false;
  if (isPlainObject(v)) return !Object.keys(v).some((k) => k.startsWith('$'));
  return true;
}

/** The values a condition pins its field to, or undefined when it is not an equality. */
function equalityValues(cond: unknown): unknown[] | undefined {
  if (isPlainObject(cond)) {
    const keys = Object.keys(cond);
    if (keys.length > 0 && keys[0]?.startsWith('$')) {
      if (keys.length === 1 && '$eq' in cond) return usable(cond['$eq']) ? [cond['$eq']] : undefined;
      if (keys.length === 1 && '$in' in cond) {
        const list = cond['$in'];
        return Array.isArray(list) && list.every(usable) ? list : undefined;
      }
      return undefined;
    }
  }
  return usable(cond) ? [cond] : undefined;
}

/** field → the values it must equal one of, from the top level of the filter and its `$and`s. */
export function equalities(filter: PlainDoc, out = new Map<string, unknown[]>()): Map<string, unknown[]> {
  for (const [key, cond] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(cond)) {
      for (const sub of cond) if (isPlainObject(sub)) equalities(sub, out);
      continue;
    }
    if (key.startsWith('$')) continue;
    const values = equalityValues(cond);
    if (values && !out.has(key)) out.set(key, values);
  }
  return out;
}

function product(lists: readonly unknown[][]): unknown[][] | undefined {
  let out: unknown[][] = [[]];
  for (const list of lists) {
    const next: unknown[][] = [];
    for (const prefix of out) for (const v of list) next.push([...prefix, v]);
    if (next.length > MAX_LOOKUPS) return undefined;
    out = next;
  }
  return out;
}

function lookupIndex(index: Index, eq: Map<string, unknown[]>): Set<string> | undefined {
  if (!index.usableForEquality) return undefined;
  const lists: unknown[][] = [];
  for (const f of index.fields) {
    const values = eq.get(f);
    if (!values) return undefined;
    if (index.sparse && values.some((v) => v === null || v === undefined)) return undefined;
    lists.push(values);
  }
  const combos = product(lists);
  if (!combos) return undefined;
  const ids = new Set<string>();
  for (const combo of combos) for (const id of index.lookup(combo) ?? []) ids.add(id);
  return ids;
}

export type Plan = { readonly kind: 'scan' } | { readonly kind: 'ids'; readonly index: string; readonly ids: ReadonlySet<string> };

export function plan(coll: Collection, filter: PlainDoc): Plan {
  const eq = equalities(filter);
  if (eq.size === 0) return { kind: 'scan' };
  const idValues = eq.get('_id');
  if (idValues) return { kind: 'ids', index: '_id_', ids: new Set(idValues.map(keyOf)) };
  let best: { index: string; ids: Set<string> } | undefined;
  for (const index of coll.indexes.values()) {
    const ids = lookupIndex(index, eq);
    if (ids && (!best || ids.size < best.ids.size)) best = { index: index.name, ids };
    if (best && best.ids.size <= 1) break;
  }
  return best ? { kind: 'ids', ...best } : { kind: 'scan' };
}

/**
 * The candidate documents for `filter`, in natural order for scans. Iterate it before changing
 * the collection (a scan walks the live map).
 */
export function candidates(coll: Collection, filter: PlainDoc): Iterable<PlainDoc> {
  const p = plan(coll, filter);
  if (p.kind === 'scan') return coll.docs.values();
  const out: PlainDoc[] = [];
  for (const id of p.ids) {
    const doc = coll.get(id);
    if (doc) out.push(doc);
  }
  return out;
}
