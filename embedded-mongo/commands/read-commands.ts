/**
 * aggregate, count and distinct.
 */
import { keyOf } from '../bson/keys.js';
import { valuesAtPath } from '../bson/paths.js';
import { isPlainObject, type PlainDoc } from '../bson/typed.js';
import { runPipeline } from '../engine/aggregate.js';
import { matching } from '../engine/find.js';
import { withId } from '../engine/update.js';
import { CommandError, ErrorCodes } from '../errors.js';
import { batchSizeOf, collectionArg, commandName, optDoc, optNumber, typeError, type CommandDef } from './context.js';
import { DEFAULT_FIRST_BATCH, firstBatch } from './cursor-commands.js';

export const aggregateCommand: CommandDef = {
  writes: (cmd) => {
    const pipeline = cmd['pipeline'];
    const last: unknown = Array.isArray(pipeline) ? pipeline[pipeline.length - 1] : undefined;
    return isPlainObject(last) && '$out' in last;
  },
  run(cmd, _tags, ctx) {
    const target = cmd['aggregate'];
    if (!(typeof target === 'string' && target.length > 0) && target !== 1) {
      throw new CommandError(ErrorCodes.InvalidNamespace, "{aggregate: 1} or a collection name is required");
    }
    const pipeline = cmd['pipeline'];
    if (!Array.isArray(pipeline)) throw typeError('aggregate', 'pipeline', pipeline, 'array');
    if (cmd['explain'] === true) throw new CommandError(ErrorCodes.NotImplemented, 'explain is not supported by the embedded store');
    if (!isPlainObject(cmd['cursor'])) {
      throw new CommandError(ErrorCodes.FailedToParse, "The 'cursor' option is required, except for aggregate with the explain argument");
    }
    const coll = typeof target === 'string' ? ctx.store.collection(ctx.db, target) : undefined;
    const { docs, out } = runPipeline(coll, pipeline, (name) => ctx.store.collection(ctx.db, name));
    const ns = typeof target === 'string' ? `${ctx.db}.${target}` : `${ctx.db}.$cmd.aggregate`;
    if (out !== undefined) {
      const dest = ctx.store.ensureCollection(ctx.db, out);
      for (const old of [...dest.docs.values()]) ctx.store.remove(dest, old);
      for (const doc of docs) ctx.store.insert(dest, withId(doc));
      return firstBatch(ctx, ns, [], 0);
    }
    return firstBatch(ctx, ns, docs, batchSizeOf(cmd, DEFAULT_FIRST_BATCH));
  },
};

export const countCommand: CommandDef = {
  writes: false,
  run(cmd, _tags, ctx) {
    const coll = ctx.store.collection(ctx.db, collectionArg(cmd));
    const query = optDoc(cmd, 'query') ?? {};
    let n = Object.keys(query).length === 0 ? (coll?.size ?? 0) : matching(coll, query).length;
    const skip = optNumber(cmd, 'skip') ?? 0;
    const limit = Math.abs(optNumber(cmd, 'limit') ?? 0);
    n = Math.max(0, n - skip);
    if (limit > 0) n = Math.min(n, limit);
    return { n, ok: 1 };
  },
};

export const distinctCommand: CommandDef = {
  writes: false,
  run(cmd, _tags, ctx) {
    const coll = ctx.store.collection(ctx.db, collectionArg(cmd));
    const key = cmd['key'];
    if (typeof key !== 'string') throw typeError(commandName(cmd), 'key', key, 'string');
    const seen = new Set<string>();
    const values: unknown[] = [];
    for (const doc of matching(coll, optDoc(cmd, 'query') ?? {})) {
      for (const v of valuesAtPath(doc, key)) {
        if (v === undefined) continue;
        const k = keyOf(v);
        if (seen.has(k)) continue;
        seen.add(k);
        values.push(v);
      }
    }
    return { values, ok: 1 } satisfies PlainDoc;
  },
};
