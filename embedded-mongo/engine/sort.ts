/**
 * Sorting for find and findAndModify in MongoDB's order, replacing mingo's sort, which reverses
 * the ascending order for a descending sort on arrays (MongoDB uses the largest element) and
 * orders Decimal128 and big int64 values as strings.
 *
 * BSON comparison order: MinKey < null (and missing) < numbers < strings < objects < arrays <
 * binary < ObjectId < booleans < dates < timestamps < regexes < MaxKey. Numbers compare by value
 * whatever their type (Decimal128 through its numeric value, which is approximate beyond 15
 * significant digits). Collation is not applied (README).
 */
import { Binary, Decimal128, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { valuesAtPath } from '../bson/paths.js';
import { isPlainObject, type PlainDoc } from '../bson/typed.js';

function rank(v: unknown): number {
  if (v instanceof MinKey) return 0;
  if (v === null || v === undefined) return 1;
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof Long || v instanceof Decimal128) return 2;
  if (typeof v === 'string') return 3;
  if (isPlainObject(v)) return 4;
  if (Array.isArray(v)) return 5;
  if (v instanceof Binary || v instanceof Uint8Array) return 6;
  if (v instanceof ObjectId) return 7;
  if (typeof v === 'boolean') return 8;
  if (v instanceof Date) return 9;
  if (v instanceof Timestamp) return 10;
  if (v instanceof RegExp) return 11;
  if (v instanceof MaxKey) return 13;
  return 12;
}

function numeric(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Long) return v.toNumber();
  if (v instanceof Decimal128) return Number(v.toString());
  return NaN;
}

const cmp = <T extends string | number | bigint>(a: T, b: T): number => (a < b ? -1 : a > b ? 1 : 0);

/** Compares two BSON values in MongoDB's order. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 2: {
      if (a instanceof Long && b instanceof Long) return a.compare(b);
      const x = numeric(a);
      const y = numeric(b);
      if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : 1;
      return cmp(x, y);
    }
    case 3:
      return cmp(a as string, b as string);
    case 4: {
      const ka = Object.keys(a as PlainDoc);
      const kb = Object.keys(b as PlainDoc);
      for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
        const va = (a as PlainDoc)[ka[i] as string];
        const vb = (b as PlainDoc)[kb[i] as string];
        const byType = rank(va) - rank(vb);
        if (byType !== 0) return byType;
        const byName = cmp(ka[i] as string, kb[i] as string);
        if (byName !== 0) return byName;
        const byValue = compareValues(va, vb);
        if (byValue !== 0) return byValue;
      }
      return ka.length - kb.length;
    }
    case 5: {
      const xa = a as unknown[];
      const xb = b as unknown[];
      for (let i = 0; i < Math.min(xa.length, xb.length); i++) {
        const c = compareValues(xa[i], xb[i]);
        if (c !== 0) return c;
      }
      return xa.length - xb.length;
    }
    case 6: {
      const ba = Buffer.from(a instanceof Binary ? a.buffer : (a as Uint8Array));
      const bb = Buffer.from(b instanceof Binary ? b.buffer : (b as Uint8Array));
      return ba.length - bb.length || Buffer.compare(ba, bb);
    }
    case 7:
      return Buffer.compare(Buffer.from((a as ObjectId).id), Buffer.from((b as ObjectId).id));
    case 8:
      return cmp(Number(a), Number(b));
    case 9:
      return cmp((a as Date).getTime(), (b as Date).getTime());
    case 10:
      return (a as Timestamp).compare(b as Timestamp);
    case 11:
      return cmp(String(a), String(b));
    default:
      return 0;
  }
}

/** The value a document sorts by on `path`: the smallest element ascending, largest descending. */
function sortKey(doc: PlainDoc, path: string, dir: 1 | -1): unknown {
  const values = valuesAtPath(doc, path);
  if (values.length === 0) return null;
  let best = values[0];
  for (let i = 1; i < values.length; i++) {
    const c = compareValues(values[i], best);
    if (dir === 1 ? c < 0 : c > 0) best = values[i];
  }
  return best === undefined ? null : best;
}

/** A stably sorted copy of `docs`. */
export function sortDocs(docs: readonly PlainDoc[], spec: Readonly<Record<string, 1 | -1>>): PlainDoc[] {
  const fields = Object.entries(spec);
  const keyed = docs.map((doc) => ({ doc, keys: fields.map(([path, dir]) => sortKey(doc, path, dir)) }));
  keyed.sort((x, y) => {
    for (let i = 0; i < fields.length; i++) {
      const c = compareValues(x.keys[i], y.keys[i]);
      if (c !== 0) return c * (fields[i] as [string, 1 | -1])[1];
    }
    return 0;
  });
  return keyed.map((k) => k.doc);
}
