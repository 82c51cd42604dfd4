/**
 * The type layer between BSON on the wire and the plain objects mingo works on.
 *
 * mingo compares numbers only when they are JS numbers, so stored documents hold Int32, Double
 * and (safe) Int64 values as plain numbers. Re-encoding a number picks int32 for integers that fit
 * and double otherwise, which would turn a stored double `1.0` into an int32 and an int64 `5` into
 * an int32. To keep them faithful, every document carries a small side table of "tags": the dotted
 * paths whose numeric type differs from that default. Most documents have none.
 *
 * Tags live in a WeakMap keyed by the document object: stored documents are never mutated in place
 * (an update builds a new object), so the tags stay valid for as long as the object is stored, and a
 * document that passes unchanged through mingo (find, `$match`) keeps them for free.
 *
 * Left as they are (not numbers): Int64 beyond ±2^53 stays a `Long`, Decimal128 stays a
 * `Decimal128`; both round-trip exactly but compare only by their string form (see README).
 */
import { Double, Int32, Long } from 'bson';

export type TypeTag = 'double' | 'long';
export type Tags = ReadonlyMap<string, TypeTag>;
export type PlainDoc = Record<string, unknown>;

const EMPTY: Tags = new Map();
const tagTable = new WeakMap<object, Tags>();

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** True when `n` is encoded as int32 by default (so a double holding it needs a tag). */
export function encodesAsInt32(n: number): boolean {
  return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX && !Object.is(n, -0);
}

export function isPlainObject(v: unknown): v is PlainDoc {
  if (v === null || typeof v !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/**
 * Converts a value deserialized with `promoteValues: false` into the plain form, recording
 * numeric subtypes into `tags` (keyed by dotted path below `path`) when a map is given.
 */
export function fromWire(value: unknown, tags?: Map<string, TypeTag>, path = ''): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Int32) return value.value;
  if (value instanceof Double) {
    const n = value.value;
    if (tags && encodesAsInt32(n)) tags.set(path, 'double');
    return n;
  }
  if (value instanceof Long) {
    const n = value.toNumber();
    if (!Number.isSafeInteger(n)) return value;
    tags?.set(path, 'long');
    return n;
  }
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = fromWire(value[i], tags, tags ? join(path, String(i)) : path);
    return out;
  }
  if (isPlainObject(value)) {
    const out: PlainDoc = {};
    for (const key of Object.keys(value)) out[key] = fromWire(value[key], tags, tags ? join(path, key) : path);
    return out;
  }
  return value;
}

/** `fromWire` for a whole document, returning its tags too. */
export function docFromWire(value: PlainDoc): { doc: PlainDoc; tags: Tags } {
  const tags = new Map<string, TypeTag>();
  const doc = fromWire(value, tags) as PlainDoc;
  return { doc, tags: tags.size === 0 ? EMPTY : tags };
}

/**
 * The tags at and under `prefix` (a dotted path), re-rooted at it: the tag of the value at
 * `prefix` itself comes back under the empty path.
 */
export function subTags(tags: Tags, prefix: string): Tags {
  if (tags.size === 0) return EMPTY;
  const out = new Map<string, TypeTag>();
  const p = `${prefix}.`;
  for (const [k, t] of tags) {
    if (k === prefix) out.set('', t);
    else if (k.startsWith(p)) out.set(k.slice(p.length), t);
  }
  return out.size === 0 ? EMPTY : out;
}

/**
 * The tags under `prefix`, grouped by the next path segment (an array index or field name) and
 * re-rooted below it: one pass for a whole batch of documents instead of one per document.
 */
export function groupTags(tags: Tags, prefix: string): ReadonlyMap<string, Tags> {
  const out = new Map<string, Map<string, TypeTag>>();
  if (tags.size === 0) return out;
  const p = `${prefix}.`;
  for (const [k, t] of tags) {
    if (!k.startsWith(p)) continue;
    const rest = k.slice(p.length);
    const dot = rest.indexOf('.');
    const head = dot < 0 ? rest : rest.slice(0, dot);
    let group = out.get(head);
    if (!group) {
      group = new Map();
      out.set(head, group);
    }
    group.set(dot < 0 ? '' : rest.slice(dot + 1), t);
  }
  return out;
}

/** Prefixes every tag path with `prefix`. */
export function prefixTags(tags: Tags, prefix: string): Map<string, TypeTag> {
  const out = new Map<string, TypeTag>();
  for (const [k, t] of tags) out.set(k === '' ? prefix : `${prefix}.${k}`, t);
  return out;
}

export function emptyTags(): Tags {
  return EMPTY;
}

/** Attaches tags to a stored (never mutated) document. */
export function setTags<T extends object>(doc: T, tags: Tags): T {
  if (tags.size > 0) tagTable.set(doc, tags);
  else tagTable.delete(doc);
  return doc;
}

export function tagsOf(doc: object): Tags {
  return tagTable.get(doc) ?? EMPTY;
}

function encodeTagged(n: number, tag: TypeTag): unknown {
  return tag === 'double' ? new Double(n) : Long.fromNumber(n);
}

function copyPath(node: unknown, segments: readonly string[], i: number, tag: TypeTag): unknown {
  if (i === segments.length) return typeof node === 'number' ? encodeTagged(node, tag) : node;
  const seg = segments[i] as string;
  if (Array.isArray(node)) {
    const idx = Number(seg);
    if (!Number.isInteger(idx) || idx < 0 || idx >= node.length) return node;
    const copy = node.slice();
    copy[idx] = copyPath(node[idx], segments, i + 1, tag);
    return copy;
  }
  if (isPlainObject(node) && Object.prototype.hasOwnProperty.call(node, seg)) {
    return { ...node, [seg]: copyPath(node[seg], segments, i + 1, tag) };
  }
  return node;
}

/**
 * The document as it must be encoded: tagged numbers wrapped back into `Double`/`Long`.
 * Untagged documents are returned as they are (no copy).
 */
export function toWire(doc: PlainDoc, tags: Tags = tagsOf(doc)): PlainDoc {
  if (tags.size === 0) return doc;
  let out: unknown = doc;
  for (const [path, tag] of tags) out = copyPath(out, path === '' ? [] : path.split('.'), 0, tag);
  return out as PlainDoc;
}
