/**
 * createIndexes, listIndexes and dropIndexes, with MongoDB's conflict rules: the same name with a
 * different definition is 86 IndexKeySpecsConflict, the same keys under another name is 85
 * IndexOptionsConflict, an identical request is a no-op. Text, geo and wildcard indexes need
 * engines this store does not have, so they are refused instead of silently not working.
 */
import { keyOf } from '../bson/keys.js';
import { isPlainObject, type PlainDoc } from '../bson/typed.js';
import type { Collection } from '../engine/collection.js';
import { formatObject } from '../engine/format.js';
import { SEMANTIC_OPTIONS, type IndexSpec } from '../engine/indexes.js';
import { CommandError, ErrorCodes } from '../errors.js';
import { batchSizeOf, collectionArg, docArray, type CommandDef } from './context.js';
import { DEFAULT_FIRST_BATCH, firstBatch } from './cursor-commands.js';

const UNSUPPORTED_KINDS = new Set(['text', '2dsphere', '2d', 'geoHaystack']);

function normaliseSpec(raw: PlainDoc): IndexSpec {
  const key = raw['key'];
  if (!isPlainObject(key) || Object.keys(key).length === 0) throw new CommandError(ErrorCodes.CannotCreateIndex, 'Index keys cannot be empty.');
  for (const [field, dir] of Object.entries(key)) {
    if (typeof dir === 'string' && UNSUPPORTED_KINDS.has(dir)) {
      throw new CommandError(ErrorCodes.CannotCreateIndex, `${dir} indexes are not supported by the embedded store (field '${field}')`);
    }
    if (field.includes('$**')) throw new CommandError(ErrorCodes.CannotCreateIndex, 'wildcard indexes are not supported by the embedded store');
    if (!(typeof dir === 'number' && dir !== 0) && dir !== 'hashed') {
      throw new CommandError(ErrorCodes.CannotCreateIndex, `Values in the index key pattern can only be positive or negative numbers or "hashed"; found ${String(dir)} for '${field}'`);
    }
  }
  const name = raw['name'];
  if (typeof name !== 'string' || name.length === 0) throw new CommandError(ErrorCodes.CannotCreateIndex, 'The index name must be a non-empty string');
  const ttl = raw['expireAfterSeconds'];
  if (ttl !== undefined && (typeof ttl !== 'number' || ttl < 0)) {
    throw new CommandError(ErrorCodes.CannotCreateIndex, 'TTL index \'expireAfterSeconds\' option must be a non-negative number');
  }
  const spec: Record<string, unknown> = { v: 2, key, name };
  for (const [k, v] of Object.entries(raw)) if (k !== 'v' && k !== 'key' && k !== 'name' && k !== 'ns') spec[k] = v;
  return spec as IndexSpec;
}

function semantic(spec: IndexSpec): string {
  return SEMANTIC_OPTIONS.map((o) => keyOf(o === 'unique' || o === 'sparse' || o === 'hidden' ? spec[o] === true : spec[o])).join('|');
}

/** True when the request needs no new index; throws on a conflicting existing one. */
function alreadyThere(coll: Collection, spec: IndexSpec): boolean {
  const sameKey = (a: IndexSpec): boolean => keyOf(a.key) === keyOf(spec.key);
  for (const existing of coll.specs()) {
    if (existing.name === spec.name) {
      if (sameKey(existing) && semantic(existing) === semantic(spec)) return true;
      throw new CommandError(
        ErrorCodes.IndexKeySpecsConflict,
        `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${formatObject(spec)}, existing index: ${formatObject(existing)}`,
      );
    }
  }
  for (const existing of coll.specs()) {
    if (!sameKey(existing)) continue;
    const partialOrCollation = (s: IndexSpec): string => keyOf([s['partialFilterExpression'], s['collation']]);
    if (partialOrCollation(existing) !== partialOrCollation(spec)) continue;
    throw new CommandError(
      ErrorCodes.IndexOptionsConflict,
      semantic(existing) === semantic(spec)
        ? `Index already exists with a different name: ${existing.name}`
        : `An equivalent index already exists with a different name and options. Requested index: ${formatObject(spec)}, existing index: ${formatObject(existing)}`,
    );
  }
  return false;
}

export const createIndexesCommand: CommandDef = {
  writes: true,
  run(cmd, _tags, ctx) {
    const name = collectionArg(cmd);
    const specs = docArray(cmd, 'indexes').map(normaliseSpec);
    if (specs.length === 0) throw new CommandError(ErrorCodes.BadValue, 'Must specify at least one index to create');
    const existed = ctx.store.collection(ctx.db, name) !== undefined;
    const coll = ctx.store.ensureCollection(ctx.db, name);
    const before = coll.indexes.size + 1;
    for (const spec of specs) {
      if (alreadyThere(coll, spec)) continue;
      ctx.store.createIndex(coll, spec);
    }
    const after = coll.indexes.size + 1;
    const reply: PlainDoc = { numIndexesBefore: before, numIndexesAfter: after, createdCollectionAutomatically: !existed };
    if (before === after) reply['note'] = 'all indexes already exist';
    reply['ok'] = 1;
    return reply;
  },
};

function mustExist(ctx: Parameters<CommandDef['run']>[2], name: string): Collection {
  const coll = ctx.store.collection(ctx.db, name);
  if (!coll) throw new CommandError(ErrorCodes.NamespaceNotFound, `ns does not exist: ${ctx.db}.${name}`);
  return coll;
}

export const listIndexesCommand: CommandDef = {
  writes: false,
  run(cmd, _tags, ctx) {
    const name = collectionArg(cmd);
    const coll = mustExist(ctx, name);
    return firstBatch(ctx, `${ctx.db}.${name}`, coll.specs() as PlainDoc[], batchSizeOf(cmd, DEFAULT_FIRST_BATCH));
  },
};

export const dropIndexesCommand: CommandDef = {
  writes: true,
  run(cmd, _tags, ctx) {
    const coll = mustExist(ctx, collectionArg(cmd));
    const nIndexesWas = coll.indexes.size + 1;
    const target = cmd['index'];
    const names: string[] = [];
    if (target === '*') {
      names.push(...coll.indexes.keys());
    } else if (typeof target === 'string' || Array.isArray(target)) {
      for (const n of typeof target === 'string' ? [target] : target) {
        if (n === '_id_') throw new CommandError(ErrorCodes.InvalidOptions, 'cannot drop _id index');
        if (typeof n !== 'string' || !coll.indexes.has(n)) throw new CommandError(ErrorCodes.IndexNotFound, `index not found with name [${String(n)}]`);
        names.push(n);
      }
    } else if (isPlainObject(target)) {
      const found = [...coll.indexes.values()].find((i) => keyOf(i.spec.key) === keyOf(target));
      if (!found) {
        if (keyOf(target) === keyOf({ _id: 1 })) throw new CommandError(ErrorCodes.InvalidOptions, 'cannot drop _id index');
        throw new CommandError(ErrorCodes.IndexNotFound, `can't find index with key: ${formatObject(target)}`);
      }
      names.push(found.name);
    } else {
      throw new CommandError(ErrorCodes.BadValue, "dropIndexes requires 'index' (a name, a key pattern, a list of names or '*')");
    }
    for (const n of names) ctx.store.dropIndex(coll, n);
    return target === '*' ? { nIndexesWas, msg: 'non-_id indexes dropped for collection', ok: 1 } : { nIndexesWas, ok: 1 };
  },
};
