/**
 * Splits a TCP byte stream into whole wire messages using the length in each header.
 * A length below the header size or above the limit is a framing error: there is no way to find
 * the next message after it, so the caller closes the connection.
 */
import { HEADER_SIZE, ProtocolError } from './messages.js';

export class Framer {
  readonly #maxMessageBytes: number;
  #chunks: Buffer[] = [];
  #buffered = 0;

  constructor(maxMessageBytes: number) {
    this.#maxMessageBytes = maxMessageBytes;
  }

  /** Adds bytes; returns the messages completed by them (throws ProtocolError on a bad length). */
  push(chunk: Buffer): Buffer[] {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    const out: Buffer[] = [];
    for (;;) {
      if (this.#buffered < 4) break;
      const length = this.#peekLength();
      if (length < HEADER_SIZE) throw new ProtocolError(`message length ${length} is smaller than the header`);
      if (length > this.#maxMessageBytes) throw new ProtocolError(`message length ${length} exceeds the limit of ${this.#maxMessageBytes} bytes`);
      if (this.#buffered < length) break;
      out.push(this.#take(length));
    }
    return out;
  }

  #peekLength(): number {
    const first = this.#chunks[0] as Buffer;
    if (first.length >= 4) return first.readInt32LE(0);
    const merged = Buffer.concat(this.#chunks);
    this.#chunks = [merged];
    return merged.readInt32LE(0);
  }

  #take(length: number): Buffer {
    const first = this.#chunks[0] as Buffer;
    let msg: Buffer;
    if (first.length >= length) {
      msg = first.subarray(0, length);
      if (first.length === length) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(length);
    } else {
      const merged = Buffer.concat(this.#chunks);
      msg = merged.subarray(0, length);
      this.#chunks = merged.length > length ? [merged.subarray(length)] : [];
    }
    this.#buffered -= length;
    return msg;
  }
}
