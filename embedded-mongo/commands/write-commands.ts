/**
 * insert, update and delete: batches of statements, `ordered` stopping at the first error,
 * per-statement errors reported in `writeErrors` the way MongoDB does.
 */
import { emptyTags, groupTags, isPlainObject, setTags, subTags, type PlainDoc } from '../bson/typed.js';
import type { Collection } from '../engine/collection.js';
import { compile, matching } from '../engine/find.js';
import { candidates } from '../engine/plan.js';
import { applyUpdate, buildUpsert, parseUpdate, withId } from '../engine/update.js';
import { CommandError, ErrorCodes } from '../errors.js';
import { collectionArg, docArray, typeError, type CommandDef } from './context.js';
import { toWriteError, writeReply, type WriteError } from './write-errors.js';

function ordered(cmd: PlainDoc): boolean {
  const v = cmd['ordered'];
  return v === undefined || v === null ? true : v === true || v === 1;
}

export const insertCommand: CommandDef = {
  writes: true,
  run(cmd, tags, ctx) {
    const name = collectionArg(cmd);
    const docs = docArray(cmd, 'documents');
    const coll = ctx.store.ensureCollection(ctx.db, name);
    const perDoc = groupTags(tags, 'documents');
    const errors: WriteError[] = [];
    let n = 0;
    for (const [i, raw] of docs.entries()) {
      try {
        const dollar = Object.keys(raw).find((k) => k.startsWith('$'));
        if (dollar) throw new CommandError(ErrorCodes.BadValue, `Document can't have $ prefixed field names: ${dollar}`);
        const doc = withId(setTags(raw, perDoc.get(String(i)) ?? emptyTags()));
        ctx.store.insert(coll, doc);
        n += 1;
      } catch (err) {
        errors.push(toWriteError(i, err, ctx.logger));
        if (ordered(cmd)) break;
      }
    }
    return writeReply({ n }, errors);
  },
};

/** The first document matching `filter`, scanning no further than needed. */
export function firstMatch(coll: Collection, filter: PlainDoc): PlainDoc | undefined {
  const query = compile(filter);
  try {
    for (const doc of candidates(coll, filter)) if (query.test(doc)) return doc;
  } catch (err) {
    throw new CommandError(ErrorCodes.BadValue, err instanceof Error ? err.message : String(err));
  }
  return undefined;
}

export const updateCommand: CommandDef = {
  writes: true,
  run(cmd, tags, ctx) {
    const name = collectionArg(cmd);
    const statements = docArray(cmd, 'updates');
    const perStatement = groupTags(tags, 'updates');
    const errors: WriteError[] = [];
    const upserted: PlainDoc[] = [];
    let n = 0;
    let nModified = 0;
    for (const [i, st] of statements.entries()) {
      try {
        const q = st['q'] ?? {};
        if (!isPlainObject(q)) throw typeError('update', 'updates.q', q, 'object');
        const stTags = perStatement.get(String(i)) ?? emptyTags();
        const spec = parseUpdate(st['u'], subTags(stTags, 'u'));
        const multi = st['multi'] === true;
        if (multi && spec.kind === 'replacement') throw new CommandError(ErrorCodes.FailedToParse, 'multi update is not supported for replacement-style update');
        const arrayFilters = Array.isArray(st['arrayFilters']) ? (st['arrayFilters'] as PlainDoc[]) : undefined;
        const coll = ctx.store.collection(ctx.db, name);
        const targets = !coll ? [] : multi ? matching(coll, q) : [firstMatch(coll, q)].filter((d): d is PlainDoc => d !== undefined);
        if (coll && targets.length > 0) {
          for (const doc of targets) {
            const outcome = applyUpdate(doc, spec, { filter: q, arrayFilters });
            n += 1;
            if (outcome.changed) {
              ctx.store.replace(coll, doc, outcome.doc);
              nModified += 1;
            }
          }
        } else if (st['upsert'] === true) {
          const doc = buildUpsert(q, subTags(stTags, 'q'), spec, { filter: q, arrayFilters });
          ctx.store.insert(ctx.store.ensureCollection(ctx.db, name), doc);
          n += 1;
          upserted.push({ index: i, _id: doc['_id'] });
        }
      } catch (err) {
        errors.push(toWriteError(i, err, ctx.logger));
        if (ordered(cmd)) break;
      }
    }
    return writeReply(upserted.length > 0 ? { n, nModified, upserted } : { n, nModified }, errors);
  },
};

export const deleteCommand: CommandDef = {
  writes: true,
  run(cmd, _tags, ctx) {
    const name = collectionArg(cmd);
    const statements = docArray(cmd, 'deletes');
    const errors: WriteError[] = [];
    let n = 0;
    for (const [i, st] of statements.entries()) {
      try {
        const q = st['q'] ?? {};
        if (!isPlainObject(q)) throw typeError('delete', 'deletes.q', q, 'object');
        const limit = st['limit'];
        if (limit !== 0 && limit !== 1) throw new CommandError(ErrorCodes.FailedToParse, 'The limit field in delete objects must be 0 or 1. Got ' + String(limit));
        const coll = ctx.store.collection(ctx.db, name);
        if (!coll) continue;
        const targets = limit === 1 ? [firstMatch(coll, q)].filter((d): d is PlainDoc => d !== undefined) : matching(coll, q);
        for (const doc of targets) {
          ctx.store.remove(coll, doc);
          n += 1;
        }
      } catch (err) {
        errors.push(toWriteError(i, err, ctx.logger));
        if (ordered(cmd)) break;
      }
    }
    return writeReply({ n }, errors);
  },
};
