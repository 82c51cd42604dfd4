/**
 * The one place that configures mingo (pinned at 7.2.7: it releases often and breaks APIs).
 *
 * We build our own operator context instead of using `mingo`'s default export because a context
 * merge keeps the first definition of an operator, so the default one cannot be overridden; ours
 * replaces `$type` with a BSON-aware version and adds `$toObjectId`, which mingo lacks.
 */
import { Binary, Code, Decimal128, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { Context, evalExpr, ProcessingMode } from 'mingo/core';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { Lazy, type Iterator } from 'mingo/lazy';
import { Query } from 'mingo/query';
import type { AnyObject, CollectionResolver, Options } from 'mingo/types';
import { update as mingoUpdate, type Modifier } from 'mingo/updater';
import { resolve } from 'mingo/util';
import { encodesAsInt32, isPlainObject, tagsOf, type PlainDoc } from '../bson/typed.js';
import { sortDocs } from './sort.js';

type TypePredicate = (v: unknown) => boolean;

const isNumber = (v: unknown): boolean => typeof v === 'number';
const BY_ALIAS: Record<string, TypePredicate> = {
  double: (v) => typeof v === 'number' && !encodesAsInt32(v),
  string: (v) => typeof v === 'string',
  object: (v) => isPlainObject(v),
  array: (v) => Array.isArray(v),
  binData: (v) => v instanceof Binary,
  undefined: (v) => v === undefined,
  objectId: (v) => v instanceof ObjectId,
  bool: (v) => typeof v === 'boolean',
  date: (v) => v instanceof Date,
  null: (v) => v === null,
  regex: (v) => v instanceof RegExp,
  javascript: (v) => v instanceof Code,
  int: (v) => typeof v === 'number' && encodesAsInt32(v),
  timestamp: (v) => v instanceof Timestamp,
  long: (v) => v instanceof Long,
  decimal: (v) => v instanceof Decimal128,
  minKey: (v) => v instanceof MinKey,
  maxKey: (v) => v instanceof MaxKey,
  number: (v) => isNumber(v) || v instanceof Long || v instanceof Decimal128,
};
const BY_CODE: Record<number, string> = {
  1: 'double', 2: 'string', 3: 'object', 4: 'array', 5: 'binData', 6: 'undefined', 7: 'objectId', 8: 'bool',
  9: 'date', 10: 'null', 11: 'regex', 13: 'javascript', 16: 'int', 17: 'timestamp', 18: 'long', 19: 'decimal',
  [-1]: 'minKey', 127: 'maxKey',
};

function typeName(t: unknown): string | undefined {
  if (typeof t === 'number') return BY_CODE[t];
  return typeof t === 'string' ? t : undefined;
}

/**
 * `$type` that knows BSON types. For top-level fields of a stored document it also consults the
 * numeric tags, so `{n: {$type: 'long'}}` finds an int64 that is held as a JS number.
 */
function $type(selector: string, value: unknown, _options: Options): (o: AnyObject) => boolean {
  const wanted = (Array.isArray(value) ? value : [value]).map(typeName);
  return (o: AnyObject) => {
    const v = resolve(o, selector, { unwrapArray: true });
    const tag = tagsOf(o).get(selector);
    const test = (x: unknown, tagged: boolean): boolean =>
      wanted.some((name) => {
        if (name === undefined) return false;
        if (tagged && tag !== undefined && typeof x === 'number') {
          if (name === 'number') return true;
          return name === tag;
        }
        return BY_ALIAS[name]?.(x) ?? false;
      });
    if (v === undefined && !Object.prototype.hasOwnProperty.call(o, selector.split('.')[0] ?? '')) return false;
    if (test(v, true)) return true;
    return Array.isArray(v) && v.some((x) => test(x, false));
  };
}

/** `$toObjectId` (missing from mingo): a 24-hex string becomes an ObjectId, null stays null. */
function $toObjectId(obj: unknown, expr: unknown, options: Options): unknown {
  const v = evalExpr(obj, expr, options);
  if (v === null || v === undefined) return null;
  if (v instanceof ObjectId) return v;
  if (typeof v === 'string' && ObjectId.isValid(v) && v.length === 24) return new ObjectId(v);
  throw new Error(`$toObjectId: cannot convert ${JSON.stringify(v)} to an ObjectId`);
}

/** `$sort` stage in MongoDB's order (see sort.ts) instead of mingo's. */
function $sort(coll: Iterator, spec: unknown, _options: Options): Iterator {
  if (!isPlainObject(spec) || Object.keys(spec).length === 0) throw new Error('$sort specification is invalid: it must be a non-empty object');
  const clean: Record<string, 1 | -1> = {};
  for (const [k, v] of Object.entries(spec)) {
    if (v !== 1 && v !== -1) throw new Error(`$sort key ordering must be 1 (for ascending) or -1 (for descending); '${k}' has ${String(v)}`);
    clean[k] = v;
  }
  return coll.transform((items: unknown[]) => Lazy(sortDocs(items as PlainDoc[], clean)));
}

const CONTEXT = Context.init({
  accumulator: { ...accumulatorOperators },
  expression: { ...expressionOperators, $toObjectId },
  pipeline: { ...pipelineOperators, $sort },
  projection: { ...projectionOperators },
  query: { ...queryOperators, $type },
  window: { ...windowOperators },
} as Parameters<typeof Context.init>[0]);

/**
 * mingo's updater copies the operator context on every call (about 100 µs with every operator
 * loaded). Update operators only evaluate query operators (arrayFilters, positional `$`); the
 * updater adds the boolean and comparison expression operators itself, exactly its own default.
 * (Pipeline updates run through the aggregator with everything.)
 */
const UPDATE_CONTEXT = Context.init({ query: { ...queryOperators, $type } } as Parameters<typeof Context.init>[0]);

const BASE: Options = {
  idKey: '_id',
  processingMode: ProcessingMode.CLONE_OFF,
  useStrictMode: true,
  scriptEnabled: false,
  failOnError: true,
  context: CONTEXT,
};

export function queryOptions(collectionResolver?: CollectionResolver): Options {
  return collectionResolver ? { ...BASE, collectionResolver } : BASE;
}

/** Compiles a filter. */
export function compileFilter(filter: Record<string, unknown>): Query {
  return new Query(filter, BASE);
}

export function newAggregator(pipeline: AnyObject[], collectionResolver?: CollectionResolver): Aggregator {
  return new Aggregator(pipeline, queryOptions(collectionResolver));
}

/** Applies update operators to `doc` in place; returns the changed paths. */
export function applyModifier(
  doc: AnyObject,
  modifier: Record<string, unknown>,
  arrayFilters: AnyObject[] | undefined,
  condition: Record<string, unknown> | undefined,
): string[] {
  return mingoUpdate(doc, modifier as Modifier<AnyObject>, arrayFilters, condition, { cloneMode: 'deep', queryOptions: { ...BASE, context: UPDATE_CONTEXT } });
}

export type { Query, Aggregator };
