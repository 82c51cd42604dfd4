/**
 * What every command handler gets, and small helpers to read command arguments the way MongoDB
 * validates them (wrong types answer TypeMismatch instead of doing something surprising).
 */
import type { Logger } from 'pino';
import { isPlainObject, type PlainDoc, type Tags } from '../bson/typed.js';
import type { CursorRegistry } from '../engine/cursors.js';
import type { Store } from '../engine/store.js';
import { CommandError, ErrorCodes } from '../errors.js';

export interface ServerInfo {
  readonly startedAt: Date;
  readonly host: string;
  readonly port: number;
  /** Open client connections (serverStatus). */
  connections(): number;
}

export interface CommandContext {
  readonly store: Store;
  readonly cursors: CursorRegistry;
  /** `$db` of the command. */
  readonly db: string;
  readonly connectionId: number;
  readonly logger: Logger;
  readonly server: ServerInfo;
}

/** A reply document, or an already encoded BSON reply (cursor batches). */
export type CommandReply = PlainDoc | Buffer;

export interface CommandDef {
  /** Changes data (refused when the journal has failed); a function when it depends on the arguments. */
  readonly writes: boolean | ((cmd: PlainDoc) => boolean);
  run(cmd: PlainDoc, tags: Tags, ctx: CommandContext): CommandReply;
}

export function typeError(cmdName: string, field: string, value: unknown, expected: string): CommandError {
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return new CommandError(ErrorCodes.TypeMismatch, `BSON field '${cmdName}.${field}' is the wrong type '${actual}', expected type '${expected}'`);
}

export function commandName(cmd: PlainDoc): string {
  return Object.keys(cmd)[0] ?? '';
}

/** The collection named by the command's first field (`{find: "users"}`). */
export function collectionArg(cmd: PlainDoc): string {
  const name = commandName(cmd);
  const v = cmd[name];
  if (typeof v !== 'string' || v.length === 0) {
    throw new CommandError(ErrorCodes.InvalidNamespace, `collection name has invalid type ${v === null ? 'null' : typeof v}`);
  }
  return v;
}

export function optDoc(cmd: PlainDoc, field: string): PlainDoc | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  if (!isPlainObject(v)) throw typeError(commandName(cmd), field, v, 'object');
  return v;
}

export function optNumber(cmd: PlainDoc, field: string): number | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || Number.isNaN(v)) throw typeError(commandName(cmd), field, v, 'number');
  return Math.trunc(v);
}

export function optBool(cmd: PlainDoc, field: string): boolean {
  const v = cmd[field];
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  throw typeError(commandName(cmd), field, v, 'bool');
}

export function docArray(cmd: PlainDoc, field: string): PlainDoc[] {
  const v = cmd[field];
  if (!Array.isArray(v)) throw typeError(commandName(cmd), field, v, 'array');
  return v.map((d, i) => {
    if (!isPlainObject(d)) throw typeError(commandName(cmd), `${field}.${i}`, d, 'object');
    return d;
  });
}

/** The batch size a command asks for in `cursor.batchSize` (or top-level `batchSize`). */
export function batchSizeOf(cmd: PlainDoc, fallback: number): number {
  const cursor = cmd['cursor'];
  const v = isPlainObject(cursor) ? cursor['batchSize'] : cmd['batchSize'];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || v < 0) throw new CommandError(ErrorCodes.BadValue, 'batchSize must be a non-negative number');
  return v === 0 ? 0 : Math.trunc(v);
}
