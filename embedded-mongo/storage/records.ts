/**
 * The record format shared by the journal and the snapshot.
 *
 *   magic u32 | payload length u32 | crc32c(payload) u32 | crc32c(first 12 bytes) u32 | payload
 *
 * The payload is a run of BSON documents (journal ops). Reading tells a torn tail (the last write
 * cut short by a crash: truncate it and go on) from damage before the end (refuse to start):
 * a record is torn only when it runs past the end of the file, or fails its checksum as the very
 * last record, or when nothing but zero bytes follows (a power loss on a preallocated page).
 * The header's own checksum keeps a flipped length bit in the middle of the file from posing as a
 * torn tail and silently hiding the records after it.
 */
import { CorruptStoreError } from '../errors.js';
import { crc32c } from '../wire/crc32c.js';

const MAGIC = 0x314a4d45; // "EMJ1"
export const RECORD_HEADER = 16;

export function encodeRecord(payload: Buffer): Buffer {
  const out = Buffer.allocUnsafe(RECORD_HEADER + payload.length);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(payload.length, 4);
  out.writeUInt32LE(crc32c(payload), 8);
  out.writeUInt32LE(crc32c(out, 0, 12), 12);
  payload.copy(out, RECORD_HEADER);
  return out;
}

export interface ScanResult {
  readonly payloads: Buffer[];
  /** Offset just after the last good record. */
  readonly validEnd: number;
  /** Bytes after validEnd that belong to a torn last record (0 when the file ends cleanly). */
  readonly tornBytes: number;
}

function allZero(buf: Buffer, from: number): boolean {
  for (let i = from; i < buf.length; i++) if (buf[i] !== 0) return false;
  return true;
}

export function scanRecords(buf: Buffer, file: string): ScanResult {
  const payloads: Buffer[] = [];
  let offset = 0;
  const torn = (): ScanResult => ({ payloads, validEnd: offset, tornBytes: buf.length - offset });
  while (offset < buf.length) {
    if (buf.length - offset < RECORD_HEADER) return torn();
    const magic = buf.readUInt32LE(offset);
    const headerOk = magic === MAGIC && buf.readUInt32LE(offset + 12) === crc32c(buf, offset, offset + 12);
    if (!headerOk) {
      if (allZero(buf, offset)) return torn();
      throw new CorruptStoreError(file, offset, magic === MAGIC ? 'record header checksum mismatch' : 'bad record marker');
    }
    const length = buf.readUInt32LE(offset + 4);
    const end = offset + RECORD_HEADER + length;
    if (end > buf.length) return torn();
    if (buf.readUInt32LE(offset + 8) !== crc32c(buf, offset + RECORD_HEADER, end)) {
      if (end === buf.length) return torn();
      throw new CorruptStoreError(file, offset, 'record checksum mismatch');
    }
    payloads.push(buf.subarray(offset + RECORD_HEADER, end));
    offset = end;
  }
  return { payloads, validEnd: offset, tornBytes: 0 };
}

/** Splits a payload into its BSON documents. */
export function splitDocuments(payload: Buffer, file: string): Buffer[] {
  const out: Buffer[] = [];
  let p = 0;
  while (p < payload.length) {
    if (payload.length - p < 5) throw new CorruptStoreError(file, p, 'truncated document in a record');
    const size = payload.readInt32LE(p);
    if (size < 5 || p + size > payload.length) throw new CorruptStoreError(file, p, 'document size out of bounds in a record');
    out.push(payload.subarray(p, p + size));
    p += size;
  }
  return out;
}
