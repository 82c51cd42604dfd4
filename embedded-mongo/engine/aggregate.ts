/**
 * Aggregation pipelines, run by mingo over a collection's documents.
 *
 * Stored documents are shared, never copied, so they must not be mutated: mingo's `$set`,
 * `$addFields` and `$unset` on dotted paths do mutate their input in place. Pipelines containing a
 * stage not known to be safe therefore run over deep copies (of the foreign collections too,
 * since `$lookup` embeds their documents). A leading `$match` uses indexes like `find` does.
 */
import { cloneDoc } from '../bson/clone.js';
import { isPlainObject, type PlainDoc } from '../bson/typed.js';
import { CommandError, ErrorCodes } from '../errors.js';
import type { Collection } from './collection.js';
import { newAggregator } from './mingo.js';
import { candidates } from './plan.js';

/** Stages that never mutate the documents they receive. */
const SAFE = new Set([
  '$match', '$sort', '$skip', '$limit', '$count', '$group', '$sortByCount', '$bucket', '$bucketAuto',
  '$unwind', '$replaceRoot', '$replaceWith', '$sample', '$documents', '$lookup', '$facet', '$unionWith', '$graphLookup',
]);

/** Stages that need a server (or a replica set) and that mingo cannot run. */
const SERVER_ONLY: Record<string, [number, string]> = {
  $changeStream: [ErrorCodes.Location40573, 'The $changeStream stage is only supported on replica sets'],
  $collStats: [ErrorCodes.NotImplemented, '$collStats is not supported by the embedded store'],
  $indexStats: [ErrorCodes.NotImplemented, '$indexStats is not supported by the embedded store'],
  $currentOp: [ErrorCodes.NotImplemented, '$currentOp is not supported by the embedded store'],
  $listSessions: [ErrorCodes.NotImplemented, '$listSessions is not supported by the embedded store'],
  $planCacheStats: [ErrorCodes.NotImplemented, '$planCacheStats is not supported by the embedded store'],
  $geoNear: [ErrorCodes.NotImplemented, '$geoNear is not supported by the embedded store (no geo indexes)'],
  $search: [ErrorCodes.NotImplemented, '$search is not supported by the embedded store'],
  $merge: [ErrorCodes.NotImplemented, '$merge is not supported by the embedded store'],
};

function stageName(stage: unknown): string {
  if (!isPlainObject(stage)) throw new CommandError(ErrorCodes.FailedToParse, 'Each element of the \'pipeline\' array must be an object');
  const keys = Object.keys(stage);
  if (keys.length !== 1) throw new CommandError(ErrorCodes.FailedToParse, 'A pipeline stage specification object must contain exactly one field.');
  return keys[0] as string;
}

function isSafeProjection(spec: unknown, name: string): boolean {
  if (!isPlainObject(spec)) return name !== '$unset' || typeof spec !== 'string' || !spec.includes('.');
  if (name === '$project') return !Object.entries(spec).some(([k, v]) => k.includes('.') && (v === 0 || v === false));
  return !Object.keys(spec).some((k) => k.includes('.'));
}

/** Validates stage names and tells whether the pipeline may mutate its input. */
export function inspectPipeline(pipeline: readonly unknown[]): { mutates: boolean } {
  let mutates = false;
  for (const stage of pipeline) {
    const name = stageName(stage);
    const spec = (stage as PlainDoc)[name];
    const known = SERVER_ONLY[name];
    if (known) throw new CommandError(known[0] as 40573, known[1]);
    if (name === '$facet' && isPlainObject(spec)) {
      for (const sub of Object.values(spec)) if (Array.isArray(sub) && inspectPipeline(sub).mutates) mutates = true;
    } else if ((name === '$lookup' || name === '$unionWith') && isPlainObject(spec) && Array.isArray(spec['pipeline'])) {
      if (inspectPipeline(spec['pipeline']).mutates) mutates = true;
    } else if (name === '$project' || name === '$addFields' || name === '$set' || name === '$unset') {
      if (name === '$unset' && Array.isArray(spec) ? spec.some((p) => typeof p === 'string' && p.includes('.')) : !isSafeProjection(spec, name)) mutates = true;
    } else if (!SAFE.has(name)) {
      mutates = true;
    }
  }
  return { mutates };
}

export type CollectionLookup = (name: string) => Collection | undefined;

/**
 * Runs `pipeline` over `coll` (undefined for `aggregate: 1` or a missing collection). `$out` as the
 * last stage is returned separately for the caller to write through the store.
 */
export function runPipeline(
  coll: Collection | undefined,
  pipeline: readonly unknown[],
  lookup: CollectionLookup,
): { docs: PlainDoc[]; out: string | undefined } {
  let stages = [...pipeline];
  let out: string | undefined;
  const last = stages[stages.length - 1];
  if (last !== undefined && stageName(last) === '$out') {
    const target = (last as PlainDoc)['$out'];
    const name = typeof target === 'string' ? target : isPlainObject(target) && typeof target['coll'] === 'string' ? target['coll'] : undefined;
    if (!name) throw new CommandError(ErrorCodes.FailedToParse, '$out requires a collection name');
    out = name;
    stages = stages.slice(0, -1);
  }
  const { mutates } = inspectPipeline(stages);
  const first = stages[0];
  let input: PlainDoc[] = [];
  if (coll) {
    input = first !== undefined && stageName(first) === '$match' && isPlainObject((first as PlainDoc)['$match'])
      ? [...candidates(coll, (first as PlainDoc)['$match'] as PlainDoc)]
      : [...coll.docs.values()];
  }
  if (mutates) input = input.map(cloneDoc);
  const resolver = (name: string): PlainDoc[] => {
    const docs = [...(lookup(name)?.docs.values() ?? [])];
    return mutates ? docs.map(cloneDoc) : docs;
  };
  try {
    const docs = newAggregator(stages as PlainDoc[], resolver).run(input) as PlainDoc[];
    return { docs, out };
  } catch (err) {
    if (err instanceof CommandError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (/unknown|unrecognized|not (a )?valid|not supported/i.test(message) && /stage|pipeline|operator/i.test(message)) {
      throw new CommandError(ErrorCodes.Location40324, message);
    }
    throw new CommandError(ErrorCodes.BadValue, message);
  }
}
