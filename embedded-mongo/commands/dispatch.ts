/**
 * Runs one command: looks it up, applies it synchronously (so commands never interleave and
 * each is atomic), seals its journal ops into one record and waits until that record (and every
 * earlier one) is durable before the reply may go out. Any failure becomes an error reply; an
 * unknown command is CommandNotFound (59), never a crash.
 */
import { docFromWire, type PlainDoc } from '../bson/typed.js';
import type { Durability } from '../storage/durability.js';
import { CommandError, ErrorCodes } from '../errors.js';
import type { CommandContext, CommandDef, CommandReply } from './context.js';
import { findCommand, getMoreCommand, killCursorsCommand } from './cursor-commands.js';
import { findAndModifyCommand } from './find-and-modify.js';
import { createIndexesCommand, dropIndexesCommand, listIndexesCommand } from './index-commands.js';
import {
  createCommand, dbStatsCommand, dropCommand, dropDatabaseCommand, listCollectionsCommand, listDatabasesCommand, renameCollectionCommand,
} from './namespace-commands.js';
import { aggregateCommand, countCommand, distinctCommand } from './read-commands.js';
import {
  buildInfoCommand, connectionStatusCommand, helloCommand, isMasterCommand, noopSessionCommand, pingCommand, serverStatusCommand,
  startSessionCommand, transactionCommand, transactionsUnsupported, whatsMyUriCommand,
} from './server-commands.js';
import { deleteCommand, insertCommand, updateCommand } from './write-commands.js';

export const COMMANDS: ReadonlyMap<string, CommandDef> = new Map<string, CommandDef>([
  ['hello', helloCommand],
  ['isMaster', isMasterCommand],
  ['ismaster', isMasterCommand],
  ['ping', pingCommand],
  ['buildInfo', buildInfoCommand],
  ['buildinfo', buildInfoCommand],
  ['serverStatus', serverStatusCommand],
  ['whatsmyuri', whatsMyUriCommand],
  ['connectionStatus', connectionStatusCommand],
  ['endSessions', noopSessionCommand],
  ['refreshSessions', noopSessionCommand],
  ['killSessions', noopSessionCommand],
  ['killAllSessions', noopSessionCommand],
  ['startSession', startSessionCommand],
  ['commitTransaction', transactionCommand],
  ['abortTransaction', transactionCommand],
  ['create', createCommand],
  ['drop', dropCommand],
  ['dropDatabase', dropDatabaseCommand],
  ['listCollections', listCollectionsCommand],
  ['listDatabases', listDatabasesCommand],
  ['renameCollection', renameCollectionCommand],
  ['dbStats', dbStatsCommand],
  ['createIndexes', createIndexesCommand],
  ['listIndexes', listIndexesCommand],
  ['dropIndexes', dropIndexesCommand],
  ['deleteIndexes', dropIndexesCommand],
  ['insert', insertCommand],
  ['find', findCommand],
  ['getMore', getMoreCommand],
  ['killCursors', killCursorsCommand],
  ['update', updateCommand],
  ['delete', deleteCommand],
  ['findAndModify', findAndModifyCommand],
  ['findandmodify', findAndModifyCommand],
  ['aggregate', aggregateCommand],
  ['count', countCommand],
  ['distinct', distinctCommand],
]);

export interface Executed {
  readonly reply: CommandReply;
  /** Journal sequence to wait for before sending the reply. */
  readonly seq: number;
}

function errorReply(err: unknown, ctx: CommandContext, name: string): PlainDoc {
  if (err instanceof CommandError) return err.toReply();
  ctx.logger.error({ err, command: name }, 'command failed unexpectedly');
  const message = err instanceof Error ? err.message : String(err);
  return { ok: 0, errmsg: message, code: ErrorCodes.InternalError, codeName: 'InternalError' };
}

/**
 * Executes `body` (typed BSON as decoded from the wire). `acknowledged` is false for moreToCome
 * messages: their journal records are fsynced in the background instead of right away.
 */
export function execute(body: PlainDoc, ctx: Omit<CommandContext, 'db'>, durability: Durability, defaultDb: string | undefined, acknowledged: boolean): Executed {
  const { doc: cmd, tags } = docFromWire(body);
  const name = Object.keys(cmd)[0] ?? '';
  const dbArg = cmd['$db'] ?? defaultDb;
  let reply: CommandReply;
  const full: CommandContext = { ...ctx, db: typeof dbArg === 'string' ? dbArg : '' };
  try {
    if (typeof dbArg !== 'string' || dbArg.length === 0) throw new CommandError(ErrorCodes.FailedToParse, 'OP_MSG requests require a $db argument');
    const def = COMMANDS.get(name);
    if (!def) throw new CommandError(ErrorCodes.CommandNotFound, `no such command: '${name}'`);
    if (cmd['startTransaction'] === true || cmd['autocommit'] === false) throw transactionsUnsupported();
    const writes = typeof def.writes === 'function' ? def.writes(cmd) : def.writes;
    if (writes && durability.failed) throw new CommandError(ErrorCodes.InternalError, durability.failed.message);
    reply = def.run(cmd, tags, full);
  } catch (err) {
    reply = errorReply(err, full, name);
  }
  let seq: number;
  try {
    seq = durability.commit(acknowledged);
  } catch (err) {
    return { reply: errorReply(err, full, name), seq: 0 };
  }
  return { reply, seq };
}
