/**
 * The `writeErrors` entries of insert/update/delete replies. A duplicate key carries keyPattern and
 * keyValue next to code 11000, which is how mongoose builds its E11000 error.
 */
import type { PlainDoc } from '../bson/typed.js';
import { CommandError, ErrorCodes } from '../errors.js';
import type { Logger } from 'pino';

export interface WriteError extends PlainDoc {
  readonly index: number;
  readonly code: number;
  readonly errmsg: string;
}

export function toWriteError(index: number, err: unknown, logger: Logger): WriteError {
  if (err instanceof CommandError) return { index, code: err.code, codeName: err.codeName, errmsg: err.message, ...err.extra };
  logger.error({ err }, 'unexpected error in a write statement');
  return { index, code: ErrorCodes.InternalError, codeName: 'InternalError', errmsg: err instanceof Error ? err.message : String(err) };
}

/** `{n, …, writeErrors?, ok: 1}` */
export function writeReply(fields: PlainDoc, errors: readonly WriteError[]): PlainDoc {
  return errors.length > 0 ? { ...fields, writeErrors: errors, ok: 1 } : { ...fields, ok: 1 };
}
