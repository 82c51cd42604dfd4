/**
 * findAndModify: the atomic read-modify-write mongoose uses for findOneAndUpdate/Delete/Replace.
 * Commands never interleave, so `{_id, status: 'pending'}` guarded updates from two clients
 * cannot both win. Errors (E11000 included) come back at the top level, as MongoDB sends them.
 */
import { subTags, type PlainDoc } from '../bson/typed.js';
import { compile, find, project } from '../engine/find.js';
import { applyUpdate, buildUpsert, parseUpdate } from '../engine/update.js';
import { CommandError, ErrorCodes } from '../errors.js';
import { collectionArg, optBool, optDoc, type CommandDef } from './context.js';

export const findAndModifyCommand: CommandDef = {
  writes: true,
  run(cmd, tags, ctx) {
    const name = collectionArg(cmd);
    const query = optDoc(cmd, 'query') ?? {};
    const fields = optDoc(cmd, 'fields');
    const remove = optBool(cmd, 'remove');
    const returnNew = optBool(cmd, 'new');
    const upsert = optBool(cmd, 'upsert');
    const hasUpdate = cmd['update'] !== undefined && cmd['update'] !== null;
    if (remove && hasUpdate) throw new CommandError(ErrorCodes.FailedToParse, 'Cannot specify both an update and remove=true');
    if (!remove && !hasUpdate) throw new CommandError(ErrorCodes.FailedToParse, 'Either an update or remove=true must be specified');
    if (remove && (upsert || returnNew)) throw new CommandError(ErrorCodes.FailedToParse, 'Cannot specify both upsert=true and remove=true');
    const arrayFilters = Array.isArray(cmd['arrayFilters']) ? (cmd['arrayFilters'] as PlainDoc[]) : undefined;
    const compiled = compile(query);
    const matchAll = compile({});
    // Projection must not filter: the updated document may no longer match the query
    // (`{status: 'pending'}` → approved). The query is kept for positional `.$` when it still matches.
    const shape = (doc: PlainDoc | undefined): PlainDoc | null =>
      doc ? (project([doc], compiled, fields)[0] ?? project([doc], matchAll, fields)[0] ?? null) : null;

    const coll = ctx.store.collection(ctx.db, name);
    const target = find(coll, query, { sort: optDoc(cmd, 'sort'), limit: 1 })[0];

    if (remove) {
      if (coll && target) ctx.store.remove(coll, target);
      return { lastErrorObject: { n: target ? 1 : 0 }, value: shape(target), ok: 1 };
    }
    const spec = parseUpdate(cmd['update'], subTags(tags, 'update'));
    if (coll && target) {
      const outcome = applyUpdate(target, spec, { filter: query, arrayFilters });
      if (outcome.changed) ctx.store.replace(coll, target, outcome.doc);
      return { lastErrorObject: { n: 1, updatedExisting: true }, value: shape(returnNew ? outcome.doc : target), ok: 1 };
    }
    if (!upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
    const doc = buildUpsert(query, subTags(tags, 'query'), spec, { filter: query, arrayFilters });
    ctx.store.insert(ctx.store.ensureCollection(ctx.db, name), doc);
    return { lastErrorObject: { n: 1, updatedExisting: false, upserted: doc['_id'] }, value: returnNew ? shape(doc) : null, ok: 1 };
  },
};
