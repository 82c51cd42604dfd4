/**
 * Snapshots: the whole store as one file, written on compaction so the journal can start over.
 *
 * Same record format as the journal: a header op `{op:'snapshot', gen}`, then per collection its
 * `create`, `createIndex` and `put` ops, then `{op:'end'}`. `gen` is the first journal generation
 * that is *not* contained in the snapshot. The file is written to a temporary name, fsynced and
 * renamed, so the current snapshot is always complete; a missing `end` means damage.
 */
import { serialize } from 'bson';
import type { Store } from '../engine/store.js';
import { CorruptStoreError } from '../errors.js';
import { decodeOp, encodeOp } from './op-codec.js';
import { encodeRecord, scanRecords, splitDocuments } from './records.js';

const RECORD_TARGET_BYTES = 1 << 20;

/** Serialises the store as it is right now (synchronously, so the image is consistent). */
export function buildSnapshot(store: Store, gen: number): Buffer[] {
  const records: Buffer[] = [];
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const push = (op: Buffer): void => {
    pending.push(op);
    pendingBytes += op.length;
    if (pendingBytes >= RECORD_TARGET_BYTES) cut();
  };
  const cut = (): void => {
    if (pending.length === 0) return;
    records.push(encodeRecord(Buffer.concat(pending)));
    pending = [];
    pendingBytes = 0;
  };
  push(metaOp({ op: 'snapshot', gen, at: new Date() }));
  let documents = 0;
  for (const db of store.databases()) {
    for (const coll of store.collections(db)) {
      push(encodeOp({ op: 'create', db, coll: coll.name, options: coll.options, uuid: coll.uuid }));
      for (const index of coll.indexes.values()) push(encodeOp({ op: 'createIndex', db, coll: coll.name, spec: index.spec }));
      for (const doc of coll.docs.values()) {
        push(encodeOp({ op: 'put', db, coll: coll.name, doc }));
        documents += 1;
      }
    }
  }
  push(metaOp({ op: 'end', documents }));
  cut();
  return records;
}

function metaOp(fields: Record<string, unknown>): Buffer {
  return Buffer.from(serialize(fields));
}

/** Loads a snapshot file into an empty store; returns its generation. */
export function loadSnapshot(store: Store, bytes: Buffer, file: string): number {
  const { payloads, tornBytes, validEnd } = scanRecords(bytes, file);
  if (tornBytes > 0) throw new CorruptStoreError(file, validEnd, 'snapshot ends in an incomplete record');
  let gen: number | undefined;
  let ended = false;
  let offset = 0;
  for (const payload of payloads) {
    for (const docBytes of splitDocuments(payload, file)) {
      if (ended) throw new CorruptStoreError(file, offset, 'data after the end of the snapshot');
      const op = decodeOp(docBytes, file, offset);
      if (op.op === 'meta') {
        if (op.fields['op'] === 'snapshot' && typeof op.fields['gen'] === 'number') gen = op.fields['gen'];
        else if (op.fields['op'] === 'end') ended = true;
        else throw new CorruptStoreError(file, offset, `unknown snapshot op ${String(op.fields['op'])}`);
      } else {
        if (gen === undefined) throw new CorruptStoreError(file, offset, 'snapshot without header');
        store.replay(op);
      }
      offset += docBytes.length;
    }
  }
  if (gen === undefined || !ended) throw new CorruptStoreError(file, bytes.length, 'snapshot is incomplete');
  return gen;
}
