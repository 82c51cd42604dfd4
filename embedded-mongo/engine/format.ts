/**
 * Values printed the way the MongoDB shell prints them, for the `dup key: { … }` part of E11000
 * messages (people and log searches match on that text).
 */
import { Decimal128, Long, ObjectId } from 'bson';
import { isPlainObject } from '../bson/typed.js';

export function formatValue(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof ObjectId) return `ObjectId('${v.toHexString()}')`;
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (v instanceof Long) return `${v.toString()}`;
  if (v instanceof Decimal128) return `NumberDecimal("${v.toString()}")`;
  if (Array.isArray(v)) return `[ ${v.map(formatValue).join(', ')} ]`;
  if (isPlainObject(v)) return formatObject(v);
  return String(v);
}

export function formatObject(o: Record<string, unknown>): string {
  const keys = Object.keys(o);
  if (keys.length === 0) return '{}';
  return `{ ${keys.map((k) => `${k}: ${formatValue(o[k])}`).join(', ')} }`;
}
