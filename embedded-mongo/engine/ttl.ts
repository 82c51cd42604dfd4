/**
 * TTL: documents whose indexed date (the earliest, for an array of dates) is older than the
 * index's `expireAfterSeconds` are deleted by a periodic sweep, like MongoDB's TTL monitor
 * (which runs every 60 s; ours every few seconds, configurable). Documents without a date in the
 * field never expire.
 */
import { valuesAtPath } from '../bson/paths.js';
import type { PlainDoc } from '../bson/typed.js';
import { Collection } from './collection.js';
import type { Store } from './store.js';

export function sweepExpired(store: Store, now: number): number {
  let removed = 0;
  for (const db of store.databases()) {
    for (const coll of store.collections(db)) {
      for (const index of coll.indexes.values()) {
        if (index.expireAfterSeconds === undefined || index.fields.length !== 1) continue;
        const field = index.fields[0] as string;
        const cutoff = now - index.expireAfterSeconds * 1000;
        const expired: PlainDoc[] = [];
        for (const doc of coll.docs.values()) {
          let earliest = Infinity;
          for (const v of valuesAtPath(doc, field)) if (v instanceof Date && v.getTime() < earliest) earliest = v.getTime();
          if (earliest <= cutoff && index.keysOf(doc).length > 0) expired.push(doc);
        }
        for (const doc of expired) {
          // Another TTL index of the same collection may have removed it already.
          if (coll.get(Collection.idKey(doc)) !== doc) continue;
          store.remove(coll, doc);
          removed += 1;
        }
      }
    }
  }
  return removed;
}
