/**
 * Dotted-path helpers over plain documents.
 *
 * Two readings of a path exist in MongoDB: the literal one (`a.0.b` walks into element 0) used by
 * updates, and the expanding one used by index keys and `distinct`, where an array met on the way
 * fans out over its elements.
 */
import { isPlainObject, type PlainDoc } from './typed.js';

export const MISSING: unique symbol = Symbol('missing');
export type Missing = typeof MISSING;

/** The value at `path`, walking into arrays only through numeric segments. */
export function getPath(doc: unknown, path: string): unknown {
  let node: unknown = doc;
  for (const seg of path.split('.')) {
    if (Array.isArray(node)) {
      const i = Number(seg);
      if (!Number.isInteger(i) || i < 0 || i >= node.length) return MISSING;
      node = node[i];
    } else if (isPlainObject(node)) {
      if (!Object.prototype.hasOwnProperty.call(node, seg)) return MISSING;
      node = node[seg];
    } else {
      return MISSING;
    }
  }
  return node;
}

/** Sets `path`, creating intermediate objects (used to seed upserted documents from a filter). */
export function setPath(doc: PlainDoc, path: string, value: unknown): void {
  const segs = path.split('.');
  let node: PlainDoc = doc;
  for (let i = 0; i < segs.length - 1; i++) {
    const seg = segs[i] as string;
    const next = node[seg];
    if (isPlainObject(next)) {
      node = next;
    } else {
      const created: PlainDoc = {};
      node[seg] = created;
      node = created;
    }
  }
  node[segs[segs.length - 1] as string] = value;
}

/**
 * Every value reachable at `path`, arrays expanded as MongoDB indexes them: an array at the end
 * contributes each element, an array on the way fans out. Missing yields an empty list.
 */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  collect(doc, path.split('.'), 0, out);
  return out;
}

function collect(node: unknown, segs: readonly string[], i: number, out: unknown[]): void {
  if (i === segs.length) {
    if (Array.isArray(node)) {
      if (node.length === 0) out.push(undefined);
      else for (const el of node) out.push(el);
    } else {
      out.push(node);
    }
    return;
  }
  const seg = segs[i] as string;
  if (Array.isArray(node)) {
    const idx = Number(seg);
    if (Number.isInteger(idx) && idx >= 0 && idx < node.length) {
      collect(node[idx], segs, i + 1, out);
      return;
    }
    for (const el of node) if (isPlainObject(el)) collect(el, segs, i, out);
    return;
  }
  if (isPlainObject(node) && Object.prototype.hasOwnProperty.call(node, seg)) collect(node[seg], segs, i + 1, out);
}
