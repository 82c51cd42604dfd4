/**
 * The TCP side: accepts connections on loopback and turns each request into a command run
 * against the store, replying once the command's journal record is durable.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { Logger } from 'pino';
import type { PlainDoc } from './bson/typed.js';
import type { CommandContext, ServerInfo } from './commands/context.js';
import { execute } from './commands/dispatch.js';
import { MAX_MESSAGE_SIZE_BYTES } from './commands/server-commands.js';
import type { CursorRegistry } from './engine/cursors.js';
import type { Store } from './engine/store.js';
import { ErrorCodes } from './errors.js';
import type { Durability } from './storage/durability.js';
import { Connection, type RequestHandler } from './wire/connection.js';
import type { ReplyBody, Request } from './wire/messages.js';

export interface WireServerDeps {
  readonly store: Store;
  readonly cursors: CursorRegistry;
  readonly durability: Durability;
  readonly logger: Logger;
  /** Largest accepted message (the hello reply advertises 48 MB). */
  readonly maxMessageBytes?: number | undefined;
}

export class WireServer implements RequestHandler {
  readonly #deps: WireServerDeps;
  readonly #server: Server;
  readonly #connections = new Set<Connection>();
  #nextConnectionId = 1;
  #info: ServerInfo = { startedAt: new Date(), host: '127.0.0.1', port: 0, connections: () => this.#connections.size };

  constructor(deps: WireServerDeps) {
    this.#deps = deps;
    this.#server = createServer((socket) => this.#accept(socket));
  }

  #accept(socket: Socket): void {
    const conn = new Connection(socket, this.#nextConnectionId++, this, this.#deps.logger, this.#deps.maxMessageBytes ?? MAX_MESSAGE_SIZE_BYTES);
    this.#connections.add(conn);
    socket.on('close', () => this.#connections.delete(conn));
  }

  listen(host: string, port: number): Promise<{ host: string; port: number }> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => {
        this.#server.off('error', reject);
        const addr = this.#server.address();
        const actual = typeof addr === 'object' && addr ? addr.port : port;
        this.#info = { ...this.#info, host, port: actual };
        resolve({ host, port: actual });
      });
    });
  }

  async handle(request: Request, connectionId: number): Promise<ReplyBody | undefined> {
    const { store, cursors, durability, logger } = this.#deps;
    const ctx: Omit<CommandContext, 'db'> = { store, cursors, connectionId, logger, server: this.#info };
    const acknowledged = !(request.kind === 'msg' && request.moreToCome);
    const { reply, seq } = execute(request.body as PlainDoc, ctx, durability, request.kind === 'query' ? request.db : undefined, acknowledged);
    if (!acknowledged) return undefined;
    try {
      await durability.whenDurable(seq);
    } catch (err) {
      return { ok: 0, errmsg: err instanceof Error ? err.message : String(err), code: ErrorCodes.InternalError, codeName: 'InternalError' };
    }
    return reply;
  }

  /** Stops accepting and drops every connection. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    for (const conn of this.#connections) conn.close();
    this.#connections.clear();
    await closed;
  }
}
