/**
 * Update documents: parsing the three forms MongoDB accepts (operators, replacement, pipeline),
 * applying one to a stored document, and building the document an upsert inserts.
 *
 * mingo applies the operators; this module adds what mingo lacks: `$setOnInsert` and upserts,
 * `_id` immutability, MongoDB's type errors (see update-checks), and keeping numeric BSON types
 * (see bson/typed) across `$set`, `$inc`, `$rename` and friends.
 */
import { Decimal128, Long, ObjectId, serialize } from 'bson';
import { cloneDoc, cloneValue, idFirst } from '../bson/clone.js';
import { keyOf } from '../bson/keys.js';
import { getPath, MISSING, setPath } from '../bson/paths.js';
import { emptyTags, encodesAsInt32, isPlainObject, prefixTags, setTags, subTags, tagsOf, toWire, type PlainDoc, type Tags, type TypeTag } from '../bson/typed.js';
import { CommandError, ErrorCodes } from '../errors.js';
import { formatValue } from './format.js';
import { applyModifier, newAggregator } from './mingo.js';
import { checkModifier } from './update-checks.js';

export type UpdateSpec =
  | { readonly kind: 'modifier'; readonly ops: Readonly<Record<string, PlainDoc>>; readonly tags: Tags }
  | { readonly kind: 'replacement'; readonly doc: PlainDoc; readonly tags: Tags }
  | { readonly kind: 'pipeline'; readonly stages: PlainDoc[] };

const OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$currentDate',
  '$push', '$addToSet', '$pop', '$pull', '$pullAll', '$bit', '$setOnInsert',
]);
const PIPELINE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

