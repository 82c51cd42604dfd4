/**
 * Canonical keys: a string per value such that two values get the same key exactly when MongoDB
 * treats them as equal for an index (numbers by value whatever their BSON type, null equals
 * missing, embedded documents by field order and values). Hash indexes, `_id` lookups and
 * `distinct` are built on them.
 */
import { Binary, Decimal128, Long, ObjectId, Timestamp } from 'bson';
import { isPlainObject } from './typed.js';

type Token = string | Token[];

function token(v: unknown): Token {
  switch (typeof v) {
    case 'undefined':
      return 'z';
    case 'number':
      return `n${Object.is(v, -0) ? 0 : v}`;
    case 'bigint':
      return `n${v.toString()}`;
    case 'string':
      return `s${v}`;
    case 'boolean':
      return v ? 'b1' : 'b0';
    default:
      break;
  }
  if (v === null) return 'z';
  if (v instanceof ObjectId) return `o${v.toHexString()}`;
  if (v instanceof Date) return `t${v.getTime()}`;
  if (v instanceof Long) return `n${v.toString()}`;
  if (v instanceof Decimal128) {
    const n = Number(v.toString());
    return Number.isFinite(n) && String(n) === v.toString() ? `n${n}` : `m${v.toString()}`;
  }
  if (v instanceof Binary) return `x${v.sub_type}:${Buffer.from(v.buffer).toString('base64')}`;
  if (v instanceof Timestamp) return `T${v.toString()}`;
  if (v instanceof RegExp) return `r/${v.source}/${v.flags}`;
  if (Array.isArray(v)) return ['[', ...v.map(token)];
  if (isPlainObject(v)) {
    const out: Token[] = ['{'];
    for (const k of Object.keys(v)) out.push(k, token(v[k]));
    return out;
  }
  const named = v as { _bsontype?: unknown; toString?: () => string };
  return `?${String(named._bsontype ?? 'object')}:${String(named.toString?.() ?? '')}`;
}

/** The canonical key of one value. */
export function keyOf(v: unknown): string {
  const t = token(v);
  return typeof t === 'string' ? t : JSON.stringify(t);
}

/** The canonical key of a tuple of values (compound index entries). */
export function tupleKey(values: readonly unknown[]): string {
  if (values.length === 1) return keyOf(values[0]);
  return JSON.stringify(values.map(token));
}
