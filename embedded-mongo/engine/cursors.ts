/**
 * Server-side cursors: the rest of a result set after the first batch, fetched with getMore.
 *
 * Results are materialised when the cursor is opened (a consistent snapshot; stored documents
 * are never mutated, so holding references is cheap). Ids are random, below 2^53 so they survive
 * the trip through JS numbers, and go on the wire as int64 as the driver requires. Idle cursors
 * are dropped after `idleMs` like MongoDB's 10-minute cursor timeout.
 */
import { randomInt } from 'node:crypto';
import type { PlainDoc } from '../bson/typed.js';

export interface OpenCursor {
  readonly id: number;
  readonly ns: string;
  readonly docs: readonly PlainDoc[];
  position: number;
  lastUsed: number;
}

export class CursorRegistry {
  readonly #cursors = new Map<number, OpenCursor>();
  readonly #idleMs: number;
  readonly #now: () => number;

  constructor(idleMs = 10 * 60_000, now: () => number = Date.now) {
    this.#idleMs = idleMs;
    this.#now = now;
  }

  get size(): number {
    return this.#cursors.size;
  }

  open(ns: string, docs: readonly PlainDoc[], position: number): OpenCursor {
    let id = randomInt(1, 2 ** 47) * 64 + randomInt(0, 64);
    while (this.#cursors.has(id)) id = randomInt(1, 2 ** 47) * 64;
    const cursor: OpenCursor = { id, ns, docs, position, lastUsed: this.#now() };
    this.#cursors.set(id, cursor);
    return cursor;
  }

  get(id: number): OpenCursor | undefined {
    const c = this.#cursors.get(id);
    if (c) c.lastUsed = this.#now();
    return c;
  }

  kill(id: number): boolean {
    return this.#cursors.delete(id);
  }

  /** Drops cursors on a namespace (the collection was dropped or renamed). */
  killNamespace(ns: string): void {
    for (const [id, c] of this.#cursors) if (c.ns === ns || c.ns.startsWith(`${ns}.`)) this.#cursors.delete(id);
  }

  reapIdle(): number {
    const limit = this.#now() - this.#idleMs;
    let n = 0;
    for (const [id, c] of this.#cursors) {
      if (c.lastUsed < limit) {
        this.#cursors.delete(id);
        n += 1;
      }
    }
    return n;
  }

  clear(): void {
    this.#cursors.clear();
  }
}
