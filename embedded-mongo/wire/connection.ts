/**
 * One client connection: frames the byte stream, handles requests strictly one after another
 * (a reply is written before the next request is looked at, as the driver expects) and closes the
 * socket, with a logged reason, on anything malformed. Other connections are unaffected.
 */
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { Framer } from './framer.js';
import { decodeRequest, encodeReply, ProtocolError, type ReplyBody, type Request } from './messages.js';

export interface RequestHandler {
  /** The reply, or undefined when none is due (moreToCome). */
  handle(request: Request, connectionId: number): Promise<ReplyBody | undefined>;
}

/** The driver never pipelines, so a handful of queued requests is plenty; beyond it stop reading. */
const PAUSE_AT = 4;
const RESUME_AT = 1;

export class Connection {
  readonly id: number;
  readonly #socket: Socket;
  readonly #framer: Framer;
  readonly #handler: RequestHandler;
  readonly #logger: Logger;
  readonly #queue: Buffer[] = [];
  #busy = false;
  #closed = false;

  constructor(socket: Socket, id: number, handler: RequestHandler, logger: Logger, maxMessageBytes: number) {
    this.id = id;
    this.#socket = socket;
    this.#handler = handler;
    this.#logger = logger;
    this.#framer = new Framer(maxMessageBytes);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (err) => this.#logger.debug({ connectionId: id, err: err.message }, 'connection error'));
    socket.on('close', () => {
      this.#closed = true;
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  #onData(chunk: Buffer): void {
    if (this.#closed) return;
    try {
      this.#queue.push(...this.#framer.push(chunk));
    } catch (err) {
      this.#fail(err);
      return;
    }
    if (this.#queue.length > PAUSE_AT) this.#socket.pause();
    void this.#pump();
  }

  async #pump(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      while (!this.#closed && this.#queue.length > 0) {
        const raw = this.#queue.shift() as Buffer;
        if (this.#queue.length < RESUME_AT && this.#socket.isPaused()) this.#socket.resume();
        let request: Request;
        try {
          request = decodeRequest(raw);
        } catch (err) {
          this.#fail(err);
          return;
        }
        const reply = await this.#handler.handle(request, this.id);
        if (reply !== undefined && !this.#closed) {
          this.#socket.cork();
          let flushed = true;
          for (const part of encodeReply(request, reply)) flushed = this.#socket.write(part);
          this.#socket.uncork();
          // A client that does not read its replies must not make us buffer without bound.
          if (!flushed && !this.#closed) await new Promise<void>((resolve) => {
            const done = (): void => {
              this.#socket.off('drain', done);
              this.#socket.off('close', done);
              resolve();
            };
            this.#socket.on('drain', done);
            this.#socket.on('close', done);
          });
        }
      }
    } catch (err) {
      this.#logger.error({ connectionId: this.id, err }, 'closing connection after an internal error');
      this.close();
    } finally {
      this.#busy = false;
    }
  }

  #fail(err: unknown): void {
    const reason = err instanceof ProtocolError || err instanceof Error ? err.message : String(err);
    this.#logger.warn({ connectionId: this.id, reason }, 'closing connection: malformed message');
    this.close();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#queue.length = 0;
    this.#socket.destroy();
  }
}
