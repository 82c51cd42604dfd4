/**
 * Decoding and encoding of the wire messages the driver uses.
 *
 * Every message starts with the 16-byte header `messageLength, requestID, responseTo, opCode`
 * (little-endian int32). Requests come as OP_MSG (2013) or, for the first handshake on each
 * connection, OP_QUERY (2004); replies go back in the same framing (OP_MSG, or OP_REPLY for an
 * OP_QUERY). Anything that does not parse throws `ProtocolError`: the connection is closed, because
 * after a framing error nothing that follows on that stream can be trusted.
 */
import { deserialize, serialize } from 'bson';
import { crc32c } from './crc32c.js';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;
export const HEADER_SIZE = 16;

const CHECKSUM_PRESENT = 1 << 0;
const MORE_TO_COME = 1 << 1;
const EXHAUST_ALLOWED = 1 << 16;
const KNOWN_FLAGS = CHECKSUM_PRESENT | MORE_TO_COME | EXHAUST_ALLOWED;

/** A malformed or unsupported message: the connection that sent it is closed. */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** A request decoded from the wire. `body` is typed BSON (numbers not promoted, see bson/typed). */
export type Request =
  | { readonly kind: 'msg'; readonly requestId: number; readonly body: Record<string, unknown>; readonly moreToCome: boolean }
  | { readonly kind: 'query'; readonly requestId: number; readonly body: Record<string, unknown>; readonly db: string };

const BSON_OPTIONS = { promoteValues: false, promoteBuffers: false, bsonRegExp: false, validation: { utf8: true } } as const;

function readDocument(buf: Buffer, offset: number, end: number, what: string): { doc: Record<string, unknown>; next: number } {
  if (end - offset < 5) throw new ProtocolError(`${what}: truncated document`);
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw new ProtocolError(`${what}: document size ${size} out of bounds`);
  if (buf[offset + size - 1] !== 0) throw new ProtocolError(`${what}: document not terminated`);
  try {
    const doc = deserialize(buf.subarray(offset, offset + size), BSON_OPTIONS);
    return { doc, next: offset + size };
  } catch (err) {
    throw new ProtocolError(`${what}: invalid BSON (${err instanceof Error ? err.message : String(err)})`);
  }
}

function readCString(buf: Buffer, offset: number, end: number, what: string): { value: string; next: number } {
  const zero = buf.indexOf(0, offset);
  if (zero < 0 || zero >= end) throw new ProtocolError(`${what}: unterminated string`);
  return { value: buf.toString('utf8', offset, zero), next: zero + 1 };
}

/** Decodes one complete message (header included). */
export function decodeRequest(msg: Buffer): Request {
  if (msg.length < HEADER_SIZE) throw new ProtocolError('message shorter than its header');
  const requestId = msg.readInt32LE(4);
  const opCode = msg.readInt32LE(12);
  if (opCode === OP_MSG) return decodeOpMsg(msg, requestId);
  if (opCode === OP_QUERY) return decodeOpQuery(msg, requestId);
  if (opCode === OP_COMPRESSED) throw new ProtocolError('OP_COMPRESSED is not supported (no compressor was negotiated)');
  throw new ProtocolError(`unsupported opCode ${opCode}`);
}

