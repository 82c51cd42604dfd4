/**
 * Deep copy of plain documents. Stored documents are never mutated in place: an update works on a
 * copy and swaps it in, so a failed update leaves nothing half-applied and cursors keep the version
 * they saw. BSON value objects (ObjectId, Decimal128, Binary, Long) are immutable in practice and
 * shared; Dates are copied because they are mutable.
 */
import { isPlainObject, type PlainDoc } from './typed.js';

export function cloneValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(cloneValue);
  if (v instanceof Date) return new Date(v.getTime());
  if (isPlainObject(v)) {
    const out: PlainDoc = {};
    for (const k of Object.keys(v)) out[k] = cloneValue(v[k]);
    return out;
  }
  return v;
}

export function cloneDoc(doc: PlainDoc): PlainDoc {
  return cloneValue(doc) as PlainDoc;
}

/** A copy of `doc` whose first field is `_id` (MongoDB keeps `_id` first; mingo does not). */
export function idFirst(doc: PlainDoc): PlainDoc {
  const keys = Object.keys(doc);
  if (keys[0] === '_id' || !Object.prototype.hasOwnProperty.call(doc, '_id')) return doc;
  const out: PlainDoc = { _id: doc['_id'] };
  for (const k of keys) if (k !== '_id') out[k] = doc[k];
  return out;
}
