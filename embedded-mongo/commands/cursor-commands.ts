/**
 * find, getMore and killCursors, plus the helper every cursor-returning command uses.
 */
import { Long } from 'bson';
import { cursorReply, takeBatch } from '../bson/raw-reply.js';
import type { PlainDoc } from '../bson/typed.js';
import { find } from '../engine/find.js';
import { CommandError, ErrorCodes } from '../errors.js';
import { batchSizeOf, collectionArg, optBool, optDoc, optNumber, typeError, type CommandContext, type CommandDef } from './context.js';

/** MongoDB's default size of a first batch. */
export const DEFAULT_FIRST_BATCH = 101;

/** Replies with the first batch of `docs`, keeping the rest in a cursor unless `singleBatch`. */
export function firstBatch(ctx: CommandContext, ns: string, docs: readonly PlainDoc[], batchSize: number, singleBatch = false): Buffer {
  const batch = takeBatch(docs, 0, batchSize);
  const id = !singleBatch && batch.next < docs.length ? ctx.cursors.open(ns, docs, batch.next).id : 0;
  return cursorReply('firstBatch', batch.docs, id, ns);
}

export const findCommand: CommandDef = {
  writes: false,
  run(cmd, _tags, ctx) {
    const name = collectionArg(cmd);
    const coll = ctx.store.collection(ctx.db, name);
    const limitArg = optNumber(cmd, 'limit') ?? 0;
    const skip = optNumber(cmd, 'skip') ?? 0;
    if (skip < 0) throw new CommandError(ErrorCodes.BadValue, "BSON field 'skip' value must be >= 0");
    const docs = find(coll, optDoc(cmd, 'filter') ?? {}, {
      sort: optDoc(cmd, 'sort'),
      projection: optDoc(cmd, 'projection'),
      skip,
      limit: Math.abs(limitArg),
    });
    let batchSize = batchSizeOf(cmd, DEFAULT_FIRST_BATCH);
    const singleBatch = optBool(cmd, 'singleBatch') || limitArg < 0;
    if (singleBatch && limitArg !== 0) batchSize = Math.max(batchSize, Math.abs(limitArg));
    return firstBatch(ctx, `${ctx.db}.${name}`, docs, batchSize, singleBatch);
  },
};

function cursorIdArg(v: unknown, field: string): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (v instanceof Long) return v.toNumber();
  throw typeError('getMore', field, v, 'long');
}

export const getMoreCommand: CommandDef = {
  writes: false,
  run(cmd, _tags, ctx) {
    const id = cursorIdArg(cmd['getMore'], 'getMore');
    const collection = cmd['collection'];
    if (typeof collection !== 'string') throw typeError('getMore', 'collection', collection, 'string');
    const cursor = ctx.cursors.get(id);
    if (!cursor) throw new CommandError(ErrorCodes.CursorNotFound, `cursor id ${id} not found`);
    const ns = `${ctx.db}.${collection}`;
    if (cursor.ns !== ns && !cursor.ns.startsWith(`${ctx.db}.$cmd`)) {
      throw new CommandError(ErrorCodes.BadValue, `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cursor.ns}`);
    }
    const batchSize = optNumber(cmd, 'batchSize') ?? 0;
    const batch = takeBatch(cursor.docs, cursor.position, batchSize > 0 ? batchSize : Number.MAX_SAFE_INTEGER);
    cursor.position = batch.next;
    const exhausted = cursor.position >= cursor.docs.length;
    if (exhausted) ctx.cursors.kill(id);
    return cursorReply('nextBatch', batch.docs, exhausted ? 0 : id, cursor.ns);
  },
};

export const killCursorsCommand: CommandDef = {
  writes: false,
  run(cmd, _tags, ctx) {
    collectionArg(cmd);
    const ids = cmd['cursors'];
    if (!Array.isArray(ids)) throw typeError('killCursors', 'cursors', ids, 'array');
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const raw of ids) {
      const id = cursorIdArg(raw, 'cursors');
      (ctx.cursors.kill(id) ? killed : notFound).push(Long.fromNumber(id));
    }
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  },
};