/** Classifies and validates an update (`u` of update, `update` of findAndModify). `tags` are u's. */
export function parseUpdate(u: unknown, tags: Tags): UpdateSpec {
  if (Array.isArray(u)) {
    const stages: PlainDoc[] = [];
    for (const stage of u) {
      const name = isPlainObject(stage) ? Object.keys(stage)[0] : undefined;
      if (!isPlainObject(stage) || name === undefined || Object.keys(stage).length !== 1) {
        throw new CommandError(ErrorCodes.FailedToParse, 'A pipeline stage specification object must contain exactly one field.');
      }
      if (!PIPELINE_STAGES.has(name)) throw new CommandError(ErrorCodes.InvalidOptions, `${name} is not allowed to be used within an update`);
      stages.push(stage);
    }
    return { kind: 'pipeline', stages };
  }
  if (!isPlainObject(u)) throw new CommandError(ErrorCodes.FailedToParse, 'Update argument must be either an object or an array');
  const keys = Object.keys(u);
  if (keys.length === 0 || !(keys[0] as string).startsWith('$')) {
    const bad = keys.find((k) => k.startsWith('$'));
    if (bad) throw new CommandError(ErrorCodes.BadValue, `The dollar ($) prefixed field '${bad}' in '${bad}' is not allowed in the context of an update's replacement document.`);
    return { kind: 'replacement', doc: u, tags };
  }
  const ops: Record<string, PlainDoc> = {};
  for (const op of keys) {
    if (!OPERATORS.has(op)) {
      throw new CommandError(ErrorCodes.FailedToParse, `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
    }
    const fields = u[op];
    if (!isPlainObject(fields)) {
      throw new CommandError(
        ErrorCodes.FailedToParse,
        `Modifiers operate on fields but we found type ${typeof fields} instead. For example: {$mod: {<field>: ...}} not {${op}: ${formatValue(fields)}}`,
      );
    }
    ops[op] = fields;
  }
  return { kind: 'modifier', ops, tags };
}

export interface UpdateContext {
  readonly filter: PlainDoc;
  readonly arrayFilters: PlainDoc[] | undefined;
}

export interface UpdateOutcome {
  readonly doc: PlainDoc;
  readonly changed: boolean;
}

/** Byte-wise BSON equality, which is what "modified" means to MongoDB (field order counts). */
function sameDocument(a: PlainDoc, b: PlainDoc): boolean {
  return Buffer.from(serialize(toWire(a))).equals(Buffer.from(serialize(toWire(b))));
}

function immutableIdError(): CommandError {
  return new CommandError(ErrorCodes.ImmutableField, "Performing an update on the path '_id' would modify the immutable field '_id'");
}

const touchesId = (path: string): boolean => path === '_id' || path.startsWith('_id.');

function mapMingoError(err: unknown): never {
  if (err instanceof CommandError) throw err;
  const message = err instanceof Error ? err.message : String(err);
  if (/conflict/i.test(message)) throw new CommandError(ErrorCodes.ConflictingUpdateOperators, message);
  if (/immutable/i.test(message)) throw immutableIdError();
  if (/unknown update operator/i.test(message)) throw new CommandError(ErrorCodes.FailedToParse, message);
  throw new CommandError(ErrorCodes.BadValue, message);
}

/**
 * Applies `spec` to a copy of `prev`. `insert` is true when building an upserted document: then
 * `$setOnInsert` applies and `_id` may be set.
 */
export function applyUpdate(prev: PlainDoc, spec: UpdateSpec, ctx: UpdateContext, insert = false): UpdateOutcome {
  switch (spec.kind) {
    case 'modifier':
      return applyModifierUpdate(prev, spec, ctx, insert);
    case 'replacement':
      return applyReplacement(prev, spec);
    case 'pipeline':
      return applyPipeline(prev, spec.stages);
  }
}

function applyModifierUpdate(prev: PlainDoc, spec: Extract<UpdateSpec, { kind: 'modifier' }>, ctx: UpdateContext, insert: boolean): UpdateOutcome {
  const doc = cloneDoc(prev);
  const ops: Record<string, PlainDoc> = {};
  for (const [op, fields] of Object.entries(spec.ops)) {
    if (op === '$setOnInsert' && !insert) continue;
    const kept: PlainDoc = {};
    for (const [path, operand] of Object.entries(fields)) {
      if (!touchesId(path)) {
        kept[path] = operand;
        continue;
      }
      const assigning = op === '$set' || op === '$setOnInsert';
      if (assigning && path === '_id' && Object.prototype.hasOwnProperty.call(doc, '_id') && keyOf(doc['_id']) === keyOf(operand)) continue;
      if (assigning && insert && path === '_id' && !Object.prototype.hasOwnProperty.call(doc, '_id')) {
        doc['_id'] = cloneValue(operand);
        continue;
      }
      throw immutableIdError();
    }
    if (op === '$setOnInsert') {
      const set = (ops['$set'] ??= {});
      for (const [path, operand] of Object.entries(kept)) {
        if (Object.prototype.hasOwnProperty.call(set, path)) {
          throw new CommandError(ErrorCodes.ConflictingUpdateOperators, `Updating the path '${path}' would create a conflict at '${path}'`);
        }
        set[path] = operand;
      }
    } else if (op === '$set' && ops['$set']) {
      for (const [path, operand] of Object.entries(kept)) {
        if (Object.prototype.hasOwnProperty.call(ops['$set'], path)) {
          throw new CommandError(ErrorCodes.ConflictingUpdateOperators, `Updating the path '${path}' would create a conflict at '${path}'`);
        }
        ops['$set'][path] = operand;
      }
    } else if (Object.keys(kept).length > 0) {
      ops[op] = kept;
    }
  }
  checkModifier(doc, ops);
  fixPushOnMissing(doc, ops);
  // mingo treats the condition as a guard (no update unless it matches), which an upsert seed
  // need not satisfy; it is only needed to resolve the positional `$`.
  const positional = Object.values(ops).some((fields) => Object.keys(fields).some((p) => p.split('.').includes('$')));
  let changed: string[];
  try {
    changed = applyModifier(doc, ops, ctx.arrayFilters, positional && !insert ? ctx.filter : undefined);
  } catch (err) {
    mapMingoError(err);
  }
  if (changed.length === 0 && !insert) return { doc: prev, changed: false };
  const tags = retag(tagsOf(prev), spec, prev, doc, insert);
  return { doc: setTags(doc, tags), changed: changed.length > 0 };
}

/**
 * mingo ignores `$sort`/`$slice`/`$position` when `$push` creates the array; starting from an
 * empty array gives MongoDB's result.
 */
function fixPushOnMissing(doc: PlainDoc, ops: Record<string, PlainDoc>): void {
  const push = ops['$push'];
  if (!push) return;
  for (const [path, operand] of Object.entries(push)) {
    if (path.includes('$') || !isPlainObject(operand) || !('$each' in operand)) continue;
    if (getPath(doc, path) === MISSING) setPath(doc, path, []);
  }
}

function applyReplacement(prev: PlainDoc, spec: Extract<UpdateSpec, { kind: 'replacement' }>): UpdateOutcome {
  const replacement = cloneDoc(spec.doc);
  if (Object.prototype.hasOwnProperty.call(replacement, '_id') && Object.prototype.hasOwnProperty.call(prev, '_id') && keyOf(replacement['_id']) !== keyOf(prev['_id'])) {
    throw new CommandError(
      ErrorCodes.ImmutableField,
      `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${formatValue(replacement['_id'])}`,
    );
  }
  const next: PlainDoc = Object.prototype.hasOwnProperty.call(prev, '_id') ? { _id: prev['_id'] } : {};
  for (const k of Object.keys(replacement)) if (k !== '_id' || !('_id' in next)) next[k] = replacement[k];
  setTags(next, spec.tags);
  return { doc: next, changed: !sameDocument(prev, next) };
}

function applyPipeline(prev: PlainDoc, stages: PlainDoc[]): UpdateOutcome {
  let out: unknown;
  try {
    out = newAggregator(stages).run([cloneDoc(prev)])[0];
  } catch (err) {
    mapMingoError(err);
  }
  if (!isPlainObject(out)) throw new CommandError(ErrorCodes.BadValue, 'the update pipeline did not produce a document');
  let next = out;
  if (Object.prototype.hasOwnProperty.call(prev, '_id')) {
    if (!Object.prototype.hasOwnProperty.call(next, '_id')) next = { _id: prev['_id'], ...next };
    else if (keyOf(next['_id']) !== keyOf(prev['_id'])) {
      throw new CommandError(
        ErrorCodes.ImmutableField,
        `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${formatValue(next['_id'])}`,
      );
    }
  }
  next = idFirst(next);
  setTags(next, keepValidTags(new Map(tagsOf(prev)), next));
  return { doc: next, changed: !sameDocument(prev, next) };
}

// ---- numeric type tags across operators -------------------------------------------------------

type NumType = 'int' | 'long' | 'double' | 'decimal';
const RANK: Record<NumType, number> = { int: 0, long: 1, double: 2, decimal: 3 };

function numType(v: unknown, tag: TypeTag | undefined): NumType | undefined {
  if (typeof v === 'number') return tag ?? (encodesAsInt32(v) ? 'int' : 'double');
  if (v instanceof Long) return 'long';
  if (v instanceof Decimal128) return 'decimal';
  return undefined;
}

function keepValidTags(tags: Map<string, TypeTag>, doc: PlainDoc): Tags {
  for (const [path, tag] of tags) {
    const v = getPath(doc, path);
    const needed = typeof v === 'number' && (tag === 'long' ? Number.isInteger(v) : encodesAsInt32(v));
    if (!needed) tags.delete(path);
  }
  return tags.size === 0 ? emptyTags() : tags;
}

function retag(prevTags: Tags, spec: Extract<UpdateSpec, { kind: 'modifier' }>, prev: PlainDoc, next: PlainDoc, insert: boolean): Tags {
  const hasArithmetic = '$inc' in spec.ops || '$mul' in spec.ops || '$rename' in spec.ops;
  if (prevTags.size === 0 && spec.tags.size === 0 && !hasArithmetic) return emptyTags();
  const out = new Map(prevTags);
  const dropUnder = (path: string): void => {
    for (const k of [...out.keys()]) if (k === path || k.startsWith(`${path}.`)) out.delete(k);
  };
  for (const [op, fields] of Object.entries(spec.ops)) {
    if (op === '$setOnInsert' && !insert) continue;
    for (const [path, operand] of Object.entries(fields)) {
      if (path.split('.').some((s) => s.startsWith('$'))) continue;
      const opTags = subTags(spec.tags, `${op}.${path}`);
      switch (op) {
        case '$set':
        case '$setOnInsert':
          dropUnder(path);
          for (const [k, t] of prefixTags(opTags, path)) out.set(k, t);
          break;
        case '$inc':
        case '$mul': {
          const before = getPath(prev, path);
          const a = numType(before === MISSING ? 0 : before, prevTags.get(path)) ?? 'int';
          const b = numType(operand, opTags.get('')) ?? 'int';
          let t: NumType = RANK[a] >= RANK[b] ? a : b;
          const after = getPath(next, path);
          if (t === 'int' && typeof after === 'number' && !encodesAsInt32(after) && Number.isInteger(after)) t = 'long';
          if (t === 'long' || t === 'double') out.set(path, t);
          else out.delete(path);
          break;
        }
        case '$min':
        case '$max': {
          const after = getPath(next, path);
          if (after !== getPath(prev, path)) {
            dropUnder(path);
            for (const [k, t] of prefixTags(opTags, path)) out.set(k, t);
          }
          break;
        }
        case '$unset':
        case '$currentDate':
          dropUnder(path);
          break;
        case '$rename': {
          if (typeof operand !== 'string') break;
          const moved = subTags(out, path);
          dropUnder(path);
          dropUnder(operand);
          for (const [k, t] of prefixTags(moved, operand)) out.set(k, t);
          break;
        }
        default:
          break;
      }
    }
  }
  return keepValidTags(out, next);
}

// ---- upserts ---------------------------------------------------------------------------------

/** Equality fields of a filter, as MongoDB copies them into an upserted document. */
function equalityFields(filter: PlainDoc, tags: Tags, prefix: string, out: [string, unknown, Tags][]): void {
  for (const [key, cond] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(cond)) {
      cond.forEach((sub, i) => {
        if (isPlainObject(sub)) equalityFields(sub, tags, `${prefix}$and.${i}.`, out);
      });
      continue;
    }
    if (key.startsWith('$')) continue;
    if (isPlainObject(cond) && Object.keys(cond).some((k) => k.startsWith('$'))) {
      if ('$eq' in cond) out.push([key, cond['$eq'], subTags(tags, `${prefix}${key}.$eq`)]);
      continue;
    }
    if (cond instanceof RegExp) continue;
    out.push([key, cond, subTags(tags, `${prefix}${key}`)]);
  }
}

function checkId(id: unknown): void {
  if (Array.isArray(id)) throw new CommandError(ErrorCodes.InvalidIdField, "The '_id' value cannot be of type array");
  if (id instanceof RegExp) throw new CommandError(ErrorCodes.InvalidIdField, "The '_id' value cannot be of type regex");
  if (id === undefined) throw new CommandError(ErrorCodes.InvalidIdField, "The '_id' value cannot be undefined");
}

/** Gives a new document an `_id` (first) if it has none, and rejects invalid ones. */
export function withId(doc: PlainDoc): PlainDoc {
  if (!Object.prototype.hasOwnProperty.call(doc, '_id')) return setTags({ _id: new ObjectId(), ...doc }, tagsOf(doc));
  checkId(doc['_id']);
  return Object.keys(doc)[0] === '_id' ? doc : setTags(idFirst(doc), tagsOf(doc));
}

/** The document an upsert inserts when nothing matched `filter`. */
export function buildUpsert(filter: PlainDoc, filterTags: Tags, spec: UpdateSpec, ctx: UpdateContext): PlainDoc {
  if (spec.kind === 'replacement') {
    const doc = setTags(cloneDoc(spec.doc), spec.tags);
    if (!Object.prototype.hasOwnProperty.call(doc, '_id')) {
      const fields: [string, unknown, Tags][] = [];
      equalityFields(filter, filterTags, '', fields);
      const id = fields.find(([path]) => path === '_id');
      if (id) return withId(setTags({ _id: cloneValue(id[1]), ...doc }, spec.tags));
    }
    return withId(doc);
  }
  const seed: PlainDoc = {};
  const seedTags = new Map<string, TypeTag>();
  const fields: [string, unknown, Tags][] = [];
  equalityFields(filter, filterTags, '', fields);
  for (const [path, value, tags] of fields) {
    setPath(seed, path, cloneValue(value));
    for (const [k, t] of prefixTags(tags, path)) seedTags.set(k, t);
  }
  setTags(seed, keepValidTags(seedTags, seed));
  const built = applyUpdate(seed, spec, ctx, true).doc;
  return withId(built);
}