function decodeOpMsg(msg: Buffer, requestId: number): Request {
  if (msg.length < HEADER_SIZE + 5) throw new ProtocolError('OP_MSG too short');
  const flags = msg.readUInt32LE(HEADER_SIZE);
  if ((flags & ~KNOWN_FLAGS) & 0xffff) throw new ProtocolError(`OP_MSG has unknown required flag bits 0x${flags.toString(16)}`);
  let end = msg.length;
  if (flags & CHECKSUM_PRESENT) {
    if (msg.length < HEADER_SIZE + 9) throw new ProtocolError('OP_MSG too short for its checksum');
    end -= 4;
    const expected = msg.readUInt32LE(end);
    const actual = crc32c(msg, 0, end);
    if (expected !== actual) throw new ProtocolError('OP_MSG checksum mismatch');
  }
  let offset = HEADER_SIZE + 4;
  let body: Record<string, unknown> | undefined;
  const sequences: [string, Record<string, unknown>[]][] = [];
  while (offset < end) {
    const kind = msg[offset];
    offset += 1;
    if (kind === 0) {
      if (body) throw new ProtocolError('OP_MSG has more than one body section');
      const read = readDocument(msg, offset, end, 'OP_MSG body');
      body = read.doc;
      offset = read.next;
    } else if (kind === 1) {
      if (end - offset < 4) throw new ProtocolError('OP_MSG document sequence truncated');
      const size = msg.readInt32LE(offset);
      const seqEnd = offset + size;
      if (size < 5 || seqEnd > end) throw new ProtocolError(`OP_MSG document sequence size ${size} out of bounds`);
      const id = readCString(msg, offset + 4, seqEnd, 'OP_MSG document sequence');
      let p = id.next;
      const docs: Record<string, unknown>[] = [];
      while (p < seqEnd) {
        const read = readDocument(msg, p, seqEnd, `OP_MSG sequence "${id.value}"`);
        docs.push(read.doc);
        p = read.next;
      }
      sequences.push([id.value, docs]);
      offset = seqEnd;
    } else {
      throw new ProtocolError(`OP_MSG has unknown section kind ${String(kind)}`);
    }
  }
  if (!body) throw new ProtocolError('OP_MSG has no body section');
  for (const [id, docs] of sequences) {
    if (Object.prototype.hasOwnProperty.call(body, id)) throw new ProtocolError(`OP_MSG field "${id}" given both in the body and as a sequence`);
    body[id] = docs;
  }
  return { kind: 'msg', requestId, body, moreToCome: (flags & MORE_TO_COME) !== 0 };
}

function decodeOpQuery(msg: Buffer, requestId: number): Request {
  let offset = HEADER_SIZE + 4; // flags
  const ns = readCString(msg, offset, msg.length, 'OP_QUERY collection name');
  offset = ns.next + 8; // numberToSkip, numberToReturn
  if (offset > msg.length) throw new ProtocolError('OP_QUERY truncated');
  const query = readDocument(msg, offset, msg.length, 'OP_QUERY query');
  const dot = ns.value.indexOf('.');
  if (dot <= 0 || ns.value.slice(dot + 1) !== '$cmd') throw new ProtocolError(`OP_QUERY is only supported for commands, not on "${ns.value}"`);
  let body = query.doc;
  // Old drivers wrap the command as {$query: cmd, $readPreference: …}.
  const wrapped = body['$query'] ?? body['query'];
  if (wrapped && typeof wrapped === 'object' && !Array.isArray(wrapped) && Object.keys(body)[0]?.startsWith('$')) body = wrapped as Record<string, unknown>;
  return { kind: 'query', requestId, body, db: ns.value.slice(0, dot) };
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.allocUnsafe(HEADER_SIZE);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(requestId, 4);
  h.writeInt32LE(responseTo, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

/** Reply bodies are either a document to encode or a BSON document already encoded (cursor batches). */
export type ReplyBody = Record<string, unknown> | Buffer;

function encodeBody(body: ReplyBody): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.from(serialize(body));
}

let nextReplyId = 1;

/** Encodes the reply to `request` in the framing it came in. */
export function encodeReply(request: Request, body: ReplyBody): Buffer[] {
  const bson = encodeBody(body);
  const replyId = nextReplyId++ & 0x7fffffff;
  if (request.kind === 'msg') {
    const prefix = Buffer.allocUnsafe(5);
    prefix.writeUInt32LE(0, 0);
    prefix.writeUInt8(0, 4);
    return [header(HEADER_SIZE + 5 + bson.length, replyId, request.requestId, OP_MSG), prefix, bson];
  }
  const reply = Buffer.alloc(20);
  // responseFlags 0, cursorID 0 (int64), startingFrom 0, numberReturned 1
  reply.writeInt32LE(1, 16);
  return [header(HEADER_SIZE + 20 + bson.length, replyId, request.requestId, OP_REPLY), reply, bson];
}
