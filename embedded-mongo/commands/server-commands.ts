/**
 * Handshake and server-level commands: hello/isMaster, ping, buildInfo, serverStatus, sessions.
 *
 * The hello reply is what makes the driver treat us as a standalone 7.0 server: wire versions
 * 0–21 (so `bulkWrite` and other 8.0 paths stay off), the size limits it splits batches by, and
 * `logicalSessionTimeoutMinutes` (without it the driver disables sessions). `topologyVersion` is
 * deliberately absent: with it the driver would expect streamed, long-polled hello replies.
 */
import { UUID } from 'bson';
import { CommandError, ErrorCodes } from '../errors.js';
import type { CommandContext, CommandDef } from './context.js';

export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
export const MAX_MESSAGE_SIZE_BYTES = 48_000_000;
export const MAX_WRITE_BATCH_SIZE = 100_000;
export const MAX_WIRE_VERSION = 21;
export const SERVER_VERSION = '7.0.0';

function helloReply(ctx: CommandContext, legacy: boolean, helloOk: boolean): Record<string, unknown> {
  return {
    ...(helloOk ? { helloOk: true } : {}),
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE_BYTES,
    maxWriteBatchSize: MAX_WRITE_BATCH_SIZE,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

export const helloCommand: CommandDef = {
  writes: false,
  run: (cmd, _tags, ctx) => helloReply(ctx, false, cmd['helloOk'] === true),
};

export const isMasterCommand: CommandDef = {
  writes: false,
  run: (cmd, _tags, ctx) => helloReply(ctx, true, cmd['helloOk'] === true),
};

export const pingCommand: CommandDef = { writes: false, run: () => ({ ok: 1 }) };

export const buildInfoCommand: CommandDef = {
  writes: false,
  run: () => ({
    version: SERVER_VERSION,
    gitVersion: 'embedded',
    versionArray: [7, 0, 0, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    storageEngines: ['embedded'],
    modules: [],
    ok: 1,
  }),
};

export const serverStatusCommand: CommandDef = {
  writes: false,
  run: (_cmd, _tags, ctx) => ({
    host: `${ctx.server.host}:${ctx.server.port}`,
    version: SERVER_VERSION,
    process: 'embedded-mongo',
    pid: process.pid,
    uptime: Math.floor((Date.now() - ctx.server.startedAt.getTime()) / 1000),
    localTime: new Date(),
    connections: { current: ctx.server.connections(), available: 1000 },
    ok: 1,
  }),
};

export const whatsMyUriCommand: CommandDef = { writes: false, run: () => ({ you: 'embedded', ok: 1 }) };

export const connectionStatusCommand: CommandDef = {
  writes: false,
  run: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
};

/** Sessions carry no server state here: there are no transactions and no retryable-write log. */
export const noopSessionCommand: CommandDef = { writes: false, run: () => ({ ok: 1 }) };

export const startSessionCommand: CommandDef = {
  writes: false,
  run: () => ({ id: { id: new UUID() }, timeoutMinutes: 30, ok: 1 }),
};

/**
 * Multi-document transactions are refused exactly as a standalone mongod refuses them, rather
 * than accepted and then not rolled back on abort (which would mislead callers).
 */
export function transactionsUnsupported(): CommandError {
  return new CommandError(ErrorCodes.IllegalOperation, 'Transaction numbers are only allowed on a replica set member or mongos');
}

export const transactionCommand: CommandDef = {
  writes: false,
  run: () => {
    throw transactionsUnsupported();
  },
};
