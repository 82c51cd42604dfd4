/**
 * Databases and collections: create, drop, dropDatabase, listCollections, listDatabases,
 * renameCollection, dbStats.
 */
import { calculateObjectSize } from 'bson';
import { toWire, type PlainDoc } from '../bson/typed.js';
import { ID_INDEX_SPEC } from '../engine/indexes.js';
import { compileFilter } from '../engine/mingo.js';
import { CommandError, ErrorCodes } from '../errors.js';
import { batchSizeOf, collectionArg, optBool, optDoc, typeError, type CommandContext, type CommandDef } from './context.js';
import { DEFAULT_FIRST_BATCH, firstBatch } from './cursor-commands.js';

/** Generic command fields that are not collection options. */
const NOT_OPTIONS = new Set(['create', 'lsid', '$db', 'txnNumber', 'writeConcern', 'comment', '$readPreference', 'maxTimeMS', 'autocommit', 'startTransaction', '$clusterTime', 'apiVersion', 'apiStrict', 'apiDeprecationErrors']);

export const createCommand: CommandDef = {
  writes: true,
  run(cmd, _tags, ctx) {
    const name = collectionArg(cmd);
    if (cmd['viewOn'] !== undefined) throw new CommandError(ErrorCodes.NotImplemented, 'views are not supported by the embedded store');
    if (cmd['timeseries'] !== undefined) throw new CommandError(ErrorCodes.NotImplemented, 'time series collections are not supported by the embedded store');
    const options: PlainDoc = {};
    for (const [k, v] of Object.entries(cmd)) if (!NOT_OPTIONS.has(k)) options[k] = v;
    ctx.store.createCollection(ctx.db, name, options);
    return { ok: 1 };
  },
};

export const dropCommand: CommandDef = {
  writes: true,
  run(cmd, _tags, ctx) {
    const name = collectionArg(cmd);
    const dropped = ctx.store.dropCollection(ctx.db, name);
    ctx.cursors.killNamespace(`${ctx.db}.${name}`);
    if (!dropped) return { ok: 1 };
    return { nIndexesWas: dropped.indexes.size + 1, ns: dropped.ns, ok: 1 };
  },
};

export const dropDatabaseCommand: CommandDef = {
  writes: true,
  run(_cmd, _tags, ctx) {
    ctx.store.dropDatabase(ctx.db);
    ctx.cursors.killNamespace(ctx.db);
    return { dropped: ctx.db, ok: 1 };
  },
};

function filterWith(items: PlainDoc[], filter: PlainDoc | undefined): PlainDoc[] {
  if (!filter || Object.keys(filter).length === 0) return items;
  const q = compileFilter(filter);
  return items.filter((i) => q.test(i));
}

export const listCollectionsCommand: CommandDef = {
  writes: false,
  run(cmd, _tags, ctx) {
    const nameOnly = optBool(cmd, 'nameOnly');
    const items: PlainDoc[] = ctx.store.collections(ctx.db).map((c) => ({
      name: c.name,
      type: 'collection',
      options: c.options,
      info: { readOnly: false, uuid: c.uuid },
      idIndex: ID_INDEX_SPEC,
    }));
    const listed = filterWith(items, optDoc(cmd, 'filter')).map((i) => (nameOnly ? { name: i['name'], type: i['type'] } : i));
    return firstBatch(ctx, `${ctx.db}.$cmd.listCollections`, listed, batchSizeOf(cmd, DEFAULT_FIRST_BATCH));
  },
};

function dataSize(ctx: CommandContext, db: string): { objects: number; bytes: number; collections: number; indexes: number } {
  let objects = 0;
  let bytes = 0;
  let indexes = 0;
  const colls = ctx.store.collections(db);
  for (const c of colls) {
    indexes += c.indexes.size + 1;
    for (const doc of c.docs.values()) {
      objects += 1;
      bytes += calculateObjectSize(toWire(doc));
    }
  }
  return { objects, bytes, collections: colls.length, indexes };
}

export const listDatabasesCommand: CommandDef = {
  writes: false,
  run(cmd, _tags, ctx) {
    const nameOnly = optBool(cmd, 'nameOnly');
    let totalSize = 0;
    const items = ctx.store.databases().map((name) => {
      if (nameOnly) return { name };
      const { bytes, objects } = dataSize(ctx, name);
      totalSize += bytes;
      return { name, sizeOnDisk: bytes, empty: objects === 0 };
    });
    const databases = filterWith(items, optDoc(cmd, 'filter'));
    return nameOnly ? { databases, ok: 1 } : { databases, totalSize, totalSizeMb: Math.round(totalSize / 1048576), ok: 1 };
  },
};

export const dbStatsCommand: CommandDef = {
  writes: false,
  run(_cmd, _tags, ctx) {
    const { objects, bytes, collections, indexes } = dataSize(ctx, ctx.db);
    return {
      db: ctx.db, collections, views: 0, objects, avgObjSize: objects > 0 ? bytes / objects : 0,
      dataSize: bytes, storageSize: bytes, indexes, indexSize: 0, totalSize: bytes, scaleFactor: 1, ok: 1,
    };
  },
};

function splitNs(v: unknown, field: string): [string, string] {
  if (typeof v !== 'string') throw typeError('renameCollection', field, v, 'string');
  const dot = v.indexOf('.');
  if (dot <= 0 || dot === v.length - 1) throw new CommandError(ErrorCodes.InvalidNamespace, `Invalid namespace specified '${v}'`);
  return [v.slice(0, dot), v.slice(dot + 1)];
}

export const renameCollectionCommand: CommandDef = {
  writes: true,
  run(cmd, _tags, ctx) {
    const [db, name] = splitNs(cmd['renameCollection'], 'renameCollection');
    const [toDb, toName] = splitNs(cmd['to'], 'to');
    if (!ctx.store.collection(db, name)) throw new CommandError(ErrorCodes.NamespaceNotFound, `Source collection ${db}.${name} does not exist`);
    if (ctx.store.collection(toDb, toName)) {
      if (!optBool(cmd, 'dropTarget')) throw new CommandError(ErrorCodes.NamespaceExists, 'target namespace exists');
      ctx.store.dropCollection(toDb, toName);
    }
    ctx.store.renameCollection(db, name, toDb, toName);
    ctx.cursors.killNamespace(`${db}.${name}`);
    return { ok: 1 };
  },
};
