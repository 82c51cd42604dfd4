/** BSON type names as MongoDB spells them in error messages. */
import { Binary, Decimal128, Long, ObjectId, Timestamp } from 'bson';
import { encodesAsInt32, isPlainObject } from '../bson/typed.js';

export function bsonTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'missing';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return encodesAsInt32(v) ? 'int' : 'double';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof ObjectId) return 'objectId';
  if (v instanceof Long) return 'long';
  if (v instanceof Decimal128) return 'decimal';
  if (v instanceof Binary) return 'binData';
  if (v instanceof Timestamp) return 'timestamp';
  if (v instanceof RegExp) return 'regex';
  if (isPlainObject(v)) return 'object';
  return 'unknown';
}

export function isNumeric(v: unknown): boolean {
  return typeof v === 'number' || v instanceof Long || v instanceof Decimal128;
}
