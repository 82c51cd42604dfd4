/**
 * Cursor replies assembled from documents serialised one by one.
 *
 * Each document is encoded once: its size decides whether it still fits in the batch (capped by
 * count and by 16 MiB, as MongoDB does) and its bytes are copied straight into the reply, instead
 * of measuring with calculateObjectSize and then serialising the whole reply again.
 */
import { Long, serialize } from 'bson';
import { toWire, type PlainDoc } from './typed.js';

/** MongoDB's cap on the documents of one batch. */
export const MAX_BATCH_BYTES = 16 * 1024 * 1024;

export interface Batch {
  readonly docs: Buffer[];
  /** Index of the first document not in the batch. */
  readonly next: number;
}

/** Serialises documents from `start` until `limit` documents or the byte cap (at least one). */
export function takeBatch(docs: readonly PlainDoc[], start: number, limit: number, maxBytes = MAX_BATCH_BYTES): Batch {
  const out: Buffer[] = [];
  let bytes = 0;
  let i = start;
  while (i < docs.length && out.length < limit) {
    const b = Buffer.from(serialize(toWire(docs[i] as PlainDoc)));
    if (out.length > 0 && bytes + b.length > maxBytes) break;
    out.push(b);
    bytes += b.length;
    i += 1;
  }
  return { docs: out, next: i };
}

function cstring(s: string): Buffer {
  return Buffer.concat([Buffer.from(s, 'utf8'), Buffer.from([0])]);
}

function element(type: number, name: string, value: Buffer): Buffer {
  return Buffer.concat([Buffer.from([type]), cstring(name), value]);
}

function documentOf(elements: Buffer[]): Buffer {
  const body = Buffer.concat(elements);
  const out = Buffer.allocUnsafe(4 + body.length + 1);
  out.writeInt32LE(out.length, 0);
  body.copy(out, 4);
  out[out.length - 1] = 0;
  return out;
}

/** `{cursor: {firstBatch|nextBatch: [...], id: Long, ns}, ok: 1}` */
export function cursorReply(field: 'firstBatch' | 'nextBatch', docs: readonly Buffer[], id: number, ns: string): Buffer {
  const array = documentOf(docs.map((d, i) => element(0x03, String(i), d)));
  const idBytes = Buffer.allocUnsafe(8);
  const long = Long.fromNumber(id);
  idBytes.writeInt32LE(long.low, 0);
  idBytes.writeInt32LE(long.high, 4);
  const nsBytes = Buffer.from(ns, 'utf8');
  const nsValue = Buffer.allocUnsafe(4 + nsBytes.length + 1);
  nsValue.writeInt32LE(nsBytes.length + 1, 0);
  nsBytes.copy(nsValue, 4);
  nsValue[nsValue.length - 1] = 0;
  const cursor = documentOf([element(0x04, field, array), element(0x12, 'id', idBytes), element(0x02, 'ns', nsValue)]);
  const ok = Buffer.allocUnsafe(8);
  ok.writeDoubleLE(1, 0);
  return documentOf([element(0x03, 'cursor', cursor), element(0x01, 'ok', ok)]);
}
