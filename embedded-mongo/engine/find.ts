/**
 * Reading documents: filter, sort, skip, limit and projection as `find` does them.
 * Results keep their numeric tags; projected copies get the tags of the paths they kept.
 */
import { idFirst } from '../bson/clone.js';
import { getPath } from '../bson/paths.js';
import { encodesAsInt32, setTags, tagsOf, type PlainDoc, type TypeTag } from '../bson/typed.js';
import { CommandError, ErrorCodes } from '../errors.js';
import type { Collection } from './collection.js';
import { compileFilter, type Query } from './mingo.js';
import { sortDocs } from './sort.js';
import { candidates } from './plan.js';

export interface FindOptions {
  readonly sort?: PlainDoc | undefined;
  readonly skip?: number | undefined;
  /** 0 or undefined: no limit */
  readonly limit?: number | undefined;
  readonly projection?: PlainDoc | undefined;
}

export function compile(filter: PlainDoc): Query {
  try {
    return compileFilter(filter);
  } catch (err) {
    throw new CommandError(ErrorCodes.BadValue, err instanceof Error ? err.message : String(err));
  }
}

/**
 * Documents of `coll` matching `filter`, in natural (or index) order; at most `max` of them
 * (so findOne on a scan stops at the first match).
 */
export function matching(coll: Collection | undefined, filter: PlainDoc, query: Query = compile(filter), max = Infinity): PlainDoc[] {
  if (!coll) return [];
  const out: PlainDoc[] = [];
  try {
    for (const doc of candidates(coll, filter)) {
      if (!query.test(doc)) continue;
      out.push(doc);
      if (out.length >= max) break;
    }
  } catch (err) {
    throw new CommandError(ErrorCodes.BadValue, err instanceof Error ? err.message : String(err));
  }
  return out;
}

/** Sort spec without `$natural` (insertion order is what we return anyway). */
function cleanSort(sort: PlainDoc | undefined): { spec: Record<string, 1 | -1> | undefined; reverse: boolean } {
  if (!sort) return { spec: undefined, reverse: false };
  const spec: Record<string, 1 | -1> = {};
  let reverse = false;
  for (const [k, v] of Object.entries(sort)) {
    const dir = typeof v === 'number' ? v : NaN;
    if (k === '$natural') {
      reverse = dir < 0;
      continue;
    }
    if (dir !== 1 && dir !== -1) {
      if (typeof v === 'object' && v !== null && '$meta' in v) throw new CommandError(ErrorCodes.BadValue, '$meta sort is not supported (no text search)');
      throw new CommandError(ErrorCodes.BadValue, `Invalid sort value for field ${k}: must be 1 or -1`);
    }
    spec[k] = dir;
  }
  return { spec: Object.keys(spec).length > 0 ? spec : undefined, reverse };
}

function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof CommandError) throw err;
    throw new CommandError(ErrorCodes.BadValue, err instanceof Error ? err.message : String(err));
  }
}

/** Copies over the tags of `source` whose paths survived a projection into `projected`. */
export function carryTags(source: PlainDoc, projected: PlainDoc): PlainDoc {
  const tags = tagsOf(source);
  if (tags.size === 0) return projected;
  const kept = new Map<string, TypeTag>();
  for (const [path, tag] of tags) {
    const v = getPath(projected, path);
    if (typeof v === 'number' && (tag === 'long' || encodesAsInt32(v))) kept.set(path, tag);
  }
  return setTags(projected, kept);
}

export function hasProjection(projection: PlainDoc | undefined): projection is PlainDoc {
  return projection !== undefined && Object.keys(projection).length > 0;
}

/** Applies a find-style projection (positional `$`, `$slice`, `$elemMatch` included) to `docs`. */
export function project(docs: PlainDoc[], query: Query, projection: PlainDoc | undefined): PlainDoc[] {
  if (!hasProjection(projection)) return docs;
  const projected = wrap(() => query.find(docs, projection).all() as PlainDoc[]);
  return projected.map((p, i) => carryTags(docs[i] as PlainDoc, idFirst(p)));
}

export function find(coll: Collection | undefined, filter: PlainDoc, opts: FindOptions = {}): PlainDoc[] {
  const query = compile(filter);
  const { spec, reverse } = cleanSort(opts.sort);
  const skip = opts.skip ?? 0;
  const limit = opts.limit ?? 0;
  const enough = !spec && !reverse && limit !== 0 ? skip + Math.abs(limit) : Infinity;
  let docs = matching(coll, filter, query, enough);
  if (reverse) docs.reverse();
  if (spec) docs = sortDocs(docs, spec);
  if (skip < 0) throw new CommandError(ErrorCodes.BadValue, 'skip value must be non-negative');
  if (skip > 0 || limit !== 0) docs = docs.slice(skip, limit === 0 ? undefined : skip + Math.abs(limit));
  return project(docs, query, opts.projection);
}
